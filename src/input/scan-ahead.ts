import { os, workerThreads } from '../builtin.js';
import { closeSync, readSync } from 'node:fs';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Automaton } from '../classify/key-scanner.js';
import type { Prescan } from '../records/split-lines.js';
import type { OpenedInput } from './read-input.js';
import type { ChunkPool } from './chunk-pool.js';

/** What the scan thread is asked to read (scan-worker.ts). */
export interface ScanRequest {
  readonly fd: number;
  /** Lines longer than this are never quiet (--max-line). */
  readonly maxLine: number;
  readonly chunkSize: number;
  readonly ahead: number;
  readonly automaton: Automaton;
}

/** A chunk read and scanned: its memory handed over, and its whole lines' keys and ends. */
export interface ScannedChunk {
  readonly kind: 'chunk';
  readonly bytes: ArrayBuffer;
  readonly length: number;
  readonly prescan: Prescan | null;
}

export type FromScanner =
  | ScannedChunk
  | { readonly kind: 'ready' }
  | { readonly kind: 'end' }
  | { readonly kind: 'error'; readonly code: unknown; readonly message: string };

/**
 * `start`: read from `from` on (`midLine`: the bytes before it end inside a line). `done`:
 * `count` chunks done with, the memory of those that nothing points into any more given back,
 * and that of their indexes (the prescan's arrays share one buffer, read only while splitting).
 */
export type ToScanner =
  | { readonly kind: 'start'; readonly from: number; readonly midLine: boolean }
  | { readonly kind: 'done'; readonly count: number; readonly buffers: readonly ArrayBuffer[]; readonly indexes: readonly ArrayBuffer[] };

/** When regular files are read and scanned by a second thread. */
export type ScanThread = 'auto' | 'on' | 'off';

/** Files at least this large are worth a thread (it takes a few tens of ms to start). */
const MIN_BYTES = 16 * 1024 * 1024;
/** Fewer, larger chunks than this side reads: each one handed over has a cost of its own. */
const SCANNED_CHUNK_SIZE = 256 * 1024;
/** Chunks read ahead at most: memory stays bounded when the reading side is slower. */
const AHEAD = 8;
/**
 * Chunks done with before the thread is told: each word wakes it, and a wake-up across cores
 * costs tens of microseconds in a VM.
 */
const DONE_EVERY = 4;
/** Chunks read here between two looks for the thread's word that it is ready. */
const TURN_EVERY = 8;
const LF = 0x0a;

/**
 * Whether a regular file of `size` bytes is read by the scan thread: on a machine with a core to
 * spare, for a file large enough to repay its start.
 */
export function wantsScanThread(mode: ScanThread, size: number): boolean {
  if (mode === 'off') return false;
  return mode === 'on' || (size >= MIN_BYTES && os().availableParallelism() > 1);
}

/**
 * A regular file read by a second thread that also finds each chunk's keys and line ends (the
 * work done on every byte), while this one classifies and writes: on a machine with a core to
 * spare, the file is read in about the time the rest takes. Until the thread has started, this
 * side reads on its own; it then hands the thread the rest of the file. `fd` is closed here,
 * once the thread has stopped.
 */
export function openScanned(fd: number, from: number, scan: { readonly automaton: Automaton; readonly maxLine: number; readonly mode: ScanThread }, pool: ChunkPool): OpenedInput {
  const { mode } = scan;
  const request: ScanRequest = { fd, maxLine: scan.maxLine, chunkSize: SCANNED_CHUNK_SIZE, ahead: AHEAD, automaton: scan.automaton };
  const worker = new (workerThreads().Worker)(new URL('./scan-worker.js', import.meta.url), {
    workerData: request,
    // Its work makes little garbage: a small heap keeps the process's memory near what it was without it.
    resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 8 },
  });
  const queue: Exclude<FromScanner, { readonly kind: 'ready' }>[] = [];
  let ready = false;
  let wake: (() => void) | null = null;
  let stopped = false;
  const arrive = (message: FromScanner): void => {
    if (message.kind === 'ready') ready = true;
    else queue.push(message);
    wake?.();
  };
  worker.on('message', arrive);
  worker.on('error', (error) => arrive({ kind: 'error', code: (error as { code?: unknown }).code, message: error.message }));
  // A thread that stops unasked (nothing here stops it but `stop`) ends the input with an error, never a wait.
  worker.once('exit', (code) => {
    closeSync(fd);
    if (!stopped) arrive({ kind: 'error', code: undefined, message: `the scan thread stopped (exit code ${code})` });
  });
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    void worker.terminate();
    wake?.();
  };
  let current: { readonly chunk: Buffer; readonly prescan: Prescan | null } | null = null;
  let handBack: ArrayBuffer[] = [];
  let indexes: ArrayBuffer[] = [];
  let doneCount = 0;

  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      let position = from;
      for (let turn = 1; ; turn++) {
        // A turn of the event loop now and then, for the thread's word that it is ready.
        if (turn % TURN_EVERY === 0) await yieldToEvents();
        // `on` (for tests): the thread reads every byte, however small the file.
        if (ready || stopped || mode === 'on') break;
        const chunk = pool.take();
        const n = readSync(fd, chunk, 0, chunk.length, position);
        if (n === 0) return;
        position += n;
        yield n === chunk.length ? chunk : chunk.subarray(0, n);
      }
      if (stopped) return;
      worker.postMessage({ kind: 'start', from: position, midLine: position > 0 && lastByte(fd, position) !== LF } satisfies ToScanner);
      for (;;) {
        while (queue.length === 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        const message = queue.shift();
        if (message === undefined || message.kind === 'end') return;
        if (message.kind === 'error') throw Object.assign(new Error(message.message), { code: message.code });
        current = { chunk: Buffer.from(message.bytes, 0, message.length), prescan: message.prescan };
        yield current.chunk;
        if (current.prescan !== null) indexes.push(current.prescan.hits.buffer as ArrayBuffer);
        current = null;
        if (++doneCount < DONE_EVERY) continue;
        worker.postMessage({ kind: 'done', count: doneCount, buffers: handBack, indexes } satisfies ToScanner, [...handBack, ...indexes]);
        doneCount = 0;
        handBack = [];
        indexes = [];
      }
    } finally {
      stop();
    }
  }

  return {
    chunks: chunks(),
    live: false,
    close: stop,
    abort: stop,
    recycle: (chunk) => {
      if (chunk === current?.chunk) handBack.push(chunk.buffer as ArrayBuffer);
      else pool.recycle(chunk);
    },
    prescanOf: (chunk) => (chunk === current?.chunk ? current.prescan : null),
  };
}

function lastByte(fd: number, position: number): number {
  const byte = Buffer.alloc(1);
  return readSync(fd, byte, 0, 1, position - 1) === 1 ? byte[0]! : -1;
}
