import { closeSync, fstatSync, fsyncSync, ftruncateSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { fdWritable } from './fd-writable.js';
import { openInPlace, outputError, outputPlace } from './output-target.js';

/**
 * `--output FILE` with `--state` for filter and classify: new lines are appended. Bytes past the
 * length the state remembers were written by a run that was killed before its state was: they
 * are cut off, and those lines are read again. A device or a FIFO is written to as it is, and
 * has no length to remember.
 */
export class AppendFile {
  readonly stream: Writable;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    private readonly regular: boolean,
  ) {
    this.stream = fdWritable(fd);
  }

  static async open(path: string, committedLength: number | undefined): Promise<AppendFile> {
    outputPlace(path);
    const fd = await openInPlace(path);
    try {
      const stats = fstatSync(fd);
      if (stats.isFile() && committedLength !== undefined && stats.size > committedLength) ftruncateSync(fd, committedLength);
      return new AppendFile(path, fd, stats.isFile());
    } catch (error) {
      closeSync(fd);
      throw outputError(path, error);
    }
  }

  /** Flushes what was appended; returns the file's length to remember (none for a device or FIFO). */
  finish(): number | null {
    try {
      if (!this.regular) return null;
      fsyncSync(this.fd);
      return fstatSync(this.fd).size;
    } catch (error) {
      throw outputError(this.path, error);
    } finally {
      closeSync(this.fd);
    }
  }
}
