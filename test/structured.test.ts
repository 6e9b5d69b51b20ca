import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readStructured } from '../src/classify/structured.js';
import { runCli } from './support/cli.js';

test('structured lines: the error and message fields, the address from the logger\'s or the request\'s fields, the time', () => {
  const bunyan = readStructured('{"name":"ws","hostname":"h","pid":1,"level":50,"err":{"message":"did not receive a valid HTTP request","name":"InvalidMessage"},"msg":"opening handshake failed","remote_addr":"203.0.113.7:51234","time":"2026-11-20T10:00:00.000Z","v":0}')!;
  assert.deepEqual(bunyan, {
    texts: ['did not receive a valid HTTP request', 'opening handshake failed', 'opening handshake failed: did not receive a valid HTTP request', 'ERROR ws: opening handshake failed'],
    ip: '203.0.113.7',
    port: 51234,
    time: '2026-11-20T10:00:00.000Z',
  });
  const zap = readStructured('{"level":"error","ts":1795586627.5,"msg":"upgrade failed","error":"websocket: bad handshake","remote":"[2001:db8::5]:443"}')!;
  assert.deepEqual([zap.ip, zap.port, zap.time], ['2001:db8::5', 443, '2026-11-25T06:03:47.500Z']);
  const pino = readStructured('{"level":40,"time":1795586627000,"req":{"url":"/ws","remoteAddress":"::ffff:198.51.100.4","remotePort":40022,"headers":{"x-forwarded-for":"6.6.6.6"}},"msg":"x"}')!;
  assert.deepEqual([pino.ip, pino.port], ['198.51.100.4', 40022]);
  assert.equal(readStructured('{"msg":"x","headers":{"x-real-ip":"6.6.6.6"},"user":{"ip":"6.6.6.6"}}')!.ip, null, 'header values and nested user data are never the client');
  assert.equal(readStructured('{"level":30}'), null, 'no message');
  const python = readStructured('{"time": "2026-12-07 20:53:18,661", "level": "WARNING", "logger": "uvicorn.error", "message": "Unsupported upgrade request.\\n"}')!;
  assert.deepEqual(python.texts, ['Unsupported upgrade request.', 'WARNING uvicorn.error: Unsupported upgrade request.'], 'the text layout a formatter would have written, for rules that want the logger');
  assert.equal(readStructured('[1,2]'), null);
  assert.equal(readStructured('2026-11-20 10:00:00 {"msg":"x"}'), null);
});

test('classify reads handshake failures logged as JSON, with the address and time of their fields', async () => {
  const log = [
    '{"event": "server listening", "level": "info", "timestamp": "2026-11-20T10:00:00Z"}',
    '{"event": "connection failed (426 Upgrade Required)", "remote_addr": "203.0.113.9", "level": "info", "timestamp": "2026-11-20T10:00:01.250Z"}',
    '{"event": "connection closed", "level": "info", "timestamp": "2026-11-20T10:00:01.251Z"}',
    '{"level":"info","msg":"request","request":{"remote_ip":"198.51.100.4","uri":"/ws"},"status":200}',
  ].join('\n');
  const r = await runCli(['classify', '--tz', 'UTC'], { stdin: `${log}\n` });
  assert.equal(r.code, 0, r.stderr);
  const events = r.stdout.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(events.length, 1);
  assert.deepEqual([events[0]!['cause'], events[0]!['ip'], events[0]!['time'], events[0]!['ranges']], ['upgrade-required', '203.0.113.9', '2026-11-20T10:00:01.250+00:00', [[2, 3]]]);
  const filtered = await runCli(['filter'], { stdin: `${log}\n` });
  assert.equal(filtered.stdout.toString(), `${log.split('\n')[0]}\n${log.split('\n')[3]}\n`);
});

test('a rule that reads a JSON line as it is still gets the time from its time field (pino writes epoch milliseconds)', async () => {
  const line = '{"level":40,"time":1795586627000,"pid":7,"hostname":"h","remoteAddress":"::1","remotePort":40022,"err":{"type":"Error","message":"Invalid Upgrade header","stack":"Error: Invalid Upgrade header"},"msg":"wsClientError"}';
  const r = await runCli(['classify', '--tz', 'UTC'], { stdin: `${line}\n` });
  const events = r.stdout.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(events.length, 1, r.stderr);
  assert.equal(events[0]!['time'], '2026-11-25T06:03:47.000+00:00');
});
