import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ROOT, runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';
import { BUILTIN_STACKS } from '../src/rules/index.js';
import { SAMPLE_WS_PATHS } from '../src/rule-tools/check-samples.js';

interface Event {
  readonly group: string;
  readonly ranges: [number, number][];
}

// Every stack's first one-line failure sample that is not an error itself: the message a crash may follow.
const failures = BUILTIN_STACKS.flatMap(({ stack, rules }) => {
  const sample = rules
    .filter((r) => r.on !== 'exception' && (r.role ?? 'failure') === 'failure')
    .flatMap((r) => r.samples)
    .find((s) => s.match !== false && s.role === undefined && s.cause !== 'server-error' && s.claimedBy === undefined && !s.text.includes('\n'));
  return sample === undefined ? [] : [{ stack, text: sample.text }];
});
const CRASHES = `${ROOT}fixtures/logs/crashes/`;
const crashes = readdirSync(CRASHES).filter((f) => f.endsWith('.log')).sort();
const routes = SAMPLE_WS_PATHS.flatMap((p) => ['--ws-path', p]);
const dir = scratchDir();

test('the crash dumps are real captures, one per runtime shape', () => {
  assert.deepEqual(crashes, ['go-handler-panic.log', 'go-main-panic.log', 'java-uncaught.log', 'node-rejection-reason.log', 'node-rejection.log', 'node-uncaught.log', 'python-uncaught.log']);
  assert.ok(failures.length >= 25, `failure samples of ${failures.length} stacks`);
});

for (const crash of crashes) {
  test(`${crash} after every stack's failure message: filter keeps every line of it, it is the server's error, and no noise event holds one`, async () => {
    const dump = readFileSync(CRASHES + crash, 'latin1');
    const log = `${dir}/${crash}`;
    // Each failure line, then the dump the process wrote next.
    const blocks = failures.map(({ text }) => `${text}\n${dump}`);
    writeFileSync(log, blocks.join(''), 'latin1');
    const filtered = await runCli(['filter', ...routes, log]);
    assert.equal(filtered.code, 0, filtered.stderr);
    const out = filtered.stdout.toString('latin1');
    assert.equal(out.split(dump).length - 1, failures.length, 'every dump kept whole, byte for byte');
    const events = (await runCli(['classify', ...routes, log])).stdout.toString().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Event);
    const dumpLines = new Set<number>();
    const dumpStarts: number[] = [];
    let no = 1;
    for (const { text } of failures) {
      no += text.split('\n').length;
      dumpStarts.push(no);
      for (let i = 0; i < dump.split('\n').length - 1; i++) dumpLines.add(no + i);
      no += dump.split('\n').length - 1;
    }
    const inError = (n: number): boolean => events.some((e) => e.group === 'error' && e.ranges.some(([a, b]) => n >= a && n <= b));
    for (const start of dumpStarts) assert.ok(inError(start), `the dump at line ${start} is in no error event`);
    for (const event of events.filter((e) => e.group !== 'error')) {
      for (const [a, b] of event.ranges) for (let n = a; n <= b; n++) assert.ok(!dumpLines.has(n), `line ${n} of the dump is in a ${event.group} event`);
    }
  });
}
