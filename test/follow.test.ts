import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, openSync, renameSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { BIN } from './support/cli.js';
import { scratchDir } from './support/files.js';

const dir = scratchDir();
const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function follower(args: string[]) {
  const ws = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  ws.stdout.on('data', (c: Buffer) => (out += c.toString()));
  ws.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => ws.on('close', resolve));
  return { ws, out: () => out, err: () => err, exited };
}

test('-F follows a file through many rotations, both ways, without losing or doubling a line', { timeout: 60_000 }, async () => {
  const path = `${dir}/app.log`;
  writeFileSync(path, 'old line that -F skips (it starts at the end)\n');
  const f = follower(['filter', '-F', '--flush-ms', '100', path]);
  await settle(500);
  let fd = openSync(path, 'a');
  let seq = 0;
  const write = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      writeSync(fd, `2026-11-20 10:00:00,000 INFO app: seq ${++seq}\n`);
      if (i % 5 === 0) await settle(1);
    }
  };
  for (let rotation = 0; rotation < 24; rotation++) {
    await write(40);
    if (rotation % 2 === 0) {
      // logrotate's default: rename, the application writes on to the old file a little, then reopens.
      renameSync(path, `${path}.${rotation + 1}`);
      await write(5);
      closeSync(fd);
      fd = openSync(path, 'a');
    } else {
      // copytruncate: the application keeps its descriptor (O_APPEND) and writes at the new end.
      await settle(200);
      copyFileSync(path, `${path}.${rotation + 1}`);
      truncateSync(path, 0);
    }
  }
  await write(40);
  closeSync(fd);
  await settle(600);
  f.ws.kill('SIGTERM');
  assert.equal(await f.exited, 0, f.err());
  const got = f.out().split('\n').filter((l) => l !== '').map((l) => Number(/seq (\d+)$/.exec(l)?.[1] ?? NaN));
  assert.equal(got.length, seq, `${got.length} lines for ${seq} written`);
  assert.deepEqual(got, Array.from({ length: seq }, (_, i) => i + 1));
});

test('-F waits for a file that does not exist yet, and --from-start reads what a file already holds', async () => {
  const later = `${dir}/later.log`;
  const held = `${dir}/held.log`;
  writeFileSync(held, 'already there\n');
  const f = follower(['filter', '-F', '--from-start', '--flush-ms', '100', later, held]);
  await settle(400);
  writeFileSync(later, 'appeared\n');
  await settle(400);
  f.ws.kill('SIGTERM');
  assert.equal(await f.exited, 0, f.err());
  assert.deepEqual(f.out().split('\n').filter((l) => l !== '').sort(), ['already there', 'appeared']);
});
