import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CaptureName } from '../src/classify/capture-slots.js';
import { captured, unnameCaptures } from '../src/classify/capture-slots.js';
import { BUILTIN_STACKS } from '../src/rules/index.js';
import { compileCatalogue } from '../src/classify/compile-rules.js';
import { expandFragments } from '../src/rules/common.js';

const NAMES: readonly CaptureName[] = ['time', 'ip', 'port', 'path', 'status', 'detail', 'conn', 'header', 'value'];

test('named groups become plain ones, numbered as the pattern numbers them; escapes and classes are not groups', () => {
  const { source, slots } = unnameCaptures(String.raw`^\((a)(?:b)[(](?<ip>\d+)\\(?<port>[^)\]]+)(?<method>GET)(?<detail>.*)$`);
  assert.equal(source, String.raw`^\((a)(?:b)[(](\d+)\\([^)\]]+)(GET)(.*)$`);
  assert.deepEqual(slots, { time: 0, ip: 2, port: 3, path: 0, status: 0, detail: 5, conn: 0, header: 0, value: 0 });
  const m = new RegExp(source).exec('(ab(12\\xyGETrest')!;
  assert.equal(captured(m, slots.ip), '12');
  assert.equal(captured(m, slots.port), 'xy');
  assert.equal(captured(m, slots.detail), 'rest');
  assert.equal(captured(m, slots.path), undefined);
});

test('every built-in rule reads the same captures from its samples as its named pattern does', () => {
  const catalogue = compileCatalogue(BUILTIN_STACKS);
  const compiled = new Map([...catalogue.head, ...catalogue.exception].map((r) => [r.spec.id, r]));
  let checked = 0;
  for (const { rules } of BUILTIN_STACKS) {
    for (const spec of rules) {
      const rule = compiled.get(spec.id)!;
      const named = new RegExp(expandFragments(spec.pattern));
      for (const sample of spec.samples) {
        const line = sample.text.split('\n')[0]!;
        const expected = named.exec(line);
        const got = rule.regex.exec(line);
        assert.equal(got === null, expected === null, `${spec.id}: ${line}`);
        if (expected === null || got === null) continue;
        for (const name of NAMES) assert.equal(captured(got, rule.slots[name]), expected.groups?.[name], `${spec.id} ${name}: ${line}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 300, `${checked} samples matched`);
});
