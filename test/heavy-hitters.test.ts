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

test('a million one-off sources: the summary stays under the memory bound', { timeout: 120_000 }, async () => {
  const { openSync, writeSync, closeSync } = await import('node:fs');
  const { spawn } = await import('node:child_process');
  const { BIN } = await import('./support/cli.js');
  const { watchPeakRss } = await import('./support/peak-rss.js');
  const path = `${dir}/million.log`;
  const fd = openSync(path, 'w');
  let text = '';
  for (let i = 0; i < 1_000_000; i++) {
    text += `${11 + (i >>> 24)}.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255} - - [20/Nov/2026:10:00:00 +0000] "GET /ws HTTP/1.1" 426 165 "-" "-"\n`;
    if (text.length > 1 << 20) {
      writeSync(fd, text);
      text = '';
    }
  }
  writeSync(fd, text);
  closeSync(fd);
  const child = spawn(process.execPath, [BIN, 'summary', path], { stdio: ['ignore', 'pipe', 'pipe'] });
  const rss = watchPeakRss(child.pid);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const peakKb = rss.stop();
  assert.equal(code, 0);
  assert.match(out, /^Handshake failures: 1000000 \(noise 1000000\)/);
  assert.ok(peakKb > 0 && peakKb < 150 * 1024, `peak RSS ${peakKb} KB`);
});
