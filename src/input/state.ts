import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { entryFor } from './plan-reads.js';
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
  /**
   * SHA-1 of the last bytes read (up to 4 KB before the offset): a file cut and written again
   * (copytruncate) no longer holds them there, and its copy beside it does. Absent in states
   * written before it was kept.
   */
  readonly mark?: string;
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

export const EMPTY_STATE: State = { version: 1, files: {} };

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
