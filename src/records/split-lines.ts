import type { Line } from './line.js';
import { standsAlone } from './assemble-records.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Whole lines of one chunk that need neither assembly nor classification: none holds a key (so
 * none can be a handshake failure), each stands alone as its own record, and so does the line
 * that follows them. Handed on as one byte range.
 */
export interface QuietRun {
  readonly chunk: Buffer;
  readonly start: number;
  readonly end: number;
  readonly lines: number;
  readonly firstNo: number;
}

/**
 * Finds every key in the whole lines of `bytes[from, to)`, in order: where each starts into
 * `hits`, which key it is (an index into the scanner's keys) into `keys`; returns how many.
 */
export type KeyLines = (bytes: Uint8Array, from: number, to: number, hits: Int32Array, keys: Int32Array) => number;

/** The keys of one line, as KeyLines found them: `at[i] - lineStart` and `key[i]` for i in [first, end). */
export interface LineKeys {
  at: Int32Array;
  key: Int32Array;
  first: number;
  end: number;
  lineStart: number;
}

/**
 * A chunk's whole lines in `[from, to)` already scanned elsewhere (the scan thread): what
 * KeyLines finds there, and where each line ends (after its line break), in order.
 */
export interface Prescan {
  readonly from: number;
  readonly to: number;
  readonly found: number;
  readonly hits: Int32Array;
  readonly keys: Int32Array;
  readonly ends: Int32Array;
  /**
   * The lines (by index into `ends`) that must be looked at: those that hold a key, start with
   * no digit, or are longer than max-line. The others are quiet, whatever else is known.
   */
  readonly picks: Int32Array;
}

/**
 * Whether the whole line [start, end) (its LF included) must be looked at: it holds a key
 * (`keyed`), starts with no digit, or is longer than `maxLine` once its CR is set aside. Any
 * other line is quiet without being decoded. The scan thread picks lines with this, and the
 * splitter takes the others into quiet runs with it: the two cannot drift apart.
 */
export function mustLook(bytes: Uint8Array, start: number, end: number, keyed: boolean, maxLine: number): boolean {
  const first = bytes[start]!;
  if (keyed || first < 0x30 || first > 0x39) return true;
  let contentEnd = end - 1;
  if (contentEnd > start && bytes[contentEnd - 1] === CR) contentEnd--;
  return contentEnd - start > maxLine;
}

/** What tells quiet lines from the others. */
export interface QuietTest {
  readonly keyLines: KeyLines;
  /**
   * Whether a line that holds a key and stands alone may still be a failure. Asked in input
   * order, once every line before it that is not quiet has been handed on.
   */
  readonly mayBeFailure: (text: string, keys: LineKeys) => boolean;
}

export function isQuietRun(item: Line | QuietRun): item is QuietRun {
  return 'lines' in item;
}

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

  /**
   * Like `push`, with the chunk's quiet lines (see QuietRun) handed on as runs. Lines that hold a
   * key, lines that may belong to a multi-line record, and lines that span chunks come as Lines.
   */
  split(chunk: Buffer, test: QuietTest, visit: (item: Line | QuietRun) => void, prescan: Prescan | null = null): void {
    let pos = 0;
    const held: Line[] = [];
    if (this.inOverlong || this.pendingLength > 0) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) {
        this.hold(chunk, held);
        held.forEach(visit);
        return;
      }
      pos = nl + 1;
      if (this.inOverlong) visit(this.piece(chunk.subarray(0, pos), true));
      else {
        this.pending.push(chunk.subarray(0, pos));
        visit(this.joinPending());
      }
    }
    const to = chunk.lastIndexOf(LF) + 1;
    if (to > pos) this.splitWhole(chunk, pos, to, test, visit, prescan !== null && prescan.from === pos && prescan.to === to ? prescan : null);
    if (to < chunk.length) {
      this.hold(chunk.subarray(Math.max(pos, to)), held);
      held.forEach(visit);
    }
  }

  /** The lines of a run, for when it cannot be passed on whole. */
  linesOf(run: QuietRun): Line[] {
    const lines: Line[] = [];
    let no = run.firstNo;
    for (let s = run.start; s < run.end; ) {
      const e = run.chunk.indexOf(LF, s) + 1;
      lines.push(this.lineOf(run.chunk, s, e, no++));
      s = e;
    }
    return lines;
  }

  private hits = new Int32Array(0);
  private keys = new Int32Array(0);
  private readonly lineKeys: LineKeys = { at: this.hits, key: this.keys, first: 0, end: 0, lineStart: 0 };

  /**
   * Whole lines. Only lines that must be read are decoded, one string each: those that hold a key,
   * and those whose first byte does not tell that they stand alone.
   */
  private splitWhole(chunk: Buffer, from: number, to: number, test: QuietTest, visit: (item: Line | QuietRun) => void, prescan: Prescan | null): void {
    if (prescan === null && this.hits.length < to - from) {
      this.hits = new Int32Array(to - from);
      this.keys = new Int32Array(to - from);
    }
    const { lineKeys } = this;
    const hits = (lineKeys.at = prescan?.hits ?? this.hits);
    const keys = (lineKeys.key = prescan?.keys ?? this.keys);
    const ends = prescan?.ends ?? null;
    const picks = prescan?.picks ?? null;
    let line = 0;
    let pick = 0;
    const found = prescan?.found ?? test.keyLines(chunk, from, to, hits, keys);
    let h = 0;
    let runStart = 0;
    let runEnd = 0;
    let runLines = 0;
    const endRun = (nextStandsAlone: boolean): void => {
      if (runLines === 0) return;
      const firstNo = this.nextNo - runLines;
      // The line after the run might continue the run's last line: that one goes as a Line.
      let lastStart = -1;
      if (!nextStandsAlone) lastStart = runLines === 1 ? runStart : chunk.lastIndexOf(LF, runEnd - 2) + 1;
      const end = lastStart === -1 ? runEnd : lastStart;
      const lines = lastStart === -1 ? runLines : runLines - 1;
      if (lines > 0) visit({ chunk, start: runStart, end, lines, firstNo });
      if (lastStart !== -1) visit(this.lineOf(chunk, lastStart, runEnd, this.nextNo - 1));
      runLines = 0;
    };
    const quietLine = (start: number, end: number): void => {
      if (runLines === 0) runStart = start;
      runEnd = end;
      runLines++;
      this.nextNo++;
    };
    for (let s = from; s < to; ) {
      if (picks !== null) {
        // Lines up to the next one picked are quiet: the run takes them without a look.
        const next = pick < picks.length ? picks[pick++]! : ends!.length;
        if (next > line) {
          if (runLines === 0) runStart = s;
          runLines += next - line;
          this.nextNo += next - line;
          s = runEnd = ends![next - 1]!;
          line = next;
          if (s >= to) break;
        }
      }
      const e = ends !== null ? ends[line++]! : chunk.indexOf(LF, s) + 1;
      while (h < found && hits[h]! < s) h++;
      const keyed = h < found && hits[h]! < e;
      // A line the scan thread picked must be looked at: it asked mustLook already.
      if (picks === null && !mustLook(chunk, s, e, keyed, this.maxLine)) {
        quietLine(s, e);
        s = e;
        continue;
      }
      let contentEnd = e - 1;
      if (contentEnd > s && chunk[contentEnd - 1] === CR) contentEnd--;
      const first = chunk[s]!;
      const long = contentEnd - s > this.maxLine;
      const digit = first >= 0x30 && first <= 0x39;
      // Read, as it must be looked at (see mustLook), unless it is too long to be.
      const text = long ? null : chunk.toString('latin1', s, contentEnd);
      const alone = contentEnd > s && (digit || (text !== null && standsAlone(text)));
      // A JSON line is also read field by field, where an escape may hide a key.
      let quiet = alone && first !== 0x7b && !long;
      if (quiet && keyed) {
        let end = h + 1;
        while (end < found && hits[end]! < e) end++;
        lineKeys.first = h;
        lineKeys.end = end;
        lineKeys.lineStart = s;
        quiet = !test.mayBeFailure(text!, lineKeys);
      }
      if (quiet) quietLine(s, e);
      else {
        endRun(alone);
        visit(text === null ? this.line(chunk, s, e, '') : { chunk, start: s, end: e, text, no: this.nextNo++, overlong: false });
      }
      s = e;
    }
    endRun(false);
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
    // A copy: the chunk may be read into again before the rest of the line comes.
    this.pending.push(Buffer.from(rest));
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

  /** A whole line of a chunk, decoded on its own. */
  private lineOf(chunk: Buffer, start: number, end: number, no: number): Line {
    let contentEnd = end - 1;
    if (contentEnd > start && chunk[contentEnd - 1] === CR) contentEnd--;
    return { chunk, start, end, text: chunk.toString('latin1', start, contentEnd), no, overlong: false };
  }

  private line(chunk: Buffer, start: number, end: number, text: string, no = this.nextNo++): Line {
    let contentEnd = end;
    if (contentEnd > start && chunk[contentEnd - 1] === LF) contentEnd--;
    if (contentEnd > start && chunk[contentEnd - 1] === CR) contentEnd--;
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
