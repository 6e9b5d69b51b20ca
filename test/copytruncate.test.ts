import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { BIN } from './support/cli.js';
import { scratchDir } from './support/files.js';

const dir = scratchDir();

function hasLogrotate(): boolean {
  try {
    execFileSync('logrotate', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const seqs = (text: string): number[] => [...text.matchAll(/seq (\d+)\n/g)].map((m) => Number(m[1]));

test('-F under real logrotate (copytruncate, dateext, compress, delaycompress) and a steady writer: 0 lost, 0 doubled over ten rotations', { timeout: 120_000 }, async (t) => {
  if (!hasLogrotate()) return t.skip('logrotate is not installed (apt-get install logrotate)');
  const log = `${dir}/app.log`;
  writeFileSync(log, '');
  writeFileSync(
    `${dir}/logrotate.conf`,
    `${log} {\n  copytruncate\n  dateext\n  dateformat -%Y%m%d-%s\n  rotate 30\n  compress\n  delaycompress\n  missingok\n}\n`,
  );
  const follower = spawn(process.execPath, [BIN, 'filter', '-F', '--from-start', log], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC' } });
  let out = '';
  let err = '';
  follower.stdout.on('data', (c: Buffer) => (out += c.toString()));
  follower.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => follower.on('close', resolve));
  await sleep(300);
  // About 2,000 lines a second through an O_APPEND descriptor, as a logging library writes.
  const fd = openSync(log, 'a');
  let seq = 0;
  const writer = setInterval(() => {
    let text = '';
    for (let i = 0; i < 10; i++) text += `2026-11-20 10:00:00,000 INFO app: seq ${++seq}\n`;
    writeSync(fd, text);
  }, 5);
  for (let rotation = 0; rotation < 10; rotation++) {
    await sleep(1100);
    execFileSync('logrotate', ['-f', '-s', `${dir}/logrotate.state`, `${dir}/logrotate.conf`]);
  }
  await sleep(300);
  clearInterval(writer);
  closeSync(fd);
  await sleep(500);
  follower.kill('SIGTERM');
  assert.equal(await exited, 0, err);
  // What the files hold, live and rotated: logrotate itself loses what is written between its
  // copy and its cut, and wsnoise cannot read that; all the rest must come once, in order.
  const kept = new Set<number>();
  for (const f of readdirSync(dir).filter((f) => f.startsWith('app.log'))) {
    const bytes = readFileSync(`${dir}/${f}`);
    for (const n of seqs((f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString())) kept.add(n);
  }
  const got = seqs(out);
  const rotated = readdirSync(dir).filter((f) => f.startsWith('app.log-'));
  assert.equal(rotated.length, 10, `rotations: ${rotated.join(' ')}`);
  assert.ok(seq > 15_000, `the writer wrote only ${seq} lines`);
  assert.equal(new Set(got).size, got.length, 'a line was written twice');
  assert.deepEqual(got, [...got].sort((a, b) => a - b), 'lines out of order');
  const read = new Set(got);
  const lost = [...kept].filter((n) => !read.has(n));
  assert.deepEqual(lost, [], `lost ${lost.length} lines that the files hold`);
  t.diagnostic(`${seq} lines written, ${kept.size} kept by logrotate, ${got.length} read`);
});
