import type { Readable, Writable } from 'node:stream';
import type { RunOptions } from './options.js';
import type { Sink } from './sinks/sink.js';
import { fileSource, STDIN_NAME } from './input/read-input.js';
import { followSource } from './input/follow.js';
import { runPipeline } from './pipeline.js';
import { createCandidateTest, createClassifier } from './classify/classify.js';
import { compileCatalogue } from './classify/compile-rules.js';
import { WsPaths } from './classify/ws-paths.js';
import { Grouper } from './events/group-events.js';
import { FilterWriter } from './sinks/filter-writer.js';
import { RecordLister } from './sinks/record-lister.js';
import { EventPrinter } from './sinks/event-printer.js';
import { SummaryAggregator } from './sinks/summary.js';
import { SummarySink } from './sinks/summary-sink.js';
import { BUILTIN_STACKS } from './rules/index.js';
import { Output } from './output.js';
import { EXIT } from './errors.js';

export interface RunIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly now: () => number;
  /** Aborted to ask the run to finish early (see PipelineIo.stop). */
  readonly stop?: AbortSignal;
}

export type { RunOptions } from './options.js';

interface Plan {
  readonly sink: Sink;
  /** Written on stderr after the last input (`filter --stats`). */
  readonly epilogue: () => string | null;
}

async function plan(options: RunOptions): Promise<Plan> {
  const { summary, filter, zone, color } = options;
  const aggregator = new SummaryAggregator(zone);
  const needsTable = options.command === 'summary' || filter.stats;
  const { renderSummary } = needsTable ? await import('./render/summary-render.js') : { renderSummary: null };
  const render = (format = summary.format): string =>
    renderSummary!(aggregator.snapshot(), format, { by: summary.by, top: summary.top, color });
  switch (options.command) {
    case 'records':
      return { sink: new RecordLister(), epilogue: () => null };
    case 'classify':
      return { sink: new EventPrinter(zone), epilogue: () => null };
    case 'summary':
      return { sink: new SummarySink(aggregator, () => render()), epilogue: () => null };
    case 'filter':
      return {
        sink: new FilterWriter({ policy: filter, only: filter.only, collapse: filter.collapse }, filter.stats ? (e) => aggregator.add(e) : undefined),
        epilogue: () => (filter.stats ? render('table') : null),
      };
  }
}

/** The programmatic entry: runs one command over its inputs and returns the exit code. */
export async function run(options: RunOptions, io: RunIo): Promise<number> {
  // Every rule compiled and checked before the first byte is read.
  const catalogue = compileCatalogue(BUILTIN_STACKS);
  const classify = createClassifier(catalogue, new WsPaths(options.wsPaths));
  const { sink, epilogue } = await plan(options);
  const output = new Output(io.stdout);
  const files = options.files.length > 0 ? options.files : [STDIN_NAME];
  const sources = options.follow ? files.map((f) => followSource(f, options.fromStart)) : files.map((f) => fileSource(f, io.stdin));
  const result = await runPipeline(
    sources,
    { classify, mayOpenEvent: createCandidateTest(catalogue), newGrouper: (file) => new Grouper(file, options.flushMs), sink },
    { maxLine: options.maxLine, flushMs: options.flushMs, concurrent: options.follow },
    { output, stderr: io.stderr, now: io.now, ...(io.stop && { stop: io.stop }) },
  );
  const after = epilogue();
  if (after !== null) io.stderr.write(after);
  if (output.failure !== null) {
    io.stderr.write(`wsnoise: ${output.failure.message}\n`);
    return output.failure.exitCode;
  }
  return result.unreadable > 0 ? EXIT.input : EXIT.ok;
}
