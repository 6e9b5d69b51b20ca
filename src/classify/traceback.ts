import type { LogRecord } from '../records/record.js';

const TRACEBACK = 'Traceback (most recent call last):';
/** A Java trace's first line, `pkg.SomeException: message` (or the bare name), as the record assembler knows it. */
const JAVA_HEADER = /(?:[A-Za-z_$][\w$]*\.)+[\w$]*(?:Exception|Error|Throwable)(?:: |$)/y;
/** The exception below, as `Throwable.printStackTrace` prints it: the last one is the root. */
const CAUSED_BY = 'Caused by: ';

/**
 * The exception lines of a record's tracebacks and stack traces, root first, as the exception
 * rules read them.
 * - Python: the first non-indented line after each `Traceback (most recent call last):`. A
 *   chained traceback prints its root cause first.
 * - Java: a trace's header (`pkg.SomeException: message`) and each `Caused by: pkg.X: message`
 *   without its prefix, the deepest cause first. A header may be indented by one tab (Tomcat's
 *   JULI indents the whole trace); its causes are the lines at the same indent: a suppressed
 *   exception's causes, one tab further in, are not.
 */
export function exceptionLines(record: LogRecord): string[] {
  const found: string[] = [];
  let inTraceback = false;
  /** Where the Java trace being read starts in `found`, and the indent of its lines. */
  let chain = -1;
  let indent = 0;
  for (const line of record.lines) {
    const text = line.text;
    if (text.startsWith(TRACEBACK)) {
      inTraceback = true;
    } else if (inTraceback && text !== '' && text[0] !== ' ' && text[0] !== '\t') {
      found.push(text);
      inTraceback = false;
    } else {
      const at = text.charCodeAt(0) === 0x09 ? 1 : 0;
      if (text.startsWith(CAUSED_BY, at)) {
        // A cause whose header was not recognised still starts a trace.
        if (chain === -1) {
          chain = found.length;
          indent = at;
        }
        if (at === indent) found.splice(chain, 0, text.slice(at + CAUSED_BY.length));
      } else if (isJavaHeader(text, at)) {
        chain = found.length;
        indent = at;
        found.push(at === 0 ? text : text.slice(at));
      }
    }
  }
  return found;
}

/** A Java header starts with a letter, `_` or `$`: most lines of a record (frames, times) do not. */
function isJavaHeader(text: string, at: number): boolean {
  const c = text.charCodeAt(at) | 0x20;
  if (!((c >= 0x61 && c <= 0x7a) || c === 0x24 || c === 0x7f)) return false;
  JAVA_HEADER.lastIndex = at;
  return JAVA_HEADER.test(text);
}
