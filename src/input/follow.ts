import { closeSync, fstatSync, readSync, statSync } from 'node:fs';
import { openRegular } from './file-head.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InputSource, OpenedInput } from './read-input.js';
import { openFile } from './read-input.js';
import { bytesBefore, COMPRESSED, filesBeside, openIf } from './rotated-copy.js';

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

/** Only a regular file is followed: a name that comes to point at a FIFO or a device (a symlink put in its place) is waited past as if missing. */
function openAt(path: string, fromEnd: boolean): Opened | null {
  const fd = openRegular(path);
  if (fd === null) return null;
  try {
    const s = fstatSync(fd);
    const position = fromEnd ? s.size : 0;
    return { fd, ino: s.ino, dev: s.dev, position, mark: bytesBefore(fd, position, MARK_SIZE) ?? Buffer.alloc(0) };
  } catch {
    closeSync(fd);
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
  for (const f of filesBeside(path)) {
    if (COMPRESSED.test(f.path) || f.stat.size < file.position || Date.now() - f.stat.mtimeMs >= 60_000) continue;
    const fd = openIf(f.path, (fd) => bytesBefore(fd, file.position, file.mark.length)?.equals(file.mark) === true);
    if (fd !== null) return fd;
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
  return mark.length > 0 && bytesBefore(file.fd, file.position, mark.length)?.equals(mark) !== true;
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
      // A FIFO has no name to follow: it is read as a pipe, until its writer closes it.
      if (statSync(path, { throwIfNoEntry: false })?.isFIFO() === true) return openFile(path);
      const state = { stopped: false };
      return { chunks: follow(path, fromStart, state), live: true, close: () => {}, abort: () => (state.stopped = true) };
    },
  };
}
