import type { Line } from './line.js';
import type { LogRecord } from './record.js';

const TRACEBACK = 'Traceback (most recent call last):';
const CHAIN_MARKERS = [
  'The above exception was the direct cause of the following exception:',
  'During handling of the above exception, another exception occurred:',
];
/** Twisted's Failure marks, inside a traceback, the frame where the error was caught. */
const TWISTED_CAUGHT = '--- <exception caught here> ---';
/** A Java exception header (`java.lang.IllegalStateException: …`) or `Caused by: …`. */
const JAVA_CONTINUATION = /^(?:Caused by: |(?:[A-Za-z_$][\w$]*\.)+[\w$]*(?:Exception|Error|Throwable)(?::|$))/;

/** The header of a Go goroutine dump (`goroutine 33 [running]:`), as net/http prints one after a panic. */
const GO_GOROUTINE = /^goroutine \d{1,12} \[[^\]\n]{1,100}\]:$/;
/** A frame of that dump: `pkg.(*T).f(0xc0, {…})` (no space before its first parenthesis), `created by …`. */
const GO_FRAME = /^(?:[^\s(][^\s(]*\(.*\)|created by \S.*|\.\.\.additional frames elided\.\.\.)$/;

/** Past this many lines a record is closed anyway, so memory stays bounded. */
export const MAX_RECORD_LINES = 2000;

const NOTHING: LogRecord[] = [];
const NO_LINES: Line[] = [];

type Mode = 'plain' | 'traceback' | 'after-exception' | 'chain' | 'go-stack';

function isIndented(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 0x20 || c === 0x09;
}

/** A Java header starts with a letter, `_` or `$`: most log lines start with a digit or `[`. */
function mayBeJava(text: string): boolean {
  const c = text.charCodeAt(0) | 0x20;
  return ((c >= 0x61 && c <= 0x7a) || c === 0x24 || c === 0x7f) && JAVA_CONTINUATION.test(text);
}

/**
 * Whether a line starts a record of its own whatever came before it, and leaves it open as a plain
 * record (one a line of the same kind completes): not blank, not indented, not a Java header, not
 * `}`, no traceback or goroutine dump. Most log lines, those that start with a time or an address.
 */
export function standsAlone(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return true;
  return text !== '' && text !== '}' && !isIndented(text) && !mayBeJava(text) && !text.startsWith(TRACEBACK) && !text.startsWith('goroutine ');
}

/**
 * Joins lines into records. Pure: lines in, completed records out. A record stays open until a
 * line arrives that cannot continue it, or until `flush()` (end of input, or silence).
 * Python tracebacks end at their final exception line; a chain (blank line + "The above
 * exception…" / "During handling…") keeps the record open, so the blank line after an exception
 * line waits for the next line to tell which it is. A lone `}` closes a Node error printed with
 * its properties (`at … {` … `}`). A Go goroutine dump (header, frames, indented file lines)
 * continues the line before it, as net/http's `http: panic serving …` is followed by its dump.
 */
export class RecordAssembler {
  private open: Line[] = NO_LINES;
  private held: Line[] = [];
  private mode: Mode = 'plain';

  push(line: Line): LogRecord[] {
    if (line.overlong) return [...this.flush(), { lines: [line] }];
    if (line.envelope?.joined && this.open.length > 0) {
      this.open.push(line);
      return NOTHING;
    }
    if (this.open.length > 0 && this.open.length < MAX_RECORD_LINES && this.continues(line)) return NOTHING;
    const done = this.flush();
    this.open = [line];
    this.mode = line.text.startsWith(TRACEBACK) ? 'traceback' : line.text.startsWith('goroutine ') && GO_GOROUTINE.test(line.text) ? 'go-stack' : 'plain';
    return done;
  }

  /** Completes whatever is open. */
  flush(): LogRecord[] {
    if (this.open.length === 0 && this.held.length === 0) return NOTHING;
    const done: LogRecord[] = this.open.length > 0 ? [{ lines: this.open }] : [];
    if (this.held.length > 0) {
      for (const line of this.held) done.push({ lines: [line] });
      this.held = [];
    }
    // Shared and empty until the next push replaces it: one line, one record, few allocations.
    this.open = NO_LINES;
    this.mode = 'plain';
    return done;
  }

  /** True when the assembler holds lines that a flush would release. */
  get pending(): boolean {
    return this.open.length > 0;
  }

  /** Whether a line that stands alone (`standsAlone`) would complete what is open, whatever it is. */
  get closable(): boolean {
    return this.mode === 'plain' || this.mode === 'chain' || (this.mode === 'after-exception' && this.held.length === 0);
  }

  /**
   * Copies the bytes of the lines still open that lie in `chunk`, so that the chunk can be read
   * into again. Their text, a string, is theirs already.
   */
  detach(chunk: Buffer): void {
    const copy = (line: Line): Line => (line.chunk === chunk ? { ...line, chunk: Buffer.from(chunk.subarray(line.start, line.end)), start: 0, end: line.end - line.start } : line);
    if (this.open.length > 0) this.open = this.open.map(copy);
    if (this.held.length > 0) this.held = this.held.map(copy);
  }

  /** The first line of the record still open, if any. */
  get openHead(): Line | undefined {
    return this.open[0];
  }

  private continues(line: Line): boolean {
    const text = line.text;
    switch (this.mode) {
      case 'traceback':
        this.open.push(line);
        if (!isIndented(text) && text !== '' && text !== TWISTED_CAUGHT) this.mode = 'after-exception';
        return true;
      case 'after-exception':
        if (text === '' && this.held.length === 0) {
          this.held.push(line);
          return true;
        }
        if (this.held.length > 0 && CHAIN_MARKERS.includes(text)) {
          this.open.push(...this.held, line);
          this.held = [];
          this.mode = 'chain';
          return true;
        }
        return false;
      case 'chain':
        if (text === '') {
          this.open.push(line);
          return true;
        }
        if (text.startsWith(TRACEBACK)) {
          this.open.push(line);
          this.mode = 'traceback';
          return true;
        }
        return false;
      case 'go-stack':
        if (isIndented(text) || GO_FRAME.test(text)) {
          this.open.push(line);
          return true;
        }
        return false;
      case 'plain':
        if (text.startsWith('goroutine ') && GO_GOROUTINE.test(text)) {
          this.open.push(line);
          this.mode = 'go-stack';
          return true;
        }
        if (isIndented(text) || mayBeJava(text) || (text === '}' && this.open.length > 1)) {
          this.open.push(line);
          return true;
        }
        if (text.startsWith(TRACEBACK)) {
          this.open.push(line);
          this.mode = 'traceback';
          return true;
        }
        return false;
    }
  }
}
