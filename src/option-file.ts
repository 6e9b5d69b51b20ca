import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';

/** The text of a file an option names; one that cannot be read is a usage error naming the option. */
export function readOptionFile(option: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${option}: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'error')}`);
  }
}
