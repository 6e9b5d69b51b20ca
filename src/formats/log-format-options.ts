import { readOptionFile } from '../option-file.js';
import type { AccessReader } from './access-readers.js';
import type { LogFormatReader } from './log-format.js';
import { readersOf } from './access-readers.js';
import { compileLogFormat } from './log-format.js';
import { formatsInConfig } from './log-format-file.js';
import { UsageError } from '../errors.js';

/**
 * The readers of --log-format strings and of the formats a --log-format-file defines (the
 * catalogue puts them in front of the built-in ones). A format given on the command line that cannot be judged is refused; of
 * a file's formats, those that cannot are skipped with a warning, and a file with none usable is
 * refused.
 */
export function accessReaders(formats: readonly string[], files: readonly string[], warn: (line: string) => void): readonly AccessReader[] {
  const compiled: LogFormatReader[] = formats.map((f, i) => compileLogFormat(f, `log-format-${i + 1}`));
  for (const file of files) {
    const text = readOptionFile('--log-format-file', file);
    const found = formatsInConfig(text);
    if (found.length === 0) throw new UsageError(`--log-format-file ${file}: no nginx log_format or Apache LogFormat/CustomLog format in it`);
    const usable: LogFormatReader[] = [];
    for (const { name, format } of found) {
      try {
        usable.push(compileLogFormat(format, `${name}`));
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        warn(`wsnoise: --log-format-file ${file}: format '${name}' skipped: ${error.message.replace(/^--log-format '.*?' /s, '')}`);
      }
    }
    if (usable.length === 0) throw new UsageError(`--log-format-file ${file}: none of its formats names a client, a status and a request`);
    compiled.push(...usable);
  }
  return compiled.flatMap(readersOf);
}
