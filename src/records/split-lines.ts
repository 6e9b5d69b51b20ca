import type { Line } from './line.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Cuts byte chunks into lines without decoding or copying them (a line that spans two chunks is
 * the only copy). A line longer than `maxLine` is never held whole: it leaves in pieces, marked
 * overlong, as soon as `maxLine` bytes of it are pending.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private inOverlong = false;
  private nextNo: number;

  constructor(
    private readonly maxLine: number,
    firstLine = 1,
  ) {
    this.nextNo = firstLine;
  }

  /** Bytes of an unfinished last line held (0 once a line longer than max-line went out). */
  get heldBytes(): number {
    return this.pendingLength;
  }

  /** The number the next line will get. */
  get nextLine(): number {
    return this.nextNo;
  }

  push(chunk: Buffer): Line[] {
    const lines: Line[] = [];
    const text = chunk.toString('latin1');
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) {
        this.hold(chunk.subarray(pos), lines);
        break;
      }
      const end = nl + 1;
      if (this.inOverlong) {
        lines.push(this.piece(chunk.subarray(pos, end), true));
      } else if (this.pendingLength > 0) {
        this.pending.push(chunk.subarray(pos, end));
        lines.push(this.joinPending());
      } else {
        lines.push(this.line(chunk, pos, end, text));
      }
      pos = end;
    }
    return lines;
  }

  /** End of input: the last line, which has no terminator. */
  flush(): Line[] {
    if (this.inOverlong) {
      this.inOverlong = false;
      this.nextNo++;
      return [];
    }
    return this.pendingLength > 0 ? [this.joinPending()] : [];
  }

  private hold(rest: Buffer, lines: Line[]): void {
    if (this.inOverlong) {
      lines.push(this.piece(rest, false));
      return;
    }
    this.pending.push(rest);
    this.pendingLength += rest.length;
    if (this.pendingLength > this.maxLine) {
      const head = Buffer.concat(this.pending, this.pendingLength);
      this.pending = [];
      this.pendingLength = 0;
      this.inOverlong = true;
      lines.push(this.piece(head, false));
    }
  }

  private joinPending(): Line {
    const bytes = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingLength = 0;
    return this.line(bytes, 0, bytes.length, bytes.toString('latin1'));
  }

  private line(chunk: Buffer, start: number, end: number, text: string): Line {
    let contentEnd = end;
    if (contentEnd > start && chunk[contentEnd - 1] === LF) contentEnd--;
    if (contentEnd > start && chunk[contentEnd - 1] === CR) contentEnd--;
    const no = this.nextNo++;
    if (contentEnd - start > this.maxLine) return { chunk, start, end, text: '', no, overlong: true };
    return { chunk, start, end, text: text.slice(start, contentEnd), no, overlong: false };
  }

  private piece(bytes: Buffer, last: boolean): Line {
    const no = this.nextNo;
    if (last) {
      this.inOverlong = false;
      this.nextNo++;
    }
    return { chunk: bytes, start: 0, end: bytes.length, text: '', no, overlong: true };
  }
}
