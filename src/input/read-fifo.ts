import { closeSync, constants, open, openSync } from 'node:fs';
import { Socket } from 'node:net';
import type { OpenedInput } from './read-input.js';

/**
 * A FIFO named as an input, read as a pipe. Its open waits for a writer: asynchronously, so that
 * Ctrl-C is heard meanwhile, and a stop releases it by opening the other end for a moment. It is
 * read through the event loop (a socket on the descriptor), not the thread pool, whose read
 * would wait for the writer's next line before the process could exit.
 */
export function openFifo(path: string): OpenedInput {
  let socket: Socket | null = null;
  let stopped = false;
  async function* chunks(): AsyncGenerator<Buffer> {
    const fd = await new Promise<number>((done, fail) => open(path, 'r', (error, fd) => (error === null ? done(fd) : fail(error))));
    if (stopped) {
      closeSync(fd);
      return;
    }
    socket = new Socket({ fd, readable: true, writable: false });
    yield* socket as AsyncIterable<Buffer>;
  }
  const stop = (): void => {
    stopped = true;
    if (socket !== null) {
      socket.destroy();
      return;
    }
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no open waiting: nothing to release
    }
  };
  return { chunks: chunks(), live: true, close: () => socket?.destroy(), abort: stop };
}
