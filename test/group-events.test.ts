import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Grouper } from '../src/events/group-events.js';
import { compileCatalogue } from '../src/classify/compile-rules.js';
import { createClassifier } from '../src/classify/classify.js';
import { WsPaths } from '../src/classify/ws-paths.js';
import { eventRanges, type HandshakeEvent } from '../src/events/event.js';
import { BUILTIN_STACKS } from '../src/rules/index.js';
import { recordsOf } from './support/records.js';
import type { LogRecord } from '../src/records/record.js';
import { newInputOrder } from '../src/records/input-order.js';

/** Records of a literal log through the classifier and a grouper: the events and when each record left. */
function group(log: string | readonly LogRecord[], flushMs = 200, times?: number[]): { events: HandshakeEvent[]; releasedAfter: number[] } {
  const classify = createClassifier(compileCatalogue(BUILTIN_STACKS), new WsPaths([]));
  const grouper = new Grouper('-', flushMs);
  const events = new Set<HandshakeEvent>();
  const releasedAfter: number[] = [];
  (typeof log === 'string' ? recordsOf(log) : log).forEach((record, i) => {
    for (const r of grouper.push(record, classify(record), times?.[i] ?? 0)) {
      releasedAfter.push(i);
      if (r.event) events.add(r.event);
    }
  });
  for (const r of grouper.flush(Number.POSITIVE_INFINITY)) {
    releasedAfter.push(-1);
    if (r.event) events.add(r.event);
  }
  return { events: [...events], releasedAfter };
}

const WS = (msg: string): string => `2026-11-20 10:00:00,000 INFO websockets.server: ${msg}\n`;

test('a failure claims its close; the next connection is another event; a success is nothing', () => {
  const { events } = group(WS('connection failed (426 Upgrade Required)') + WS('connection closed') + WS('connection failed (400 Bad Request)') + WS('connection closed') + WS('connection open') + WS('connection closed'));
  assert.deepEqual(events.map((e) => [e.cause, eventRanges(e)]), [['upgrade-required', [[1, 2]]], ['bad-request', [[3, 4]]]]);
});

test('lines of other sources in between are kept and the event has several ranges', () => {
  const { events } = group(WS('connection failed (426 Upgrade Required)') + '2026-11-20 10:00:00,000 INFO app: hello\n' + WS('connection closed'));
  assert.deepEqual(eventRanges(events[0]!), [[1, 1], [3, 3]]);
});

test('a claim takes one record: a second traceback after connection rejected is the next connection', () => {
  const tb = (exc: string): string => `2026-11-20 10:00:00,000 ERROR websockets.server: opening handshake failed\nTraceback (most recent call last):\n  File "s.py", line 1, in f\n${exc}\n`;
  const { events } = group(WS('connection rejected (426 Upgrade Required)') + tb('websockets.exceptions.InvalidUpgrade: missing Upgrade header') + tb('EOFError: stream ends after 0 bytes, before end of line'));
  assert.deepEqual(events.map((e) => [e.cause, e.status, eventRanges(e)]), [['bad-upgrade-header', 426, [[1, 5]]], ['early-close', null, [[6, 9]]]]);
});

test('records wait behind a held failure and leave in order; flush-ms releases a conversation that never closes', () => {
  const log = WS('connection failed (426 Upgrade Required)') + '2026-11-20 10:00:00,000 INFO app: one\n' + '2026-11-20 10:00:00,000 INFO app: two\n';
  const held = group(log, 200, [0, 50, 100]);
  assert.deepEqual(held.releasedAfter, [-1, -1, -1], 'nothing leaves before the end: the close may still come');
  const classify = createClassifier(compileCatalogue(BUILTIN_STACKS), new WsPaths([]));
  const grouper = new Grouper('-', 200);
  const [failed, one] = recordsOf(log);
  assert.deepEqual(grouper.push(failed!, classify(failed!), 0), []);
  assert.deepEqual(grouper.push(one!, classify(one!), 50), []);
  const released = grouper.flush(250);
  assert.deepEqual(released.map((r) => r.event?.cause ?? null), ['upgrade-required', null]);
});

test('a DEBUG conversation is one event, a plain GET without Upgrade is not-websocket', () => {
  const d = (msg: string): string => `2026-11-20 10:00:00,000 DEBUG websockets.server: ${msg}\n`;
  const log =
    d('= connection is CONNECTING') + d('< GET /ws HTTP/1.1') + d('< Host: x') + d('< Connection: keep-alive') + d('! invalid upgrade') +
    'Traceback (most recent call last):\n  File "h.py", line 63, in check_request\nwebsockets.exceptions.InvalidUpgrade: invalid Connection header: keep-alive\n' +
    d('> HTTP/1.1 426 Upgrade Required') + WS('connection failed (426 Upgrade Required)') + d('x closing TCP connection') + d('= connection is CLOSED') + WS('connection closed');
  const { events } = group(log);
  assert.deepEqual(events.map((e) => [e.cause, e.status, eventRanges(e)]), [['not-websocket', 426, [[1, 13]]]]);
});

test('a rule that claims its own id takes one repeat of its line (hypercorn 0.13.2 writes a 500 twice), not a third', () => {
  const line = '[2026-12-01 19:27:13 +0000] [16024] [INFO] 127.0.0.20:60007 - - [01/Dec/2026:19:27:13 +0000] "GET /ws 1.1" 500 - "-" "x"\n';
  const other = line.replace('60007', '60008');
  const classify = createClassifier(compileCatalogue(BUILTIN_STACKS), new WsPaths(['/ws']));
  const grouper = new Grouper('-', 200);
  const events = new Set<HandshakeEvent>();
  for (const record of recordsOf(line + line + line + other)) for (const r of grouper.push(record, classify(record), 0)) if (r.event) events.add(r.event);
  for (const r of grouper.flush(Number.POSITIVE_INFINITY)) if (r.event) events.add(r.event);
  assert.deepEqual([...events].map((e) => [e.cause, e.port, eventRanges(e)]), [
    ['server-error', 60007, [[1, 2]]],
    ['server-error', 60007, [[3, 3]]],
    ['server-error', 60008, [[4, 4]]],
  ]);
});

test("a claim may name another stack's rule: uvicorn's refusal under gunicorn takes the websockets answer and close after it", () => {
  const G = (msg: string): string => `[2026-12-01 19:45:17 +0000] [17457] [INFO] ${msg}\n`;
  const { events } = group(G('(\'127.0.0.19\', 32935) - "WebSocket /ws-deny" 403') + G('connection failed (403 Forbidden)') + G('connection closed') + G('connection failed (400 Bad Request)') + G('connection closed'));
  assert.deepEqual(events.map((e) => [e.cause, e.ip, e.status, eventRanges(e)]), [
    ['rejected', '127.0.0.19', 403, [[1, 3]]],
    ['bad-request', null, 400, [[4, 5]]],
  ]);
});

test('a claim across stacks takes only a record of the same service: envelopes interleave two of them', () => {
  const G = (msg: string): string => `[2026-12-01 19:45:17 +0000] [17457] [INFO] ${msg}\n`;
  const order = newInputOrder();
  // As the envelope unwrapper hands them on: each line's payload, with the service its envelope names.
  const wrapped: [string | null, string][] = [
    ['api', G('(\'127.0.0.19\', 32935) - "WebSocket /ws-deny" 403')],
    ['chat', G('connection failed (403 Forbidden)')],
    ['chat', G('connection closed')],
    ['api', G('connection failed (403 Forbidden)')],
    ['api', G('connection closed')],
  ];
  const records = recordsOf(wrapped.map(([, text]) => text).join('')).map((record, i) => ({
    lines: record.lines.map((line) => ({ ...line, envelope: { source: wrapped[i]![0], time: null, joined: false, order } })),
  }));
  const { events } = group(records);
  assert.deepEqual(events.map((e) => [e.source, e.stack, e.cause, e.ip, e.status, eventRanges(e)]), [
    ['api', 'uvicorn', 'rejected', '127.0.0.19', 403, [[1, 1], [4, 5]]],
    ['chat', 'websockets', 'forbidden', null, 403, [[2, 3]]],
  ]);
});
