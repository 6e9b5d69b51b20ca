import type { LogRecord } from '../../src/records/record.js';
import { recordsOf } from '../../src/rule-tools/check-samples.js';

export { recordsOf };

export function recordOf(text: string): LogRecord {
  const records = recordsOf(text);
  if (records.length !== 1) throw new Error(`sample is ${records.length} records, not one: ${JSON.stringify(text)}`);
  return records[0]!;
}
