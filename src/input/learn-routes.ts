import { closeSync, createReadStream, readSync } from 'node:fs';
import { openRegular } from './file-head.js';
import type { Catalogue } from '../classify/compile-rules.js';
import type { WsPaths } from '../classify/ws-paths.js';
import type { Line } from '../records/line.js';
import { createClassifier } from '../classify/classify.js';
import { fastKeyLines } from '../classify/key-lines.js';
import { isGzip, skipBytes } from './read-input.js';

const CHUNK = 1 << 20;
/**
 * How far into a file its routes are read first. A route's first handshake line comes early in
 * all but a short log; past this, a route seen first is learned where it is met. The look costs
 * about 1.5 ms per MB, a fifth of the main pass: a whole 64 MB look was 15% of filter on the
 * benchmark's 100 MB, this one is at most about 30 ms a file.
 */
export const ROUTES_AHEAD_BYTES = 16 * 1024 * 1024;
/** A line longer than this teaches nothing (the main pass does not judge it either). */
const LONGEST = 64 * 1024;

/**
 * Learns the WebSocket routes of a file before it is judged (its first ROUTES_AHEAD_BYTES), so
 * that a plain request to a route is a failed handshake wherever the route's first 101 or 426
 * comes in the file. Only the lines that hold a route rule's needle are read as lines; an error
 * to read is the main pass's to tell.
 */
export async function learnRoutes(path: string, skip: number, catalogue: Catalogue, paths: WsPaths, ahead = ROUTES_AHEAD_BYTES): Promise<void> {
  const classify = createClassifier(catalogue, paths);
  const keyLines = fastKeyLines(catalogue.scanner);
  const hits = new Int32Array(CHUNK);
  const keys = new Int32Array(CHUNK);
  let carry: Buffer | null = null;
  const scan = (chunk: Buffer): void => {
    const bytes: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
    const end = bytes.lastIndexOf(0x0a) + 1;
    carry = end === 0 ? (bytes.length > LONGEST ? null : Buffer.from(bytes)) : bytes.length - end > LONGEST ? null : Buffer.from(bytes.subarray(end));
    if (end === 0) return;
    const found = keyLines(bytes, 0, end, hits, keys);
    let lineEnd = -1;
    for (let i = 0; i < found; i++) {
      const at = hits[i]!;
      if (at < lineEnd) continue;
      const start = bytes.lastIndexOf(0x0a, at) + 1;
      lineEnd = bytes.indexOf(0x0a, at);
      const stop = lineEnd > start && bytes[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd;
      if (stop - start > LONGEST) continue;
      const line: Line = { chunk: bytes, start, end: lineEnd + 1, text: bytes.toString('latin1', start, stop), no: 0, overlong: false };
      classify({ lines: [line] });
    }
  };
  // Opened without blocking: a FIFO or a device is read once, by the main pass.
  const fd = openRegular(path);
  if (fd === null) return;
  try {
    const magic = Buffer.alloc(2);
    if (!isGzip(magic.subarray(0, readSync(fd, magic, 0, 2, 0)))) {
      try {
        const buffer = Buffer.allocUnsafe(CHUNK);
        const end = skip + ahead;
        for (let position = skip, n; position < end && (n = readSync(fd, buffer, 0, Math.min(CHUNK, end - position), position)) > 0; position += n) scan(buffer.subarray(0, n));
      } finally {
        closeSync(fd);
      }
      return;
    }
    // The stream owns the descriptor from here, and closes it.
    const stream = createReadStream(path, { fd, start: 0, highWaterMark: CHUNK });
    let read = 0;
    try {
      for await (const chunk of skipBytes(stream, skip)) {
        const piece = chunk.subarray(0, ahead - read);
        scan(piece);
        read += piece.length;
        if (read >= ahead) break;
      }
    } finally {
      stream.destroy();
    }
  } catch {
    // Unreadable: the main pass says so, with the bytes it could read.
  }
}
