import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleSample, RuleSpec } from '../src/rules/rule.js';
import { BUILTIN_STACKS } from '../src/rules/index.js';
import { STACK_IDS } from '../src/rules/stack-ids.js';
import { compileCatalogue, hasNeedle } from '../src/classify/compile-rules.js';
import { createClassifier } from '../src/classify/classify.js';
import { WsPaths } from '../src/classify/ws-paths.js';
import { exceptionLines } from '../src/classify/traceback.js';
import { recordOf } from './support/records.js';

/** The samples' WebSocket routes: declared, as a user would with --ws-path. */
const SAMPLE_WS_PATHS = ['/ws', '/ws/**', '/socket', '/chat'];
const catalogue = compileCatalogue(BUILTIN_STACKS);

function claimants(text: string, on: 'head' | 'exception'): string[] {
  const rules = on === 'head' ? catalogue.head : catalogue.exception;
  return rules.filter((r) => hasNeedle(r, text) && r.regex.test(text)).map((r) => r.spec.id);
}

function checkSample(rule: RuleSpec, sample: RuleSample): void {
  const on = rule.on ?? 'head';
  const first = sample.text.split('\n')[0]!;
  if (sample.match === false) {
    // A near miss is never taken by its own rule, nor taken for a failure by any rule but the
    // one it names in `claimedBy` (it may be another rule's part of a conversation, such as a
    // request header at DEBUG).
    if (on === 'exception') {
      assert.deepEqual(claimants(first, 'exception'), [], `near miss claimed: ${sample.note ?? sample.text}`);
      return;
    }
    const verdict = createClassifier(catalogue, new WsPaths(SAMPLE_WS_PATHS))(recordOf(sample.text));
    assert.notEqual(verdict?.head, rule.id, `near miss claimed by its own rule: ${sample.note ?? sample.text}`);
    if (sample.claimedBy !== undefined) assert.equal(verdict?.head, sample.claimedBy, `near miss not taken by ${sample.claimedBy}`);
    else assert.equal(verdict?.cause ?? null, null, `near miss taken for a failure by ${verdict?.head}: ${sample.note ?? sample.text}`);
    return;
  }
  const needles = typeof rule.needle === 'string' ? [rule.needle] : rule.needle;
  assert.ok(needles.some((n) => first.includes(n)), `sample lacks the needle ${JSON.stringify(rule.needle)}`);
  assert.deepEqual(claimants(first, on), [rule.id], 'a positive sample is claimed by exactly its own rule');
  if (on === 'exception') return;
  const verdict = createClassifier(catalogue, new WsPaths(SAMPLE_WS_PATHS))(recordOf(sample.text));
  assert.ok(verdict !== null, 'the classifier gave no verdict');
  const got = { role: verdict.role, cause: verdict.cause, ip: verdict.ip, port: verdict.port, status: verdict.status, detail: verdict.detail, time: verdict.time };
  for (const key of ['role', 'cause', 'ip', 'port', 'status', 'detail', 'time'] as const) {
    if (sample[key] !== undefined) assert.deepEqual(got[key], sample[key], `${key} of ${JSON.stringify(sample.text.slice(0, 120))}`);
  }
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

test('exception samples sit at the end of a traceback as the classifier sees them', () => {
  for (const { rules } of BUILTIN_STACKS) {
    for (const rule of rules.filter((r) => r.on === 'exception')) {
      for (const s of rule.samples.filter((x) => x.match !== false)) {
        const record = recordOf(`x\nTraceback (most recent call last):\n  File "a.py", line 1, in f\n${s.text}`);
        assert.deepEqual(exceptionLines(record), [s.text]);
      }
    }
  }
});

test('the stack ids that help and --stack use without loading the rules are the catalogue\'s, in order', () => {
  assert.deepEqual([...STACK_IDS], BUILTIN_STACKS.map((s) => s.stack));
});
