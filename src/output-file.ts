import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, renameSync, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { fdWritable } from './fd-writable.js';
import { openInPlace, outputError, outputPlace } from './output-target.js';

/** `--output FILE` as the run writes it, then puts it in place (or leaves it as it was). */
export interface OutputFile {
  readonly stream: Writable;
  /** Flushes what was written: the temporary file and its target when a rename is still to come. */
  prepare(): { temp: string; target: string } | null;
  /** Puts the file in place. */
  commit(): void;
  /** Leaves FILE as it was (a file written in place keeps what it was given). */
  discard(): void;
}

/** `-o PATH` opened where it belongs (see outputPlace). */
export async function openOutputFile(path: string): Promise<OutputFile> {
  const place = outputPlace(path);
  if (place.kind === 'in-place') return new InPlaceFile(path, await openInPlace(path));
  try {
    return new AtomicFile(place.path, place.was);
  } catch (error) {
    throw outputError(path, error);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

/** A device, a FIFO, a terminal: written to as it is, never replaced. */
class InPlaceFile implements OutputFile {
  readonly stream: Writable;
  private open = true;

  constructor(
    private readonly path: string,
    private readonly fd: number,
  ) {
    this.stream = fdWritable(fd);
  }

  prepare(): null {
    if (this.open) {
      this.open = false;
      try {
        closeSync(this.fd);
      } catch (error) {
        throw outputError(this.path, error);
      }
    }
    return null;
  }

  commit(): void {
    this.prepare();
  }

  discard(): void {
    if (this.open) closeQuietly(this.fd);
    this.open = false;
  }
}

/**
 * A regular file (or a missing path): written beside FILE under a temporary name, flushed to disk,
 * and renamed over FILE only when complete, so a reader (or a monitoring agent) never sees half of
 * it. The new file keeps the old one's mode and, as root, its owner.
 */
class AtomicFile implements OutputFile {
  readonly stream: Writable;
  private readonly temp: string;
  private readonly fd: number;
  private done = false;
  private prepared = false;

  constructor(
    private readonly path: string,
    was: Stats | null,
  ) {
    this.temp = join(dirname(path), `.${basename(path)}.wsnoise-${process.pid}.tmp`);
    this.fd = openSync(this.temp, 'w', 0o644);
    if (was !== null) keepOwnership(this.fd, was);
    this.stream = fdWritable(this.fd);
  }

  /** Flushes the file to disk; it is then complete under its temporary name. */
  prepare(): { temp: string; target: string } {
    if (!this.prepared) {
      try {
        fsyncSync(this.fd);
        closeSync(this.fd);
      } catch (error) {
        this.discard();
        throw outputError(this.path, error);
      }
      this.prepared = true;
    }
    return { temp: this.temp, target: this.path };
  }

  commit(): void {
    this.prepare();
    try {
      renameSync(this.temp, this.path);
    } catch (error) {
      this.removeTemp();
      throw outputError(this.path, error);
    }
    this.done = true;
  }

  /** Leaves FILE as it was; once prepared, the state names the file and a later run puts it in place. */
  discard(): void {
    if (this.done || this.prepared) return;
    closeQuietly(this.fd);
    this.removeTemp();
  }

  private removeTemp(): void {
    this.done = true;
    try {
      unlinkSync(this.temp);
    } catch {
      // already gone
    }
  }
}

function keepOwnership(fd: number, was: Stats): void {
  try {
    fchmodSync(fd, was.mode & 0o7777);
    if (process.getuid?.() === 0) fchownSync(fd, was.uid, was.gid);
  } catch {
    // a file system without modes or owners: the new file has the defaults
  }
}
