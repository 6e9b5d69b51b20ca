import { test } from 'node:test';
import assert from 'node:assert/strict';
import { portabilityProblems } from '../src/classify/portable-regex.js';
import { compileRule } from '../src/classify/compile-rules.js';

const refused: [string, RegExp][] = [
  ['connection failed', /not anchored/],
  ['^(?=GET)GET', /lookaround/],
  ['^(?<!x)y', /lookaround/],
  ['^(a)\\1', /backreferences/],
  ['^(?<w>a)\\k<w>', /backreferences/],
  ['^(?>a+)b', /atomic/],
  ['^(a+)+$', /unbounded quantifier/],
  ['^(?:\\w+\\s?)*$', /unbounded quantifier/],
  ['^(?:[a-z]+,){2,}$', /unbounded quantifier/],
];
for (const [pattern, why] of refused) {
  test(`the portable subset refuses ${pattern}`, () => {
    assert.match(portabilityProblems(pattern).join('; '), why);
  });
}

const accepted = ['^(?:\\d{1,3}\\.){3}\\d{1,3}$', '^[^"\\n]{0,8000}" (?<status>\\d{3})$', '^(?:a|b)+c$', '^x[(+*)]{0,9}(?:y{1,4}z){0,6}$', '^\\[\\(a+\\)\\]'];
for (const pattern of accepted) {
  test(`the portable subset accepts ${pattern}`, () => assert.deepEqual(portabilityProblems(pattern), []));
}

test('a rule outside the subset is refused at compile time, naming the rule and the reason', () => {
  const rule = { id: 'x/bad', desc: 'd', source: 's', needle: 'a', pattern: '^(a+)+$', cause: 'bad-key' as const, samples: [] };
  assert.throws(() => compileRule(rule, 'x', 'rules.yaml'), /^RuleError: rules\.yaml: rule x\/bad: its pattern a repeated group holds an unbounded quantifier/);
  assert.throws(() => compileRule({ ...rule, pattern: '^a', cause: 'bad-keys' as never }, 'x', 'rules.yaml'), /unknown cause "bad-keys"; valid causes: not-websocket/);
});
