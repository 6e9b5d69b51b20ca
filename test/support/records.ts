import type { LogRecord } from '../../src/records/record.js';
import { LineSplitter } from '../../src/records/split-lines.js';
import { RecordAssembler } from '../../src/records/assemble-records.js';

/** Literal text cut into records exactly as the CLI does it. */
export function recordsOf(text: string): LogRecord[] {
  const splitter = new LineSplitter(1 << 20);
  const assembler = new RecordAssembler();
  const records: LogRecord[] = [];
  for (const line of [...splitter.push(Buffer.from(text, 'latin1')), ...splitter.flush()]) records.push(...assembler.push(line));
  records.push(...assembler.flush());
  return records;
}

export function recordOf(text: string): LogRecord {
  const records = recordsOf(text);
  if (records.length !== 1) throw new Error(`sample is ${records.length} records, not one: ${JSON.stringify(text)}`);
  return records[0]!;
}
