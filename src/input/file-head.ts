import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { zlib } from '../builtin.js';

/**
 * A regular file opened to be looked at before (or after) the run; null for anything else or
 * when it cannot be opened. O_NONBLOCK: opening a FIFO would wait for its writer, and what was
 * read from it here would be lost to the run, which reads it once.
 */
export function openRegular(path: string): number | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    if (fstatSync(fd).isFile()) return fd;
  } catch {
    // gone meanwhile
  }
  closeSync(fd);
  return null;
}

/** The first lines of a file (gzip too) from its first 64 KiB, as latin1; none when it cannot be read. */
export function fileHead(path: string, max = 1000): string[] {
  const fd = openRegular(path);
  if (fd === null) return [];
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    let bytes = head.subarray(0, n);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = zlib().gunzipSync(bytes, { finishFlush: zlib().constants.Z_SYNC_FLUSH });
    return bytes.toString('latin1').split('\n').slice(0, max);
  } catch {
    // unreadable: it will say so when read
    return [];
  } finally {
    closeSync(fd);
  }
}
