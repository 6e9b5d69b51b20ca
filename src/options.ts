import { UsageError } from './errors.js';

export const COMMANDS = ['filter', 'classify', 'summary', 'records'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface RunOptions {
  readonly command: CommandName;
  /** Paths as given; `-` is standard input. Empty means standard input. */
  readonly files: readonly string[];
  readonly maxLine: number;
  readonly flushMs: number;
  readonly color: boolean;
}

export const DEFAULT_MAX_LINE = 1024 * 1024;
export const DEFAULT_FLUSH_MS = 200;

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `4096`, `64K`, `1M`, `1MiB`: a positive byte count. */
export function parseSize(flag: string, value: string): number {
  const m = /^(\d+)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim());
  const bytes = m ? Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]! : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new UsageError(`${flag} takes a size in bytes such as 4096, 64K or 1M, not '${value}'`);
  }
  return bytes;
}

export function parseMillis(flag: string, value: string): number {
  const ms = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(ms) || ms > 3_600_000) {
    throw new UsageError(`${flag} takes a whole number of milliseconds (0 to 3600000), not '${value}'`);
  }
  return ms;
}

export function parseChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  const found = choices.find((c) => c === value);
  if (found === undefined) throw new UsageError(`${flag} takes one of ${choices.join(', ')}, not '${value}'`);
  return found;
}
