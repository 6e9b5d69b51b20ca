import type { Line } from './line.js';

/** A log line with its continuation lines (traceback, stack trace, indented lines). */
export interface LogRecord {
  readonly lines: readonly Line[];
}

export function recordFirst(record: LogRecord): number {
  return record.lines[0]!.no;
}

export function recordLast(record: LogRecord): number {
  return record.lines[record.lines.length - 1]!.no;
}

export function recordText(record: LogRecord): string {
  const { lines } = record;
  return lines.length === 1 ? lines[0]!.text : lines.map((l) => l.text).join('\n');
}
