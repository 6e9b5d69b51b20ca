import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { BIN, ROOT } from './support/cli.js';
import { scratchDir } from './support/files.js';

const dir = scratchDir();
const LOG = `${ROOT}fixtures/logs/websockets/legacy-info.log`;

interface Piped {
  readonly tail: ChildProcess;
  readonly ws: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

/** `tail -n +1 -f FILE | wsnoise ARGS`, as a shell would start it. */
function pipe(file: string, args: string[]): Piped {
  const tail = spawn('tail', ['-n', '+1', '-f', file], { stdio: ['ignore', 'pipe', 'ignore'] });
  const ws = spawn(process.execPath, [BIN, ...args], { stdio: [tail.stdout!, 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', NO_COLOR: '1' } });
  let out = '';
  let err = '';
  ws.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  ws.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => ws.on('close', (code, signal) => resolve(code ?? (signal === null ? null : -1))));
  return { tail, ws, stdout: () => out, stderr: () => err, exited };
}

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('Ctrl-C under tail -f | wsnoise summary: tail dies, wsnoise completes and prints the summary, exit 0', async () => {
  const p = pipe(LOG, ['summary', '--flush-ms', '300']);
  await settle(1000);
  assert.equal(p.stdout(), '', 'nothing is printed before the end');
  p.tail.kill('SIGINT');
  p.ws.kill('SIGINT');
  assert.equal(await p.exited, 0, p.stderr());
  assert.match(p.stdout(), /^Handshake failures: 20 \(noise 17, policy 2, error 1\)\n/);
  assert.equal(p.stderr(), '');
});

test('SIGTERM with the producer still running: wsnoise drains, stops after flush-ms of silence, exit 0; filter --stats says what it removed', async () => {
  const p = pipe(LOG, ['filter', '--stats', '--flush-ms', '300']);
  await settle(1000);
  p.ws.kill('SIGTERM');
  const started = performance.now();
  assert.equal(await p.exited, 0, p.stderr());
  assert.ok(performance.now() - started < 5000);
  p.tail.kill();
  assert.match(p.stdout(), /RuntimeError: database is down/);
  assert.doesNotMatch(p.stdout(), /connection failed \(426/);
  assert.match(p.stderr(), /^Handshake failures: 20 /);
});

test('a second Ctrl-C exits 130 at once', async () => {
  const file = `${dir}/endless.log`;
  writeFileSync(file, '2026-11-20 10:00:00,000 INFO websockets.server: connection failed (426 Upgrade Required)\n');
  const p = pipe(file, ['summary', '--flush-ms', '60000']);
  await settle(800);
  p.ws.kill('SIGINT');
  await settle(200);
  p.ws.kill('SIGINT');
  assert.equal(await p.exited, 130);
  p.tail.kill();
});

test('summary --interval off a terminal prints a JSON line now and then, and a last one at the end', async () => {
  const p = pipe(LOG, ['summary', '--interval', '1', '--flush-ms', '300']);
  await settle(2600);
  p.tail.kill('SIGINT');
  p.ws.kill('SIGINT');
  assert.equal(await p.exited, 0, p.stderr());
  const lines = p.stdout().trim().split('\n').map((l) => JSON.parse(l) as { total: number; groups: Record<string, number> });
  assert.ok(lines.length >= 3, `${lines.length} lines`);
  assert.equal(lines[lines.length - 1]!.total, 20);
  assert.deepEqual(lines[lines.length - 1]!.groups, { noise: 17, policy: 2, error: 1 });
});
