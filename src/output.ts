import type { Writable } from 'node:stream';
import { WsnoiseError, EXIT, describeReadError } from './errors.js';

const reported = new WeakSet<object>();

/** Whether an Output took this stream error (and the run reports it). */
export const reportedByOutput = (error: object): boolean => reported.has(error);

/**
 * Standard output with the two endings a pipe can have: the reader goes away (`| head`), which
 * is a quiet stop, or writing fails (disk full), which is an error.
 */
export class Output {
  closed = false;
  failure: WsnoiseError | null = null;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly stream: Writable,
    private readonly name = 'standard output',
  ) {
    stream.on('error', (error: NodeJS.ErrnoException) => this.fail(error));
    stream.on('drain', () => this.wake());
    stream.on('close', () => this.wake());
  }

  /** Writes and reports whether the caller should wait for `drained()` before writing more. */
  write(bytes: Buffer | string): boolean {
    if (this.closed) return false;
    try {
      return !this.stream.write(bytes);
    } catch (error) {
      // Standard output to a file or a device writes synchronously, and throws (/dev/full).
      this.fail(error as NodeJS.ErrnoException);
      return false;
    }
  }

  private fail(error: NodeJS.ErrnoException): void {
    reported.add(error);
    this.closed = true;
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED' && this.failure === null) {
      this.failure = new WsnoiseError(`cannot write ${this.name}: ${describeReadError(error)}`, EXIT.input);
    }
    this.wake();
  }

  /** Nothing handed over waits in the stream: every byte has left (or failed). */
  get idle(): boolean {
    return this.closed || this.stream.writableLength === 0;
  }

  /**
   * Waits until every byte has left and a failure to write it has been heard: a stream writing
   * to a file or device synchronously reports its error (ENOSPC) a tick after the write.
   */
  async settle(): Promise<void> {
    while (!this.idle) await this.drained();
    await new Promise((resolve) => setImmediate(resolve));
  }

  drained(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
