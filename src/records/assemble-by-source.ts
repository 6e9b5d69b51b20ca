import type { Line } from './line.js';
import type { LogRecord } from './record.js';
import { RecordAssembler } from './assemble-records.js';
import { recordFirst } from './record.js';

/** Services assembled apart at once; past that, the one whose record opened first is completed. */
export const MAX_SOURCES = 64;
/** Records of other services waiting behind an open record; past that, it is completed. */
export const MAX_WAITING = 1000;

/**
 * Records per service when services interleave in one stream (journald, syslog, compose): a
 * traceback stays one record when another service writes between its lines. Records leave in
 * the order of their first line, so their lines may interleave; writers put lines back in
 * input order. Pure, like the assembler it multiplies.
 */
export class SourceAssembler {
  private readonly bySource = new Map<string, RecordAssembler>();
  private done: LogRecord[] = [];

  push(line: Line): LogRecord[] {
    if (line.overlong) return [...this.flush(), { lines: [line] }];
    const key = line.envelope?.source ?? '';
    let assembler = this.bySource.get(key);
    if (assembler === undefined) {
      if (this.bySource.size >= MAX_SOURCES) this.completeEarliest(true);
      this.bySource.set(key, (assembler = new RecordAssembler()));
    }
    this.done.push(...assembler.push(line));
    return this.release();
  }

  flush(): LogRecord[] {
    for (const assembler of this.bySource.values()) this.done.push(...assembler.flush());
    this.bySource.clear();
    const out = this.done.sort((a, b) => recordFirst(a) - recordFirst(b));
    this.done = [];
    return out;
  }

  get pending(): boolean {
    return this.done.length > 0 || this.openHead !== undefined;
  }

  /** The earliest first line of a record still open. */
  get openHead(): Line | undefined {
    let head: Line | undefined;
    for (const assembler of this.bySource.values()) {
      const h = assembler.openHead;
      if (h !== undefined && (head === undefined || h.no < head.no)) head = h;
    }
    return head;
  }

  /** Completed records with no open record before them, in order. */
  private release(): LogRecord[] {
    if (this.done.length === 0) return [];
    if (this.done.length > MAX_WAITING) this.completeEarliest(false);
    const before = this.openHead?.no ?? Infinity;
    const ready = this.done.filter((r) => recordFirst(r) < before).sort((a, b) => recordFirst(a) - recordFirst(b));
    if (ready.length > 0) this.done = this.done.filter((r) => recordFirst(r) >= before);
    return ready;
  }

  private completeEarliest(forget: boolean): void {
    const head = this.openHead;
    for (const [key, assembler] of this.bySource) {
      if (assembler.openHead !== head && head !== undefined) continue;
      this.done.push(...assembler.flush());
      if (forget) this.bySource.delete(key);
      return;
    }
  }
}
