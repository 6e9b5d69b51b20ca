import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MisconfigNotice, NOTICE_EVERY_MS } from '../src/sinks/misconfig-notice.js';
import type { HandshakeEvent } from '../src/events/event.js';
import { groupOf, type Cause } from '../src/classify/causes.js';

const event = (cause: Cause): HandshakeEvent => ({ file: '-', cause, group: groupOf(cause), status: null, ip: null, port: null, time: null, stack: 'nginx', rule: 'x/y', detail: null, source: null, ipSource: null, records: [] });

test('the first hidden misconfiguration is told at once, then at most once a minute with the counts since', () => {
  const n = new MisconfigNotice();
  assert.match(n.hidden(event('bad-connection-header'), 0)!, /^wsnoise: hid 1 misconfiguration failure \(bad-connection-header 1: a proxy may strip "Connection: upgrade" .*\); --keep misconfig shows them\n$/);
  assert.equal(n.hidden(event('bad-connection-header'), 1000), null);
  assert.equal(n.hidden(event('unsupported-version'), NOTICE_EVERY_MS - 1), null);
  assert.equal(n.hidden(event('early-close'), NOTICE_EVERY_MS + 5), null, 'noise is not misconfiguration');
  const later = n.hidden(event('unsupported-version'), NOTICE_EVERY_MS + 10)!;
  assert.match(later, /^wsnoise: hid 3 misconfiguration failures \(bad-connection-header 1: .*; unsupported-version 2: clients send an old or no Sec-WebSocket-Version/);
});
