import type { ScanThread } from './input/scan-ahead.js';
import type { Alert } from './alerts.js';
import type { BlocklistOptions } from './render/blocklist.js';
import { UsageError } from './errors.js';
import type { AccessReader } from './formats/access-readers.js';

export const COMMANDS = ['filter', 'classify', 'summary', 'blocklist', 'records'] as const;
export const SUMMARY_BY = ['cause', 'ip', 'stack'] as const;
export type SummaryBy = (typeof SUMMARY_BY)[number];
export const SUMMARY_FORMATS = ['table', 'json', 'csv', 'markdown', 'prometheus', 'html'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];
export type CommandName = (typeof COMMANDS)[number];

export interface RunOptions {
  readonly command: CommandName;
  /** Paths as given; `-` is standard input. Empty means standard input. */
  readonly files: readonly string[];
  readonly maxLine: number;
  readonly flushMs: number;
  /** Large regular files read and scanned by a second thread (WSNOISE_SCAN_THREAD=on|off; default auto). */
  readonly scanThread: ScanThread;
  readonly color: boolean;
  /** Follow the files by name, like tail -F, until stopped. */
  readonly follow: boolean;
  /** With follow: read what the files already hold first. */
  readonly fromStart: boolean;
  readonly blocklist: BlocklistOptions;
  /** Remember how far each file was read, and read only what is new (like logtail). */
  readonly state: string | null;
  /** How long to wait for another run that holds the state file's lock (0: give up at once). */
  readonly waitLock: number;
  /** Write here (atomically) rather than to standard output. */
  readonly output: string | null;
  /** --since / --until, in milliseconds since the epoch. */
  readonly since: number | null;
  readonly until: number | null;
  /** Conditions that make the run exit 3 when crossed. */
  readonly failOn: readonly Alert[];
  /** IANA zone in which times written without one are read. */
  readonly zone: string;
  readonly wsPaths: readonly string[];
  /** Reverse proxies' access logs, read first: the client behind the proxy for an application's failure. */
  readonly proxyLogs: readonly string[];
  /** The stacks whose rules are used (--stack); empty: every built-in one. */
  readonly stacks: readonly string[];
  /** --rules: user rule files (YAML or JSON), tried before the built-in rules. */
  readonly rules: readonly string[];
  /** Access-line readers of --log-format and --log-format-file (the built-in ones come with the rules). */
  readonly readers: readonly AccessReader[];
  readonly filter: {
    readonly keep: ReadonlySet<string>;
    readonly drop: ReadonlySet<string> | null;
    readonly only: boolean;
    readonly collapse: boolean;
    readonly stats: boolean;
  };
  readonly summary: {
    readonly by: SummaryBy;
    readonly top: number;
    readonly format: SummaryFormat;
    /** Print the summary as a JSON line every this many seconds (0: only at the end). */
    readonly interval: number;
  };
}

export const DEFAULT_FLUSH_MS = 200;
export const DEFAULT_TOP = 10;

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

export function parseWhole(flag: string, value: string, min: number, max: number, unit = ''): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} takes a whole number${unit} from ${min} to ${max}, not '${value}'`);
  }
  return n;
}

export function parseChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  const found = choices.find((c) => c === value);
  if (found === undefined) throw new UsageError(`${flag} takes one of ${choices.join(', ')}, not '${value}'`);
  return found;
}
