import { parentPort, workerData } from 'node:worker_threads';
import { readSync } from 'node:fs';
import type { Automaton } from '../classify/key-scanner.js';
import { WasmKeyLines } from '../classify/key-lines.js';
import { mustLook } from '../records/split-lines.js';
import type { FromScanner, ScanRequest, ScannedChunk, ToScanner } from './scan-ahead.js';

const LF = 0x0a;

/**
 * The scan thread: once told where to start, reads a regular file (its descriptor) from there on, finds the keys and line ends in each
 * chunk's whole lines, as LineSplitter.split would ask for them, and hands the chunk over. At
 * most `ahead` chunks are out at once; each one handed back (or let go) allows one more.
 */
const request = workerData as ScanRequest;
const port = parentPort!;
const scanner = new WasmKeyLines({ automaton: request.automaton as Automaton });
const { fd } = request;
const pool: ArrayBuffer[] = [];
// The memory of each chunk's indexes (keys, line ends, picks), handed over with it and back: made
// here per chunk, it would pile up as garbage outside this thread's small heap until a collection.
const indexPool: ArrayBuffer[] = [];
let position = 0;
let credits = 0;
let done = false;
// Whether the bytes before `position` end inside a line: the splitter then holds them, and its
// whole lines in the next chunk start after that chunk's first line break.
let midLine = false;
let hits = new Int32Array(0);
let keys = new Int32Array(0);
let ends = new Int32Array(0);
let picks = new Int32Array(0);

function post(message: FromScanner, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

/** The descriptor is closed by the reading side, once this thread has stopped. */
function finish(): void {
  done = true;
}

function pump(): void {
  while (credits > 0 && !done) {
    const buffer = pool.pop() ?? new ArrayBuffer(request.chunkSize);
    // A Buffer: its indexOf is memchr, a Uint8Array's a loop over elements.
    const bytes = Buffer.from(buffer);
    let n: number;
    try {
      n = readSync(fd, bytes, 0, bytes.length, position);
    } catch (error) {
      post({ kind: 'error', code: (error as { code?: unknown }).code, message: (error as Error).message });
      finish();
      return;
    }
    if (n === 0) {
      post({ kind: 'end' });
      finish();
      return;
    }
    position += n;
    credits--;
    const chunk = scan(bytes, n);
    post(chunk, chunk.prescan === null ? [buffer] : [buffer, chunk.prescan.hits.buffer as ArrayBuffer]);
  }
}

function scan(bytes: Buffer, length: number): ScannedChunk {
  let from = 0;
  if (midLine) {
    const nl = bytes.indexOf(LF);
    from = nl === -1 || nl >= length ? length : nl + 1;
  }
  const to = bytes.lastIndexOf(LF, length - 1) + 1;
  midLine = bytes[length - 1] !== LF;
  if (to <= from) return { kind: 'chunk', bytes: bytes.buffer as ArrayBuffer, length, prescan: null };
  if (hits.length < to - from) [hits, keys, ends, picks] = [new Int32Array(to - from), new Int32Array(to - from), new Int32Array(to - from), new Int32Array(to - from)];
  const found = scanner.keyLines(bytes, from, to, hits, keys);
  let lines = 0;
  for (let s = from; s < to; ) {
    s = bytes.indexOf(LF, s) + 1;
    ends[lines++] = s;
  }
  let picked = 0;
  for (let i = 0, s = from, h = 0; i < lines; i++) {
    const e = ends[i]!;
    while (h < found && hits[h]! < s) h++;
    if (mustLook(bytes, s, e, h < found && hits[h]! < e, request.maxLine)) picks[picked++] = i;
    s = e;
  }
  const index = indexBuffer(2 * found + lines + picked);
  let at = 0;
  const part = (from: Int32Array, length: number): Int32Array => {
    const view = new Int32Array(index, at * 4, length);
    view.set(from.subarray(0, length));
    at += length;
    return view;
  };
  return {
    kind: 'chunk',
    bytes: bytes.buffer as ArrayBuffer,
    length,
    prescan: { from, to, found, hits: part(hits, found), keys: part(keys, found), ends: part(ends, lines), picks: part(picks, picked) },
  };
}

/** Memory for `ints` indexes: one handed back if it is large enough. */
function indexBuffer(ints: number): ArrayBuffer {
  const bytes = Math.max(ints, 1) * 4;
  for (let i = indexPool.length - 1; i >= 0; i--) {
    if (indexPool[i]!.byteLength >= bytes) return indexPool.splice(i, 1)[0]!;
  }
  // Room to spare, so that one buffer fits the chunks of a file whose lines are alike.
  return new ArrayBuffer(bytes + (bytes >> 2));
}

port.on('message', (message: ToScanner) => {
  if (message.kind === 'start') {
    position = message.from;
    midLine = message.midLine;
    credits = request.ahead;
  } else {
    for (const buffer of message.buffers) if (buffer.byteLength === request.chunkSize) pool.push(buffer);
    indexPool.push(...message.indexes);
    credits += message.count;
  }
  pump();
});
post({ kind: 'ready' });
