import type { Writable } from 'node:stream';
import { WsnoiseError, EXIT, describeReadError } from './errors.js';

/**
 * Standard output with the two endings a pipe can have: the reader goes away (`| head`), which
 * is a quiet stop, or writing fails (disk full), which is an error.
 */
export class Output {
  closed = false;
  failure: WsnoiseError | null = null;
  private waiters: (() => void)[] = [];

  constructor(private readonly stream: Writable) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.closed = true;
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') {
        this.failure = new WsnoiseError(`cannot write output: ${describeReadError(error)}`, EXIT.input);
      }
      this.wake();
    });
    stream.on('drain', () => this.wake());
    stream.on('close', () => this.wake());
  }

  /** Writes and reports whether the caller should wait for `drained()` before writing more. */
  write(bytes: Buffer | string): boolean {
    if (this.closed) return false;
    return !this.stream.write(bytes);
  }

  /** Nothing handed over waits in the stream: every byte has left (or failed). */
  get idle(): boolean {
    return this.closed || this.stream.writableLength === 0;
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
