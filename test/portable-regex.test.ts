import { test } from 'node:test';
import assert from 'node:assert/strict';
import { portabilityProblems } from '../src/classify/portable-regex.js';
import { compileRule } from '../src/classify/compile-rules.js';
import { parseRegex } from '../src/classify/regex-tree.js';
import { BUILTIN_STACKS } from '../src/rules/index.js';
import { expandFragments } from '../src/rules/common.js';

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
  ['^(a|a)*$', /alternatives that may match the same text, \(a\|a\) \(like \(a\|a\)\*\)/],
  ['^(?:a|ab)+$', /same text, \(\?:a\|ab\)/],
  ['^x(?:\\w|\\d){3,}$', /same text, \(\?:\\w\|\\d\)/],
  ['^(?:.|\\s)*$', /same text/],
  ['^(?:[^a]|b)*$', /same text/],
  ['^(?:\\xe9|\\u00e9)*$', /same text/],
  ['^(?:[\\b]|\\010|\\cH)*$', /same text/],
  ['^(?:a|b?)*$', /same text, \(\?:a\|b\?\)/],
  ['^(?:x(?:y|yz))*$', /same text, \(\?:y\|yz\)/],
  ['^(?:\\d{1,3}x|\\d{3}y)*$', /same text/],
  // Bounded repeats multiply: this one took 40 s on 24 a's.
  ['^(?:(?:a|a){0,5}){0,5}$', /same text, \(\?:a\|a\)/],
];
for (const [pattern, why] of refused) {
  test(`the portable subset refuses ${pattern}`, () => {
    assert.match(portabilityProblems(pattern).join('; '), why);
  });
}

const accepted = [
  '^(?:\\d{1,3}\\.){3}\\d{1,3}$',
  '^[^"\\n]{0,8000}" (?<status>\\d{3})$',
  '^(?:a|b)+c$',
  '^x[(+*)]{0,9}(?:y{1,4}z){0,6}$',
  '^\\[\\(a+\\)\\]',
  // Alternatives that cannot match the same text: they differ at their first character, or at
  // a later one of a fixed-width start; alternatives that are not repeated.
  '^(?:.|\\n)*$',
  '^(?:[^"\\\\\\n]|\\\\[^\\n]){1,4000}$',
  '^(?:[^a]|a)*$',
  '^(?:ab|ac)*$',
  '^(?:\\x1b\\[[0-9;]{0,12}m|\\x1b\\(B){0,3}$',
  '^(?:\\d{3}x|\\d{3}y)+$',
  '^(?:a|a)?(?:Z| ?[+-]\\d\\d)$',
];
for (const pattern of accepted) {
  test(`the portable subset accepts ${pattern}`, () => assert.deepEqual(portabilityProblems(pattern), []));
}

test('a rule outside the subset is refused at compile time, naming the rule and the reason', () => {
  const rule = { id: 'x/bad', desc: 'd', source: 's', needle: 'a', pattern: '^(a+)+$', cause: 'bad-key' as const, samples: [] };
  assert.throws(() => compileRule(rule, 'x', 'rules.yaml'), /^RuleError: rules\.yaml: rule x\/bad: its pattern a repeated group holds an unbounded quantifier/);
  assert.throws(() => compileRule({ ...rule, pattern: '^a', cause: 'bad-keys' as never }, 'x', 'rules.yaml'), /unknown cause "bad-keys"; valid causes: not-websocket/);
});

test('the check of alternatives reads every built-in pattern (a pattern it cannot read is left to new RegExp)', () => {
  for (const { rules } of BUILTIN_STACKS) {
    for (const rule of rules) assert.doesNotThrow(() => parseRegex(expandFragments(rule.pattern)), rule.id);
  }
});
