import type { Release } from '../events/event.js';
import type { LogRecord } from '../records/record.js';
import type { Sink } from './sink.js';
import { recordFirst, recordLast } from '../records/record.js';
import { lineContent, safeJson } from '../render/escape.js';
import { detectFormat } from '../formats/detect-format.js';

/** `wsnoise records`: one JSON line per assembled record, to see how lines were joined. */
export class RecordLister implements Sink {
  private out: string[] = [];
  private file = '-';

  startFile(name: string): void {
    this.file = name;
  }

  accept(releases: readonly Release[]): void {
    for (const { record } of releases) this.acceptPlain(record);
  }

  acceptPlain(record: LogRecord): void {
    const head = record.lines[0]!;
    this.out.push(
      safeJson({
        file: this.file,
        first: recordFirst(record),
        last: recordLast(record),
        lines: record.lines.length,
        overlong: head.overlong,
        format: head.overlong ? null : detectFormat(head.text),
        head: lineContent(head),
      }),
    );
  }

  take(): Buffer | null {
    if (this.out.length === 0) return null;
    const text = this.out.join('\n') + '\n';
    this.out = [];
    return Buffer.from(text);
  }

  finish(): Buffer | null {
    return null;
  }
}
