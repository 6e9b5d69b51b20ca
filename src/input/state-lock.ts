import { closeSync, fstatSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { EXIT, LockedError, WsnoiseError, describeReadError } from '../errors.js';

/**
 * Who holds a lock: the pid, and (on Linux) the boot and the process's start time, so that a lock
 * left by a process killed before a reboot, whose pid another process has since, is known stale.
 */
interface Holder {
  readonly pid: number;
  readonly boot: string;
  readonly start: string;
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return fallback;
  }
}

/** A process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or '-'. */
function startOf(pid: number): string {
  const stat = readOr(`/proc/${pid}/stat`, '');
  // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '-';
}

const BOOT = (): string => readOr('/proc/sys/kernel/random/boot_id', '-');

function parseHolder(text: string): Holder | null {
  const m = /^(\d+) (\S+) (\S+)\n$/.exec(text);
  return m === null ? null : { pid: Number(m[1]), boot: m[2]!, start: m[3]! };
}

function alive(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (holder.boot !== '-' && holder.boot !== BOOT()) return false;
  return holder.start === '-' || startOf(holder.pid) === holder.start;
}

/** A held lock: release it once the state is written. */
export interface StateLock {
  release(): void;
}

type Attempt = { held: StateLock } | { holder: number | null };

function attempt(lock: string): Attempt {
  // Written whole under a name of its own, then linked to the lock's name: a reader never sees
  // a lock file without its holder.
  const temp = `${lock}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o644);
  let ino: number;
  try {
    writeSync(fd, `${process.pid} ${BOOT()} ${startOf(process.pid)}\n`);
    ino = fstatSync(fd).ino;
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, lock);
    return { held: { release: () => releaseIfOurs(lock, ino) } };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { holder: takeOverStale(lock) };
  } finally {
    unlinkSync(temp);
  }
}

function releaseIfOurs(lock: string, ino: number): void {
  try {
    if (statSync(lock).ino === ino) unlinkSync(lock);
  } catch {
    // already gone
  }
}

const gone = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * The lock's live holder's pid; or, when its holder is gone, removes the lock and returns null
 * (try again). The stale lock is moved aside before it is removed, and checked to be the file
 * judged stale, so that a run that took the lock meanwhile keeps it.
 */
function takeOverStale(lock: string): number | null {
  let ino: number;
  let holder: Holder | null;
  try {
    ino = statSync(lock).ino;
    holder = parseHolder(readFileSync(lock, 'utf8'));
  } catch (error) {
    if (gone(error)) return null;
    throw error;
  }
  if (holder !== null && alive(holder)) return holder.pid;
  const aside = `${lock}.${process.pid}.stale`;
  try {
    renameSync(lock, aside);
  } catch (error) {
    if (gone(error)) return null;
    throw error;
  }
  if (statSync(aside).ino !== ino) {
    // Not the file judged stale: a run took the lock between the look and the move. Put it back.
    try {
      linkSync(aside, lock);
    } catch {
      // a third run has the name now; it holds the lock
    }
  }
  unlinkSync(aside);
  return null;
}

/**
 * Takes the lock beside the state file (STATE.lock) for the whole run, waiting up to
 * `waitSeconds` for a running holder; a lock whose holder has died is taken over.
 */
export async function lockState(state: string, waitSeconds: number, stop?: AbortSignal): Promise<StateLock> {
  const lock = `${state}.lock`;
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    let result: Attempt;
    try {
      result = attempt(lock);
    } catch (error) {
      throw new WsnoiseError(`cannot lock the state file ${state} (${lock}): ${describeReadError(error)}`, EXIT.input);
    }
    if ('held' in result) return result.held;
    if (result.holder !== null && (Date.now() >= deadline || stop?.aborted === true)) {
      throw new LockedError(state, lock, result.holder, waitSeconds);
    }
    if (result.holder !== null) await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
  }
}
