import { closeSync, fsyncSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { Writable } from 'node:stream';

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
    const fd = this.fd;
    this.stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        try {
          writeSync(fd, chunk);
          callback();
        } catch (error) {
          callback(error as Error);
        }
      },
    });
  }

  /** Flushes what was appended; returns the file's length to remember. */
  finish(): number {
    fsyncSync(this.fd);
    const length = fstatSync(this.fd).size;
    closeSync(this.fd);
    return length;
  }
}
