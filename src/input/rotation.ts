import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

/** `app.log`, `app.log.1`, `app.log.2.gz`, `app.log-20261120`, `app.log-20261120.gz`. */
const ROTATED = /^(.+?)(?:\.(\d{1,4})|-(\d{8}(?:\d{2,6})?))?(\.gz)?$/;

interface Place {
  readonly path: string;
  readonly base: string;
  /** Older first: a larger rotation number, an earlier date; the live file (no suffix) last. */
  readonly age: readonly [number, string];
}

function place(path: string): Place | null {
  const m = ROTATED.exec(path);
  if (m === null || (m[2] === undefined && m[3] === undefined && m[4] !== undefined)) return null;
  if (m[2] !== undefined) return { path, base: m[1]!, age: [2, String(1e6 - Number(m[2])).padStart(8, '0')] };
  if (m[3] !== undefined) return { path, base: m[1]!, age: [1, m[3]] };
  return { path, base: m[1]!, age: [3, ''] };
}

/**
 * The order to read inputs in: the files of one rotated set (`app.log.3.gz app.log.2.gz
 * app.log.1 app.log`, or dated `app.log-20261119.gz`) oldest first, at the place of the set's
 * first file; every other input where it was given. Pure.
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
    order.push(...[...set].sort((a, b) => a.age[0] - b.age[0] || a.age[1].localeCompare(b.age[1])).map((x) => x.path));
  });
  return order;
}

/** A directory's files, recursively, in name order (only with -r). */
export function expandDirectories(paths: readonly string[], recursive: boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
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
