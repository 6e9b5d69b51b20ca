import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MisconfigNotice, NOTICE_EVERY_MS } from '../src/sinks/misconfig-notice.js';
import { MIN_ROUTE_FAILURES, StrippingProxyWatch } from '../src/sinks/stripping-proxy.js';
import { runCli } from './support/cli.js';
import type { HandshakeEvent } from '../src/events/event.js';
import { groupOf, type Cause } from '../src/classify/causes.js';

const event = (cause: Cause): HandshakeEvent => ({ file: '-', cause, group: groupOf(cause), status: null, ip: null, port: null, time: null, stack: 'nginx', rule: 'x/y', detail: null, path: null, source: null, ipSource: null, records: [] });

test('the first hidden misconfiguration is told at once, then at most once a minute with the counts since', () => {
  const n = new MisconfigNotice();
  assert.match(n.hidden(event('bad-connection-header'), 0)!, /^wsnoise: hid 1 misconfiguration failure \(bad-connection-header 1: a proxy may strip "Connection: upgrade" .*\); leave misconfig out of --drop to see them\n$/);
  assert.equal(n.hidden(event('bad-connection-header'), 1000), null);
  assert.equal(n.hidden(event('unsupported-version'), NOTICE_EVERY_MS - 1), null);
  assert.equal(n.hidden(event('early-close'), NOTICE_EVERY_MS + 5), null, 'noise is not misconfiguration');
  const later = n.hidden(event('unsupported-version'), NOTICE_EVERY_MS + 10)!;
  assert.match(later, /^wsnoise: hid 3 misconfiguration failures \(bad-connection-header 1: .*; unsupported-version 2: clients send an old or no Sec-WebSocket-Version/);
});

const onRoute = (cause: Cause, ip: string, path = '/ws?token=1'): HandshakeEvent => ({ ...event(cause), ip, ipSource: 'line', path });

test('a stripping proxy is told when clients sent Sec-WebSocket-Key without the upgrade headers', () => {
  const watch = new StrippingProxyWatch();
  assert.equal(watch.notice(() => false), null, 'nothing seen, nothing said');
  watch.observe(event('bad-connection-header'));
  const said = watch.notice(() => false)!;
  assert.match(said, /^wsnoise: a proxy in front probably strips the upgrade headers: 1 handshake reached the server without their upgrade headers \(bad-connection-header\) in -\. Forward them \(/);
  assert.match(said, /\. Forward them \(nginx: proxy_http_version 1\.1; proxy_set_header Upgrade \$http_upgrade; proxy_set_header Connection "upgrade" \| Apache: [^|]+ \| HAProxy: [^|]+\)\n$/);
  assert.equal(said.split('\n').length, 2, 'one line, as every warning');
});

test('the notice names the first three inputs and counts each other input once', () => {
  const watch = new StrippingProxyWatch();
  for (const file of ['a.log', 'b.log', 'c.log', 'd.log', 'd.log', 'e.log', 'd.log']) watch.observe({ ...event('bad-connection-header'), file });
  assert.match(watch.notice(() => false)!, /: 7 handshakes reached the server without their upgrade headers \(bad-connection-header\) in a\.log, b\.log, c\.log and 2 more inputs\. /);
});

test('a route whose every failure came from one local address, with no success, points at the proxy', () => {
  const watch = new StrippingProxyWatch();
  for (let i = 0; i < MIN_ROUTE_FAILURES; i++) watch.observe(onRoute('upgrade-required', '10.0.0.5'));
  assert.match(watch.notice(() => false)!, /every one of 5 failed handshakes on \/ws in - came from 10\.0\.0\.5 and none succeeded/);
  assert.equal(watch.notice((route) => route === '/ws'), null, 'a handshake that succeeded on the route: the proxy forwards upgrades');
  const few = new StrippingProxyWatch();
  for (let i = 1; i < MIN_ROUTE_FAILURES; i++) few.observe(onRoute('upgrade-required', '10.0.0.5'));
  assert.equal(few.notice(() => false), null, 'a few failures are a visit, not a pattern');
  const mixed = new StrippingProxyWatch();
  for (let i = 0; i < 2 * MIN_ROUTE_FAILURES; i++) mixed.observe(onRoute('not-websocket', i % 2 === 0 ? '10.0.0.5' : '10.0.0.6'));
  assert.equal(mixed.notice(() => false), null, 'several addresses: clients, not one proxy');
  const publicOnly = new StrippingProxyWatch();
  for (let i = 0; i < 2 * MIN_ROUTE_FAILURES; i++) publicOnly.observe(onRoute('not-websocket', '203.0.113.9'));
  assert.equal(publicOnly.notice(() => false), null, 'a public address is a client (a scanner), not a proxy');
  const errors = new StrippingProxyWatch();
  for (let i = 0; i < 2 * MIN_ROUTE_FAILURES; i++) errors.observe(onRoute('server-error', '10.0.0.5'));
  assert.equal(errors.notice(() => false), null, 'failures that are not a lost upgrade say nothing of the proxy');
});

test('filter and summary behind a stripping proxy (real capture): the misconfiguration is kept and told on stderr', async () => {
  const log = 'fixtures/logs/strip/backend-debug.log';
  const filtered = await runCli(['filter', log]);
  assert.equal(filtered.code, 0, filtered.stderr);
  assert.match(filtered.stderr, /^wsnoise: a proxy in front probably strips the upgrade headers: 6 handshakes reached the server without their upgrade headers \(bad-connection-header\) in fixtures\/logs\/strip\/backend-debug\.log\. Forward them \(nginx: [^\n]*\)\n$/);
  assert.equal((filtered.stdout.toString().match(/Sec-WebSocket-Key: /g) ?? []).length, 6, 'the six stripped handshakes stay in the log');
  const summary = await runCli(['summary', '--format', 'json', log]);
  assert.match(summary.stderr, /probably strips the upgrade headers/);
  const access = await runCli(['summary', 'fixtures/logs/strip/access-debug.log']);
  assert.match(access.stderr, /every one of 5 failed handshakes on \/ws in fixtures\/logs\/strip\/access-debug\.log came from 127\.0\.0\.1 and none succeeded/, 'the proxy\'s own log, whose clients all share one address here');
  const healthy = await runCli(['summary', 'fixtures/logs/nginx/upgrade-access.log']);
  assert.doesNotMatch(healthy.stderr, /strips/, 'a proxy that forwards the upgrade');
  const classify = await runCli(['classify', log]);
  assert.equal(classify.stderr.toString(), '', 'classify prints events only');
});
