import { closeSync, fsyncSync, fstatSync, ftruncateSync, openSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { fdWritable } from './fd-writable.js';

/**
 * `--output FILE` with `--state` for filter and classify: new lines are appended. Bytes past the
 * length the state remembers were written by a run that was killed before its state was: they
 * are cut off, and those lines are read again.
 */
export class AppendFile {
  readonly stream: Writable;
  private readonly fd: number;

  constructor(
    readonly path: string,
    committedLength: number | undefined,
  ) {
    this.fd = openSync(path, 'a', 0o644);
    if (committedLength !== undefined && fstatSync(this.fd).size > committedLength) ftruncateSync(this.fd, committedLength);
    this.stream = fdWritable(this.fd);
  }

  /** Flushes what was appended; returns the file's length to remember. */
  finish(): number {
    fsyncSync(this.fd);
    const length = fstatSync(this.fd).size;
    closeSync(this.fd);
    return length;
  }
}
