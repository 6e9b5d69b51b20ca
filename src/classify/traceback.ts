import type { LogRecord } from '../records/record.js';

const TRACEBACK = 'Traceback (most recent call last):';

/**
 * The exception lines of a record's tracebacks, root first: the first non-indented line after
 * each `Traceback (most recent call last):`. A chained traceback prints its root cause first.
 */
export function exceptionLines(record: LogRecord): string[] {
  const found: string[] = [];
  let inTraceback = false;
  for (const line of record.lines) {
    const text = line.text;
    if (text.startsWith(TRACEBACK)) {
      inTraceback = true;
    } else if (inTraceback && text !== '' && text[0] !== ' ' && text[0] !== '\t') {
      found.push(text);
      inTraceback = false;
    }
  }
  return found;
}
