import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { BUILTIN_STACKS } from '../src/rules/index.js';
import { compileCatalogue } from '../src/classify/compile-rules.js';
import { WasmKeyLines } from '../src/classify/key-lines.js';
import { createClassifier, createRuleProbe } from '../src/classify/classify.js';
import { WsPaths } from '../src/classify/ws-paths.js';
import { LineSplitter, isQuietRun } from '../src/records/split-lines.js';
import { standsAlone } from '../src/records/assemble-records.js';
import type { Line } from '../src/records/line.js';
import { generateLog } from './bench/generate-log.js';
import { ROOT, runCli } from './support/cli.js';

const { scanner } = compileCatalogue(BUILTIN_STACKS);
const wasm = new WasmKeyLines(scanner);
const keyLines = (bytes: Uint8Array, from: number, to: number, hits: Int32Array, keys: Int32Array): number => wasm.keyLines(bytes, from, to, hits, keys);

function fixtureLogs(dir = `${ROOT}fixtures/logs`): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fixtureLogs(`${dir}/${e.name}`) : e.name.endsWith('.log') ? [`${dir}/${e.name}`] : [],
  );
}

/** Every fixture log, generated noise, and the awkward cases: CRLF, invalid UTF-8, blank and long lines, no final newline. */
function mixedInput(): Buffer {
  const dir = mkdtempSync(`${tmpdir()}/wsnoise-quiet-`);
  generateLog(`${dir}/mixed.log`, 300_000, 7, 0.3);
  return Buffer.concat([
    ...fixtureLogs().map((f) => readFileSync(f)),
    readFileSync(`${dir}/mixed.log`),
    Buffer.from('1 a\r\n2 b\r\n\r\n3 \xff\xfe connection\r\n4 connection failed (\n', 'latin1'),
    Buffer.from(`5 ${'x'.repeat(300)}\n6 ${'y'.repeat(300)} handshake\n7 end`),
  ]);
}

interface Seen {
  readonly no: number;
  readonly bytes: string;
  readonly text: string;
  readonly overlong: boolean;
}

const seen = (l: Line): Seen => ({ no: l.no, bytes: l.chunk.toString('latin1', l.start, l.end), text: l.text, overlong: l.overlong });

test('both scanners find, chunk by chunk, every key of every line in order, and which key it is', () => {
  const input = mixedInput();
  const js = (bytes: Uint8Array, from: number, to: number, hits: Int32Array, keys: Int32Array): number => scanner.keyLines(bytes, from, to, hits, keys);
  let lines = 0;
  for (const [size, find] of [
    [3, keyLines],
    [64, keyLines],
    [1000, keyLines],
    [65_536, keyLines],
    [300_000, keyLines],
    [1000, js],
    [65_536, js],
  ] as const) {
    for (let at = 0; at < input.length; at += size) {
      const chunk = input.subarray(at, at + size);
      const to = chunk.lastIndexOf(0x0a) + 1;
      const hits = new Int32Array(chunk.length);
      const keys = new Int32Array(chunk.length);
      const n = find(chunk, 0, to, hits, keys);
      const expected: [number, number][] = [];
      for (let s = 0; s < to; ) {
        const e = chunk.indexOf(0x0a, s) + 1;
        const text = chunk.toString('latin1', s, e - 1);
        for (let k = scanner.find(text); k !== -1; k = scanner.find(text, k + 1)) expected.push([s + k, scanner.lastKey]);
        if (expected.length > 0 && expected[expected.length - 1]![0] >= s) lines++;
        s = e;
      }
      assert.deepEqual(
        Array.from({ length: n }, (_, i) => [hits[i]!, keys[i]!]),
        expected,
        `chunk at ${at} of size ${size}`,
      );
    }
  }
  assert.ok(lines > 1000);
});

test('quiet runs, read line by line, are the lines push gives; each stands alone, as does the line after, and holds no key or none that leads to a rule', () => {
  const input = mixedInput();
  const probe = createRuleProbe(compileCatalogue(BUILTIN_STACKS), new WsPaths([]));
  for (const [size, maxLine, mayBeFailure] of [
    [1, 1 << 20, () => true],
    [7, 200, () => true],
    [333, 1 << 20, probe],
    [4096, 250, () => true],
    [65_536, 1 << 20, () => true],
    [65_536, 1 << 20, probe],
  ] as const) {
    const plain = new LineSplitter(maxLine);
    const quiet = new LineSplitter(maxLine);
    const expected: Seen[] = [];
    const got: Seen[] = [];
    let runs = 0;
    let afterRun = false;
    for (let at = 0; at < input.length; at += size) {
      const chunk = input.subarray(at, at + size);
      expected.push(...plain.push(chunk).map(seen));
      quiet.split(chunk, { keyLines, mayBeFailure }, (item) => {
        if (!isQuietRun(item)) {
          if (afterRun) assert.ok(standsAlone(item.text) || item.text === '' || item.overlong, `a line that may continue a run: ${item.text}`);
          afterRun = false;
          got.push(seen(item));
          return;
        }
        runs++;
        afterRun = true;
        for (const line of quiet.linesOf(item)) {
          assert.ok(scanner.find(line.text) === -1 || !probe(line.text), line.text);
          assert.ok(standsAlone(line.text) && !line.overlong, line.text);
          got.push(seen(line));
        }
      });
    }
    expected.push(...plain.flush().map(seen));
    got.push(...quiet.flush().map(seen));
    assert.deepEqual(got, expected, `chunks of ${size}, max-line ${maxLine}`);
    assert.equal(quiet.nextLine, plain.nextLine);
    if (size > 1000) assert.ok(runs > 100, `runs found in chunks of ${size}: ${runs}`);
  }
});

test('filter, classify and summary say the same with quiet runs as line by line (a window that takes every line reads them one by one)', async () => {
  const dir = mkdtempSync(`${tmpdir()}/wsnoise-quiet-`);
  const file = `${dir}/all.log`;
  writeFileSync(file, mixedInput());
  const everything = ['--since', '1970-01-01T00:00:00Z'];
  for (const args of [['filter'], ['filter', '--only'], ['filter', '--collapse'], ['classify'], ['summary', '--format', 'json']]) {
    const fast = await runCli([...args, file]);
    const slow = await runCli([...args, ...everything, file]);
    assert.equal(fast.code, 0, fast.stderr);
    assert.equal(slow.code, 0, slow.stderr);
    const comparable = (out: Buffer): string => (args[0] === 'summary' ? JSON.stringify({ ...JSON.parse(out.toString()), untimedRecords: undefined }) : out.toString('latin1'));
    assert.equal(comparable(fast.stdout), comparable(slow.stdout), args.join(' '));
  }
  const plain = await runCli(['filter', file]);
  assert.ok(plain.stdout.length < readFileSync(file).length, 'the mixed log has failures that filter removes');
});

test('the rule probe says yes to every line some rule takes, samples and fixtures alike', () => {
  const catalogue = compileCatalogue(BUILTIN_STACKS);
  const everyRoute = new WsPaths(['/**']);
  const classify = createClassifier(catalogue, everyRoute);
  const probe = createRuleProbe(catalogue, everyRoute);
  const heads = [
    ...BUILTIN_STACKS.flatMap((s) => s.rules.flatMap((r) => r.samples.map((x) => x.text))),
    ...fixtureLogs().flatMap((f) => readFileSync(f, 'latin1').split('\n')),
  ];
  let taken = 0;
  for (const text of heads) {
    const lines = text.split('\n').map((t, i) => ({ chunk: Buffer.alloc(0), start: 0, end: 0, text: t, no: i + 1, overlong: false }));
    if (classify({ lines }) === null) continue;
    taken++;
    assert.ok(probe(lines[0]!.text), lines[0]!.text);
  }
  assert.ok(taken > 1000, `lines taken: ${taken}`);
});

test('a file, whose chunks are read into again, gives what the same bytes through a pipe give', async () => {
  const dir = mkdtempSync(`${tmpdir()}/wsnoise-quiet-`);
  const file = `${dir}/all.log`;
  const bytes = mixedInput();
  writeFileSync(file, bytes);
  assert.ok(bytes.length > 16 * 65_536, `several chunks: ${bytes.length} bytes`);
  // Every path a WebSocket route: a file is read for its routes first and a pipe is not, and that is not what is compared here.
  for (const args of [['filter'], ['filter', '--collapse'], ['classify']].map((a) => [...a, '--ws-path', '/**'])) {
    const fromFile = await runCli([...args, file]);
    const fromPipe = await runCli(args, { stdin: bytes });
    assert.equal(fromFile.code, 0, fromFile.stderr);
    // classify names the input: the file, or `-` for the pipe.
    const named = (out: Buffer): string => out.toString('latin1').replaceAll(`"file":${JSON.stringify(file)}`, '"file":"-"');
    assert.equal(named(fromFile.stdout), named(fromPipe.stdout), args.join(' '));
  }
});
