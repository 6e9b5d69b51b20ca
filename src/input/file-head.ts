import { closeSync, openSync, readSync } from 'node:fs';
import { zlib } from '../builtin.js';

/** The first lines of a file (gzip too) from its first 64 KiB, as latin1; none when it cannot be read. */
export function fileHead(path: string, max = 1000): string[] {
  try {
    const fd = openSync(path, 'r');
    const head = Buffer.alloc(64 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    let bytes = head.subarray(0, n);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = zlib().gunzipSync(bytes, { finishFlush: zlib().constants.Z_SYNC_FLUSH });
    return bytes.toString('latin1').split('\n').slice(0, max);
  } catch {
    // unreadable: it will say so when read
    return [];
  }
}
