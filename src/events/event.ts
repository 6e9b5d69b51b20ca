import type { LogRecord } from '../records/record.js';
import type { Verdict } from '../classify/verdict.js';

/** One handshake failure: every record of it, with the verdict that decides it. */
export interface HandshakeEvent {
  readonly file: string;
  readonly verdict: Verdict;
  readonly records: readonly LogRecord[];
}

/** A record leaving the grouper, in input order; `event` is set when it belongs to a failure. */
export interface Release {
  readonly record: LogRecord;
  readonly event: HandshakeEvent | null;
}
