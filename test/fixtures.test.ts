import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { ROOT, runCli } from './support/cli.js';
import { CAUSES, type Cause } from '../src/classify/causes.js';
import { REMOVED_BY_DEFAULT } from '../src/sinks/remove-policy.js';

/** One line of `X.expect.jsonl`: an event the log holds, with all its lines. */
interface Expected {
  readonly cause: Cause;
  readonly ip: string | null;
  readonly port: number | null;
  readonly status: number | null;
  readonly ranges: [number, number][];
}

const LOGS = `${ROOT}fixtures/logs/`;
/** Extra arguments a fixture is read with (the WebSocket routes its server had), by path. */
const ARGS = JSON.parse(readFileSync(`${LOGS}args.json`, 'utf8')) as Record<string, string[]>;
/** Logs whose events are known not to be read exactly yet, with why: their classify test is a todo (it runs, and says so). */
const KNOWN_MISSES = JSON.parse(readFileSync(`${LOGS}known-misses.json`, 'utf8')) as Record<string, string>;
/** Logs whose filter output is known to differ from their expectations, with why (a known miss that moves lines): that test is a todo too. */
const KNOWN_FILTER_MISSES = JSON.parse(readFileSync(`${LOGS}known-filter-misses.json`, 'utf8')) as Record<string, string>;

/** Splits bytes into lines, each keeping its ending, as a byte-exact filter sees them. */
function lines(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, start)) {
    out.push(bytes.subarray(start, nl + 1));
    start = nl + 1;
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

function inRanges(no: number, events: readonly Expected[]): boolean {
  return events.some((e) => e.ranges.some(([a, b]) => no >= a && no <= b));
}

for (const stack of readdirSync(LOGS).filter((d) => !d.includes('.')).sort()) {
  for (const log of readdirSync(`${LOGS}${stack}`).filter((f) => f.endsWith('.log')).sort()) {
    const expectFile = `${LOGS}${stack}/${log.replace(/\.log$/, '.expect.jsonl')}`;
    if (!existsSync(expectFile)) continue;
    const path = `fixtures/logs/${stack}/${log}`;
    const args = ARGS[`${stack}/${log}`] ?? [];
    const expected = readFileSync(expectFile, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Expected);
    const input = readFileSync(ROOT + path);

    const todo = KNOWN_MISSES[`${stack}/${log}`];
    test(`${path}: classify finds exactly the expected events`, todo === undefined ? {} : { todo }, async () => {
      const r = await runCli(['classify', ...args, path]);
      assert.equal(r.code, 0, r.stderr);
      const got = r.stdout.toString().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Expected & { file: string; group: string });
      assert.deepEqual(
        got.map(({ cause, ip, port, status, ranges }) => ({ cause, ip, port, status, ranges })),
        expected.map(({ cause, ip, port, status, ranges }) => ({ cause, ip, port, status, ranges })),
      );
      for (const e of got) {
        assert.equal(e.group, CAUSES[e.cause]);
        assert.equal(e.file, path);
      }
    });

    const filterTodo = KNOWN_FILTER_MISSES[`${stack}/${log}`];
    test(`${path}: filter removes the noise byte for byte and keeps every real error`, filterTodo === undefined ? {} : { todo: filterTodo }, async () => {
      const removed = expected.filter((e) => REMOVED_BY_DEFAULT.has(CAUSES[e.cause]));
      const all = lines(input);
      const kept = Buffer.concat(all.filter((_, i) => !inRanges(i + 1, removed)));
      const onlyRemoved = Buffer.concat(all.filter((_, i) => inRanges(i + 1, removed)));
      const filtered = await runCli(['filter', ...args, path]);
      assert.equal(filtered.code, 0, filtered.stderr);
      assert.ok(filtered.stdout.equals(kept), 'filter output differs from the input less the removed events');
      const only = await runCli(['filter', '--only', ...args, path]);
      assert.ok(only.stdout.equals(onlyRemoved), '--only differs from the removed events');
    });
  }
}
