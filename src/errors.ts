import { escapeControls } from './render/escape.js';

/**
 * An error as the one line wsnoise writes on stderr. A file name or a state file's text may hold
 * control bytes (ESC, a newline): they are escaped as in output to a terminal (`\x1b`), so the
 * message stays one line and a terminal acts on none of them.
 */
export const errorLine = (message: string): string => `wsnoise: ${escapeControls(message)}\n`;

/** The whole exit-code table: README and `--help` print it from here. */
export const EXIT = {
  ok: 0,
  input: 1,
  usage: 2,
  alert: 3,
  /** EX_TEMPFAIL of sysexits.h: another run holds the state; try again later. */
  locked: 75,
  interrupted: 130,
} as const;

export const EXIT_TABLE: readonly (readonly [number, string])[] = [
  [EXIT.ok, 'done, with or without handshake failures found; also when the reader closes the pipe (| head)'],
  [EXIT.input, 'an input could not be read whole (the output holds everything that could)'],
  [EXIT.usage, 'usage: unknown flag, bad value, bad rule file (nothing is read)'],
  [EXIT.alert, 'an alert threshold was crossed (--fail-on); 1 wins over 3'],
  [EXIT.locked, 'another run holds the --state file (its pid is named); nothing is read (--wait-lock waits)'],
  [EXIT.interrupted, 'interrupted twice'],
];

export class WsnoiseError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UsageError extends WsnoiseError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** A rule that does not compile or check: exit 2, before any input is read. */
export class RuleError extends WsnoiseError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export class InputError extends WsnoiseError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`cannot read ${file}: ${reason}`, EXIT.input);
  }
}

/** A second run on the same --state file while the first still runs (a cron job that overran). */
export class LockedError extends WsnoiseError {
  constructor(state: string, lock: string, readonly holder: number, waited: number) {
    const wait = waited > 0 ? ` after waiting ${waited} s` : '; --wait-lock SECONDS waits for it';
    super(`the state file ${state} is in use by another run, pid ${holder} (lock ${lock})${wait}`, EXIT.locked);
  }
}

const ERRNO_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
  ENOTDIR: 'a path component is not a directory',
  EIO: 'input/output error',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EXDEV: 'not on the same file system',
  ENXIO: 'no such device or address',
  EBUSY: 'device or resource busy',
  ETXTBSY: 'text file busy',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EINVAL: 'invalid argument',
  EEXIST: 'file already exists',
  ENOTEMPTY: 'directory not empty',
  EPIPE: 'broken pipe',
  Z_BUF_ERROR: 'truncated gzip data (unexpected end of file)',
  Z_DATA_ERROR: 'corrupt gzip data',
};

/** Turns an fs or zlib error into the short reason a person reads after the file name. */
export function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in ERRNO_REASONS) {
    const reason = ERRNO_REASONS[code]!;
    return code === 'Z_DATA_ERROR' ? `${reason} (${(error as Error).message})` : reason;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * An error of the system (an fs call's, a stream's) as one line: the call, its path and why. Such
 * errors are of the machine, not of wsnoise, and get the input/output exit code.
 */
export function describeSystemError(error: unknown): string | null {
  const e = error as { code?: unknown; syscall?: unknown; path?: unknown; dest?: unknown } | null;
  if (typeof e?.code !== 'string' || !/^E[A-Z0-9]+$/.test(e.code) || typeof e.syscall !== 'string') return null;
  const path = typeof e.path === 'string' ? ` ${e.path}` : '';
  const dest = typeof e.dest === 'string' ? ` -> ${e.dest}` : '';
  return `${e.syscall}${path}${dest}: ${describeReadError(error)}`;
}
