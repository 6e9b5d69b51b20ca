import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { BIN } from './support/cli.js';
import { scratchDir } from './support/files.js';

const dir = scratchDir();
const FLUSH_MS = 200;
/** Machines here are noisy: a delay is checked against flush-ms plus this much. */
const MARGIN_MS = 1500;

/** Runs `tail -f FILE | wsnoise ARGS` and resolves each time wsnoise writes. */
function tailInto(file: string, args: string[]) {
  const tail = spawn('tail', ['-n', '+1', '-f', file], { stdio: ['ignore', 'pipe', 'ignore'] });
  const ws = spawn(process.execPath, [BIN, ...args], { stdio: [tail.stdout, 'pipe', 'pipe'] });
  let out = '';
  const waiters: (() => void)[] = [];
  ws.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    waiters.splice(0).forEach((w) => w());
  });
  return {
    output: () => out,
    async waitFor(text: string, limitMs: number): Promise<number> {
      const start = performance.now();
      while (!out.includes(text)) {
        const left = limitMs - (performance.now() - start);
        assert.ok(left > 0, `no ${JSON.stringify(text)} within ${limitMs} ms; got ${JSON.stringify(out)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left);
        });
      }
      return performance.now() - start;
    },
    stop() {
      tail.kill();
      ws.kill();
    },
  };
}

for (const command of ['filter', 'records']) {
  test(`tail -f | wsnoise ${command}: a pending record comes out after flush-ms of silence`, async () => {
    const file = `${dir}/${command}.log`;
    writeFileSync(file, '2026-11-20 10:00:00,000 INFO app: first\n');
    const run = tailInto(file, [command, '--flush-ms', String(FLUSH_MS)]);
    try {
      await run.waitFor('first', FLUSH_MS + MARGIN_MS);
      appendFileSync(file, '2026-11-20 10:00:01,000 ERROR app: failed\nTraceback (most recent call last):\n');
      await new Promise((r) => setTimeout(r, 50));
      appendFileSync(file, '  File "x.py", line 1, in f\nValueError: boom\n');
      const waited = await run.waitFor(command === 'filter' ? 'ValueError: boom' : '"last":5', FLUSH_MS + MARGIN_MS);
      assert.ok(waited < FLUSH_MS + MARGIN_MS);
      if (command === 'records') {
        const rows = run.output().trim().split('\n').map((l) => JSON.parse(l) as { first: number; last: number });
        assert.deepEqual(rows.map((r) => [r.first, r.last]), [[1, 1], [2, 5]], 'a pause shorter than flush-ms does not split a record');
      }
    } finally {
      run.stop();
    }
  });
}

test('tail -f | wsnoise filter: a line that cannot open a failure is written at once; one that can waits for its event', async () => {
  const file = `${dir}/latency.log`;
  writeFileSync(file, '');
  const flushMs = 3000;
  const run = tailInto(file, ['filter', '--flush-ms', String(flushMs)]);
  try {
    await new Promise((r) => setTimeout(r, 300));
    appendFileSync(file, '2026-11-20 10:00:00,000 INFO app.api: request handled in 12 ms\n');
    const plain = await run.waitFor('request handled', flushMs);
    assert.ok(plain < 1000, `a plain line took ${plain.toFixed(0)} ms (flush-ms is ${flushMs})`);
    appendFileSync(file, '2026-11-20 10:00:01,000 INFO websockets.server: connection failed (426 Upgrade Required)\n');
    await new Promise((r) => setTimeout(r, 500));
    appendFileSync(file, '2026-11-20 10:00:01,500 INFO app.api: after the failure\n');
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(!run.output().includes('after the failure'), 'lines after a possible failure wait behind it, in order');
    appendFileSync(file, '2026-11-20 10:00:01,900 INFO websockets.server: connection closed\n2026-11-20 10:00:02,000 INFO app.api: done\n');
    const done = await run.waitFor('done', flushMs);
    assert.ok(done < 1000, `once the event was whole the lines came out after ${done.toFixed(0)} ms`);
    assert.equal(
      run.output(),
      '2026-11-20 10:00:00,000 INFO app.api: request handled in 12 ms\n2026-11-20 10:00:01,500 INFO app.api: after the failure\n2026-11-20 10:00:02,000 INFO app.api: done\n',
    );
  } finally {
    run.stop();
  }
});
