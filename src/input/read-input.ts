import { createReadStream } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

export const STDIN_NAME = '-';
const CHUNK_SIZE = 64 * 1024;

/** An input as the user named it: a path, or `-` for standard input. */
export interface InputSource {
  readonly name: string;
  /** Standard input is shared with the process and is not destroyed after use. */
  readonly owned: boolean;
  open(): Readable;
}

export function fileSource(path: string, stdin: Readable): InputSource {
  if (path === STDIN_NAME) return { name: STDIN_NAME, owned: false, open: () => stdin };
  return { name: path, owned: true, open: () => createReadStream(path, { highWaterMark: CHUNK_SIZE }) };
}

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The bytes of one input, gunzipped when it starts with gzip's magic bytes whatever its name
 * (multi-member files included). Errors (missing file, directory, truncated gzip) surface from
 * the iteration after every byte read before them has been yielded.
 */
export async function* readInput(raw: Readable): AsyncGenerator<Buffer> {
  const chunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headLength = 0;
  while (headLength < 2) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    headLength += next.value.length;
  }
  const first = Buffer.concat(head, headLength);
  const rest = (async function* () {
    if (first.length > 0) yield first;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  })();
  if (!isGzip(first)) {
    yield* rest;
    return;
  }
  const gunzip = pipeline(Readable.from(rest, { objectMode: false }), createGunzip({ chunkSize: CHUNK_SIZE }), () => {});
  yield* gunzip as AsyncIterable<Buffer>;
}
