import { readOptionFile } from './option-file.js';
import { UsageError } from './errors.js';

/**
 * The routes a --ws-paths-file lists: one path glob per line (`/ws`, `/socket/*`, `/live/**`),
 * `#` starting a comment, blank lines skipped. The globs are checked as --ws-path's are.
 */
export function wsPathsInFile(file: string): string[] {
  const text = readOptionFile('--ws-paths-file', file);
  const globs: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    if (!line.startsWith('/') || /\s/.test(line)) throw new UsageError(`--ws-paths-file ${file}:${i + 1}: one path glob starting with / per line, such as /ws or /socket/*, not '${line}'`);
    globs.push(line);
  });
  return globs;
}
