import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';

const dir = scratchDir();
const LINES = 200_000;

function writeLog(path: string): void {
  let text = '';
  for (let i = 1; i <= LINES; i++) text += `2026-11-20 10:00:00,000 INFO app: seq ${i}\n`;
  writeFileSync(path, text);
}

function caseDir(name: string): { log: string; state: string; lock: string } {
  mkdirSync(`${dir}/${name}`);
  const log = `${dir}/${name}/app.log`;
  writeLog(log);
  return { log, state: `${dir}/${name}/state.json`, lock: `${dir}/${name}/state.json.lock` };
}

interface Holder {
  readonly child: ChildProcessWithoutNullStreams;
  /** Starts reading its output; resolves with it and the exit code once it has exited. */
  finish(): Promise<{ code: number | null; stdout: string }>;
}

/**
 * A run that holds the lock as long as the test likes: its stdout is not read until finish(), so
 * it blocks on the full pipe part-way through its 9 MB of output.
 */
async function holdLock(args: string[], lock: string): Promise<Holder> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', NO_COLOR: '1' } });
  child.stdout.pause();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  for (let i = 0; i < 400 && !existsSync(lock); i++) await sleep(10);
  assert.ok(existsSync(lock), 'the first run took no lock');
  return {
    child,
    async finish() {
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stdout.resume();
      return { code: await exited, stdout };
    },
  };
}

const seqs = (text: string): number[] => text.split('\n').filter((l) => l !== '').map((l) => Number(/seq (\d+)$/.exec(l)![1]));
const all = Array.from({ length: LINES }, (_, i) => i + 1);

test('two runs on one --state at once: the second exits 75 naming the holder, and no line is written twice', { timeout: 60_000 }, async () => {
  const { log, state, lock } = caseDir('busy');
  const first = await holdLock(['filter', '--state', state, log], lock);
  const second = await runCli(['filter', '--state', state, log]);
  assert.equal(second.code, 75, second.stderr);
  assert.equal(second.stdout.length, 0);
  assert.equal(second.stderr, `wsnoise: the state file ${state} is in use by another run, pid ${first.child.pid} (lock ${lock}); --wait-lock SECONDS waits for it\n`);
  const done = await first.finish();
  assert.equal(done.code, 0);
  assert.deepEqual(seqs(done.stdout), all);
  assert.equal(existsSync(lock), false, 'the lock is left behind');
  const again = await runCli(['filter', '--state', state, log]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout.length, 0, 'the state was not kept');
});

test('--wait-lock: the second run waits for the first and then reads only what is new', { timeout: 60_000 }, async () => {
  const { log, state, lock } = caseDir('wait');
  const first = await holdLock(['filter', '--state', state, log], lock);
  const second = runCli(['filter', '--wait-lock', '30', '--state', state, log]);
  await sleep(500);
  const done = await first.finish();
  const waited = await second;
  assert.equal(done.code, 0);
  assert.equal(waited.code, 0, waited.stderr);
  assert.deepEqual(seqs(done.stdout + waited.stdout.toString()), all);
});

test('--wait-lock SECONDS that run out: exit 75, after about that long', { timeout: 60_000 }, async () => {
  const { log, state, lock } = caseDir('timeout');
  const first = await holdLock(['filter', '--state', state, log], lock);
  const started = Date.now();
  const second = await runCli(['filter', '--wait-lock', '1', '--state', state, log]);
  const took = Date.now() - started;
  assert.equal(second.code, 75, second.stderr);
  assert.match(second.stderr, new RegExp(`^wsnoise: the state file .* is in use by another run, pid ${first.child.pid} \\(lock .*\\) after waiting 1 s\\n$`));
  assert.ok(took >= 1000, `gave up after ${took} ms`);
  assert.equal((await first.finish()).code, 0);
});

test('the issue: two filter --state -o runs started together, again and again, write every line once', { timeout: 120_000 }, async () => {
  const { log, state } = caseDir('together');
  const out = `${dir}/together/clean.log`;
  const codes: (number | null)[] = [];
  for (let round = 0; round < 3; round++) {
    const args = ['filter', '--state', state, '-o', out, log];
    const [a, b] = await Promise.all([runCli(args), runCli(args)]);
    codes.push(a.code, b.code);
    for (const r of [a, b]) assert.ok(r.code === 0 || (r.code === 75 && /^wsnoise: the state file .* pid \d+ /.test(r.stderr)), `exit ${r.code}: ${r.stderr}`);
    const waiting = ['filter', '--wait-lock', '60', '--state', state, '-o', out, log];
    const [c, d] = await Promise.all([runCli(waiting), runCli(waiting)]);
    assert.deepEqual([c.code, d.code], [0, 0], c.stderr + d.stderr);
    writeFileSync(log, readFileSync(log, 'utf8') + `2026-11-20 10:00:00,000 INFO app: seq ${LINES + round + 1}\n`);
  }
  await runCli(['filter', '--state', state, '-o', out, log]);
  assert.deepEqual(seqs(readFileSync(out, 'utf8')), Array.from({ length: LINES + 3 }, (_, i) => i + 1));
});

test('a lock left by a run that was killed (SIGKILL) is taken over', { timeout: 60_000 }, async () => {
  const { log, state, lock } = caseDir('killed');
  const first = await holdLock(['filter', '--state', state, log], lock);
  first.child.kill('SIGKILL');
  await first.finish();
  assert.ok(existsSync(lock), 'SIGKILL leaves the lock');
  const next = await runCli(['filter', '--state', state, log]);
  assert.equal(next.code, 0, next.stderr);
  assert.deepEqual(seqs(next.stdout.toString()), all);
  assert.equal(existsSync(lock), false);
});

test('a lock naming a live pid that is another process (pid reused, another boot) is stale; a live holder is not', { timeout: 60_000 }, async () => {
  const { log, state, lock } = caseDir('reused');
  const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
  for (const stale of [`${process.pid} ${boot} 1\n`, `${process.pid} another-boot ${start}\n`, 'garbage']) {
    writeFileSync(lock, stale);
    const r = await runCli(['summary', '--format', 'json', '--state', state, log]);
    assert.equal(r.code, 0, `${JSON.stringify(stale)}: ${r.stderr}`);
    assert.equal(existsSync(lock), false);
  }
  writeFileSync(lock, `${process.pid} ${boot} ${start}\n`);
  const held = await runCli(['summary', '--state', state, log]);
  assert.equal(held.code, 75, held.stderr);
  assert.match(held.stderr, new RegExp(`pid ${process.pid} `));
  assert.equal(existsSync(lock), true, 'a live holder keeps its lock');
});

test('a second Ctrl-C, which exits 130 at once, leaves no lock behind', { timeout: 60_000 }, async () => {
  const { log, state, lock } = caseDir('interrupted');
  const first = await holdLock(['filter', '--state', state, log], lock);
  first.child.kill('SIGINT');
  await sleep(2);
  first.child.kill('SIGINT');
  const done = await first.finish();
  assert.equal(done.code, 130);
  assert.equal(existsSync(lock), false);
});
