import type { Line } from '../records/line.js';

/** Gathers lines' original bytes, merging neighbours from the same chunk into one slice. */
export class ByteCollector {
  private parts: Buffer[] = [];
  private length = 0;
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

  take(): Buffer | null {
    this.closeSegment();
    if (this.parts.length === 0) return null;
    const out = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.length = 0;
    return out;
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
