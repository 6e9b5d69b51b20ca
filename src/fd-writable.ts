import { writeSync } from 'node:fs';
import { Writable } from 'node:stream';

/** A stream that writes each chunk to a file descriptor at once, as stdout does to a file. */
export function fdWritable(fd: number): Writable {
  return new Writable({
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
