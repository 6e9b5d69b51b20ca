import type { LogRecord } from '../records/record.js';
import type { Verdict } from './verdict.js';

/** Pure: a record in, a verdict (or null: not a handshake failure) out. */
export type Classifier = (record: LogRecord) => Verdict | null;

export const passThrough: Classifier = () => null;
