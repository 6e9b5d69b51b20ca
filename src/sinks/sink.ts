import type { Release } from '../events/event.js';

/** The end of the pipeline: takes released records, hands back bytes to write. */
export interface Sink {
  /** Called before the first record of each input. */
  startFile?(name: string): void;
  accept(releases: readonly Release[]): void;
  /** What is ready to be written now (null: nothing). */
  take(): Buffer | null;
  /** After the last input: what remains to be written (a summary, say). */
  finish(): Buffer | null;
}
