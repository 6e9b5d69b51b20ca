import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, createReadStream, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { BIN, ROOT, runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';

const dir = scratchDir();
const LOG = `${ROOT}fixtures/logs/websockets/legacy-info.log`;

/** What `filter LOG` writes to standard output: what every -o below must hold. */
const expected = async (): Promise<Buffer> => (await runCli(['filter', LOG])).stdout;

/** The real device nodes are what they were: character devices of the same numbers, no temp file beside. */
function assertDevicesIntact(): void {
  for (const [path, rdev] of [['/dev/null', 0x103], ['/dev/full', 0x107]] as const) {
    const s = lstatSync(path);
    assert.ok(s.isCharacterDevice(), `${path} is no longer a character device`);
    assert.equal(s.rdev, rdev, `${path} has other device numbers`);
  }
  assert.deepEqual(readdirSync('/dev').filter((f) => f.includes('wsnoise')), [], 'a temporary file was left in /dev');
}

test('-o /dev/null and -o /dev/full are written in place, never replaced; /dev/full: exit 1 and one line', async () => {
  const nul = await runCli(['filter', '-o', '/dev/null', LOG]);
  assert.equal(nul.code, 0, nul.stderr);
  assert.equal(nul.stderr, '');
  const full = await runCli(['filter', '-o', '/dev/full', LOG]);
  assert.equal(full.code, 1);
  assert.equal(full.stderr, 'wsnoise: cannot write /dev/full: no space left on device\n');
  for (const command of ['summary', 'classify', 'records']) {
    const r = await runCli([command, '-o', '/dev/full', LOG]);
    assert.equal(r.code, 1, `${command}: ${r.stderr}`);
    assert.equal(r.stderr, 'wsnoise: cannot write /dev/full: no space left on device\n');
  }
  assertDevicesIntact();
});

test('a symlink to a device is written through; with --state (appending) too, and no length is remembered', async () => {
  const full = `${dir}/full`;
  const nul = `${dir}/null`;
  symlinkSync('/dev/full', full);
  symlinkSync('/dev/null', nul);
  const r = await runCli(['filter', '-o', full, LOG]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `wsnoise: cannot write ${full}: no space left on device\n`);
  const appended = await runCli(['filter', '--state', `${dir}/full.state`, '-o', full, LOG]);
  assert.equal(appended.code, 1);
  assert.equal(appended.stderr, `wsnoise: cannot write ${full}: no space left on device\n`);
  const ok = await runCli(['classify', '--state', `${dir}/null.state`, '-o', nul, LOG]);
  assert.equal(ok.code, 0, ok.stderr);
  const state = JSON.parse(readFileSync(`${dir}/null.state`, 'utf8')) as { appended?: unknown };
  assert.equal(state.appended, undefined);
  for (const link of [full, nul]) assert.ok(lstatSync(link).isSymbolicLink(), `${link} was replaced`);
  assertDevicesIntact();
});

/** Reads a FIFO to its end. */
function drain(fifo: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    createReadStream(fifo).on('data', (c) => parts.push(c as Buffer)).on('end', () => resolve(Buffer.concat(parts))).on('error', reject);
  });
}

test('-o FIFO: written into the FIFO (replacing and appending), which stays a FIFO', async () => {
  const fifo = `${dir}/out.fifo`;
  execFileSync('mkfifo', [fifo]);
  for (const extra of [[], ['--state', `${dir}/fifo.state`]]) {
    const [r, got] = await Promise.all([runCli(['filter', ...extra, '-o', fifo, LOG]), drain(fifo)]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(got.equals(await expected()), `${extra.join(' ')}: the FIFO's reader got other bytes`);
    assert.ok(lstatSync(fifo).isFIFO());
  }
});

test('-o a symlink to a regular file replaces the file it points to, keeping its mode; the link stays', async () => {
  const target = `${dir}/real.log`;
  const link = `${dir}/link.log`;
  writeFileSync(target, 'old\n');
  chmodSync(target, 0o640);
  symlinkSync('real.log', link);
  const r = await runCli(['filter', '-o', link, LOG]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readlinkSync(link), 'real.log');
  assert.ok(readFileSync(target).equals(await expected()));
  assert.equal(statSync(target).mode & 0o777, 0o640);
  // A link to nothing yet: the file it names is made, the link stays.
  symlinkSync('made.log', `${dir}/dangling.log`);
  const made = await runCli(['filter', '-o', `${dir}/dangling.log`, LOG]);
  assert.equal(made.code, 0, made.stderr);
  assert.ok(lstatSync(`${dir}/dangling.log`).isSymbolicLink());
  assert.ok(readFileSync(`${dir}/made.log`).equals(await expected()));
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('-o /dev/stdout when standard output is a file opened with >>: appended to, not replaced', async () => {
  const file = `${dir}/appended.log`;
  writeFileSync(file, 'kept\n');
  const fd = openSync(file, 'a');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [BIN, 'filter', '-o', '/dev/stdout', LOG], { stdio: ['ignore', fd, 'inherit'], env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC' } });
    child.on('close', resolve);
  });
  closeSync(fd);
  assert.equal(code, 0);
  assert.ok(readFileSync(file).equals(Buffer.concat([Buffer.from('kept\n'), await expected()])));
  // Standard output a pipe: /proc/self/fd/1 is that pipe.
  const piped = execFileSync('sh', ['-c', `"${process.execPath}" "${BIN}" filter -o /proc/self/fd/1 "${LOG}" | cat`]);
  assert.ok(piped.equals(await expected()));
  // A socket (what node's spawn gives) cannot be opened by name, as for a shell's >.
  const socket = await runCli(['filter', '-o', '/proc/self/fd/1', LOG]);
  assert.equal(socket.code, 1);
  assert.equal(socket.stderr, 'wsnoise: cannot write /proc/self/fd/1: no such device or address\n');
});

/** A tmpfs of `kb` KB mounted for the test, or null where this machine does not let us mount. */
function smallDisk(kb: number): string | null {
  const mount = `${dir}/small`;
  mkdirSync(mount);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', mount], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return mount;
}

test('a full disk (ENOSPC) under -o FILE: exit 1, one line, the file as it was, no temporary file left', async (t) => {
  const disk = smallDisk(64);
  if (disk === null) return t.skip('cannot mount a tmpfs here');
  try {
    const big = `${dir}/big.log`;
    let text = '';
    for (let i = 0; i < 4000; i++) text += `2026-11-20 10:00:00,000 INFO app: seq ${i}\n`;
    writeFileSync(big, text);
    writeFileSync(`${disk}/out.log`, 'before\n');
    const r = await runCli(['filter', '-o', `${disk}/out.log`, big]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `wsnoise: cannot write ${disk}/out.log: no space left on device\n`);
    assert.equal(readFileSync(`${disk}/out.log`, 'utf8'), 'before\n');
    assert.deepEqual(readdirSync(disk), ['out.log']);
    // Appending with --state: the state is not moved on, so the next run writes those lines.
    const state = `${dir}/enospc.state`;
    const appended = await runCli(['filter', '--state', state, '-o', `${disk}/out.log`, big]);
    assert.equal(appended.code, 1);
    assert.equal(appended.stderr, `wsnoise: cannot write ${disk}/out.log: no space left on device\n`);
    assert.throws(() => statSync(state), 'a state was written after a failed write');
  } finally {
    execFileSync('umount', [disk]);
  }
});
