import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { BIN, ROOT, runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';

const dir = scratchDir();
const LOG = `${ROOT}fixtures/logs/websockets/legacy-info.log`;
const STACK = /\n\s+at .+:\d+:\d+\)?\n|node:internal|Node\.js v/;

/** Runs wsnoise with its standard output on /dev/full, as `wsnoise … > /dev/full` would. */
function toFullDevice(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const fd = openSync('/dev/full', 'w');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', fd, 'pipe'], env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', NO_COLOR: '1' } });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => {
      closeSync(fd);
      resolve({ code, stderr });
    });
  });
}

test('standard output on a full device: exit 1 and one line, for every command, --help and rules', async () => {
  const runs = [['filter', LOG], ['classify', LOG], ['summary', LOG], ['summary', '--format', 'json', LOG], ['records', LOG], ['rules', 'list'], ['rules', 'test', LOG], ['--help'], ['filter', '--help']];
  for (const args of runs) {
    const r = await toFullDevice(args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr, 'wsnoise: cannot write standard output: no space left on device\n', args.join(' '));
  }
});

test('-o DIR: exit 1, one line, no temporary file left, no state written', async () => {
  const out = `${dir}/out`;
  mkdirSync(out);
  for (const args of [['filter'], ['summary'], ['filter', '--state', `${dir}/dir.state`], ['summary', '--state', `${dir}/dir.state`]]) {
    const r = await runCli([...args, '-o', out, LOG]);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stderr, `wsnoise: cannot write ${out}: is a directory\n`, args.join(' '));
    assert.equal(r.stdout.length, 0);
  }
  assert.deepEqual(readdirSync(dir).sort(), ['out']);
});

test('-o and --state in a directory that does not exist: one line each, exit 1', async () => {
  const o = await runCli(['filter', '-o', `${dir}/none/out.log`, LOG]);
  assert.equal(o.code, 1);
  assert.equal(o.stderr, `wsnoise: cannot write ${dir}/none/out.log: no such file or directory\n`);
  const s = await runCli(['filter', '--state', `${dir}/none/s.state`, LOG]);
  assert.equal(s.code, 1);
  assert.equal(s.stderr, `wsnoise: cannot lock the state file ${dir}/none/s.state (${dir}/none/s.state.lock): no such file or directory\n`);
});

test('a state file that is a directory, and a pending output that cannot be put in place: one line, exit 1', async () => {
  mkdirSync(`${dir}/state-dir`);
  const r = await runCli(['filter', '--state', `${dir}/state-dir`, LOG]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `wsnoise: cannot read the state file ${dir}/state-dir: is a directory\n`);
  // A killed run left its output under its temporary name; the target has since become a directory.
  mkdirSync(`${dir}/p`);
  mkdirSync(`${dir}/p/report.md`);
  writeFileSync(`${dir}/p/.report.md.wsnoise-1.tmp`, 'report\n');
  const state = `${dir}/p/state`;
  const pending = { version: 1, files: {}, pending: { temp: `${dir}/p/.report.md.wsnoise-1.tmp`, target: `${dir}/p/report.md` } };
  writeFileSync(state, JSON.stringify(pending));
  const p = await runCli(['summary', '--state', state, '-o', `${dir}/p/other.md`, LOG]);
  assert.equal(p.code, 1);
  assert.match(p.stderr, /^wsnoise: cannot put .*report\.md in place from .*\.report\.md\.wsnoise-1\.tmp, as the last run left it: is a directory\n$/);
  assert.deepEqual(JSON.parse(readFileSync(state, 'utf8')), pending, 'the state was changed');
  assert.ok(existsSync(`${dir}/p/.report.md.wsnoise-1.tmp`), 'the output the state names was removed');
});

test('no error of these reaches stderr as a stack trace', async () => {
  const cases = [
    ['filter', '--state', `${dir}`, LOG],
    ['filter', '-o', '/proc/self/fd/1', LOG],
    ['filter', '-o', '/', LOG],
    ['summary', '--state', '/proc/version', LOG],
  ];
  for (const args of cases) {
    const r = await runCli(args);
    assert.ok(r.code === 1 || r.code === 2, `${args.join(' ')}: exit ${r.code}`);
    assert.ok(!STACK.test(r.stderr), r.stderr);
    assert.equal(r.stderr.split('\n').length, 2, `not one line: ${r.stderr}`);
  }
});
