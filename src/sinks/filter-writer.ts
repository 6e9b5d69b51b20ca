import type { HandshakeEvent, Release } from '../events/event.js';
import type { Line } from '../records/line.js';
import type { LogRecord } from '../records/record.js';
import type { RemovePolicy } from './remove-policy.js';
import type { Sink } from './sink.js';
import { ByteCollector } from './byte-collector.js';
import { eventLineCount, startsEvent } from '../events/event.js';
import { lineContentUtf8, lineEnding } from '../records/line.js';
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
    for (const release of releases) {
      const removed = release.event !== null && removes(policy, release.event);
      if (startsEvent(release)) {
        this.onEvent(release.event, removed);
        if (removed && collapse) this.writeCollapsed(release.record.lines[0]!, release.event);
      }
      if (removed ? only && !collapse : !only) this.write(release.record);
    }
  }

  acceptPlain(record: LogRecord): void {
    if (!this.mode.only) this.write(record);
  }

  private write(record: LogRecord): void {
    for (const line of record.lines) {
      if (this.mode.toTerminal) this.out.addBytes(Buffer.from(escapeControls(lineContentUtf8(line)) + lineEnding(line)));
      else this.out.addLine(line);
    }
  }

  /** The event's first line with its verdict before the line's own ending. */
  private writeCollapsed(line: Line, event: HandshakeEvent): void {
    const note = ` [wsnoise cause=${event.cause} ip=${event.ip ?? '-'} lines=${eventLineCount(event)}]`;
    const ending = lineEnding(line);
    const content = this.mode.toTerminal
      ? Buffer.from(escapeControls(lineContentUtf8(line) + note))
      : Buffer.concat([line.chunk.subarray(line.start, line.end - ending.length), Buffer.from(note)]);
    this.out.addBytes(Buffer.concat([content, Buffer.from(ending)]));
  }

  take(): Buffer | null {
    return this.out.take();
  }

  finish(): Buffer | null {
    return null;
  }
}
