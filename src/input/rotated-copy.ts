import { closeSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A compressed copy: what it holds at an offset cannot be read without inflating all before it. */
export const COMPRESSED = /\.(gz|bz2|xz|zst)$/;

/**
 * The regular files beside `path` whose name is its own and more (`app.log.1`, `app.log-20261120`,
 * `app.log.2.gz`): where logrotate puts a copy (copytruncate) or the file renamed away. Newest
 * first; none when the directory cannot be read.
 */
export function filesBeside(path: string): { readonly path: string; readonly stat: Stats }[] {
  const dir = dirname(path);
  const name = basename(path);
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f !== name && f.startsWith(name));
  } catch {
    return [];
  }
  return names
    .map((f) => ({ path: join(dir, f), stat: statSync(join(dir, f), { throwIfNoEntry: false }) }))
    .filter((f): f is { path: string; stat: Stats } => f.stat !== undefined && f.stat.isFile())
    .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs);
}

/** The `length` bytes that end at `offset` in the file open at `fd`; null when it is shorter. */
export function bytesBefore(fd: number, offset: number, length: number): Buffer | null {
  const bytes = Buffer.alloc(Math.min(length, offset));
  return readSync(fd, bytes, 0, bytes.length, offset - bytes.length) === bytes.length ? bytes : null;
}

/** Opens `path` and asks `holds` of its descriptor; the descriptor when it does (the caller closes it), or null. */
export function openIf(path: string, holds: (fd: number) => boolean): number | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    if (holds(fd)) return fd;
  } catch {
    // unreadable: not the copy
  }
  closeSync(fd);
  return null;
}
