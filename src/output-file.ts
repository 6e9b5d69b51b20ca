import { closeSync, fsyncSync, openSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { fdWritable } from './fd-writable.js';

/**
 * `--output FILE`: written beside FILE under a temporary name, flushed to disk, and renamed over
 * FILE only when complete, so a reader (or a monitoring agent) never sees half of it.
 */
export class AtomicFile {
  readonly stream: Writable;
  private readonly temp: string;
  private readonly fd: number;
  private done = false;
  private prepared = false;

  constructor(private readonly path: string) {
    this.temp = join(dirname(path), `.${basename(path)}.wsnoise-${process.pid}.tmp`);
    this.fd = openSync(this.temp, 'w', 0o644);
    this.stream = fdWritable(this.fd);
  }

  /** Flushes the file to disk; it is then complete under its temporary name. */
  prepare(): { temp: string; target: string } {
    if (!this.prepared) {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.prepared = true;
    }
    return { temp: this.temp, target: this.path };
  }

  /** Puts the file in place. */
  commit(): void {
    this.prepare();
    renameSync(this.temp, this.path);
    this.done = true;
  }

  /** Leaves FILE as it was; once prepared, the state names the file and a later run puts it in place. */
  discard(): void {
    if (this.done || this.prepared) return;
    this.done = true;
    try {
      if (!this.prepared) closeSync(this.fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(this.temp);
    } catch {
      // already gone
    }
  }
}
