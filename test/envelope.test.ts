import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { detectEnvelope, unwrap } from '../src/records/envelope.js';
import { runCli } from './support/cli.js';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

test('each envelope is told from its first line and unwrapped to the payload, the service and the time', () => {
  const cases: [string, string, string, string | null, string | null][] = [
    ['Nov 25 06:03:10 web1 wsapp[4242]: INFO websockets.server: connection closed', 'syslog', 'INFO websockets.server: connection closed', 'web1 wsapp[4242]', '2026-11-25 06:03:10'],
    ['Nov  5 06:03:10 web1 kernel: eth0 up', 'syslog', 'eth0 up', 'web1 kernel', '2026-11-05 06:03:10'],
    ['2026-11-25T06:03:10+0000 web1 uvicorn[311]: INFO:     Started server process [311]', 'iso-syslog', 'INFO:     Started server process [311]', 'web1 uvicorn[311]', '2026-11-25T06:03:10+0000'],
    ['2026-11-25T06:03:10.000000+00:00 app[web.1]: WARNING:  Unsupported upgrade request.', 'iso-syslog', 'WARNING:  Unsupported upgrade request.', 'app[web.1]', '2026-11-25T06:03:10.000000+00:00'],
    ['{"log":"connection closed\\n","stream":"stderr","time":"2026-11-25T06:03:10.1Z"}', 'docker-json', 'connection closed', null, '2026-11-25T06:03:10.1Z'],
    ['{"__REALTIME_TIMESTAMP":"1795586627000000","_PID":"812","_SYSTEMD_UNIT":"nginx.service","MESSAGE":"x"}', 'journal-json', 'x', 'nginx.service[812]', '2026-11-25T06:03:47.000Z'],
    ['2026-11-25T06:03:10.123456789Z stderr F INFO:     127.0.0.1:5 - "GET / HTTP/1.1" 200 OK', 'cri', 'INFO:     127.0.0.1:5 - "GET / HTTP/1.1" 200 OK', null, '2026-11-25T06:03:10.123456789Z'],
    ['ws-1     | 2026-11-25 06:03:10,521 INFO websockets.server: connection open', 'compose', '2026-11-25 06:03:10,521 INFO websockets.server: connection open', 'ws-1', null],
  ];
  for (const [line, envelope, payload, source, time] of cases) {
    const id = detectEnvelope(line, NOW);
    assert.equal(id, envelope, line);
    const u = unwrap(id!, line, NOW)!;
    assert.deepEqual([u.payload, u.source, u.time], [payload, source, time], line);
  }
});

test('a syslog time from December read in January is last year', () => {
  const u = unwrap('syslog', 'Dec 31 23:59:59 web1 app: x', Date.UTC(2027, 0, 1, 0, 0, 5))!;
  assert.equal(u.time, '2026-12-31 23:59:59');
});

test('bare logs are not taken for envelopes', () => {
  for (const line of [
    '2026-11-25 06:03:10,521 INFO websockets.server: connection open',
    '127.0.0.4 - - [25/Nov/2026:05:57:21 +0000] "GET /ws HTTP/1.1" 426 165 "-" "curl/7.88.1"',
    '2026/11/25 06:03:49 [info] 14953#14953: *28 client closed connection while waiting for request, client: 127.0.0.17, server: localhost',
    'INFO:     127.0.0.1:40000 - "GET /ws HTTP/1.1" 404 Not Found',
    '{"level":30,"time":1795586627000,"msg":"request completed"}',
    'Traceback (most recent call last):',
  ]) {
    assert.equal(detectEnvelope(line, NOW), null, line);
  }
});

test('classify names the service an envelope gives, and reads its time when the payload has none', async () => {
  const log = [
    '2026-11-25T06:03:10.123456789Z stdout F 2026-11-25 06:03:10,879 INFO websockets.server: connection failed (426 Upgrade Required)',
    '2026-11-25T06:03:10.123456789Z stdout F 2026-11-25 06:03:10,879 INFO websockets.server: connection closed',
    'Nov 25 06:03:11 web1 gunicorn[77]: WARNING:  Unsupported upgrade request.',
  ];
  const cri = await runCli(['classify', '--tz', 'UTC'], { stdin: `${log[0]}\n${log[1]}\n` });
  const event = JSON.parse(cri.stdout.toString()) as Record<string, unknown>;
  assert.deepEqual([event['cause'], event['time'], event['ranges'], event['source']], ['upgrade-required', '2026-11-25T06:03:10.879+00:00', [[1, 2]], undefined]);
  const sys = await runCli(['classify', '--tz', 'UTC'], { stdin: `${log[2]}\n` });
  const e2 = JSON.parse(sys.stdout.toString()) as Record<string, unknown>;
  assert.deepEqual([e2['cause'], e2['time'], e2['source']], ['bad-upgrade-header', '2026-11-25T06:03:11.000+00:00', 'web1 gunicorn[77]']);
});

test('interleaved services: a traceback stays one record of its service, and every mode writes lines in input order', async () => {
  const path = 'fixtures/logs/envelopes/syslog-interleaved.log';
  const lines = readFileSync(path, 'latin1').split(/(?<=\n)/);
  const events = (await runCli(['classify', path])).stdout.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { cause: string; ranges: [number, number][] });
  const raised = events.find((e) => e.cause === 'server-error')!;
  assert.ok(raised.ranges.length > 3, 'the traceback has other lines between its own');
  const removed = new Set(events.filter((e) => e.cause !== 'server-error').flatMap((e) => e.ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => a + k))));
  const only = await runCli(['filter', '--only', path]);
  assert.equal(only.stdout.toString('latin1'), lines.filter((_, i) => removed.has(i + 1)).join(''));
  const collapsed = (await runCli(['filter', '--collapse', path])).stdout.toString('latin1').split(/(?<=\n)/);
  const firsts = new Set(events.filter((e) => e.cause !== 'server-error').map((e) => e.ranges[0]![0]));
  assert.deepEqual(
    collapsed.map((l) => l.replace(/ \[wsnoise cause=[^\]]*\]\n$/, '\n')),
    lines.filter((_, i) => !removed.has(i + 1) || firsts.has(i + 1)),
  );
  const since = await runCli(['filter', '--since', '2026-11-25T06:03:13', '--until', '2026-11-25T06:03:50', '--tz', 'UTC', path]);
  const kept = since.stdout.toString('latin1').split(/(?<=\n)/);
  assert.ok(kept.length > 10 && kept.every((l) => lines.includes(l)), 'only whole lines of the input');
  assert.deepEqual(kept, [...kept].sort((a, b) => lines.indexOf(a) - lines.indexOf(b)), 'in input order');
});

test('compose: a claim across stacks never takes another service\'s record (uvicorn under gunicorn in api, websockets in chat)', async () => {
  const api = (msg: string): string => `api-1   | [2026-12-01 19:45:17 +0000] [17457] [INFO] ${msg}\n`;
  const chat = (msg: string): string => `chat-1  | 2026-12-01 19:45:17,412 INFO websockets.server: ${msg}\n`;
  const log =
    api('(\'172.18.0.5\', 32935) - "WebSocket /ws-deny" 403') +
    chat('connection failed (403 Forbidden)') +
    chat('connection closed') +
    api('connection failed (403 Forbidden)') +
    api('connection closed');
  const r = await runCli(['classify', '--tz', 'UTC'], { stdin: log });
  assert.equal(r.code, 0, r.stderr);
  const events = r.stdout.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    events.map((e) => [e['source'], e['stack'], e['cause'], e['ip'], e['ranges']]),
    [
      ['api-1', 'uvicorn', 'rejected', '172.18.0.5', [[1, 1], [4, 5]]],
      ['chat-1', 'websockets', 'forbidden', null, [[2, 3]]],
    ],
  );
});
