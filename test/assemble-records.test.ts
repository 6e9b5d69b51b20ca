import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordsOf } from './support/records.js';

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
