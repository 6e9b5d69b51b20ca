import { statSync, openSync, readSync, closeSync, writeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateLog } from './generate-log.js';
import type { Measurement } from './measure.js';
import { measure, measureMedian } from './measure.js';
import { measureDelays } from './latency.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '300' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
    noise: { type: 'string', default: '0.05' },
    distinct: { type: 'string' },
    file: { type: 'string' },
  },
});
if (values.distinct !== undefined) {
  await distinctSources(Number(values.distinct));
  process.exit(0);
}

/** Memory on a huge archive: every failure from a new address, and one heavy source (one line in 1,000). */
async function distinctSources(count: number): Promise<void> {
  const path = `${tmpdir()}/wsnoise-bench-distinct-${count}.log`;
  process.stderr.write(`generating ${count.toLocaleString('en-US')} failures from distinct addresses into ${path} …\n`);
  const fd = openSync(path, 'w');
  let buffer = '';
  for (let i = 0; i < count; i++) {
    const ip = `${11 + (i >>> 24)}.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;
    buffer += `${ip} - - [20/Nov/2026:10:00:00 +0000] "GET /ws HTTP/1.1" 426 165 "-" "-"\n`;
    if (i % 1000 === 0) buffer += '203.0.113.1 - - [20/Nov/2026:10:00:00 +0000] "GET /ws HTTP/1.1" 426 165 "-" "-"\n';
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  const m = await measureMedian(1, process.execPath, [fileURLToPath(new URL('../../../bin/wsnoise.js', import.meta.url)), 'summary', '--top', '3', path]);
  process.stdout.write(
    `${count.toLocaleString('en-US')} distinct addresses (${(statSync(path).size / 2 ** 20).toFixed(0)} MB): ` +
      `summary in ${m.seconds.toFixed(1)} s, peak RSS ${(m.peakKb / 1024).toFixed(0)} MB\n`,
  );
}

const sizeMb = Number(values.size);
const runs = Number(values.runs);
const bin = fileURLToPath(new URL('../../../bin/wsnoise.js', import.meta.url));
const split2Pass = fileURLToPath(new URL('./split2-pass.js', import.meta.url));

const noise = Number(values.noise);
const file = values.file ?? `${tmpdir()}/wsnoise-bench-${values.seed}-${sizeMb}mb-${noise}.log`;
if (values.file === undefined) {
  process.stderr.write(`generating ${sizeMb} MB of mixed log into ${file} …\n`);
  generateLog(file, sizeMb * 1024 * 1024, Number(values.seed), noise);
}
const lineCount = countLines(file);
function countLines(path: string): number {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  let lines = 0;
  for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
    for (let i = buf.indexOf(10); i !== -1 && i < n; i = buf.indexOf(10, i + 1)) lines++;
  }
  closeSync(fd);
  return lines;
}

const bytes = statSync(file).size;
const mb = bytes / 1024 / 1024;

const node = process.execPath;
const rows: [string, string, string[]][] = [
  ['cat', 'cat', [file]],
  ['grep -c websocket', 'grep', ['-c', 'websocket', file]],
  ['split2 line pass', node, [split2Pass, file]],
  ['wsnoise filter', node, [bin, 'filter', file]],
  ['wsnoise summary', node, [bin, 'summary', file]],
  ['wsnoise classify', node, [bin, 'classify', file]],
];

process.stdout.write(
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}\n` +
    `input: ${mb.toFixed(0)} MB, ${lineCount.toLocaleString('en-US')} lines` +
    `${values.file === undefined ? `, ${(noise * 100).toFixed(0)}% of events WebSocket handshakes (failures from 5,000 sources, skewed)` : ''}; median of ${runs} rounds\n\n`,
);
const header = ['command', 'seconds', 'MB/s', 'lines/s', 'vs split2', 'peak RSS'];
const widths = [22, 8, 8, 12, 10, 9];
const fmt = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ') + '\n';
process.stdout.write(fmt(header));
// Rounds of every command, one after the other, so that a change in the machine's load falls on
// all of them alike; the ratio to split2 is the median of each round's ratio.
const rounds: Measurement[][] = [];
for (let r = 0; r < runs; r++) {
  const round: Measurement[] = [];
  for (const [, command, args] of rows) round.push(await measure(command, args));
  rounds.push(round);
}
const split2Row = rows.findIndex(([name]) => name.startsWith('split2'));
const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [i, [name]] of rows.entries()) {
  const m = { seconds: median(rounds.map((round) => round[i]!.seconds)), peakKb: Math.max(...rounds.map((round) => round[i]!.peakKb)) };
  const ratio = i >= split2Row ? `${median(rounds.map((round) => round[split2Row]!.seconds / round[i]!.seconds)).toFixed(2)}×` : '';
  process.stdout.write(
    fmt([
      name,
      m.seconds.toFixed(2),
      (mb / m.seconds).toFixed(0),
      Math.round(lineCount / m.seconds).toLocaleString('en-US'),
      ratio,
      `${(m.peakKb / 1024).toFixed(0)} MB`,
    ]),
  );
}
const startup = await measureMedian(21, node, [bin, '--version']);
const bare = await measureMedian(21, node, ['-e', '0']);
const ready = await measureMedian(11, 'sh', ['-c', `: | ${node} ${bin} filter`]);
process.stdout.write(
  `\nstart-up: wsnoise --version median ${(startup.seconds * 1000).toFixed(0)} ms over 21 runs (node -e 0: ${(bare.seconds * 1000).toFixed(0)} ms); ` +
    `filter on empty input, every rule compiled: ${(ready.seconds * 1000).toFixed(0)} ms\n`,
);
const delays = await measureDelays(node, bin);
const ms = (n: number): string => `${n.toFixed(1)} ms`;
process.stdout.write(
  `live delay through a pipe (filter --flush-ms 200), from write to output:\n` +
    `  a line that cannot open a failure: median ${ms(delays.plain.median)}, worst ${ms(delays.plain.worst)} over ${delays.plain.count}\n` +
    `  a record that may open one, with no follow-up: median ${ms(delays.held.median)}, worst ${ms(delays.held.worst)} over ${delays.held.count}\n`,
);
