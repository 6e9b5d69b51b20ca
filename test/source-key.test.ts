import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceKey, sourceText } from '../src/sinks/source-key.js';

test('a canonical IPv4 address is keyed by its bits and written back as it was', () => {
  for (const ip of ['0.0.0.0', '1.2.3.4', '127.0.0.1', '192.168.10.200', '203.0.113.9', '255.255.255.255', '128.0.0.0', '10.0.0.255']) {
    const key = sourceKey(ip);
    assert.equal(typeof key, 'number', ip);
    assert.ok(Number.isInteger(key) && (key as number) >= -(2 ** 31) && (key as number) < 2 ** 31, ip);
    assert.equal(sourceText(key), ip);
  }
  assert.notEqual(sourceKey('1.2.3.4'), sourceKey('4.3.2.1'));
  assert.equal(sourceKey('255.255.255.255'), -1);
});

test('any other address is keyed by its text, so it comes back exactly as written', () => {
  for (const ip of ['01.2.3.4', '1.02.3.4', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.', '.1.2.3', '1..2.3', '::1', '::ffff:1.2.3.4', '2001:db8::1', 'fe80::1%eth0', 'a.b.c.d', '1.2.3.4 ', '1.2.3.4x']) {
    assert.equal(sourceKey(ip), ip);
    assert.equal(sourceText(sourceKey(ip)), ip);
  }
});
