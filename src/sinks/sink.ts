import type { Release } from '../events/event.js';
import type { LogRecord } from '../records/record.js';
import type { QuietRun } from '../records/split-lines.js';

/** The end of the pipeline: takes released records, hands back bytes to write. */
export interface Sink {
  /** Called before the first record of each input. */
  startFile?(name: string): void;
  accept(releases: readonly Release[]): void;
  /** A record that belongs to no failure, handed over with nothing held before it. */
  acceptPlain(record: LogRecord): void;
  /**
   * Lines that are records of their own and no failure, with nothing held before them, as one
   * range. A sink without it gets every record one by one.
   */
  acceptQuiet?(run: QuietRun): void;
  /** A record left out (outside --since/--until), for writers that keep the input's order. */
  skip?(record: LogRecord): void;
  /** What is ready to be written now, in order (null: nothing). */
  take(): Buffer | readonly Buffer[] | null;
  /** What `take` gave last has been written whole: the sink may fill that memory again. */
  written?(): void;
  /** After the last input: what remains to be written (a summary, say). */
  finish(): Buffer | null;
}
