import type { HandshakeEvent, Release } from '../events/event.js';
import type { Line } from '../records/line.js';
import type { LogRecord } from '../records/record.js';
import type { RemovePolicy } from './remove-policy.js';
import type { Sink } from './sink.js';
import type { QuietRun } from '../records/split-lines.js';
import { ByteCollector } from './byte-collector.js';
import { eventLineCount, startsEvent } from '../events/event.js';
import { lineContentUtf8, lineEnding } from '../records/line.js';
import { removes } from './remove-policy.js';
import { escapeControls } from '../render/escape.js';
import { place } from '../records/input-order.js';

export interface FilterMode {
  readonly policy: RemovePolicy;
  /** Writing to a terminal: control characters in log text are shown escaped, not sent. */
  readonly toTerminal?: boolean;
  /** Write only what would be removed. */
  readonly only: boolean;
  /** Write each removed event as its first line plus ` [wsnoise cause=… ip=… lines=N]`. */
  readonly collapse: boolean;
}

/** Writes the input byte for byte, less the events the policy removes. */
export class FilterWriter implements Sink {
  private readonly out = new ByteCollector();

  constructor(
    private readonly mode: FilterMode,
    private readonly onEvent: (event: HandshakeEvent, removed: boolean) => void = () => {},
  ) {}

  accept(releases: readonly Release[]): void {
    const { only, collapse, policy } = this.mode;
    for (const release of releases) {
      const removed = release.event !== null && removes(policy, release.event);
      let collapsed: Buffer | null = null;
      if (startsEvent(release)) {
        this.onEvent(release.event, removed);
        if (removed && collapse) collapsed = this.collapsedLine(release.record.lines[0]!, release.event);
      }
      this.put(release.record, removed ? only && !collapse : !only, collapsed);
    }
  }

  acceptPlain(record: LogRecord): void {
    this.put(record, !this.mode.only, null);
  }

  acceptQuiet(run: QuietRun): void {
    if (this.mode.only) return;
    if (!this.mode.toTerminal) {
      this.out.addRange(run.chunk, run.start, run.end);
      return;
    }
    for (let start = run.start; start < run.end; ) {
      const end = run.chunk.indexOf(0x0a, start) + 1;
      this.write({ chunk: run.chunk, start, end, text: '', no: 0, overlong: false });
      start = end;
    }
  }

  /** A record outside --since/--until: not written, but its place in the input is taken. */
  skip(record: LogRecord): void {
    this.put(record, false, null);
  }

  /**
   * A record's lines, or the collapsed first line in their place. A bare log's records come in
   * input order; an envelope's may interleave (services assembled apart) and are put back in it.
   */
  private put(record: LogRecord, written: boolean, collapsed: Buffer | null): void {
    const order = record.lines[0]!.envelope?.order;
    if (order === undefined) {
      if (collapsed !== null) this.out.addBytes(collapsed);
      if (written) for (const line of record.lines) this.write(line);
      return;
    }
    record.lines.forEach((line, i) => {
      const bytes = i === 0 && collapsed !== null ? collapsed : written ? this.bytesOf(line) : null;
      for (const ready of place(order, line.no, { bytes, ends: !line.overlong || lineEnding(line) !== '' })) this.out.addBytes(ready);
    });
  }

  private write(line: Line): void {
    if (this.mode.toTerminal) this.out.addBytes(this.bytesOf(line));
    else this.out.addLine(line);
  }

  /** The line's bytes, or on a terminal its text with control characters made visible. */
  private bytesOf(line: Line): Buffer {
    if (this.mode.toTerminal) return Buffer.from(escapeControls(lineContentUtf8(line)) + lineEnding(line));
    return line.chunk.subarray(line.start, line.end);
  }

  /** The event's first line with its verdict before the line's own ending. */
  private collapsedLine(line: Line, event: HandshakeEvent): Buffer {
    const note = ` [wsnoise cause=${event.cause} ip=${event.ip ?? '-'} lines=${eventLineCount(event)}]`;
    const ending = lineEnding(line);
    const content = this.mode.toTerminal
      ? Buffer.from(escapeControls(lineContentUtf8(line) + note))
      : Buffer.concat([line.chunk.subarray(line.start, line.end - ending.length), Buffer.from(note)]);
    return Buffer.concat([content, Buffer.from(ending)]);
  }

  take(): Buffer | readonly Buffer[] | null {
    return this.out.take();
  }

  written(): void {
    this.out.written();
  }

  finish(): Buffer | null {
    return null;
  }
}
