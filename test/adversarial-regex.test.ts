import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompiledRule } from '../src/classify/compile-rules.js';
import { BUILTIN_STACKS } from '../src/rules/index.js';
import { compileCatalogue } from '../src/classify/compile-rules.js';
import { createClassifier } from '../src/classify/classify.js';
import { WsPaths } from '../src/classify/ws-paths.js';
import type { LogRecord } from '../src/records/record.js';

/**
 * Every built-in pattern (and the catalogue's key regex) against 1 MB lines made to make a
 * backtracking engine blow up: long runs of what the quantifiers accept, put where a sample of
 * the rule has its needle, its middle or its end, with the sample's last character missing so
 * that the pattern nearly matches. Bounded quantifiers keep each of these well under a second.
 */
const MB = 1 << 20;
const LIMIT_MS = 1000;
const catalogue = compileCatalogue(BUILTIN_STACKS);
const rules: readonly CompiledRule[] = [...catalogue.head, ...catalogue.exception];

// What the patterns' quantifiers accept: text, digits, spaces, quotes, escapes, address parts.
const FILLERS = [' ', 'a', '0', '.', ':', '"', "'", '\\x', '[', '-', '0:', 'a ', '\u00e9'];
const runs = new Map(FILLERS.map((f) => [f, f.repeat(Math.ceil(MB / f.length)).slice(0, MB)]));

/** The hostile lines for one rule: each filler run alone, and inside its first sample at a few places. */
function* hostileLines(rule: CompiledRule): Generator<[string, string]> {
  const sample = rule.spec.samples.find((s) => s.match !== false)!.text.split('\n')[0]!;
  const needle = rule.needles.find((n) => sample.includes(n)) ?? '';
  const afterNeedle = sample.indexOf(needle) + needle.length;
  const cuts = [...new Set([afterNeedle, sample.length - 1])];
  yield ['spaces x 1M', runs.get(' ')!];
  for (const [filler, run] of runs) {
    for (const at of cuts) yield [`${JSON.stringify(filler)} x 1M at ${at} of a sample less its last char`, sample.slice(0, at) + run + sample.slice(at, -1)];
  }
  // The needle over and over: the classifier tries the rule where each one is found.
  const many = `${needle} `.repeat(Math.ceil(MB / (needle.length + 1))).slice(0, MB);
  yield ['the needle x 1M after a sample', sample.slice(0, afterNeedle) + many + sample.slice(afterNeedle, -1)];
}

/**
 * Milliseconds of CPU the call took: what a backtracking blow-up costs, whatever else the
 * machine runs (on a loaded 2-core machine a call's wall time doubles while its CPU time does not).
 */
function timed(fn: () => unknown): number {
  const start = process.cpuUsage();
  fn();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

for (const rule of rules) {
  test(`pattern ${rule.spec.id} stays under ${LIMIT_MS} ms on 1 MB hostile lines`, () => {
    let worst = { ms: 0, what: '' };
    for (const [what, line] of hostileLines(rule)) {
      const ms = timed(() => rule.regex.exec(line));
      if (ms > worst.ms) worst = { ms, what };
      assert.ok(ms < LIMIT_MS, `${rule.spec.id} took ${ms.toFixed(0)} ms on ${what}`);
    }
    assert.ok(worst.ms < LIMIT_MS, `slowest: ${worst.what}, ${worst.ms.toFixed(1)} ms`);
  });
}

test('the key regex stays linear on 1 MB lines of near keys and keys', () => {
  const nearKeys = catalogue.keys.source.split('|').map((k) => k.replace(/\\(.)/g, '$1').slice(0, -1) || 'x');
  const lines = [...runs.values(), ...nearKeys.map((k) => k.repeat(Math.ceil(MB / k.length)).slice(0, MB)), 'onn'.repeat(MB / 4)];
  for (const line of lines) {
    const ms = timed(() => {
      const keys = new RegExp(catalogue.keys.source, 'g');
      let found = 0;
      for (let m = keys.exec(line); m !== null && found < 1e7; m = keys.exec(line)) found++;
    });
    assert.ok(ms < LIMIT_MS, `keys took ${ms.toFixed(0)} ms on ${JSON.stringify(line.slice(0, 20))} x`);
  }
});

test('the classifier stays under a second on a 1 MB line holding a rule\'s needle all along', () => {
  const classify = createClassifier(catalogue, new WsPaths(['/ws', '/**']));
  for (const rule of catalogue.head) {
    for (const [what, line] of hostileLines(rule)) {
      if (!what.startsWith('the needle')) continue;
      // Built by hand: the CLI's default --max-line (1M) would pass this line through unread.
      const chunk = Buffer.from(line, 'latin1');
      const record: LogRecord = { lines: [{ chunk, start: 0, end: chunk.length, text: line, no: 1, overlong: false }] };
      const ms = timed(() => classify(record));
      assert.ok(ms < LIMIT_MS, `${rule.spec.id}: the classifier took ${ms.toFixed(0)} ms on ${what}`);
    }
  }
});
