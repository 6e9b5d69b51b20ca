import type { HandshakeEvent, Release } from '../events/event.js';
import type { Line } from '../records/line.js';
import type { LogRecord } from '../records/record.js';
import type { RemovePolicy } from './remove-policy.js';
import type { Sink } from './sink.js';
import { ByteCollector } from './byte-collector.js';
import { eventLineCount } from '../events/event.js';
import { lineEnding } from '../records/line.js';
import { removes } from './remove-policy.js';
import { escapeControls } from '../render/escape.js';

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
    for (const { record, event } of releases) {
      const removed = event !== null && removes(policy, event);
      const firstOfEvent = event !== null && event.records[0] === record;
      if (firstOfEvent) this.onEvent(event, removed);
      if (!removed) {
        if (!only) this.write(record);
      } else if (collapse) {
        if (firstOfEvent) this.out.addBytes(this.forOutput(collapsedLine(record.lines[0]!, event)));
      } else if (only) {
        this.write(record);
      }
    }
  }

  acceptPlain(record: LogRecord): void {
    if (!this.mode.only) this.write(record);
  }

  private write(record: LogRecord): void {
    if (this.mode.toTerminal) for (const line of record.lines) this.out.addBytes(this.forOutput(line.chunk.subarray(line.start, line.end)));
    else for (const line of record.lines) this.out.addLine(line);
  }

  /** The bytes as they are, or for a terminal with control characters made visible. */
  private forOutput(bytes: Buffer): Buffer {
    if (!this.mode.toTerminal) return bytes;
    const text = bytes.toString('utf8');
    const ending = text.endsWith('\r\n') ? '\r\n' : text.endsWith('\n') ? '\n' : '';
    return Buffer.from(escapeControls(text.slice(0, text.length - ending.length)) + ending);
  }

  take(): Buffer | null {
    return this.out.take();
  }

  finish(): Buffer | null {
    return null;
  }
}

/** The event's first line with its verdict before the line's own ending. */
function collapsedLine(line: Line, event: HandshakeEvent): Buffer {
  const ending = lineEnding(line);
  const content = line.chunk.subarray(line.start, line.end - ending.length);
  const note = ` [wsnoise cause=${event.cause} ip=${event.ip ?? '-'} lines=${eventLineCount(event)}]${ending}`;
  return Buffer.concat([content, Buffer.from(note)]);
}
