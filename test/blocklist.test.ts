import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';

const dir = scratchDir();
const log = `${dir}/access.log`;
const line = (ip: string, status: number, path = '/ws'): string => `${ip} - - [20/Nov/2026:10:00:00 +0000] "GET ${path} HTTP/1.1" ${status} 165 "-" "curl/8"\n`;
writeFileSync(
  log,
  [
    ...Array<string>(5).fill(line('203.0.113.9', 426)),
    ...Array<string>(3).fill(line('198.51.100.7', 426)),
    ...Array<string>(9).fill(line('10.1.2.3', 426)),
    ...Array<string>(9).fill(line('127.0.0.1', 426)),
    ...Array<string>(9).fill(line('169.254.1.1', 426)),
    ...Array<string>(9).fill(line('fe80::1', 426)),
    ...['2001:db8:1:2::5', '2001:db8:1:2::6', '2001:db8:1:2::7'].map((ip) => line(ip, 426)),
    ...Array<string>(4).fill(line('192.0.2.1', 500)),
  ].join(''),
);

test('blocklist: sources over --min, biggest first, never loopback, private or link-local', async () => {
  const r = await runCli(['blocklist', '--min', '3', log]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.toString(), '203.0.113.9\n198.51.100.7\n');
});

test('blocklist: --allow, IPv6 per /64, nginx, ipset and JSON formats', async () => {
  assert.equal((await runCli(['blocklist', '--min', '3', '--allow', '203.0.113.0/24', '--format', 'nginx', log])).stdout.toString(), 'deny 198.51.100.7;\n');
  const ipset = (await runCli(['blocklist', '--min', '3', '--v6-per-64', '--format', 'ipset', log])).stdout.toString();
  assert.equal(ipset, 'create wsnoise4 hash:net family inet -exist\ncreate wsnoise6 hash:net family inet6 -exist\nadd wsnoise4 203.0.113.9 -exist\nadd wsnoise4 198.51.100.7 -exist\nadd wsnoise6 2001:db8:1:2::/64 -exist\n');
  const json = JSON.parse((await runCli(['blocklist', '--min', '1', '--format', 'json', log])).stdout.toString()) as { source: string; count: number }[];
  assert.deepEqual(json.map((x) => x.source), ['203.0.113.9', '198.51.100.7', '2001:db8:1:2::5', '2001:db8:1:2::6', '2001:db8:1:2::7']);
});

test('blocklist: errors never count unless asked; a bad --allow is a usage error', async () => {
  assert.doesNotMatch((await runCli(['blocklist', '--min', '1', log])).stdout.toString(), /192\.0\.2\.1/);
  assert.match((await runCli(['blocklist', '--min', '1', '--cause', 'server-error', log])).stdout.toString(), /^192\.0\.2\.1\n$/);
  const bad = await runCli(['blocklist', '--allow', '10.0.0.0/40', log]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, "wsnoise: --allow takes an address or CIDR such as 203.0.113.0/24 or 2001:db8::/32, not '10.0.0.0/40'\n");
});
