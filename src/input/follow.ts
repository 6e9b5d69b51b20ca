import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InputSource, OpenedInput } from './read-input.js';

const CHUNK_SIZE = 64 * 1024;
/** How often a followed file is looked at when it has nothing new. */
export const FOLLOW_POLL_MS = 50;
/** A file renamed away is read on until it has been quiet this long: its writer may not have reopened yet. */
export const RENAMED_GRACE_MS = 300;
/**
 * Bytes remembered from just before the position: to notice a file rewritten from its start, and
 * to know its copy (copytruncate) by them.
 */
const MARK_SIZE = 4096;

interface Opened {
  fd: number;
  ino: number;
  dev: number;
  position: number;
  /** The last bytes read (up to MARK_SIZE): still there, or the file was truncated and rewritten. */
  mark: Buffer;
}

function identity(path: string): { ino: number; dev: number; size: number } | null {
  try {
    const s = statSync(path);
    return s.isFile() ? { ino: s.ino, dev: s.dev, size: s.size } : null;
  } catch {
    return null;
  }
}

function openAt(path: string, fromEnd: boolean): Opened | null {
  try {
    const fd = openSync(path, 'r');
    const s = fstatSync(fd);
    const position = fromEnd ? s.size : 0;
    const mark = Buffer.alloc(Math.min(MARK_SIZE, position));
    if (mark.length > 0) readSync(fd, mark, 0, mark.length, position - mark.length);
    return { fd, ino: s.ino, dev: s.dev, position, mark };
  } catch {
    return null;
  }
}

/**
 * Reads what the descriptor holds past its position, in chunks; from its start again if the file
 * was rewritten (a file renamed away only ever gets late appends, so it is not checked).
 */
function* readNew(file: Opened, path: string, renamedAway = false): Generator<Buffer> {
  if (!renamedAway && rewritten(file)) {
    // What was written after the last read and before the cut is in the copy: read it first.
    const copy = copyOf(path, file);
    if (copy !== null) yield* readCopyRest(copy, file.position);
    file.position = 0;
    file.mark = Buffer.alloc(0);
  }
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK_SIZE);
    const n = readSync(file.fd, chunk, 0, CHUNK_SIZE, file.position);
    if (n === 0) return;
    file.position += n;
    const got = n === CHUNK_SIZE ? chunk : chunk.subarray(0, n);
    file.mark = Buffer.concat([file.mark, got.subarray(Math.max(0, n - MARK_SIZE))]).subarray(-MARK_SIZE);
    yield got;
  }
}

/**
 * The copy that copytruncate made of the file before cutting it: a regular file beside it whose
 * name is the file's and more (`app.log.1`, `app.log-20261120`; not yet compressed, as with
 * delaycompress), changed in the last minute, that holds what was read, the last bytes read
 * (MARK_SIZE) where they were read. The newest such, opened; or null.
 */
function copyOf(path: string, file: Opened): number | null {
  const dir = dirname(path);
  const name = basename(path);
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f !== name && f.startsWith(name) && !/\.(gz|bz2|xz|zst)$/.test(f));
  } catch {
    return null;
  }
  const recent = names
    .map((f) => ({ f, s: statSync(join(dir, f), { throwIfNoEntry: false }) }))
    .filter(({ s }) => s !== undefined && s.isFile() && s.size >= file.position && Date.now() - s.mtimeMs < 60_000)
    .sort((a, b) => b.s!.mtimeMs - a.s!.mtimeMs);
  for (const { f } of recent) {
    try {
      const fd = openSync(join(dir, f), 'r');
      const there = Buffer.alloc(file.mark.length);
      if (readSync(fd, there, 0, there.length, file.position - there.length) === there.length && there.equals(file.mark)) return fd;
      closeSync(fd);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

function* readCopyRest(fd: number, from: number): Generator<Buffer> {
  try {
    yield* readNew({ fd, ino: 0, dev: 0, position: from, mark: Buffer.alloc(0) }, '', true);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether the file was cut and written again since it was read (copytruncate): it is shorter
 * than what was read, or the bytes just before the position are no longer the ones read there.
 */
function rewritten(file: Opened): boolean {
  if (fstatSync(file.fd).size < file.position) return true;
  const { mark } = file;
  if (mark.length === 0) return false;
  const now = Buffer.alloc(mark.length);
  return readSync(file.fd, now, 0, mark.length, file.position - mark.length) !== mark.length || !now.equals(mark);
}

/**
 * Follows a file by name, like `tail -F`. When the name points at a new file (rename-and-create
 * rotation), the new file is read from its start while the old one is still read until it has
 * been quiet for RENAMED_GRACE_MS: its writer writes on to it until it reopens the name, and
 * writes nothing there after, so reading the old file first in each turn keeps the order. A file
 * cut and written again (copytruncate) is read again from its start, after the rest of its copy
 * when one is found beside it (unlike tail -F, which loses what was written just before the
 * cut); a file that does not exist yet is waited for. Starts at the end unless `fromStart`.
 */
async function* follow(path: string, fromStart: boolean, state: { stopped: boolean }): AsyncGenerator<Buffer> {
  let file = openAt(path, !fromStart);
  const renamed: { file: Opened; quietSince: number }[] = [];
  try {
    while (!state.stopped) {
      let got = false;
      for (const old of renamed) {
        for (const chunk of readNew(old.file, path, true)) {
          got = true;
          old.quietSince = performance.now();
          yield chunk;
        }
      }
      for (let i = renamed.length - 1; i >= 0; i--) {
        if (performance.now() - renamed[i]!.quietSince >= RENAMED_GRACE_MS) closeSync(renamed.splice(i, 1)[0]!.file.fd);
      }
      file ??= openAt(path, false);
      if (file !== null) {
        const now = identity(path);
        const same = now !== null && now.ino === file.ino && now.dev === file.dev;
        for (const chunk of readNew(file, path)) {
          got = true;
          yield chunk;
        }
        if (!same) {
          renamed.push({ file, quietSince: performance.now() });
          file = null;
          continue;
        }
      }
      if (!got) await sleep(FOLLOW_POLL_MS);
    }
  } finally {
    if (file !== null) closeSync(file.fd);
    for (const old of renamed) closeSync(old.file.fd);
  }
}

export function followSource(path: string, fromStart: boolean): InputSource {
  return {
    name: path,
    open(): OpenedInput {
      const state = { stopped: false };
      return { chunks: follow(path, fromStart, state), live: true, close: () => {}, abort: () => (state.stopped = true) };
    },
  };
}
