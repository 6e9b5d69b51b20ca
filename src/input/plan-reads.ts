import { closeSync, fstatSync, readSync } from 'node:fs';
import { crypto, zlib } from '../builtin.js';
import { openRegular } from './file-head.js';
import { bytesBefore, COMPRESSED, filesBeside, openIf } from './rotated-copy.js';
import type { StateEntry } from './state.js';

const HEAD_BYTES = 4096;
/** The bytes just before the offset read, remembered by their hash: the same file, or its copy (copytruncate), still holds them there. */
const MARK_BYTES = 4096;
/** Compressed files beside a file looked into for its rest, newest first: older ones hold older days. */
const COMPRESSED_LOOKED_AT = 3;

/** One stretch of a file to read: from `skip` bytes in, numbering lines from `firstLine`. */
export interface ReadPlan {
  readonly path: string;
  readonly skip: number;
  readonly firstLine: number;
  /** Rotated away: read to its very end. The live file's unfinished last line waits. */
  readonly rotated: boolean;
}

const sha1 = (bytes: Buffer): string => crypto().createHash('sha1').update(bytes).digest('hex');

function headOf(bytes: Buffer): string {
  const nl = bytes.indexOf(10);
  return sha1(bytes.subarray(0, nl === -1 ? Math.min(bytes.length, HEAD_BYTES) : Math.min(nl + 1, HEAD_BYTES)));
}

function headAt(fd: number): string {
  const buf = Buffer.alloc(HEAD_BYTES);
  return headOf(buf.subarray(0, readSync(fd, buf, 0, HEAD_BYTES, 0)));
}

function markAt(fd: number, offset: number): string | null {
  const bytes = bytesBefore(fd, offset, MARK_BYTES);
  return bytes === null ? null : sha1(bytes);
}

/** Whether the file open at `fd` is, up to the entry's offset, what the entry remembers (a state written before marks were kept: by its first line and length). */
function holdsEntry(fd: number, entry: StateEntry): boolean {
  return fstatSync(fd).size >= entry.offset && headAt(fd) === entry.head && (entry.mark === undefined || markAt(fd, entry.offset) === entry.mark);
}

/** A gzip file's first line, from its first 64 KiB inflated (never the whole file). */
function gzipHead(fd: number): string {
  const start = Buffer.alloc(64 * 1024);
  const n = readSync(fd, start, 0, start.length, 0);
  return headOf(zlib().gunzipSync(start.subarray(0, n), { finishFlush: zlib().constants.Z_SYNC_FLUSH }).subarray(0, HEAD_BYTES));
}

/**
 * The file beside `path` that holds the rest of what the entry read: the file renamed away
 * (`app.log.1`, `app.log-20261120`), or its copy (copytruncate), newest first; holding the
 * first line and the last 4 KB read where they were read. A compressed one (`app.log.1.gz`) is
 * known by its first line alone.
 */
function restOf(path: string, entry: StateEntry): string | null {
  let compressed = 0;
  for (const f of filesBeside(path)) {
    if (COMPRESSED.test(f.path)) {
      if (!f.path.endsWith('.gz') || ++compressed > COMPRESSED_LOOKED_AT) continue;
    } else if (f.stat.size < entry.offset) continue;
    const fd = openIf(f.path, (fd) => (f.path.endsWith('.gz') ? gzipHead(fd) === entry.head : holdsEntry(fd, entry)));
    if (fd === null) continue;
    closeSync(fd);
    return f.path;
  }
  return null;
}

function withFile<T>(path: string, read: (fd: number) => T): T | null {
  const fd = openRegular(path);
  if (fd === null) return null;
  try {
    return read(fd);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * What to read of `path` given what the last run read: the rest of the same file; or, when the
 * file was rotated since (renamed, compressed, or copied and cut by copytruncate), the rest of
 * the old one and then the new one from its start; or, when it was cut and no copy holds the
 * rest, the file from its start.
 */
export function planReads(path: string, entry: StateEntry | undefined): ReadPlan[] {
  const live: ReadPlan = { path, skip: 0, firstLine: 1, rotated: false };
  if (entry === undefined) return [live];
  const same = withFile(path, (fd) => {
    const s = fstatSync(fd);
    return s.dev === entry.dev && s.ino === entry.ino && holdsEntry(fd, entry);
  });
  if (same === true) return [{ path, skip: entry.offset, firstLine: entry.lines + 1, rotated: false }];
  const rest = restOf(path, entry);
  return rest === null ? [live] : [{ path: rest, skip: entry.offset, firstLine: entry.lines + 1, rotated: true }, live];
}

/** The entry to remember for the live file once it was read to `offset`, `lines` lines. */
export function entryFor(path: string, offset: number, lines: number): StateEntry | null {
  return withFile(path, (fd) => {
    const s = fstatSync(fd);
    const mark = markAt(fd, offset);
    return { dev: s.dev, ino: s.ino, head: headAt(fd), offset, lines, ...(mark !== null && { mark }) };
  });
}
