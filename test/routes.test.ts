import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { ROOT, runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';
import { learnRoutes } from '../src/input/learn-routes.js';
import { routeCatalogue } from '../src/classify/route-catalogue.js';
import { WsPaths } from '../src/classify/ws-paths.js';
import { BUILTIN_STACKS } from '../src/rules/index.js';

interface Event {
  readonly cause: string;
  readonly ip: string | null;
  readonly status: number | null;
  readonly rule: string;
}

const dir = scratchDir();
const events = (stdout: Buffer): Event[] => stdout.toString().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Event);
const key = (e: Event): string => `${e.ip} ${e.status} ${e.cause}`;

// The captured nginx access log, with the lines that teach its route (the 101s and 426s) moved
// to the end: the refusals on /ws (403, 408, POST) now come before anything says /ws upgrades.
const capture = readFileSync(`${ROOT}fixtures/logs/nginx/upgrade-access.log`, 'latin1').split('\n').filter((l) => l !== '');
const teaches = (l: string): boolean => / "GET \/ws HTTP\/1\.1" (?:101|426) /.test(l);
const late = `${[...capture.filter((l) => !teaches(l)), ...capture.filter(teaches)].join('\n')}\n`;
const lateFile = `${dir}/late.log`;
writeFileSync(lateFile, late, 'latin1');

test('a file is read for its WebSocket routes first: a refusal before the route\'s first 101 is found', async () => {
  const inOrder = events((await runCli(['classify', 'fixtures/logs/nginx/upgrade-access.log'])).stdout);
  const reordered = events((await runCli(['classify', lateFile])).stdout);
  assert.deepEqual(reordered.map(key).sort(), inOrder.map(key).sort(), 'the same failures whatever the order');
  assert.ok(reordered.some((e) => e.rule === 'nginx/access-websocket-route' && e.status === 403), 'the 403 on /ws, before any 101');
  const gz = `${dir}/late.log.gz`;
  const { gzipSync } = await import('node:zlib');
  writeFileSync(gz, gzipSync(Buffer.from(late, 'latin1')));
  assert.deepEqual(events((await runCli(['classify', gz])).stdout).map(key).sort(), inOrder.map(key).sort(), 'a gzip file too');
});

test('live input learns as it goes; --ws-paths-file gives the routes from the first line', async () => {
  const live = events((await runCli(['classify'], { stdin: Buffer.from(late, 'latin1') })).stdout);
  assert.ok(!live.some((e) => e.rule === 'nginx/access-websocket-route' && e.status === 403), 'standard input is not read twice');
  const routes = `${dir}/routes.txt`;
  writeFileSync(routes, '# the application\'s endpoints\n/ws   # the chat\n\n/socket/*\n');
  const declared = events((await runCli(['classify', '--ws-paths-file', routes], { stdin: Buffer.from(late, 'latin1') })).stdout);
  assert.ok(declared.some((e) => e.rule === 'nginx/access-websocket-route' && e.status === 403));
  const missing = await runCli(['classify', '--ws-paths-file', `${dir}/nope.txt`, lateFile]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, `wsnoise: --ws-paths-file: cannot read ${dir}/nope.txt: no such file\n`);
  writeFileSync(routes, '/ws\nws/chat\n');
  const bad = await runCli(['classify', '--ws-paths-file', routes, lateFile]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, `wsnoise: --ws-paths-file ${routes}:2: one path glob starting with / per line, such as /ws or /socket/*, not 'ws/chat'\n`);
});

test('--state keeps the routes learned: a later run over only new lines knows them', async () => {
  const log = `${dir}/state-app.log`;
  const state = `${dir}/routes.state`;
  writeFileSync(log, `${capture.filter(teaches).join('\n')}\n`, 'latin1');
  await runCli(['classify', '--state', state, log]);
  const kept = JSON.parse(readFileSync(state, 'utf8')) as { routes: { learned: string[]; upgraded: string[] } };
  assert.deepEqual(kept.routes, { learned: ['/ws'], upgraded: ['/ws'] });
  const refusal = capture.find((l) => l.includes('"GET /ws HTTP/1.1" 403 '))!;
  appendFileSync(log, `${refusal}\n`, 'latin1');
  const next = events((await runCli(['classify', '--state', state, log])).stdout);
  assert.deepEqual(next.map((e) => [e.rule, e.status]), [['nginx/access-websocket-route', 403]]);
});

test('a path that says WebSocket by its framework\'s spelling needs no route learned', async () => {
  const lines = [
    '203.0.113.9 - - [25/Nov/2026:05:57:21 +0000] "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1" 400 18 "-" "-"',
    '203.0.113.9 - - [25/Nov/2026:05:57:22 +0000] "GET /socket.io/?EIO=4&transport=polling&t=P1 HTTP/1.1" 400 18 "-" "-"',
    '203.0.113.9 - - [25/Nov/2026:05:57:23 +0000] "GET /socket/websocket?vsn=2.0.0 HTTP/1.1" 404 0 "-" "-"',
    '203.0.113.9 - - [25/Nov/2026:05:57:24 +0000] "GET /docs/websocket.html HTTP/1.1" 404 0 "-" "-"',
  ];
  const found = events((await runCli(['classify'], { stdin: `${lines.join('\n')}\n` })).stdout);
  assert.deepEqual(found.map((e) => [e.status, e.cause]), [[400, 'bad-request'], [404, 'not-websocket']]);
});

test('the first look for routes reads a bounded stretch of each file, plain or gzip', async () => {
  const catalogue = routeCatalogue(BUILTIN_STACKS, [])!;
  const line = (path: string, status: number): string => `127.0.0.9 - - [25/Nov/2026:06:03:47 +0000] "GET ${path} HTTP/1.1" ${status} 0 "-" "-"\n`;
  const body = `${line('/early', 101)}${'127.0.0.3 - - [25/Nov/2026:06:03:47 +0000] "GET / HTTP/1.1" 200 6 "-" "-"\n'.repeat(100)}${line('/late', 101)}`;
  const plain = `${dir}/ahead.log`;
  writeFileSync(plain, body);
  const { gzipSync } = await import('node:zlib');
  writeFileSync(`${plain}.gz`, gzipSync(body));
  for (const file of [plain, `${plain}.gz`]) {
    const near = new WsPaths([]);
    await learnRoutes(file, 0, catalogue, near, 4096);
    assert.deepEqual(near.routes, ['/early'], `${file}: only what lies within the stretch`);
    const whole = new WsPaths([]);
    await learnRoutes(file, 0, catalogue, whole);
    assert.deepEqual(whole.routes, ['/early', '/late'], file);
  }
});
