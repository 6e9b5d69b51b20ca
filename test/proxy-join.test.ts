import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProxyIndex } from '../src/events/proxy-join.js';
import { looksLikeProxyLog, proxyLine } from '../src/input/proxy-log.js';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from './support/cli.js';
import { BUILTIN_STACKS } from '../src/rules/index.js';
import { PROXY_SHAPES } from '../src/input/proxy-shapes.js';

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
    index.add({ ip, ms: at(s), stampMs: 1000, status, path });
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
  assert.deepEqual(proxyLine('203.0.113.9 - - [20/Nov/2026:10:00:00 +0000] "GET /ws HTTP/1.1" 426 165 "-" "6.6.6.6"'), { ip: '203.0.113.9', ms: Date.UTC(2026, 10, 20, 10), stampMs: 1000, status: 426, path: '/ws' });
  assert.equal(proxyLine('203.0.113.9 - - [20/Nov/2026:10:00:00 +0000] "GET /ws HTTP/1.1" 101 19 "-" "-"'), null, 'a success is nobody\'s failure');
  assert.equal(proxyLine('2026-11-20 10:00:00,000 INFO 203.0.113.9 - - [20/Nov/2026:10:00:00 +0000] "GET /ws HTTP/1.1" 426 1 "-" "-"'), null);
});

test("HAProxy's httplog lines are proxy lines too: the client from its first field, the accept time read in --tz", () => {
  assert.deepEqual(
    proxyLine('127.0.0.4:41799 [01/Dec/2026:19:27:46.030] fe be/srv 0/0/0/1/1 426 325 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"', 'UTC'),
    { ip: '127.0.0.4', ms: Date.UTC(2026, 11, 1, 19, 27, 46, 30), stampMs: 1, status: 426, path: '/ws' },
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

test('a stamp with a fraction is a moment: the nearest line wins, not the earliest of its second', () => {
  const at = (ms: number): number => Date.UTC(2026, 10, 20, 10, 0, 0, ms);
  const index = new ProxyIndex();
  index.add({ ip: '203.0.113.1', ms: at(100), stampMs: 1, status: 403, path: '/ws' });
  index.add({ ip: '203.0.113.2', ms: at(900), stampMs: 1, status: 403, path: '/ws' });
  assert.equal(index.clientOf({ ms: at(880), status: 403, path: '/ws' }), '203.0.113.2');
  assert.equal(index.clientOf({ ms: at(120), status: 403, path: '/ws' }), '203.0.113.1');
});

const CADDY = 'fixtures/logs/caddy/upgrade-access.log';
const caddyLines = readFileSync(CADDY, 'latin1').split('\n');

test("Caddy's JSON access lines: remote_ip, or client_ip from 2.7; the uri; ts to the millisecond; never a header", () => {
  // Line 3 of the capture: 127.0.0.4, a plain GET /ws answered 426 (ts 1796153392.769942).
  assert.deepEqual(proxyLine(caddyLines[2]!), { ip: '127.0.0.4', ms: 1796153392769, stampMs: 1, status: 426, path: '/ws' });
  assert.deepEqual(proxyLine(caddyLines[20]!)?.ip, '::1');
  assert.equal(proxyLine(caddyLines[0]!), null, 'status 0: the upgraded connection');
  assert.equal(proxyLine(caddyLines[1]!), null, 'a 200');
  const line = (request: string, status: number): string =>
    `{"level":"error","ts":1796153392.5,"logger":"http.log.access.log0","msg":"handled request","request":{${request},"proto":"HTTP/1.1","method":"GET","host":"x","uri":"/ws?a=1\\u0026b=2","headers":{"X-Forwarded-For":["6.6.6.6"],"User-Agent":["\\",\\"client_ip\\":\\"6.6.6.7\\""]}},"bytes_read":0,"user_id":"","duration":0.001,"size":0,"status":${status},"resp_headers":{}}`;
  assert.deepEqual(proxyLine(line('"remote_ip":"10.0.0.5","remote_port":"443","client_ip":"2001:db8::7"', 403)), { ip: '2001:db8::7', ms: 1796153392500, stampMs: 1, status: 403, path: '/ws?a=1&b=2' });
  assert.equal(proxyLine(line('"remote_ip":"203.0.113.9","remote_port":"443"', 400))?.ip, '203.0.113.9', 'inject: X-Forwarded-For and a forged client_ip in a header are not read');
  assert.equal(proxyLine('{"level":"error","ts":1796153392.5,"logger":"http.log.error.log0","msg":"dial tcp: connection refused","request":{"remote_ip":"127.0.0.2","remote_port":"1","proto":"HTTP/1.1","method":"GET","host":"x","uri":"/ws","headers":{}},"duration":0.1,"status":502}'), null, "Caddy's error log is not an access log");
});

test("Envoy's access lines: the client only from Istio's downstream remote address, never from X-Forwarded-For", () => {
  const istio = '[2026-12-02T10:00:01.001Z] "GET /ws HTTP/1.1" 403 - upgrade_failed - "-" 0 0 0 - "-" "Mozilla/5.0" "0a1b2c3d" "chat.example" "-" - - 10.44.1.23:8080 127.0.0.3:46522 - -';
  assert.deepEqual(proxyLine(istio), { ip: '127.0.0.3', ms: Date.UTC(2026, 11, 2, 10, 0, 1, 1), stampMs: 1, status: 403, path: '/ws' });
  const older = '[2026-12-02T10:00:03.003Z] "GET /ws HTTP/1.1" 426 - 0 16 2 1 "-" "curl/8.5.0" "0a1d" "chat.example" "10.44.1.27:8080" outbound|8080||chat.default.svc.cluster.local 10.44.1.23:37654 10.44.1.23:8080 [::1]:46524 - default';
  assert.deepEqual(proxyLine(older), { ip: '::1', ms: Date.UTC(2026, 11, 2, 10, 0, 3, 3), stampMs: 1, status: 426, path: '/ws' }, 'without the response details, an IPv6 client');
  const byDefault = '[2026-12-02T10:00:07.007Z] "GET /ws HTTP/1.1" 400 - 0 12 1 1 "6.6.6.6" "curl/8.5.0" "0a21" "chat.example" "127.0.0.1:8080"';
  assert.equal(proxyLine(byDefault), null, 'the default format names no client: X-Forwarded-For is the client\'s to write');
  assert.ok(looksLikeProxyLog(byDefault), 'but it is a proxy log');
  // Envoy writes values as they came, quotes included: a TLS server name (the field before the
  // route) of `x" a b c 6.6.6.6:1 y` ends the line with a tail of the client's making.
  const sni = istio.replace(/ - -$/, ' x" a b c 6.6.6.6:1 y -');
  assert.equal(proxyLine(sni), null, 'inject: a quote and a tail in the TLS server name');
  assert.equal(proxyLine(older.replace(' - default', ' x" a b c 6.6.6.6:1 y default').replace('"curl/8.5.0"', '"curl" 1"')), null, 'inject: two quotes more, in a line of the format without details');
  assert.equal(proxyLine(istio.replace('"Mozilla/5.0"', '"x" - - 1.1.1.1:2 6.6.6.6:3 - -"')), null, 'a quote in a header: the line names no client');
});

test('AWS ALB entries: the client from its own client:port field, the target\'s status (the balancer\'s when the target gave none), the path of the URL', () => {
  const entry = (client: string, statuses: string, url: string): string =>
    `ws 2026-12-02T10:00:00.123456Z app/my-loadbalancer/50dc6c495c0c9188 ${client} 10.0.1.192:8010 0.001 0.002 0.000 ${statuses} 218 120 "GET ${url} HTTP/1.1" "6.6.6.6:2" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e5" "6.6.6.6" "-" 1 2026-12-02T10:00:00.100000Z "forward" "-" "-" "10.0.1.192:8010" "403" "-" "-"`;
  assert.deepEqual(proxyLine(entry('127.0.0.3:40918', '403 403', 'http://10.0.0.30:80/ws?6.6.6.6:1')), { ip: '127.0.0.3', ms: Date.UTC(2026, 11, 2, 10, 0, 0, 123), stampMs: 1, status: 403, path: '/ws?6.6.6.6:1' });
  assert.deepEqual(proxyLine(entry('[2001:db8::9]:40920', '502 -', 'https://10.0.0.30:443/ws'))?.ip, '2001:db8::9');
  assert.deepEqual(proxyLine(entry('127.0.0.4:40920', '502 -', 'https://10.0.0.30:443/ws'))?.status, 502);
  assert.deepEqual(proxyLine(entry('127.0.0.4:40920', '502 500', 'https://10.0.0.30:443/ws'))?.status, 500);
  assert.equal(proxyLine(entry('127.0.0.4:40920', '101 101', 'http://10.0.0.30:80/')), null, 'upgraded');
  assert.ok(looksLikeProxyLog(entry('127.0.0.4:40920', '101 101', 'http://10.0.0.30:80/')));
});

test("the failure samples of the Caddy, Envoy and ALB access rules (4xx, 5xx) are proxy lines naming the client the rule reads, or none", () => {
  let read = 0;
  for (const { stack, rules } of BUILTIN_STACKS.filter((st) => ['caddy', 'envoy', 'alb'].includes(st.stack))) {
    for (const rule of rules.filter((r) => r.role !== 'success' && !r.id.startsWith('caddy/error-'))) {
      for (const sample of rule.samples.filter((x) => x.match !== false && x.ip !== undefined)) {
        assert.ok(looksLikeProxyLog(sample.text), `${stack}: ${sample.text}`);
        const fields = PROXY_SHAPES.map((shape) => shape.read(sample.text)).find((f) => f !== null)!;
        if (fields.status < 400) continue;
        assert.equal(proxyLine(sample.text)?.ip ?? null, sample.ip, `${rule.id}: ${sample.text}`);
        read++;
      }
    }
  }
  assert.ok(read >= 15, `${read} samples`);
});

test("an input is taken for a proxy's log by its first line: Caddy's, Envoy's and ALB's too, not their neighbours'", () => {
  assert.ok(looksLikeProxyLog(caddyLines[0]!));
  assert.ok(looksLikeProxyLog('[2026-12-02T10:00:00.123Z] "GET /ws HTTP/1.1" 101 - 0 0 5012 - "-" "Mozilla/5.0" "9b1c6f0e" "chat.example" "127.0.0.1:8080"'));
  for (const line of [
    '{"level":"info","ts":1796153392.0644243,"logger":"tls.cache.maintenance","msg":"started background certificate maintenance","cache":"0xc00029eee0"}',
    '[2026-12-02 10:00:00.123][1][info][main] [source/server/server.cc:404] initializing epoch 0',
    '2026-12-01 19:27:46,031 INFO websockets.server: connection failed (426 Upgrade Required)',
    '{"level":30,"time":1795586627000,"msg":"request completed"}',
  ]) {
    assert.ok(!looksLikeProxyLog(line), line);
  }
});

test('an application behind Caddy: its failures get the clients of the captured access log, given or among the inputs', async () => {
  const dir = mkdtempSync(`${tmpdir()}/wsnoise-caddy-`);
  // The websockets server behind Caddy logging, without an address, the refusals that
  // fixtures/logs/caddy/upgrade-access.log has from 127.0.0.4, .5, .6, .7, .12 and ::1, a few ms before Caddy's line.
  const ws = (time: string, msg: string): string => `2026-12-01 19:29:${time} INFO websockets.server: ${msg}\n`;
  const failed = (time: string, status: string): string => ws(time, `connection failed (${status})`) + ws(time, 'connection closed');
  writeFileSync(`${dir}/app.log`, failed('52,767', '426 Upgrade Required') + failed('52,923', '426 Upgrade Required') + failed('53,077', '426 Upgrade Required') + failed('53,254', '400 Bad Request') + failed('54,052', '403 Forbidden') + failed('57,522', '426 Upgrade Required'));
  const clients = ['127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.12', '::1'];
  const given = await runCli(['classify', '--tz', 'UTC', '--proxy-log', CADDY, `${dir}/app.log`]);
  assert.equal(given.code, 0, given.stderr);
  assert.deepEqual(events(given.stdout).map((e) => [e.ip, e.ip_source]), clients.map((ip) => [ip, 'proxy-log']));
  const among = await runCli(['classify', '--tz', 'UTC', CADDY, `${dir}/app.log`]);
  const got = events(among.stdout);
  assert.deepEqual(got.filter((e) => e.file.endsWith('app.log')).map((e) => e.ip), clients);
  assert.ok(got.some((e) => e.file === CADDY && e.ip_source === 'line'), "Caddy's own failures are counted too");
});

/** An application's log, and proxies' access logs of the same minute, in a fresh directory. */
function capture(proxies: Readonly<Record<string, readonly string[]>>): string {
  const dir = mkdtempSync(`${tmpdir()}/wsnoise-pairs-`);
  writeFileSync(`${dir}/app.log`, [
    '2026-11-20 10:00:00,300 INFO websockets.server: connection failed (426 Upgrade Required)',
    '2026-11-20 10:00:00,301 INFO websockets.server: connection closed',
    '2026-11-20 10:00:05,100 INFO websockets.server: connection failed (403 Forbidden)',
    '2026-11-20 10:00:05,101 INFO websockets.server: connection closed',
  ].join('\n') + '\n');
  for (const [path, lines] of Object.entries(proxies)) {
    mkdirSync(dirname(`${dir}/${path}`), { recursive: true });
    writeFileSync(`${dir}/${path}`, lines.join('\n') + '\n');
  }
  return dir;
}

const access = (ip: string, s: number, status: number): string => `${ip} - - [20/Nov/2026:10:00:0${s} +0000] "GET /ws HTTP/1.1" ${status} 165 "-" "curl/8.5.0"`;

test('among the inputs, the one proxy whose log spans the application\'s (a rotated set is one proxy) names its clients', async () => {
  const dir = capture({ 'nginx/access.log.1': [access('203.0.113.1', 0, 426)], 'nginx/access.log': [access('203.0.113.2', 5, 403)] });
  const r = await runCli(['classify', `${dir}/app.log`, `${dir}/nginx/access.log`, `${dir}/nginx/access.log.1`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const app = events(r.stdout).filter((e) => e.file.endsWith('app.log'));
  assert.deepEqual(app.map((e) => [e.ip, e.ip_source]), [['203.0.113.1', 'proxy-log'], ['203.0.113.2', 'proxy-log']]);
});

test('among the inputs, two proxies\' logs of the same time: the application\'s failures are joined to neither, and it says so', async () => {
  // Either proxy has a line that fits each failure: which one the request went through, no log says.
  const dir = capture({ 'edge/access.log': [access('203.0.113.1', 0, 426), access('203.0.113.2', 5, 403)], 'other/access.log': [access('198.51.100.9', 0, 426), access('198.51.100.8', 5, 403)] });
  const r = await runCli(['classify', `${dir}/app.log`, `${dir}/edge/access.log`, `${dir}/other/access.log`]);
  assert.equal(r.code, 0, r.stderr);
  const app = events(r.stdout).filter((e) => e.file.endsWith('app.log'));
  assert.deepEqual(app.map((e) => [e.ip, e.ip_source]), [[null, null], [null, null]]);
  assert.equal(r.stderr, `wsnoise: 2 failures of ${dir}/app.log not joined to a proxy's access log, as lines of several proxies' logs among the inputs fit them; name the proxy's with --proxy-log\n`);
  const named = await runCli(['classify', '--proxy-log', `${dir}/edge/access.log`, `${dir}/app.log`]);
  assert.deepEqual(events(named.stdout).map((e) => e.ip), ['203.0.113.1', '203.0.113.2'], '--proxy-log says which');
});

test('among the inputs, a proxy log of another time is not joined: the application pairs with the one its time overlaps', async () => {
  const earlier = (ip: string, status: number): string => `${ip} - - [19/Nov/2026:09:00:00 +0000] "GET /ws HTTP/1.1" ${status} 165 "-" "-"`;
  const dir = capture({ 'edge/access.log': [access('203.0.113.1', 0, 426), access('203.0.113.2', 5, 403)], 'old/access.log': [earlier('198.51.100.9', 426)] });
  const r = await runCli(['classify', `${dir}/old/access.log`, `${dir}/app.log`, `${dir}/edge/access.log`]);
  assert.equal(r.stderr, '');
  assert.deepEqual(events(r.stdout).filter((e) => e.file.endsWith('app.log')).map((e) => e.ip), ['203.0.113.1', '203.0.113.2']);
});

test('among the inputs, captures one after the other: each failure is joined to the proxy with the nearest line, a tie to the one that shares most of its input\'s time', async () => {
  // Whole-second stamps: at 10:00:05 both proxies wrote a 426, and either fits a failure of that second.
  const dir = capture({
    'a/access.log': [access('203.0.113.1', 0, 426), access('203.0.113.2', 5, 426)],
    'b/access.log': [access('198.51.100.1', 5, 426), access('198.51.100.2', 6, 426), access('198.51.100.3', 9, 403)],
  });
  const app = (lines: readonly [string, string][]): string => lines.map(([t, s]) => `2026-11-20 10:00:${t} INFO websockets.server: connection failed (${s})\n2026-11-20 10:00:${t} INFO websockets.server: connection closed\n`).join('');
  writeFileSync(`${dir}/a/app.log`, app([['00,300', '426 Upgrade Required'], ['05,200', '426 Upgrade Required']]));
  writeFileSync(`${dir}/b/app.log`, app([['05,900', '426 Upgrade Required'], ['06,500', '426 Upgrade Required'], ['09,100', '403 Forbidden']]));
  const r = await runCli(['classify', `${dir}/b/app.log`, `${dir}/a/app.log`, `${dir}/a/access.log`, `${dir}/b/access.log`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const ips = (file: string): (string | null)[] => events(r.stdout).filter((e) => e.file === `${dir}/${file}`).map((e) => e.ip);
  assert.deepEqual(ips('a/app.log'), ['203.0.113.1', '203.0.113.2']);
  assert.deepEqual(ips('b/app.log'), ['198.51.100.1', '198.51.100.2', '198.51.100.3']);
});
