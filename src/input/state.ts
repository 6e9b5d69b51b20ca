import { crypto, zlib } from '../builtin.js';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { WsnoiseError, EXIT, describeReadError } from '../errors.js';
import { parseState, StateShapeError } from './state-schema.js';
import type { InputResult } from '../pipeline.js';
import type { OutputFile } from '../output-file.js';


/** What a run remembers of one file: which file it was, and how far it was read. */
export interface StateEntry {
  readonly dev: number;
  readonly ino: number;
  /** SHA-1 of the file's first line (at most HEAD_BYTES), to know it again once compressed. */
  readonly head: string;
  /** Bytes read, up to the end of the last whole line. */
  readonly offset: number;
  /** Lines read, so line numbers go on where they stopped. */
  readonly lines: number;
}

export interface State {
  readonly version: 1;
  readonly files: Readonly<Record<string, StateEntry>>;
  /** An output written but not yet put in place when the state was: the next run finishes it. */
  readonly pending?: { readonly temp: string; readonly target: string };
  /** Prometheus counts so far, so that the counters a cron job writes only ever grow. */
  readonly totals?: Readonly<Record<string, number>>;
  /** An output appended to (filter, classify): its length when this state was written. */
  readonly appended?: { readonly path: string; readonly length: number };
  /** The WebSocket routes learned so far, and those a handshake succeeded on: a live input knows them from its first line. */
  readonly routes?: { readonly learned: readonly string[]; readonly upgraded: readonly string[] };
}

const HEAD_BYTES = 4096;
export const EMPTY_STATE: State = { version: 1, files: {} };

/** One stretch of a file to read: from `skip` bytes in, numbering lines from `firstLine`. */
export interface ReadPlan {
  readonly path: string;
  readonly skip: number;
  readonly firstLine: number;
  /** Rotated away: read to its very end. The live file's unfinished last line waits. */
  readonly rotated: boolean;
}

function headOf(bytes: Buffer): string {
  const nl = bytes.indexOf(10);
  return crypto().createHash('sha1').update(bytes.subarray(0, nl === -1 ? Math.min(bytes.length, HEAD_BYTES) : Math.min(nl + 1, HEAD_BYTES))).digest('hex');
}

function fileHead(path: string): string | null {
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      return headOf(buf.subarray(0, readSync(fd, buf, 0, HEAD_BYTES, 0)));
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

function gzipHead(path: string): string | null {
  try {
    return headOf(zlib().gunzipSync(readFileSync(path)).subarray(0, HEAD_BYTES));
  } catch {
    return null;
  }
}

/**
 * What to read of `path` given what the last run read: the rest of the same file; or, when the
 * file was rotated since (renamed to PATH.1, or compressed to PATH.1.gz), the rest of the old one
 * and then the new one from its start; or, when it was truncated, the file from its start.
 */
export function planReads(path: string, entry: StateEntry | undefined): ReadPlan[] {
  const now = statSync(path, { throwIfNoEntry: false });
  const live: ReadPlan = { path, skip: 0, firstLine: 1, rotated: false };
  if (entry === undefined) return [live];
  if (now !== undefined && now.dev === entry.dev && now.ino === entry.ino && now.size >= entry.offset && fileHead(path) === entry.head) {
    return [{ path, skip: entry.offset, firstLine: entry.lines + 1, rotated: false }];
  }
  const rest = { skip: entry.offset, firstLine: entry.lines + 1, rotated: true };
  const renamed = `${path}.1`;
  const old = statSync(renamed, { throwIfNoEntry: false });
  if (old !== undefined && old.dev === entry.dev && old.ino === entry.ino) return [{ path: renamed, ...rest }, live];
  if (existsSync(`${renamed}.gz`) && gzipHead(`${renamed}.gz`) === entry.head) return [{ path: `${renamed}.gz`, ...rest }, live];
  return [live];
}

/** The entry to remember for the live file once it was read to `offset`, `lines` lines. */
export function entryFor(path: string, offset: number, lines: number): StateEntry | null {
  const s = statSync(path, { throwIfNoEntry: false });
  const head = fileHead(path);
  if (s === undefined || head === null) return null;
  return { dev: s.dev, ino: s.ino, head, offset, lines };
}

/** Larger than any state wsnoise writes: not one (a log given as --state by mistake, say). */
const MAX_STATE_BYTES = 64 * 1024 * 1024;

export function readState(path: string): State {
  let source: string;
  try {
    if (statSync(path).size > MAX_STATE_BYTES) throw new StateShapeError(`not a wsnoise state file (larger than ${MAX_STATE_BYTES / 1024 / 1024} MB)`);
    source = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_STATE;
    if (error instanceof StateShapeError) throw new WsnoiseError(`cannot use the state file ${path}: ${error.message}`, EXIT.usage);
    throw new WsnoiseError(`cannot read the state file ${path}: ${describeReadError(error)}`, EXIT.input);
  }
  try {
    return parseState(source);
  } catch (error) {
    if (!(error instanceof StateShapeError)) throw error;
    throw new WsnoiseError(`cannot use the state file ${path}: ${error.message}`, EXIT.usage);
  }
}

/** Writes the state beside its path and renames it into place, flushed to disk first. */
export function writeState(path: string, state: State): void {
  const temp = join(dirname(path), `.${basename(path)}.wsnoise-${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'w', 0o644);
    try {
      writeSync(fd, `${JSON.stringify(state)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new WsnoiseError(`cannot write the state file ${path}: ${describeReadError(error)}`, EXIT.input);
  }
}

/** Finishes what a killed run left: an output written and remembered, but not yet in place. */
export function finishPending(state: State): State {
  const pending = state.pending;
  try {
    if (pending !== undefined && existsSync(pending.temp)) renameSync(pending.temp, pending.target);
  } catch (error) {
    throw new WsnoiseError(`cannot put ${pending!.target} in place from ${pending!.temp}, as the last run left it: ${describeReadError(error)}`, EXIT.input);
  }
  const { pending: _done, ...rest } = state;
  return rest;
}


/** What to remember of each file after this run: how far its live file was read. */
export function nextState(previous: State, files: readonly string[], inputs: readonly InputResult[]): State {
  const entries: Record<string, StateEntry> = { ...previous.files };
  for (const path of files) {
    const live = inputs.find((i) => i.name === path);
    if (live === undefined || live.failed) continue;
    const entry = entryFor(path, live.consumed, live.lastLine);
    if (entry !== null) entries[path] = entry;
  }
  return { version: 1, files: entries };
}

/**
 * The state and the output go in place so that a run killed at any moment neither loses nor
 * doubles a line: the state is renamed into place first, naming the output still to rename;
 * a run that starts finds that name and finishes the rename (finishPending). An output that
 * cannot be put in place leaves the previous state, so its lines are read again next time.
 */
export function commitWithState(statePath: string, previous: State, state: State, file: OutputFile | null): void {
  const pending = file?.prepare() ?? null;
  if (pending === null) {
    writeState(statePath, state);
    return;
  }
  writeState(statePath, { ...state, pending });
  try {
    file!.commit();
  } catch (error) {
    writeState(statePath, previous);
    throw error;
  }
  writeState(statePath, state);
}
