import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * The text of a small file an option names (rules, routes, formats), read at most `max` bytes:
 * a log or a device given by mistake fails at once (`larger than 1 MB`), rather than being
 * parsed whole into memory. Pipes (`--rules <(…)`) are read too, up to the same bound.
 */
export function readBounded(file: string, max: number): string {
  const fd = openSync(file, 'r');
  try {
    if (fstatSync(fd).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const bytes = Buffer.alloc(max + 1);
    let n = 0;
    for (let got; n < bytes.length && (got = readSync(fd, bytes, n, bytes.length - n, null)) > 0; ) n += got;
    if (n > max) throw new Error(`larger than ${max >= 1 << 20 ? `${max / (1 << 20)} MB` : `${max} bytes`}`);
    return bytes.toString('utf8', 0, n);
  } finally {
    closeSync(fd);
  }
}
