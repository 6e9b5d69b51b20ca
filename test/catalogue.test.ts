import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleSample, RuleSpec } from '../src/rules/rule.js';
import { BUILTIN_STACKS } from '../src/rules/index.js';
import { STACK_IDS } from '../src/rules/stack-ids.js';
import { compileCatalogue } from '../src/classify/compile-rules.js';
import { sampleProblem } from '../src/rule-tools/check-samples.js';
import { exceptionLines } from '../src/classify/traceback.js';
import { recordOf } from './support/records.js';

const catalogue = compileCatalogue(BUILTIN_STACKS);

/** The checks `--rules` files get too (src/rule-tools/check-samples.ts), on every built-in sample. */
function checkSample(rule: RuleSpec, sample: RuleSample): void {
  assert.equal(sampleProblem(catalogue, rule, sample, () => true), null, sample.note ?? sample.text.slice(0, 160));
}

for (const { stack, rules } of BUILTIN_STACKS) {
  for (const rule of rules) {
    test(`rule ${rule.id}`, () => {
      assert.ok(rule.desc.length > 0 && rule.source.length > 0, 'every rule says what it is and where it comes from');
      assert.ok(rule.id.startsWith(`${stack}/`));
      assert.ok(rule.samples.some((s) => s.match !== false), 'regex has no samples');
      for (const sample of rule.samples) checkSample(rule, sample);
    });
  }
}

test('every failure rule that reads an address has a near miss with an address planted where a client controls it', () => {
  for (const { rules } of BUILTIN_STACKS) {
    for (const rule of rules) {
      if (!rule.pattern.includes('(?<ip>') && !/\{(IP|PYADDR|HOSTPORT)\}/.test(rule.pattern)) continue;
      assert.ok(rule.samples.some((s) => s.match === false || (s.ip !== undefined && s.note?.includes('inject'))), `${rule.id} has no injection sample`);
    }
  }
});

/** Stacks whose exception rules read Java stack traces; the others', Python tracebacks. */
const JAVA_STACKS = new Set(['netty', 'tomcat', 'jetty', 'spring', 'undertow']);

test('exception samples sit where the classifier finds them: the end of a Python traceback, a Java trace\'s header or Caused by', () => {
  for (const { stack, rules } of BUILTIN_STACKS) {
    for (const rule of rules.filter((r) => r.on === 'exception')) {
      for (const s of rule.samples.filter((x) => x.match !== false)) {
        if (!JAVA_STACKS.has(stack)) {
          const record = recordOf(`x\nTraceback (most recent call last):\n  File "a.py", line 1, in f\n${s.text}`);
          assert.deepEqual(exceptionLines(record), [s.text]);
          continue;
        }
        assert.deepEqual(exceptionLines(recordOf(`x\n${s.text}\n\tat a.B.c(B.java:1)`)), [s.text], rule.id);
        const wrapped = recordOf(`x\njava.lang.RuntimeException: wrapped\n\tat a.B.c(B.java:1)\nCaused by: ${s.text}\n\t... 1 more`);
        assert.deepEqual(exceptionLines(wrapped), [s.text, 'java.lang.RuntimeException: wrapped'], rule.id);
      }
    }
  }
});

test('the stack ids that help and --stack use without loading the rules are the catalogue\'s, in order', () => {
  assert.deepEqual([...STACK_IDS], BUILTIN_STACKS.map((s) => s.stack));
});
