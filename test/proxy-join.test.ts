import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProxyIndex } from '../src/events/proxy-join.js';
import { proxyLine } from '../src/input/proxy-log.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runCli } from './support/cli.js';

const NGINX = 'fixtures/logs/nginx/';

/** Each failure the backend logged, by the scenario that caused it: its client's address (fixtures/capture/MATRIX.md). */
const CLIENTS = {
  // The proxy strips the upgrade headers: every WebSocket client fails, good ones too.
  noupgrade: ['127.0.0.2', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8', '127.0.0.9', '127.0.0.10', '127.0.0.11', '127.0.0.12', '127.0.0.13', '127.0.0.14', '127.0.0.19', '127.0.0.20', '127.0.0.25', '::1', '::1'],
  upgrade: ['127.0.0.4', '127.0.0.6', '127.0.0.7', '127.0.0.8', '127.0.0.10', '127.0.0.11', '127.0.0.12', '127.0.0.13', '127.0.0.19', '127.0.0.20', '::1'],
};

type Event = { ip: string | null; ip_source: string | null; port: number | null; file: string };
const events = (stdout: Buffer): Event[] => stdout.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Event);

for (const [run, clients] of Object.entries(CLIENTS)) {
  test(`${run}: every backend failure is named by its client through --proxy-log`, async () => {
    const r = await runCli(['classify', '--proxy-log', `${NGINX}${run}-access.log`, `${NGINX}${run}-backend.log`]);
    assert.equal(r.code, 0, r.stderr);
    const got = events(r.stdout);
    assert.deepEqual(got.map((e) => e.ip), clients);
    assert.ok(got.every((e) => e.ip_source === 'proxy-log' && e.port === null));
  });

  test(`${run}: the proxy's access log among the inputs does the same, and keeps its own events`, async () => {
    const r = await runCli(['classify', '--ws-path', '/private', '--ws-path', '/flaky', `${NGINX}${run}-access.log`, `${NGINX}${run}-backend.log`]);
    assert.equal(r.code, 0, r.stderr);
    const got = events(r.stdout);
    assert.deepEqual(got.filter((e) => e.file.endsWith('backend.log')).map((e) => e.ip), clients);
    const own = got.filter((e) => e.file.endsWith('access.log'));
    assert.ok(own.length > 0 && own.every((e) => e.ip_source === 'line'));
  });
}

test('without the proxy log a backend failure has no address, and says so', async () => {
  const r = await runCli(['classify', `${NGINX}noupgrade-backend.log`]);
  assert.ok(events(r.stdout).every((e) => e.ip === null && e.ip_source === null));
});

test('a proxy log that cannot be read: one line, exit 1, the inputs still read', async () => {
  const r = await runCli(['classify', '--proxy-log', 'no/such/access.log', `${NGINX}noupgrade-backend.log`]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'wsnoise: cannot read no/such/access.log: no such file or directory\n');
  assert.equal(events(r.stdout).length, CLIENTS.noupgrade.length);
});

test('the join: same status, same path when both have one, within a second, nearest first, each line once', () => {
  const at = (s: number): number => Date.UTC(2026, 10, 20, 10, 0, s);
  const index = new ProxyIndex();
  for (const [ip, s, status, path] of [['203.0.113.1', 0, 426, '/ws'], ['203.0.113.2', 0, 426, '/ws'], ['203.0.113.3', 1, 400, '/ws'], ['203.0.113.4', 5, 426, '/chat']] as const) {
    index.add({ ip, ms: at(s), status, path });
  }
  assert.equal(index.clientOf({ ms: at(0) + 300, status: 426, path: null }), '203.0.113.1');
  assert.equal(index.clientOf({ ms: at(0) + 400, status: 426, path: '/ws' }), '203.0.113.2', 'the first is used already');
  assert.equal(index.clientOf({ ms: at(0) + 500, status: 426, path: null }), null, 'none left with that status');
  assert.equal(index.clientOf({ ms: at(1) + 10, status: 500, path: null }), null, 'another status');
  assert.equal(index.clientOf({ ms: at(5) + 100, status: 426, path: '/ws' }), null, 'another path');
  assert.equal(index.clientOf({ ms: at(7) + 100, status: 426, path: '/chat' }), null, 'more than a second apart');
  assert.equal(index.clientOf({ ms: at(6) + 500, status: 426, path: '/chat' }), '203.0.113.4', 'stamped 10:00:05, written before 10:00:06');
});

test("a proxy line gives the client's address from its own first field only", () => {
  assert.deepEqual(proxyLine('203.0.113.9 - - [20/Nov/2026:10:00:00 +0000] "GET /ws HTTP/1.1" 426 165 "-" "6.6.6.6"'), { ip: '203.0.113.9', ms: Date.UTC(2026, 10, 20, 10), status: 426, path: '/ws' });
  assert.equal(proxyLine('203.0.113.9 - - [20/Nov/2026:10:00:00 +0000] "GET /ws HTTP/1.1" 101 19 "-" "-"'), null, 'a success is nobody\'s failure');
  assert.equal(proxyLine('2026-11-20 10:00:00,000 INFO 203.0.113.9 - - [20/Nov/2026:10:00:00 +0000] "GET /ws HTTP/1.1" 426 1 "-" "-"'), null);
});

test("HAProxy's httplog lines are proxy lines too: the client from its first field, the accept time read in --tz", () => {
  assert.deepEqual(
    proxyLine('127.0.0.4:41799 [01/Dec/2026:19:27:46.030] fe be/srv 0/0/0/1/1 426 325 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"', 'UTC'),
    { ip: '127.0.0.4', ms: Date.UTC(2026, 11, 1, 19, 27, 46, 30), status: 426, path: '/ws' },
  );
  assert.deepEqual(proxyLine('::1:34039 [01/Dec/2026:19:27:46.030] fe be/srv 0/0/0/1/1 400 325 - - ---- 1/1/0/0/0 0/0 "POST /ws HTTP/1.1"', 'Europe/Berlin')?.ip, '::1');
  assert.equal(proxyLine('::1:34039 [01/Dec/2026:19:27:46.030] fe be/srv 0/0/0/1/1 400 325 - - ---- 1/1/0/0/0 0/0 "POST /ws HTTP/1.1"', 'Europe/Berlin')?.ms, Date.UTC(2026, 11, 1, 18, 27, 46, 30));
  assert.equal(proxyLine('127.0.0.2:38031 [01/Dec/2026:19:27:45.710] fe be/srv 0/0/3/8/15 101 217 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"', 'UTC'), null, 'a success');
});

test('an application behind HAProxy: its failures get the clients HAProxy logged', async () => {
  const dir = mkdtempSync(`${tmpdir()}/wsnoise-haproxy-`);
  // HAProxy's lines for three clients (as fixtures/logs/haproxy/upgrade.log has them), and the
  // websockets server behind it logging the same refusals without an address.
  writeFileSync(`${dir}/haproxy.log`, [
    '127.0.0.4:41799 [01/Dec/2026:19:27:46.030] fe be/srv 0/0/0/1/1 426 325 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"',
    '127.0.0.7:41801 [01/Dec/2026:19:27:46.490] fe be/srv 0/0/0/1/1 400 84 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"',
    '[::1]:41803 [01/Dec/2026:19:27:47.100] fe be/srv 0/0/0/1/1 426 325 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"',
  ].join('\n') + '\n');
  writeFileSync(`${dir}/app.log`, [
    '2026-12-01 19:27:46,031 INFO websockets.server: connection failed (426 Upgrade Required)',
    '2026-12-01 19:27:46,031 INFO websockets.server: connection closed',
    '2026-12-01 19:27:46,491 INFO websockets.server: connection failed (400 Bad Request)',
    '2026-12-01 19:27:46,492 INFO websockets.server: connection closed',
    '2026-12-01 19:27:47,101 INFO websockets.server: connection failed (426 Upgrade Required)',
    '2026-12-01 19:27:47,101 INFO websockets.server: connection closed',
  ].join('\n') + '\n');
  const r = await runCli(['classify', '--tz', 'UTC', '--proxy-log', `${dir}/haproxy.log`, `${dir}/app.log`]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(events(r.stdout).map((e) => [e.ip, e.ip_source]), [['127.0.0.4', 'proxy-log'], ['127.0.0.7', 'proxy-log'], ['::1', 'proxy-log']]);
});
