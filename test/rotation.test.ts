import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { orderRotated } from '../src/input/rotation.js';
import { runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';

const dir = scratchDir();

test('a rotated set is read oldest first, at the place of its first file; other files keep their order', () => {
  assert.deepEqual(orderRotated(['app.log', 'app.log.1', 'app.log.10.gz', 'app.log.2.gz', 'other.log', 'app.log.3.gz']), [
    'app.log.10.gz',
    'app.log.3.gz',
    'app.log.2.gz',
    'app.log.1',
    'app.log',
    'other.log',
  ]);
  assert.deepEqual(orderRotated(['x.log', 'app.log-20261120.gz', 'app.log', 'app.log-20261119.gz']), ['x.log', 'app.log-20261119.gz', 'app.log-20261120.gz', 'app.log']);
  assert.deepEqual(orderRotated(['b.log', 'a.log', '-']), ['b.log', 'a.log', '-'], 'files of no set keep the order given');
});

test('through the CLI: app.log* in the shell\'s order comes out oldest first; directories only with -r', async () => {
  mkdirSync(`${dir}/logs/nested`, { recursive: true });
  writeFileSync(`${dir}/logs/app.log.2.gz`, gzipSync('one\n'));
  writeFileSync(`${dir}/logs/app.log.1`, 'two\n');
  writeFileSync(`${dir}/logs/app.log`, 'three\n');
  writeFileSync(`${dir}/logs/nested/x.log`, 'four\n');
  const shellOrder = ['app.log', 'app.log.1', 'app.log.2.gz'].map((f) => `${dir}/logs/${f}`);
  assert.equal((await runCli(['filter', ...shellOrder])).stdout.toString(), 'one\ntwo\nthree\n');
  const noR = await runCli(['filter', `${dir}/logs`]);
  assert.equal(noR.code, 1);
  assert.match(noR.stderr, /is a directory/);
  const r = await runCli(['filter', '-r', `${dir}/logs`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.toString(), 'one\ntwo\nthree\nfour\n');
});

test('a set whose suffixes say nothing of age is read by the first time written in each file (gzip too)', async () => {
  mkdirSync(`${dir}/words`);
  writeFileSync(`${dir}/words/app.log.old`, gzipSync('2026-11-19 08:00:00,000 INFO app: oldest\n'));
  writeFileSync(`${dir}/words/app.log.bak`, 'no time on this line\n2026-11-20 08:00:00,000 INFO app: middle\n');
  writeFileSync(`${dir}/words/app.log`, '2026-11-21 08:00:00,000 INFO app: newest\n');
  const order = orderRotated(['app.log', 'app.log.bak', 'app.log.old'].map((f) => `${dir}/words/${f}`));
  assert.deepEqual(order.map((p) => p.split('/').pop()), ['app.log.old', 'app.log.bak', 'app.log']);
});
