import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLocalAddress, normalizeIp } from '../src/classify/ip.js';

test('one spelling per address, whatever the server wrote', () => {
  const cases: [string, string | null][] = [
    ['0:0:0:0:0:0:0:1', '::1'],
    ['[::1]', '::1'],
    ['2001:DB8:0:0:0:0:0:5', '2001:db8::5'],
    ['2001:0db8:0000:0001:0000:0000:0000:0001', '2001:db8:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['::', '::'],
    ['203.0.113.9', '203.0.113.9'],
    ['not-an-ip', null],
  ];
  for (const [raw, want] of cases) assert.equal(normalizeIp(raw), want, raw);
});

test('loopback and private addresses are what an application behind a proxy sees', () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '192.168.1.1', '::1', 'fd00::1']) assert.ok(isLocalAddress(ip), ip);
  for (const ip of ['203.0.113.9', '2001:db8::5']) assert.ok(!isLocalAddress(ip), ip);
});
