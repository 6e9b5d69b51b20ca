import type { Line } from '../records/line.js';

/** Slices written one by one rather than joined: joining copies every byte into fresh memory. */
const FEW_SLICES = 4;

/** Gathers lines' original bytes, merging neighbours from the same chunk into one slice. */
export class ByteCollector {
  private parts: Buffer[] = [];
  private length = 0;
  /** Where many slices are joined; filled again once what was taken from it has been written. */
  private joined = Buffer.alloc(0);
  private joinedFree = false;
  private chunk: Buffer | null = null;
  private start = 0;
  private end = 0;

  addLine(line: Line): void {
    this.addRange(line.chunk, line.start, line.end);
  }

  addRange(chunk: Buffer, start: number, end: number): void {
    if (chunk === this.chunk && start === this.end) {
      this.end = end;
      return;
    }
    this.closeSegment();
    this.chunk = chunk;
    this.start = start;
    this.end = end;
  }

  addBytes(bytes: Buffer): void {
    this.closeSegment();
    this.parts.push(bytes);
    this.length += bytes.length;
  }

  /**
   * What was gathered: a few slices as they are (a chunk's lines are mostly one slice, plus the
   * line it began with, joined from the chunk before), many joined into one buffer.
   */
  take(): Buffer | readonly Buffer[] | null {
    this.closeSegment();
    if (this.parts.length === 0) return null;
    const out = this.parts.length === 1 ? this.parts[0]! : this.parts.length <= FEW_SLICES ? this.parts : this.join();
    this.parts = [];
    this.length = 0;
    return out;
  }

  /** What `take` gave last has been written whole. */
  written(): void {
    this.joinedFree = true;
  }

  private join(): Buffer {
    // Fresh memory for every join costs a page fault per 4 KB; a buffer still being written is left alone.
    if (!this.joinedFree || this.joined.length < this.length) this.joined = Buffer.allocUnsafeSlow(Math.max(this.length, 128 * 1024));
    this.joinedFree = false;
    let at = 0;
    for (const part of this.parts) at += part.copy(this.joined, at);
    return this.joined.subarray(0, at);
  }

  private closeSegment(): void {
    if (this.chunk === null) return;
    if (this.end > this.start) {
      this.parts.push(this.chunk.subarray(this.start, this.end));
      this.length += this.end - this.start;
    }
    this.chunk = null;
  }
}
