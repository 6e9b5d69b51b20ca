import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { openFifo } from './read-fifo.js';
import type { Readable } from 'node:stream';
import { Readable as ReadableStream, pipeline } from 'node:stream';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { zlib } from '../builtin.js';
import type { Automaton } from '../classify/key-scanner.js';
import type { Prescan } from '../records/split-lines.js';
import type { ScanThread } from './scan-ahead.js';
import { openScanned, wantsScanThread } from './scan-ahead.js';
import { CHUNK_SIZE, ChunkPool } from './chunk-pool.js';

export const STDIN_NAME = '-';
/** Chunks read between two turns of the event loop, so a closed pipe or a signal is seen soon. */
const CHUNKS_PER_TURN = 32;

/** An input being read: its bytes, and whether it can fall silent mid-record (a pipe, a terminal). */
export interface OpenedInput {
  readonly chunks: AsyncIterable<Buffer>;
  readonly live: boolean;
  /** After the last chunk (standard input stays open for the process). */
  close(): void;
  /** Stop reading now: the chunks end, standard input included. */
  abort(): void;
  /**
   * Hands back a chunk that nothing refers to any more, to be read into again: a chunk read into
   * fresh memory costs more than the read itself. Chunks this input did not yield are ignored.
   */
  recycle?(chunk: Buffer): void;
  /** The chunk's whole lines already scanned, when a scan thread read it (see scan-ahead.ts). */
  prescanOf?(chunk: Buffer): Prescan | null;
}

/** A regular file may be read and scanned by a second thread, with the catalogue's automaton. */
export interface ScanAhead {
  readonly mode: ScanThread;
  readonly automaton: Automaton;
  readonly maxLine: number;
}

/** An input as the user named it: a path, or `-` for standard input. */
export interface InputSource {
  readonly name: string;
  open(): OpenedInput;
  /** Resuming where a run stopped (--state): the first line's number, and whether an unfinished last line waits for the next run. */
  readonly resume?: { readonly firstLine: number; readonly skip: number; readonly holdLastLine: boolean };
}

/** A file read from `skip` bytes of its (decompressed) content on, as planned by --state. */
export function resumedSource(path: string, resume: { firstLine: number; skip: number; holdLastLine: boolean }, scanAhead: ScanAhead | null = null): InputSource {
  return { name: path, resume, open: () => openFile(path, resume.skip, scanAhead) };
}

/**
 * `stdin` is asked for only when the input is standard input: Node's stdin, once made, puts a
 * pipe into non-blocking mode, which the pipe's other readers (`… | diff - <(wsnoise filter f)`)
 * then see as errors.
 */
export function fileSource(path: string, stdin: () => Readable & { fd?: number }, scanAhead: ScanAhead | null = null): InputSource {
  if (path === STDIN_NAME) {
    return {
      name: STDIN_NAME,
      open: () => {
        const input = stdin();
        return { chunks: input, live: !isRegularFile(input.fd ?? 0), close: () => {}, abort: () => input.destroy() };
      },
    };
  }
  return { name: path, open: () => openFile(path, 0, scanAhead) };
}

export function isRegularFile(fd: number): boolean {
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false;
  }
}

/**
 * A regular file is read with plain synchronous reads: from the page cache that is much faster
 * than a stream, whose every chunk waits for a thread and a promise. A FIFO is read as a pipe,
 * anything else (a device) is streamed. An error to open surfaces when the chunks are read, like a stream's.
 */
export function openFile(path: string, skip = 0, scanAhead: ScanAhead | null = null): OpenedInput {
  if (statSync(path, { throwIfNoEntry: false })?.isFIFO() === true) return openFifo(path);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return { chunks: failing(error), live: false, close: () => {}, abort: () => {} };
  }
  if (!isRegularFile(fd)) {
    const stream = createReadStream(path, { fd, highWaterMark: CHUNK_SIZE });
    return { chunks: stream, live: true, close: () => stream.destroy(), abort: () => stream.destroy() };
  }
  const state = { open: true };
  const close = (): void => {
    if (state.open) closeSync(fd);
    state.open = false;
  };
  // A gzip file resumes in its decompressed content; a plain one seeks.
  const magic = Buffer.alloc(2);
  const gzip = readSync(fd, magic, 0, 2, 0) === 2 && isGzip(magic);
  const pool = new ChunkPool();
  if (!gzip && scanAhead !== null && wantsScanThread(scanAhead.mode, fstatSync(fd).size - skip)) return openScanned(fd, skip, scanAhead, pool);
  const chunks = readChunks(fd, state, close, gzip ? 0 : skip, pool);
  if (gzip && skip > 0) return { chunks: skipBytes(chunks, skip), live: false, close, abort: close };
  return { chunks, live: false, close, abort: close, recycle: (chunk) => pool.recycle(chunk) };
}

/** What is left of a stream once `skip` bytes of it (after gunzip) have gone by. */
export async function* skipBytes(raw: AsyncIterable<Buffer>, skip: number): AsyncGenerator<Buffer> {
  let left = skip;
  for await (const chunk of readInput(raw)) {
    if (left >= chunk.length) {
      left -= chunk.length;
      continue;
    }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}

async function* readChunks(fd: number, state: { readonly open: boolean }, close: () => void, from = 0, pool = new ChunkPool()): AsyncGenerator<Buffer> {
  let position = from;
  try {
    for (let turn = 1; state.open; turn++) {
      if (turn % CHUNKS_PER_TURN === 0) await yieldToEvents();
      if (!state.open) return;
      // A buffer nothing points into: lines still waiting to be written may point into the last ones.
      const chunk = pool.take();
      const n = readSync(fd, chunk, 0, CHUNK_SIZE, position);
      position += n;
      if (n === 0) return;
      yield n === CHUNK_SIZE ? chunk : chunk.subarray(0, n);
    }
  } finally {
    close();
  }
}

async function* failing(error: unknown): AsyncGenerator<Buffer> {
  throw error;
}

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The bytes of one input, gunzipped when it starts with gzip's magic bytes whatever its name
 * (multi-member files included). Errors (missing file, directory, truncated gzip) surface from
 * the iteration after every byte read before them has been yielded.
 */
export async function* readInput(raw: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const chunks = raw[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLength = 0;
  while (headLength < 2) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    headLength += next.value.length;
  }
  // One chunk is passed on as it is: it may come with its scan, and be read into again.
  const first = head.length === 1 ? head[0]! : Buffer.concat(head, headLength);
  const rest = (async function* () {
    if (first.length > 0) yield first;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  })();
  if (!isGzip(first)) {
    yield* rest;
    return;
  }
  const gunzip = pipeline(ReadableStream.from(rest, { objectMode: false }), zlib().createGunzip({ chunkSize: CHUNK_SIZE }), () => {});
  yield* gunzip as AsyncIterable<Buffer>;
}
