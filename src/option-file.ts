import { UsageError, describeReadError } from './errors.js';
import { readBounded } from './util/read-bounded.js';

/** A list of routes or formats: past this it is something else (a log), not read into memory. */
const MAX_OPTION_FILE_BYTES = 1 << 20;

/** The text of a file an option names; one that cannot be read is a usage error naming the option. */
export function readOptionFile(option: string, file: string): string {
  try {
    return readBounded(file, MAX_OPTION_FILE_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${option}: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : describeReadError(error)}`);
  }
}
