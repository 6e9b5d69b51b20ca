import { fstatSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { RunOptions } from './options.js';
import type { Sink } from './sinks/sink.js';
import { fileSource, STDIN_NAME } from './input/read-input.js';
import { runPipeline } from './pipeline.js';
import { passThrough } from './classify/classify.js';
import { passThroughGrouper } from './events/group-events.js';
import { FilterWriter } from './sinks/filter-writer.js';
import { RecordLister } from './sinks/record-lister.js';
import { Output } from './output.js';
import { EXIT } from './errors.js';

export interface RunIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly now: () => number;
}

export type { RunOptions } from './options.js';

function makeSink(options: RunOptions): Sink {
  switch (options.command) {
    case 'records':
      return new RecordLister();
    case 'filter':
    case 'classify':
    case 'summary':
      return new FilterWriter(() => true);
  }
}

/** A pipe, FIFO or terminal can fall silent mid-record; a regular file cannot. */
function isLive(stream: Readable): boolean {
  const fd = (stream as { fd?: unknown }).fd;
  if (typeof fd !== 'number') return true;
  try {
    return !fstatSync(fd).isFile();
  } catch {
    return true;
  }
}

/** The programmatic entry: runs one command over its inputs and returns the exit code. */
export async function run(options: RunOptions, io: RunIo): Promise<number> {
  const output = new Output(io.stdout);
  const files = options.files.length > 0 ? options.files : [STDIN_NAME];
  const result = await runPipeline(
    files.map((f) => fileSource(f, io.stdin)),
    { classify: passThrough, newGrouper: passThroughGrouper, sink: makeSink(options) },
    { maxLine: options.maxLine, flushMs: options.flushMs },
    { output, stderr: io.stderr, now: io.now, isLive: (source, stream) => !source.owned && isLive(stream) },
  );
  if (output.failure !== null) {
    io.stderr.write(`wsnoise: ${output.failure.message}\n`);
    return output.failure.exitCode;
  }
  return result.unreadable > 0 ? EXIT.input : EXIT.ok;
}
