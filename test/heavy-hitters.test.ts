import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';
import { MAX_TRACKED_IPS } from '../src/sinks/summary.js';

const dir = scratchDir();

test('more sources than the table holds: the heaviest keep exact counts, the rest are summed, and the output says so', { timeout: 60_000 }, async () => {
  const distinct = 3 * MAX_TRACKED_IPS;
  const line = (ip: string): string => `${ip} - - [20/Nov/2026:10:00:00 +0000] "GET /ws HTTP/1.1" 426 165 "-" "-"\n`;
  const parts: string[] = [];
  for (let i = 0; i < distinct; i++) {
    parts.push(line(`11.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`));
    if (i % 100 === 0) parts.push(line('203.0.113.1'));
    if (i % 200 === 0) parts.push(line('203.0.113.2'));
    if (i > distinct * 0.75 && i % 25 === 0) parts.push(line('203.0.113.3'));
  }
  writeFileSync(`${dir}/many.log`, parts.join(''));
  const r = await runCli(['summary', '--format', 'json', '--top', '3', `${dir}/many.log`]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout.toString()) as { total: number; topIps: { ip: string; count: number }[]; otherIps: number; maxShort: number };
  assert.equal(s.total, parts.length);
  const top = Object.fromEntries(s.topIps.map((x) => [x.ip, x.count]));
  assert.equal(top['203.0.113.1'], distinct / 100);
  assert.equal(top['203.0.113.2'], distinct / 200);
  const late = parts.filter((p) => p.startsWith('203.0.113.3 ')).length;
  assert.ok(top['203.0.113.3']! >= late - s.maxShort && top['203.0.113.3']! <= late, 'a late heavy source is counted within the stated bound');
  assert.ok(s.otherIps > 0 && s.maxShort === 1);
  const table = (await runCli(['summary', '--top', '3', `${dir}/many.log`])).stdout.toString();
  assert.match(table, /│ 203\.0\.113\.1 │ 600 /);
  assert.match(table, /a count marked ≥ may be short by up to 1/);
});
