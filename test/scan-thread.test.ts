import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli.js';

/** Every fixture log, whole, in a stable order. */
function fixtureLogs(dir: string): Buffer[] {
  const out: Buffer[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...fixtureLogs(path));
    else if (name.endsWith('.log')) out.push(readFileSync(path));
  }
  return out;
}

/**
 * A file just past the size from which a second thread reads it (16 MB): the fixture logs over and
 * over, with what the splitter must carry across chunks (a line longer than a chunk, one longer
 * than --max-line, CRLF, bytes that are not UTF-8) and no last newline.
 */
function bigLog(): string {
  const logs = fixtureLogs(new URL('../../fixtures/logs', import.meta.url).pathname);
  const odd = Buffer.concat([
    Buffer.from(`2026-11-20 10:00:00,000 INFO app: ${'x'.repeat(300_000)}\n`),
    Buffer.from(`2026-11-20 10:00:00,000 INFO app: ${'y'.repeat(1_200_000)}\r\n`),
    Buffer.from('2026-11-20 10:00:01,000 INFO websockets.server: connection failed (426 Upgrade Required)\r\n'),
    Buffer.from([0xff, 0xfe, 0x20, 0xc3, 0x28, 0x0a]),
  ]);
  const parts: Buffer[] = [];
  let size = 0;
  for (let round = 0; size < 17 * 1024 * 1024; round++) {
    for (const log of logs) {
      parts.push(log);
      size += log.length;
    }
    if (round % 3 === 0) {
      parts.push(odd);
      size += odd.length;
    }
  }
  parts.push(Buffer.from('2026-11-20 10:00:02,000 INFO websockets.server: connection closed'));
  const path = join(mkdtempSync(join(tmpdir(), 'wsnoise-scan-')), 'big.log');
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

test('a large file read by the scan thread gives byte for byte what one thread gives', async () => {
  const path = bigLog();
  // `filter --stats` is filter's output (stdout) and the summary table (stderr) in one run.
  for (const args of [['filter', '--stats'], ['filter', '--only', '--collapse'], ['classify'], ['summary', '--format', 'json']]) {
    const alone = await runCli([...args, path], { env: { WSNOISE_SCAN_THREAD: 'off' } });
    assert.equal(alone.code, 0, alone.stderr);
    assert.ok(alone.stdout.length > 0);
    // auto: this side reads until the thread is ready, the thread the rest; on: the thread reads it all.
    for (const mode of ['auto', 'on']) {
      const threaded = await runCli([...args, path], { env: { WSNOISE_SCAN_THREAD: mode } });
      assert.equal(threaded.code, 0, threaded.stderr);
      assert.ok(threaded.stdout.equals(alone.stdout), `${args.join(' ')} with the scan thread ${mode}`);
      assert.equal(threaded.stderr, alone.stderr, `${args.join(' ')} with the scan thread ${mode}: stderr`);
    }
  }
});
