import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { watchPeakRss } from './support/peak-rss.js';
import { gzipSync } from 'node:zlib';
import { BIN, ROOT, runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';

const dir = scratchDir();
const realLog = readFileSync(`${ROOT}fixtures/logs/shapes/java-trace.log`);
const wsLog = readFileSync(`${ROOT}fixtures/logs/websockets/legacy-debug.log`);

const awkward: [string, Buffer][] = [
  ['CRLF line endings', Buffer.from('GET /ws 426\r\nsecond\r\n')],
  ['invalid UTF-8', Buffer.from([0x61, 0xff, 0xfe, 0x0a, 0xc3, 0x28, 0x0a, 0xed, 0xa0, 0x80, 0x0a])],
  ['NUL bytes', Buffer.from('a\u0000b\n\u0000\n')],
  ['no final newline', Buffer.from('first\nlast line without newline')],
  ['a lone CR and blank lines', Buffer.from('\r\n\n\ra\rb\n\n')],
  ['a real log with a Java trace', realLog],
];

test('filter --keep with every group passes a WebSocket log through byte for byte', async () => {
  const r = await runCli(['filter', '--keep', 'noise,misconfig,policy'], { stdin: wsLog });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout, wsLog);
});

for (const [name, bytes] of awkward) {
  test(`filter keeps ${name} byte for byte (file and stdin)`, async () => {
    const path = `${dir}/input.log`;
    writeFileSync(path, bytes);
    const fromFile = await runCli(['filter', path]);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.deepEqual(fromFile.stdout, bytes);
    const fromStdin = await runCli(['filter'], { stdin: bytes });
    assert.deepEqual(fromStdin.stdout, bytes);
    assert.equal(fromStdin.stderr, '');
  });
}

test('lines longer than --max-line pass through whole and are never classified', async () => {
  const long = Buffer.concat([Buffer.from('head\n'), Buffer.alloc(5000, 0x41), Buffer.from('\r\ntail\n'), Buffer.alloc(3000, 0x42)]);
  const r = await runCli(['filter', '--max-line', '1K'], { stdin: long });
  assert.deepEqual(r.stdout, long);
  const records = await runCli(['records', '--max-line', '1K'], { stdin: long });
  const rows = records.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { first: number; overlong: boolean });
  assert.deepEqual(rows.filter((r) => !r.overlong).map((r) => r.first), [1, 3]);
  assert.ok(rows.some((r) => r.overlong && r.first === 2) && rows.some((r) => r.overlong && r.first === 4));
});

test('gzip: plain, multi-member and misnamed files are read as their text', async () => {
  writeFileSync(`${dir}/a.log.gz`, gzipSync(realLog));
  writeFileSync(`${dir}/multi.gz`, Buffer.concat([gzipSync(realLog.subarray(0, 100)), gzipSync(realLog.subarray(100))]));
  writeFileSync(`${dir}/misnamed.log`, gzipSync(realLog));
  for (const f of ['a.log.gz', 'multi.gz', 'misnamed.log']) {
    const r = await runCli(['filter', `${dir}/${f}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout, realLog, f);
  }
});

test('a truncated gzip: what it held is written, one line names the fault, the next file is read, exit 1', async () => {
  const gz = gzipSync(Buffer.concat(Array.from({ length: 200 }, () => realLog)));
  writeFileSync(`${dir}/cut.gz`, gz.subarray(0, Math.floor(gz.length / 2)));
  writeFileSync(`${dir}/corrupt.gz`, Buffer.concat([gz.subarray(0, 20), Buffer.alloc(200, 0x55)]));
  writeFileSync(`${dir}/good.log`, 'good\n');
  const r = await runCli(['filter', `${dir}/cut.gz`, `${dir}/corrupt.gz`, `${dir}/good.log`]);
  assert.equal(r.code, 1);
  const [cut, corrupt, ...rest] = r.stderr.split('\n');
  assert.equal(cut, `wsnoise: cannot read ${dir}/cut.gz: truncated gzip data (unexpected end of file)`);
  assert.match(corrupt!, new RegExp(`^wsnoise: cannot read ${dir}/corrupt.gz: corrupt gzip data \\([a-z /]+\\)$`));
  assert.deepEqual(rest, ['']);
  const out = r.stdout;
  assert.ok(out.length > realLog.length * 20, `only ${out.length} bytes of the truncated file came out`);
  assert.deepEqual(out.subarray(0, realLog.length), realLog);
  assert.ok(out.subarray(out.length - 5).equals(Buffer.from('good\n')));
});

test('closing the pipe (| head -1) on a large input: exit 0, nothing on stderr', async () => {
  const path = `${dir}/large.log`;
  writeFileSync(path, Buffer.concat(Array.from({ length: 20000 }, () => realLog)));
  for (const viaStdin of [false, true]) {
    const child = spawn(process.execPath, [BIN, 'filter', ...(viaStdin ? [] : [path])], {
      stdio: [viaStdin ? openSync(path, 'r') : 'ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout!.once("data", () => child.stdout!.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, `stdin=${viaStdin}`);
    assert.equal(stderr, '');
  }
});

test('a 200 MB line stays under the memory bound and comes out whole', { timeout: 120_000 }, async () => {
  const path = `${dir}/huge-line.log`;
  const fd = openSync(path, 'w');
  writeSync(fd, 'before\n');
  const block = Buffer.alloc(1 << 20, 0x78);
  for (let i = 0; i < 200; i++) writeSync(fd, block);
  writeSync(fd, '\nafter\n');
  closeSync(fd);
  const child = spawn(process.execPath, [BIN, 'filter', path], { stdio: ['ignore', 'pipe', 'pipe'] });
  const rss = watchPeakRss(child.pid);
  let bytes = 0;
  let tail = Buffer.alloc(0);
  child.stdout.on('data', (c: Buffer) => {
    bytes += c.length;
    tail = Buffer.concat([tail, c]).subarray(-7);
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const peakKb = rss.stop();
  assert.equal(code, 0);
  assert.equal(bytes, 7 + 200 * (1 << 20) + 7);
  assert.equal(tail.toString(), 'after\n'.padStart(7, '\n'));
  assert.ok(peakKb > 0 && peakKb < 150 * 1024, `peak RSS ${peakKb} KB`);
});

test('--help into a pipe closed before it is written: exit 0, nothing on stderr', async () => {
  for (const args of [['--help'], ['summary', '--help'], ['--version']]) {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, `${args.join(' ')}: ${stderr}`);
    assert.equal(stderr, '');
  }
});
