import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readClf, readClfForRules } from '../src/formats/clf.js';
import { canonicalLine } from '../src/formats/access-fields.js';
import { readJsonAccess } from '../src/formats/json-access.js';
import { compileLogFormat } from '../src/formats/log-format.js';
import { formatsInConfig } from '../src/formats/log-format-file.js';
import { findAddress } from '../src/formats/find-address.js';
import { leadingTime } from '../src/formats/prefix.js';
import { readLogfmt } from '../src/formats/logfmt.js';
import { detectFormat } from '../src/formats/detect-format.js';
import { UsageError } from '../src/errors.js';

const T = '25/Nov/2026:05:57:21 +0000';

test('the common-log family: every shape gives the same fields', () => {
  const shapes: [string, string][] = [
    [`172.17.0.1 - - [${T}] "GET /ws HTTP/1.1" 426 165 "-" "curl/7.88.1" "-"`, 'combined+fields'],
    [`172.17.0.1 - - [${T}] "GET /ws HTTP/1.1" 426 165 `, 'common'],
    [`172.17.0.1 - - [${T}] "GET /ws HTTP/1.1" 426 165`, 'common'],
    [`172.17.0.1 - - [${T}] "GET /ws HTTP/1.1" 426 165 "-" "curl" rt=0.001 uct="0.000" uht="-" urt="0.001"`, 'combined+fields'],
    [`example.org:443 172.17.0.1 - - [${T}] "GET /ws HTTP/1.1" 426 165 "-" "curl"`, 'vhost-combined'],
    [`172.17.0.1:51234 - - [${T}] "GET /ws HTTP/1.1" 426 165 "-" "curl"`, 'custom-clf'],
  ];
  for (const [line, shape] of shapes) {
    const read = readClf(line);
    assert.equal(read?.shape, shape, line);
    assert.equal(read?.fields.ip, '172.17.0.1');
    assert.equal(read?.fields.status, 426);
    assert.equal(read?.fields.request, 'GET /ws HTTP/1.1');
    assert.equal(read?.fields.time, T);
  }
  assert.equal(readClf(`172.17.0.1:51234 - - [${T}] "GET /ws HTTP/1.1" 426 165`)?.fields.port, 51234);
});

test('a plain combined line is left to the rules that read it as it is', () => {
  assert.equal(readClfForRules(`172.17.0.1 - - [${T}] "GET /ws HTTP/1.1" 426 165 "-" "curl"`), null);
  assert.notEqual(readClfForRules(`172.17.0.1 - - [${T}] "GET /ws HTTP/1.1" 426 165 "-" "curl" "-"`), null);
});

test('addresses the client wrote (request, referer, agent, forwarded-for) are never the client', () => {
  const line = `127.0.0.4 - - [${T}] "GET /ws?6.6.6.6 HTTP/1.1" 426 1 "http://6.6.6.6/" "6.6.6.6 - - [${T}] \\"GET /ws HTTP/1.1\\" 426" "6.6.6.6"`;
  assert.equal(readClf(line)?.fields.ip, '127.0.0.4');
  assert.equal(readJsonAccess({ remote_addr: '127.0.0.4', http_x_forwarded_for: '6.6.6.6', request: 'GET /ws HTTP/1.1', status: 426 })?.ip, '127.0.0.4');
  assert.equal(readJsonAccess({ http_x_forwarded_for: '6.6.6.6', request: 'GET /ws HTTP/1.1', status: 426 }), null);
});

test('the canonical line escapes what a JSON request may hold unescaped', () => {
  const fields = readJsonAccess({ remote_addr: '::1', request: '\u0016\u0003\u0001 "x"', status: '400' })!;
  assert.equal(canonicalLine(fields), '[::1] - - [01/Jan/1970:00:00:00 +0000] "\\x16\\x03\\x01 \\x22x\\x22" 400 1 "-" "-"');
});

test('JSON access logs by their field names: nginx escape=json, Envoy, Caddy-style nesting', () => {
  assert.deepEqual(readJsonAccess({ time_iso8601: '2026-11-25T05:57:21+00:00', remote_addr: '127.0.0.9', request: 'GET /ws HTTP/1.1', status: '426', body_bytes_sent: '16' }), {
    ip: '127.0.0.9',
    port: null,
    time: '2026-11-25T05:57:21+00:00',
    request: 'GET /ws HTTP/1.1',
    status: 426,
    server: 'nginx',
  });
  const envoy = readJsonAccess({ start_time: '2026-11-25T05:57:21.123Z', method: 'GET', path: '/ws', protocol: 'HTTP/1.1', response_code: 403, downstream_remote_address: '127.0.0.3:4567' });
  assert.equal(envoy?.ip, '127.0.0.3');
  assert.equal(envoy?.port, 4567);
  assert.equal(envoy?.request, 'GET /ws HTTP/1.1');
  assert.equal(envoy?.server, 'envoy');
  assert.equal(readJsonAccess({ msg: 'saved', status: 'ok' }), null, 'an application line with a status field');
});

test('--log-format: nginx and Apache strings compile into readers', () => {
  const docker = compileLogFormat('$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"');
  assert.equal(docker.read(`127.0.0.2 - - [${T}] "GET /ws HTTP/1.1" 426 16 "-" "curl" "6.6.6.6"`)?.ip, '127.0.0.2');
  const custom = compileLogFormat('[$time_local] $remote_addr:$remote_port "$request" $status rt=$request_time');
  assert.deepEqual(custom.read(`[${T}] 127.0.0.2:5151 "GET /ws HTTP/1.1" 400 rt=0.000`), { ip: '127.0.0.2', port: 5151, time: T, request: 'GET /ws HTTP/1.1', status: 400 });
  assert.ok(custom.needles.includes('" 400 r'), custom.needles.join('|'));
  const apache = compileLogFormat('%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"');
  assert.equal(apache.syntax, 'apache');
  assert.deepEqual(apache.read(`::1 - - [${T}] "GET /ws HTTP/1.1" 101 0 "-" "a \\"b\\""`), { ip: '::1', port: null, time: T, request: 'GET /ws HTTP/1.1', status: 101 });
  const split = compileLogFormat('%a %m %U%q %H %>s');
  assert.equal(split.read('127.0.0.5 GET /ws?x=1 HTTP/1.1 403')?.request, 'GET /ws?x=1 HTTP/1.1');
  assert.equal(split.read('127.0.0.5 GET /ws HTTP/1.1 403')?.request, 'GET /ws HTTP/1.1');
  const json = compileLogFormat('{"ip":"$remote_addr","req":"$request","status":"$status"}');
  assert.equal(json.read('{"ip":"127.0.0.6","req":"\\u0016\\u0003 \\"","status":"400"}')?.request, '\u0016\u0003 "');
});

test('--log-format refuses a format whose lines could not be judged, saying why', () => {
  assert.throws(() => compileLogFormat('$time_local "$request" $status'), (e: unknown) => e instanceof UsageError && /no client address \(\$remote_addr\)/.test(e.message));
  assert.throws(() => compileLogFormat('%h %t "%r"'), (e: unknown) => e instanceof UsageError && /no status \(%>s\)/.test(e.message));
  assert.throws(() => compileLogFormat('$remote_addr $status'), (e: unknown) => e instanceof UsageError && /no request/.test(e.message));
  assert.throws(() => compileLogFormat('just words'), UsageError);
});

test('formats in a configuration: nginx log_format parts joined, Apache LogFormat and CustomLog', () => {
  const nginx = `http {\n  # log_format old '$remote_addr';\n  log_format main '$remote_addr - $remote_user [$time_local] "$request" '\n                  '$status $body_bytes_sent "$http_referer" '\n                  '"$http_user_agent" "$http_x_forwarded_for"';\n  log_format json escape=json '{"ip":"$remote_addr","status":"$status"}';\n  access_log /var/log/nginx/access.log main;\n}\n`;
  assert.deepEqual(formatsInConfig(nginx), [
    { name: 'main', format: '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"' },
    { name: 'json', format: '{"ip":"$remote_addr","status":"$status"}' },
  ]);
  const apache = 'LogFormat "%h %l %u %t \\"%r\\" %>s %O \\"%{Referer}i\\" \\"%{User-Agent}i\\"" combined\nCustomLog ${APACHE_LOG_DIR}/ws.log "%a %t \\"%r\\" %>s"\n';
  assert.deepEqual(formatsInConfig(apache), [
    { name: 'combined', format: '%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"' },
    { name: '${APACHE_LOG_DIR}/ws.log', format: '%a %t "%r" %>s' },
  ]);
});

test('the address finder: where servers and applications write the peer, never the client\'s words', () => {
  const cases: [string, string | null, number | null][] = [
    ['websocket handshake failed from 203.0.113.9: Invalid Upgrade header', '203.0.113.9', null],
    ['handshake failed from 203.0.113.9:4433: bad key', '203.0.113.9', 4433],
    ['[client 127.0.0.1:5678] AH00898: Error reading from remote server', '127.0.0.1', 5678],
    ['upgrade failed client=[::1]:40979 reason=bad', '::1', 40979],
    ['upgrade failed remote_addr=10.1.2.3 path=/ws', '10.1.2.3', null],
    ['peer: 192.0.2.1, closed', '192.0.2.1', null],
    ['[::1]:59279 - websocket handshake error', '::1', 59279],
    ['handshake failed from ::1: code 3', '::1', null],
    ['GET /x?from=6.6.6.6:1 refused', null, null],
    ['refused "from 6.6.6.6" agent', null, null],
    ['refused path=/from 6.6.6.6', null, null],
    ['version 1.2.3.4 from upstream', null, null],
  ];
  for (const [line, ip, port] of cases) {
    const found = findAddress(line);
    assert.equal(found?.ip ?? null, ip, line);
    if (ip !== null) assert.equal(found?.port ?? null, port, line);
  }
  assert.equal(findAddress('bad Origin: http://x from 6.6.6.6', [4, 33]), null, 'not inside the message');
});

test('a prefix\'s time, in the common layouts', () => {
  assert.equal(leadingTime('2026-12-01 10:00:00,123 [ERROR] app: x'), '2026-12-01 10:00:00,123');
  assert.equal(leadingTime('ERROR 2026-12-01T10:00:00.5Z app x'), '2026-12-01T10:00:00.5Z');
  assert.equal(leadingTime('[2026-12-01 10:00:00] x'), '2026-12-01 10:00:00');
  assert.equal(leadingTime('2026/12/01 10:00:00.123456 main.go:12: x'), '2026/12/01 10:00:00.123456');
  assert.equal(leadingTime('time="2026-12-01T10:00:00Z" level=error msg=x'), '2026-12-01T10:00:00Z');
  assert.equal(leadingTime('app started'), null);
});

test('logfmt: message and error values, the address from an address field only', () => {
  const line = readLogfmt('time="2026-12-01T10:00:00Z" level=error msg="upgrade failed" error="websocket: bad \\"x\\"" remote=127.0.0.5:4444 ua="from 6.6.6.6"');
  assert.deepEqual(line, { texts: ['websocket: bad "x"', 'upgrade failed', 'upgrade failed: websocket: bad "x"'], ip: '127.0.0.5', port: 4444, time: '2026-12-01T10:00:00Z' });
  assert.equal(readLogfmt('level=info path=/ws'), null);
});

test('detectFormat names what records and rules test show', () => {
  assert.equal(detectFormat(`1.2.3.4 - - [${T}] "GET / HTTP/1.1" 200 1 "-" "-"`), 'combined access log');
  assert.equal(detectFormat('{"remote_addr":"1.2.3.4","request":"GET / HTTP/1.1","status":200,"body_bytes_sent":1}'), 'JSON access log (nginx)');
  assert.equal(detectFormat('2026-12-01 10:00:00,123 INFO websockets.server: x'), 'time level message');
  assert.equal(detectFormat('2026/11/25 05:57:23 [info] 11808#11808: *23 x'), 'nginx error log');
  assert.equal(detectFormat('2020-09-11T18:07:41.923Z\tERROR\tapi/x.go:43\tcreate\t{"err": "x"}'), 'zap console + JSON fields');
  assert.equal(detectFormat('something else'), null);
});
