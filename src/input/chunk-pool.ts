/** 128 KiB: at 64 KiB the fixed work of each chunk (its read, the key scan's set-up, its write) weighed twice as much; 256 KiB was no faster, 512 KiB and 1 MiB slower. */
export const CHUNK_SIZE = 128 * 1024;

/** Chunk buffers handed back, to be read into again; a few at most. */
export class ChunkPool {
  private readonly free: Buffer[] = [];

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(CHUNK_SIZE);
  }

  /** Any chunk whose memory is a whole chunk's own (a chunk read, or the first one, joined). */
  recycle(chunk: Buffer): void {
    if (chunk.buffer.byteLength !== CHUNK_SIZE || this.free.length >= 4) return;
    this.free.push(Buffer.from(chunk.buffer, 0, CHUNK_SIZE));
  }
}
