import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { BIN } from './support/cli.js';
import { scratchDir } from './support/files.js';

const dir = scratchDir();

/** Runs wsnoise, SIGKILLed after `killAfterMs` if still running; its stdout, and whether it finished. */
function runKilled(args: string[], killAfterMs: number | null): Promise<{ stdout: string; finished: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const timer = killAfterMs === null ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, finished: code === 0 });
    });
  });
}

/** A log written by an application through an O_APPEND descriptor, rotated like logrotate. */
function appLog(path: string) {
  let fd = openSync(path, 'a');
  let seq = 0;
  return {
    write(n: number): void {
      let text = '';
      for (let i = 0; i < n; i++) text += `2026-11-20 10:00:00,000 INFO app: seq ${++seq}\n`;
      writeSync(fd, text);
    },
    rotate(compress: boolean): void {
      if (existsSync(`${path}.1.gz`)) unlinkSync(`${path}.1.gz`);
      renameSync(path, `${path}.1`);
      if (compress) {
        writeFileSync(`${path}.1.gz`, gzipSync(readFileSync(`${path}.1`)));
        unlinkSync(`${path}.1`);
      }
      closeSync(fd);
      fd = openSync(path, 'a');
    },
    get written(): number {
      return seq;
    },
  };
}

const seqs = (text: string): number[] => text.split('\n').filter((l) => l !== '').map((l) => Number(/seq (\d+)$/.exec(l)![1]));
/** Deterministic kill times: 0 to 45 ms, and now and then none. */
const killTimes = Array.from({ length: 40 }, (_, i) => (i % 7 === 6 ? null : (i * 37) % 46));

test('--state with --output: runs killed with SIGKILL at many points neither lose nor double a line', { timeout: 120_000 }, async () => {
  const log = `${dir}/a/app.log`;
  const args = ['filter', '--state', `${dir}/a/state.json`, '-o', `${dir}/a/clean.log`, log];
  mkdirSync(`${dir}/a`);
  const app = appLog(log);
  let killed = 0;
  for (const [i, killAfter] of killTimes.entries()) {
    app.write(400);
    if (i % 8 === 7) {
      // Rotation happens between finished runs, as logrotate's between cron jobs.
      await runKilled(args, null);
      app.rotate(i % 16 === 15);
      app.write(50);
    }
    const r = await runKilled(args, killAfter);
    if (!r.finished) killed++;
  }
  await runKilled(args, null);
  assert.ok(killed >= 10, `only ${killed} runs were killed`);
  assert.deepEqual(seqs(readFileSync(`${dir}/a/clean.log`, 'utf8')), Array.from({ length: app.written }, (_, i) => i + 1));
});

test('--state to stdout: SIGKILLed runs lose nothing; only what a killed run printed can come again', { timeout: 120_000 }, async () => {
  const log = `${dir}/b/app.log`;
  const args = ['filter', '--state', `${dir}/b/state.json`, log];
  mkdirSync(`${dir}/b`);
  const app = appLog(log);
  const seen: number[] = [];
  const again = new Set<number>();
  for (const [i, killAfter] of killTimes.entries()) {
    app.write(400);
    if (i % 8 === 7) {
      seen.push(...seqs((await runKilled(args, null)).stdout));
      app.rotate(i % 16 === 15);
      app.write(50);
    }
    const r = await runKilled(args, killAfter);
    const got = seqs(r.stdout);
    if (!r.finished) got.forEach((n) => again.add(n));
    seen.push(...got);
  }
  seen.push(...seqs((await runKilled(args, null)).stdout));
  const firsts = [...new Set(seen)];
  assert.deepEqual(firsts, Array.from({ length: app.written }, (_, i) => i + 1), 'every line, in order');
  const counts = new Map<number, number>();
  for (const n of seen) counts.set(n, (counts.get(n) ?? 0) + 1);
  for (const [n, c] of counts) if (c > 1) assert.ok(again.has(n), `line ${n} came twice though no killed run printed it`);
});

test('a state written before marks were kept still loads and resumes; a mark that is not a hash is exit 2 naming the field', async () => {
  const { runCli } = await import('./support/cli.js');
  mkdirSync(`${dir}/c`);
  const log = `${dir}/c/app.log`;
  const state = `${dir}/c/state.json`;
  const app = appLog(log);
  app.write(3);
  assert.deepEqual(seqs((await runCli(['filter', '--state', state, log])).stdout.toString()), [1, 2, 3]);
  const saved = JSON.parse(readFileSync(state, 'utf8')) as { files: Record<string, { mark?: string }> };
  assert.match(saved.files[log]!.mark ?? '', /^[0-9a-f]{40}$/);
  delete saved.files[log]!.mark;
  writeFileSync(state, JSON.stringify(saved));
  app.write(2);
  assert.deepEqual(seqs((await runCli(['filter', '--state', state, log])).stdout.toString()), [4, 5]);
  const bad = JSON.parse(readFileSync(state, 'utf8')) as { files: Record<string, { mark?: string }> };
  bad.files[log]!.mark = 'xyz';
  writeFileSync(state, JSON.stringify(bad));
  const r = await runCli(['filter', '--state', state, log]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /files\[".*app\.log"\]\.mark must be a string like/);
});
