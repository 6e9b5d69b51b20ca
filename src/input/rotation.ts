import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { lineTimeMs } from '../records/record-time.js';
import { fileHead } from './file-head.js';

/**
 * `app.log`, `app.log.1`, `app.log.2.gz`, dated `app.log-20261120`, `app.log.2026-11-20.gz`, or
 * another word (`app.log.old`: such a set is ordered by the first time inside each file).
 */
const ROTATED = /^(.+?\.log)(?:\.(\d{1,4})|[.-](\d{4}-?\d\d-?\d\d(?:-?\d{2,6})?)|\.([a-z]{1,12}))?(\.gz)?$|^(.+?)(?:\.(\d{1,4})|-(\d{8}(?:\d{2,6})?))?(\.gz)?$/;

interface Place {
  readonly path: string;
  readonly base: string;
  /** A suffix that says nothing of age: the set is ordered by the first time in each file. */
  readonly unknown?: boolean;
  /** Older first: a larger rotation number, an earlier date; the live file (no suffix) last. */
  readonly age: readonly [number, string];
}

function place(path: string): Place | null {
  const m = ROTATED.exec(path);
  if (m === null) return null;
  const [base, number, date, word, gz] = m[1] !== undefined ? [m[1], m[2], m[3], m[4], m[5]] : [m[6]!, m[7], m[8], undefined, m[9]];
  if (number === undefined && date === undefined && word === undefined && gz !== undefined) return null;
  if (number !== undefined) return { path, base, age: [2, String(1e6 - Number(number)).padStart(8, '0')] };
  if (date !== undefined) return { path, base, age: [1, date.replace(/-/g, '')] };
  if (word !== undefined) return { path, base, age: [0, ''], unknown: true };
  return { path, base, age: [3, ''] };
}

/** The first time written in a file (gzip too), from its first 64 KiB; null when none. */
function firstTime(path: string): number | null {
  for (const line of fileHead(path)) {
    const t = lineTimeMs(line, 'UTC', Date.now());
    if (t !== null) return t;
  }
  return null;
}

/**
 * The order to read inputs in: the files of one rotated set (`app.log.3.gz app.log.2.gz
 * app.log.1 app.log`, or dated `app.log-20261119.gz`) oldest first, by rotation number or date,
 * else by the first time written in each; at the place of the set's first file. Every other
 * input stays where it was given.
 */
export function orderRotated(paths: readonly string[]): string[] {
  const places = paths.map(place);
  const sets = new Map<string, Place[]>();
  for (const p of places) if (p !== null) (sets.get(p.base) ?? sets.set(p.base, []).get(p.base)!).push(p);
  const order: string[] = [];
  const done = new Set<string>();
  paths.forEach((path, i) => {
    const p = places[i] ?? null;
    const set = p === null ? undefined : sets.get(p.base);
    if (p === null || set === undefined || set.length < 2) {
      order.push(path);
      return;
    }
    if (done.has(p.base)) return;
    done.add(p.base);
    if (set.some((x) => x.unknown)) {
      const times = new Map(set.map((x) => [x.path, firstTime(x.path) ?? Number.POSITIVE_INFINITY]));
      order.push(...[...set].sort((a, b) => times.get(a.path)! - times.get(b.path)!).map((x) => x.path));
    } else {
      order.push(...[...set].sort((a, b) => a.age[0] - b.age[0] || a.age[1].localeCompare(b.age[1])).map((x) => x.path));
    }
  });
  return order;
}

/**
 * A directory's files, recursively, in name order (only with -r). A directory or file that cannot
 * be listed or looked at (permission denied) stays in the list at its place, for the run to say
 * it cannot read it and to go on with the rest.
 */
export function expandDirectories(paths: readonly string[], recursive: boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      out.push(dir);
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      let stat;
      try {
        stat = statSync(path, { throwIfNoEntry: false });
      } catch {
        out.push(path);
        continue;
      }
      if (stat?.isDirectory()) walk(path);
      else if (stat?.isFile()) out.push(path);
    }
  };
  for (const path of paths) {
    const stat = path === '-' ? undefined : statSync(path, { throwIfNoEntry: false });
    if (recursive && stat?.isDirectory()) walk(path);
    else out.push(path);
  }
  if (recursive && out.length === 0) throw new UsageError('-r found no files in the directories given');
  return out;
}
