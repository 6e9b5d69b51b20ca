import { lstatSync, open, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT, WsnoiseError, describeReadError } from './errors.js';

/**
 * Where `-o PATH` writes. A regular file or a missing path is replaced by a rename (`replace`,
 * beside the file a symlink points to, so the link stays a link); anything else that can be
 * written to, a device (`/dev/null`, `/dev/full`, a terminal), a FIFO, `/proc/self/fd/1`, is
 * written in place, as a shell's `>` would, and never replaced.
 */
export type OutputPlace =
  | { readonly kind: 'replace'; readonly path: string; readonly was: Stats | null }
  | { readonly kind: 'in-place'; readonly path: string };

export const outputError = (path: string, error: unknown): WsnoiseError => new WsnoiseError(`cannot write ${path}: ${describeReadError(error)}`, EXIT.input);

/**
 * The hops of a chain of symlinks, the path first; the last names nothing or no link. A hop
 * under /proc (/dev/stdout, /dev/fd/N) is a descriptor the process already has.
 */
function linkChain(path: string): string[] {
  const hops = [path];
  for (let at = path; hops.length <= 40; hops.push(at)) {
    const link = lstatSync(at, { throwIfNoEntry: false });
    if (link === undefined || !link.isSymbolicLink()) return hops;
    at = resolve(dirname(at), readlinkSync(at));
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

export function outputPlace(path: string): OutputPlace {
  try {
    const chain = linkChain(path);
    const target = statSync(path, { throwIfNoEntry: false });
    if (target === undefined) return { kind: 'replace', path: chain.at(-1)!, was: null };
    if (target.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    // A descriptor of this process's (its standard output, say, opened by the shell with >>)
    // is written as it is, even when it is a regular file.
    if (!target.isFile() || chain.some((hop) => hop.startsWith('/proc/'))) return { kind: 'in-place', path };
    const real = realpathSync(path);
    const same = statSync(real, { throwIfNoEntry: false });
    // A regular file with no name to rename over (a deleted one): in place.
    if (same === undefined || same.dev !== target.dev || same.ino !== target.ino) return { kind: 'in-place', path };
    return { kind: 'replace', path: real, was: target };
  } catch (error) {
    throw outputError(path, error);
  }
}

/**
 * Opens a path to be written in place, appended to (never truncated: a descriptor's file that the
 * shell opened with >> keeps what it holds). Asynchronously: a FIFO's open waits for a reader,
 * and Ctrl-C must still be heard meanwhile.
 */
export function openInPlace(path: string): Promise<number> {
  return new Promise((done, fail) => open(path, 'a', 0o644, (error, fd) => (error === null ? done(fd) : fail(outputError(path, error)))));
}
