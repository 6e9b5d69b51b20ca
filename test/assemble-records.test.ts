import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordsOf } from './support/records.js';

const lines = (text: string): string[][] => recordsOf(text).map((r) => r.lines.map((l) => l.text));

test("a Go goroutine dump belongs to the line before it (net/http's panic)", () => {
  const log = [
    '2026/12/01 19:26:47 http: panic serving 127.0.0.20:34305: database is down',
    'goroutine 33 [running]:',
    'net/http.(*conn).serve.func1()',
    '\t/usr/lib/go-1.19/src/net/http/server.go:1850 +0xbf',
    'panic({0x668880, 0x72eb50})',
    '\t/usr/lib/go-1.19/src/runtime/panic.go:890 +0x262',
    'main.main.func2({0xef7f133b?, 0xffffffffffffffff?}, 0x4a6673?)',
    '\t/tmp/main.go:65 +0x27',
    '...additional frames elided...',
    'created by net/http.(*Server).Serve in goroutine 1',
    '\t/usr/lib/go-1.19/src/net/http/server.go:3102 +0x4db',
    '2026/12/01 19:26:49 read: websocket: close 1000 (normal)',
    'main.f() is not a frame after a log line',
    '',
  ].join('\n');
  const records = lines(log);
  assert.equal(records.length, 3);
  assert.equal(records[0]!.length, 11);
  assert.deepEqual(records[1], ['2026/12/01 19:26:49 read: websocket: close 1000 (normal)']);
  assert.deepEqual(records[2], ['main.f() is not a frame after a log line']);
});

test('a dump ends at the first line that is neither a frame nor indented', () => {
  const records = lines('x\ngoroutine 1 [running]:\nmain.main()\n\t/tmp/m.go:3 +0x1\nserver listening (on :80)\n');
  assert.deepEqual(records.map((r) => r.length), [4, 1]);
});

test("a Twisted traceback stays one record across its '--- <exception caught here> ---' marker", () => {
  const log =
    '2026-12-01 19:31:36,913 CRITICAL Unhandled Error\n' +
    'Traceback (most recent call last):\n' +
    '  File "/usr/lib/python3/dist-packages/twisted/internet/asyncioreactor.py", line 255, in run\n' +
    '    self._asyncioEventloop.run_forever()\n' +
    '--- <exception caught here> ---\n' +
    '  File "/usr/lib/python3/dist-packages/daphne/ws_protocol.py", line 162, in onClose\n' +
    '    self.server.protocol_disconnected(self)\n' +
    "builtins.AttributeError: 'WebSocketProtocol' object has no attribute 'server'\n" +
    '\n' +
    '2026-12-01 19:31:37,000 INFO     next\n';
  const records = recordsOf(log);
  assert.deepEqual(records.map((r) => r.lines.length), [8, 1, 1], 'the traceback, the blank line after it, the next record');
  assert.equal(records[2]!.lines[0]!.text, '2026-12-01 19:31:37,000 INFO     next');
});
