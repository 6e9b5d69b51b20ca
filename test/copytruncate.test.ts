import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { BIN, runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';

function hasLogrotate(): boolean {
  try {
    execFileSync('logrotate', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const seqs = (text: string): number[] => [...text.matchAll(/seq (\d+)\n/g)].map((m) => Number(m[1]));

/**
 * A log in a directory of its own, rotated by real logrotate (copytruncate, dateext, compress,
 * delaycompress), written about 2,000 lines a second through an O_APPEND descriptor, as a
 * logging library writes.
 */
function rotatedLog() {
  const dir = scratchDir();
  const log = `${dir}/app.log`;
  writeFileSync(log, '');
  writeFileSync(
    `${dir}/logrotate.conf`,
    `${log} {\n  copytruncate\n  dateext\n  dateformat -%Y%m%d-%s\n  rotate 30\n  compress\n  delaycompress\n  missingok\n}\n`,
  );
  let fd = -1;
  let seq = 0;
  let writer: NodeJS.Timeout | undefined;
  let lastRotation = 0;
  // A test that fails midway must not leave the writer running, nor the test file with it.
  after(() => {
    clearInterval(writer);
  });
  return {
    dir,
    log,
    start(): void {
      fd = openSync(log, 'a');
      writer = setInterval(() => {
        let text = '';
        for (let i = 0; i < 10; i++) text += `2026-11-20 10:00:00,000 INFO app: seq ${++seq}\n`;
        writeSync(fd, text);
      }, 5);
    },
    stop(): void {
      clearInterval(writer);
      if (fd !== -1) closeSync(fd);
      fd = -1;
    },
    /**
     * dateext names a copy by the second: a rotation waits for a second after the last one's,
     * and 50 ms into it (logrotate's time(), a coarse clock, may still be a tick behind).
     */
    async rotate(): Promise<void> {
      while (Date.now() < (lastRotation + 1) * 1000 + 50) await sleep(20);
      execFileSync('logrotate', ['-f', '-s', `${dir}/logrotate.state`, `${dir}/logrotate.conf`]);
      lastRotation = Math.floor(Date.now() / 1000);
    },
    get written(): number {
      return seq;
    },
    /**
     * Checks what was read against what the files hold, live and rotated: logrotate itself loses
     * what is written between its copy and its cut, and wsnoise cannot read that; all the rest
     * must come once, in order.
     */
    check(t: TestContext, out: string, rotations: number): void {
      const kept = new Set<number>();
      for (const f of readdirSync(dir).filter((f) => f.startsWith('app.log'))) {
        const bytes = readFileSync(`${dir}/${f}`);
        for (const n of seqs((f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString())) kept.add(n);
      }
      const got = seqs(out);
      const rotated = readdirSync(dir).filter((f) => f.startsWith('app.log-'));
      assert.equal(rotated.length, rotations, `rotations: ${rotated.join(' ')}`);
      assert.equal(new Set(got).size, got.length, 'a line was written twice');
      assert.deepEqual(got, [...got].sort((a, b) => a - b), 'lines out of order');
      const read = new Set(got);
      const lost = [...kept].filter((n) => !read.has(n));
      assert.deepEqual(lost, [], `lost ${lost.length} lines that the files hold`);
      t.diagnostic(`${seq} lines written, ${kept.size} kept by logrotate, ${got.length} read`);
    },
  };
}

test('-F under real logrotate (copytruncate, dateext, compress, delaycompress) and a steady writer: 0 lost, 0 doubled over ten rotations', { timeout: 120_000 }, async (t) => {
  if (!hasLogrotate()) return t.skip('logrotate is not installed (apt-get install logrotate)');
  const app = rotatedLog();
  const follower = spawn(process.execPath, [BIN, 'filter', '-F', '--from-start', app.log], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC' } });
  let out = '';
  let err = '';
  follower.stdout.on('data', (c: Buffer) => (out += c.toString()));
  follower.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => follower.on('close', resolve));
  await sleep(300);
  app.start();
  for (let rotation = 0; rotation < 10; rotation++) {
    await sleep(1000);
    await app.rotate();
  }
  await sleep(300);
  app.stop();
  await sleep(500);
  follower.kill('SIGTERM');
  assert.equal(await exited, 0, err);
  assert.ok(app.written > 15_000, `the writer wrote only ${app.written} lines`);
  app.check(t, out, 10);
});

test('--state under real logrotate (copytruncate, dateext, delaycompress) and a steady writer: each cron run after a cut reads the rest of the copy first; 0 lost, 0 doubled', { timeout: 60_000 }, async (t) => {
  if (!hasLogrotate()) return t.skip('logrotate is not installed (apt-get install logrotate)');
  const app = rotatedLog();
  const run = async (): Promise<void> => {
    const r = await runCli(['filter', '--state', `${app.dir}/state.json`, '-o', `${app.dir}/clean.log`, app.log]);
    assert.equal(r.code, 0, r.stderr);
  };
  app.start();
  // Runs between rotations: the writer goes on meanwhile, so every cut leaves lines after the
  // last run's offset in the copy only.
  for (let rotation = 0; rotation < 4; rotation++) {
    await sleep(150);
    await run();
    await sleep(150);
    await app.rotate();
  }
  await sleep(150);
  app.stop();
  await run();
  assert.ok(app.written > 4_000, `the writer wrote only ${app.written} lines`);
  app.check(t, readFileSync(`${app.dir}/clean.log`, 'utf8'), 4);
  assert.match(readFileSync(`${app.dir}/state.json`, 'utf8'), /"mark":"[0-9a-f]{40}"/);
});
