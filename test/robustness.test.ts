import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { BIN } from './support/cli.js';
import { scratchDir } from './support/files.js';
import { watchPeakRss } from './support/peak-rss.js';

const dir = scratchDir();
const MEMORY_BOUND_KB = 150 * 1024;
const FAILURE = '2026-11-20 10:00:00,000 INFO websockets.server: connection failed (426 Upgrade Required)\n';
const line = (n: number): string => `2026-11-20 10:00:00,000 INFO app: seq ${n}\n`;

interface Watched {
  readonly child: ChildProcess;
  /** Bytes of standard output, their SHA-1, and when the first came (ms after the start). */
  readonly out: { bytes: number; firstAt: number | null; text: string; hash: ReturnType<typeof createHash> };
  /** Exit code, peak RSS in KB, stderr, ms taken. */
  readonly done: Promise<{ code: number | null; peakKb: number; stderr: string; ms: number }>;
}

/** The real CLI, its memory watched; stdout counted and hashed (kept as text only when `keep`). */
function watch(args: readonly string[], options: { keep?: boolean; uid?: number } = {}): Watched {
  const started = performance.now();
  const [program, argv] = options.uid === undefined ? [process.execPath, [BIN, ...args]] : ['setpriv', [`--reuid=${options.uid}`, `--regid=${options.uid}`, '--clear-groups', process.execPath, BIN, ...args]];
  const child = spawn(program, argv, { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', NO_COLOR: '1' } });
  const rss = watchPeakRss(child.pid);
  const out = { bytes: 0, firstAt: null as number | null, text: '', hash: createHash('sha1') };
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => {
    out.firstAt ??= performance.now() - started;
    out.bytes += c.length;
    out.hash.update(c);
    if (options.keep) out.text += c.toString('latin1');
  });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin!.on('error', () => {});
  const done = new Promise<{ code: number | null; peakKb: number; stderr: string; ms: number }>((resolve) =>
    child.on('close', (code) => resolve({ code, peakKb: rss.stop(), stderr, ms: performance.now() - started })),
  );
  return { child, out, done };
}

/** Writes `pieces()` to the child's stdin with backpressure, then closes it; the ms it took. */
async function feed(child: ChildProcess, pieces: () => Iterable<Buffer>): Promise<number> {
  const started = performance.now();
  for (const piece of pieces()) if (!child.stdin!.write(piece)) await new Promise((resolve) => child.stdin!.once('drain', resolve));
  child.stdin!.end();
  return performance.now() - started;
}

const bounded = (peakKb: number): void => assert.ok(peakKb > 0 && peakKb < MEMORY_BOUND_KB, `peak RSS ${peakKb} KB`);

test('a DEBUG conversation of 5 million lines that never closes: memory bounded, the output flows while it is read, every line kept', { timeout: 120_000 }, async () => {
  const open = Buffer.from('2026-12-07 23:31:21,971 DEBUG websockets.server: = connection is CONNECTING\n');
  const block = Buffer.from('2026-12-07 23:31:21,972 DEBUG websockets.server: < X-Header: value\n'.repeat(10_000));
  const w = watch(['filter']);
  const fed = await feed(w.child, function* () {
    yield open;
    for (let i = 0; i < 500; i++) yield block;
  });
  const r = await w.done;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(w.out.bytes, open.length + 500 * block.length);
  // The first lines came out long before the last went in: nothing waits for the conversation's end.
  assert.ok(w.out.firstAt !== null && w.out.firstAt < fed / 4, `first output after ${w.out.firstAt} ms, input took ${fed} ms`);
  bounded(r.peakKb);
});

test('time grows linearly with the input: a never-closing conversation four times as long takes well under sixteen times as long', { timeout: 120_000 }, async () => {
  const open = Buffer.from('2026-12-07 23:31:21,971 DEBUG websockets.server: = connection is CONNECTING\n');
  const block = Buffer.from('2026-12-07 23:31:21,972 DEBUG websockets.server: < X-Header: value\n'.repeat(10_000));
  const timed = async (blocks: number): Promise<number> => {
    const w = watch(['filter']);
    await feed(w.child, function* () {
      yield open;
      for (let i = 0; i < blocks; i++) yield block;
    });
    const r = await w.done;
    assert.equal(r.code, 0, r.stderr);
    return r.ms;
  };
  const short = await timed(100);
  const long = await timed(400);
  // Linear is four times (less, with start-up in both); quadratic would be sixteen. A generous margin: the machine is shared.
  assert.ok(long < 9 * short, `400 blocks took ${long.toFixed(0)} ms, 100 took ${short.toFixed(0)} ms`);
});

test('a gzip bomb (1 GB of zeros in 1 MB, then a failure): read through in bounded memory, the failure after it counted', { timeout: 120_000 }, async () => {
  // A multi-member gzip file: one member of 10 MB of zeros, a hundred times.
  const member = gzipSync(Buffer.alloc(10 << 20), { level: 9 });
  const path = `${dir}/bomb.log.gz`;
  writeFileSync(path, Buffer.concat([...Array<Buffer>(100).fill(member), gzipSync(`\n${FAILURE}`)]));
  const w = watch(['summary', '--format', 'json', path], { keep: true });
  const r = await w.done;
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(w.out.text) as { total: number }).total, 1);
  bounded(r.peakKb);
});

test('a 500 MB line through a pipe: passed through whole, never held whole; the lines after it still judged', { timeout: 120_000 }, async () => {
  const mb = Buffer.alloc(1 << 20, 'a');
  const w = watch(['filter']);
  await feed(w.child, function* () {
    for (let i = 0; i < 500; i++) yield mb;
    yield Buffer.from(`\n${FAILURE}${line(1)}`);
  });
  const r = await w.done;
  assert.equal(r.code, 0, r.stderr);
  const expected = createHash('sha1');
  for (let i = 0; i < 500; i++) expected.update(mb);
  expected.update(`\n${line(1)}`);
  assert.equal(w.out.hash.digest('hex'), expected.digest('hex'), 'the long line and the line after it, the failure removed');
  bounded(r.peakKb);
});

test('a FIFO as input: read once, by the run, when its writer comes; a stop while no writer has come ends the run at once', { timeout: 30_000 }, async () => {
  const fifo = `${dir}/in.fifo`;
  execFileSync('mkfifo', [fifo]);
  // Two inputs: the pre-reads (routes, proxy logs) look at every file, and must not take the FIFO's bytes.
  writeFileSync(`${dir}/other.log`, line(9));
  const w = watch(['filter', fifo, `${dir}/other.log`], { keep: true });
  await sleep(300);
  writeFileSync(fifo, `${line(1)}${FAILURE}${line(2)}`);
  const r = await w.done;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(w.out.text, `${line(1)}${line(2)}${line(9)}`);

  const waiting = watch(['summary', fifo], { keep: true });
  await sleep(300);
  waiting.child.kill('SIGTERM');
  const stopped = await waiting.done;
  assert.equal(stopped.code, 0, stopped.stderr);
  assert.ok(stopped.ms < 3_000, `took ${stopped.ms} ms to stop`);
});

test('a file deleted and replaced by a symlink to /dev/zero while it is read: the run reads the file it opened, to its end', { timeout: 60_000 }, async () => {
  const path = `${dir}/read.log`;
  let text = '';
  for (let i = 1; i <= 600_000; i++) text += line(i);
  writeFileSync(path, text);
  const w = watch(['filter', path]);
  // Output not read: the run stops on a full pipe after its first chunks, with most of the file still to read.
  w.child.stdout!.pause();
  await sleep(400);
  unlinkSync(path);
  symlinkSync('/dev/zero', path);
  w.child.stdout!.resume();
  const r = await w.done;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(w.out.hash.digest('hex'), createHash('sha1').update(text).digest('hex'));
  bounded(r.peakKb);
});

/** Appends lines to a path through a descriptor of its own. */
function append(path: string, text: string): void {
  const fd = openSync(path, 'a');
  writeSync(fd, text);
  closeSync(fd);
}

test('-F: a followed file deleted, then a symlink to /dev/zero in its place, then a new file: what was written is read once, the device never', { timeout: 30_000 }, async () => {
  const path = `${dir}/followed.log`;
  writeFileSync(path, '');
  const w = watch(['filter', '-F', path], { keep: true });
  await sleep(400);
  append(path, line(1) + line(2));
  await sleep(200);
  unlinkSync(path);
  symlinkSync('/dev/zero', path);
  await sleep(500);
  unlinkSync(path);
  writeFileSync(path, line(3));
  await sleep(400);
  w.child.kill('SIGTERM');
  const r = await w.done;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(w.out.text, line(1) + line(2) + line(3));
  bounded(r.peakKb);
});

test('-F: the followed directory removed, then made again: the old file is read to its end, the new one from its start, the run goes on', { timeout: 30_000 }, async () => {
  const logs = `${dir}/logs`;
  mkdirSync(logs);
  writeFileSync(`${logs}/app.log`, '');
  const w = watch(['filter', '-F', `${logs}/app.log`], { keep: true });
  await sleep(400);
  append(`${logs}/app.log`, line(1));
  await sleep(200);
  rmSync(logs, { recursive: true });
  await sleep(400);
  mkdirSync(logs);
  writeFileSync(`${logs}/app.log`, line(2));
  await sleep(400);
  w.child.kill('SIGTERM');
  const r = await w.done;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(w.out.text, line(1) + line(2));
});

test('a rule file of 50 MB: refused at once (read at most 1 MB), one line, exit 2', async () => {
  const path = `${dir}/huge.yaml`;
  writeFileSync(path, '# not rules\n'.repeat(50 * 1024 * 1024 / 12));
  const w = watch(['filter', '--rules', path, '/dev/null']);
  const r = await w.done;
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `wsnoise: cannot read rule file ${path}: larger than 1 MB\n`);
  assert.ok(r.ms < 5_000, `took ${r.ms} ms`);
  bounded(r.peakKb);
});

test('permission denied part-way through a -r tree: each unreadable directory and file said in one line at its place, the rest read, exit 1', async (t) => {
  const root = process.getuid?.() === 0;
  if (root) {
    try {
      execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true'], { stdio: 'ignore' });
    } catch {
      return t.skip('running as root without setpriv (util-linux): cannot drop to an unprivileged user, whom permissions bind');
    }
  }
  const tree = `${dir}/tree`;
  mkdirSync(`${tree}/b-private`, { recursive: true });
  writeFileSync(`${tree}/a.log`, line(1));
  writeFileSync(`${tree}/b-private/x.log`, line(2));
  writeFileSync(`${tree}/c.log`, line(3));
  writeFileSync(`${tree}/d.log`, FAILURE + line(4));
  chmodSync(dir, 0o755);
  chmodSync(`${tree}/b-private`, 0o000);
  chmodSync(`${tree}/c.log`, 0o000);
  const w = watch(['filter', '-r', tree], { keep: true, ...(root && { uid: 65534 }) });
  const r = await w.done;
  assert.equal(r.code, 1);
  assert.equal(w.out.text, line(1) + line(4));
  assert.equal(r.stderr, `wsnoise: cannot read ${tree}/b-private: permission denied\nwsnoise: cannot read ${tree}/c.log: permission denied\n`);
  chmodSync(`${tree}/b-private`, 0o755);
});
