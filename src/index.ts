import type { Readable, Writable } from 'node:stream';
import type { RunOptions } from './options.js';
import type { Sink } from './sinks/sink.js';
import { fileSource, isRegularFile, resumedSource, STDIN_NAME } from './input/read-input.js';
import { entryFor, finishPending, planReads, readState, writeState, type State, type StateEntry } from './input/state.js';
import type { InputResult } from './pipeline.js';
import { Rates } from './sinks/rates.js';
import { LiveSummarySink } from './sinks/live-summary-sink.js';
import { safeJson } from './render/escape.js';
import { MisconfigNotice } from './sinks/misconfig-notice.js';
import { CountingSink } from './sinks/counting-sink.js';
import { crossedAlerts } from './alerts.js';
import { lineTimeMs } from './records/record-time.js';
import type { HandshakeEvent } from './events/event.js';
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
import { EXIT, WsnoiseError, describeReadError } from './errors.js';
import { AtomicFile } from './output-file.js';
import { AppendFile } from './output-append.js';

export interface RunIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly now: () => number;
  readonly stdoutIsTerminal: boolean;
  /** Runs `fn` if the process leaves early (a second Ctrl-C), to remove a half-written file. */
  readonly atExit?: (fn: () => void) => void;
  /** The terminal's size when stdout is one. */
  readonly terminalSize?: () => { columns: number; rows: number } | undefined;
  /** Aborted to ask the run to finish early (see PipelineIo.stop). */
  readonly stop?: AbortSignal;
}

export type { RunOptions } from './options.js';

interface Plan {
  readonly sink: Sink;
  /** Written on stderr after the last input (`filter --stats`). */
  readonly epilogue: () => string | null;
  /** Something to write now and then while the input is read (a live table, a JSON line). */
  readonly ticker?: { readonly everyMs: number; readonly tick: () => string };
}

/** Whether the inputs can go on for ever (a pipe, a terminal, followed files). */
function liveInputs(options: RunOptions): boolean {
  if (options.follow) return true;
  return options.files.every((f) => f === STDIN_NAME) && !isRegularFile(0);
}

async function plan(options: RunOptions, io: RunIo, progress: { lines: number; untimed: number }): Promise<Plan> {
  const { summary, filter, zone, color } = options;
  const aggregator = new SummaryAggregator(zone);
  const needsTable = options.command === 'summary' || filter.stats;
  const { renderSummary, summaryJson } = needsTable ? await import('./render/summary-render.js') : { renderSummary: null, summaryJson: null };
  const width = io.stdoutIsTerminal ? io.terminalSize?.()?.columns : undefined;
  const render = (format = summary.format): string =>
    renderSummary!(aggregator.snapshot(), format, {
      by: summary.by,
      top: summary.top,
      color,
      lines: progress.lines,
      zone,
      ...((options.since !== null || options.until !== null) && { untimed: progress.untimed }),
      ...(width !== undefined && { width }),
    });
  switch (options.command) {
    case 'records':
      return { sink: new RecordLister(), epilogue: () => null };
    case 'classify':
      return { sink: new EventPrinter(zone), epilogue: () => null };
    case 'blocklist': {
      const { renderBlocklist } = await import('./render/blocklist.js');
      return { sink: new SummarySink(aggregator, () => renderBlocklist(aggregator.snapshot(), options.blocklist)), epilogue: () => null };
    }
    case 'summary': {
      if (io.stdoutIsTerminal && io.terminalSize !== undefined && liveInputs(options)) {
        const { renderLive, rowsTaken } = await import('./render/live-render.js');
        const rates = new Rates();
        const started = io.now();
        let drawn = 0;
        const redraw = (done = false): string => {
          const size = io.terminalSize?.() ?? { columns: 80, rows: 24 };
          const snapshot = aggregator.snapshot();
          const top = Math.max(0, Math.min(summary.top, size.rows - snapshot.causes.length - 12));
          const text = renderLive(snapshot, { rates, now: io.now(), elapsedMs: io.now() - started, lines: progress.lines, top, color, width: size.columns, done });
          const erase = drawn > 0 ? `\x1b[${drawn}F\x1b[J` : '';
          drawn = rowsTaken(text, size.columns);
          return erase + text;
        };
        return { sink: new LiveSummarySink(aggregator, rates, io.now, () => redraw(true)), epilogue: () => null, ticker: { everyMs: 1000, tick: () => redraw() } };
      }
      if (summary.interval > 0) {
        const line = (): string => `${safeJson(summaryJson!(aggregator.snapshot(), summary.top))}\n`;
        return { sink: new SummarySink(aggregator, line), epilogue: () => null, ticker: { everyMs: summary.interval * 1000, tick: line } };
      }
      return { sink: new SummarySink(aggregator, () => render()), epilogue: () => null };
    }
    case 'filter': {
      const notice = io.stdoutIsTerminal ? new MisconfigNotice() : null;
      const onEvent = (event: HandshakeEvent, removed: boolean): void => {
        if (filter.stats) aggregator.add(event);
        const said = removed ? notice?.hidden(event, io.now()) : null;
        if (said) io.stderr.write(said);
      };
      return {
        sink: new FilterWriter({ policy: filter, only: filter.only, collapse: filter.collapse, toTerminal: io.stdoutIsTerminal }, onEvent),
        epilogue: () => (filter.stats ? render('table') : null),
      };
    }
  }
}

function openOutput(path: string, io: RunIo): AtomicFile {
  try {
    const file = new AtomicFile(path);
    io.atExit?.(() => file.discard());
    return file;
  } catch (error) {
    throw new WsnoiseError(`cannot write ${path}: ${describeReadError(error)}`, EXIT.input);
  }
}

/** What to remember of each file after this run: how far its live file was read. */
function nextState(previous: State, files: readonly string[], inputs: readonly InputResult[]): State {
  const entries: Record<string, StateEntry> = { ...previous.files };
  for (const path of files) {
    const live = inputs.find((i) => i.name === path);
    if (live === undefined || live.failed) continue;
    const entry = entryFor(path, live.consumed, live.lastLine);
    if (entry !== null) entries[path] = entry;
  }
  return { version: 1, files: entries };
}

/**
 * The state and the output go in place so that a run killed at any moment neither loses nor
 * doubles a line: the state is renamed into place first, naming the output still to rename;
 * a run that starts finds that name and finishes the rename (finishPending).
 */
function commitWithState(statePath: string, state: State, file: AtomicFile | null): void {
  if (file === null) {
    writeState(statePath, state);
    return;
  }
  const { temp, target } = file.prepare();
  writeState(statePath, { ...state, pending: { temp, target } });
  file.commit();
  writeState(statePath, state);
}

/** Wall-clock time, for syslog's yearless dates (the one clock the pure stages never read). */
const wallClock = (): number => Date.now();

/** The programmatic entry: runs one command over its inputs and returns the exit code. */
export async function run(options: RunOptions, io: RunIo): Promise<number> {
  // Every rule compiled and checked before the first byte is read.
  const catalogue = compileCatalogue(BUILTIN_STACKS);
  const classify = createClassifier(catalogue, new WsPaths(options.wsPaths));
  const progress = { lines: 0, untimed: 0 };
  const planned = await plan(options, io, progress);
  const { epilogue, ticker } = planned;
  const sink = new CountingSink(planned.sink);
  const files = options.files.length > 0 ? options.files : [STDIN_NAME];
  const state = options.state === null ? null : finishPending(readState(options.state));
  const sources = options.follow
    ? files.map((f) => followSource(f, options.fromStart))
    : state !== null
      ? files.flatMap((f) => planReads(f, state.files[f]).map((p) => resumedSource(p.path, { firstLine: p.firstLine, skip: p.skip, holdLastLine: !p.rotated })))
      : files.map((f) => fileSource(f, io.stdin));
  const appending = state !== null && options.output !== null && (options.command === 'filter' || options.command === 'classify');
  const appendFile = appending ? new AppendFile(options.output!, state.appended?.path === options.output ? state.appended.length : undefined) : null;
  const file = options.output === null || appending ? null : openOutput(options.output, io);
  const output = new Output(appendFile?.stream ?? file?.stream ?? io.stdout);
  const ticking = ticker && setInterval(() => output.write(ticker.tick()), ticker.everyMs);
  const result = await runPipeline(
    sources,
    {
      classify,
      mayOpenEvent: createCandidateTest(catalogue),
      newGrouper: (file) => new Grouper(file, options.flushMs),
      sink,
      ...((options.since !== null || options.until !== null) && {
        window: { since: options.since, until: options.until, timeOf: (text: string) => lineTimeMs(text, options.zone, wallClock()) },
      }),
    },
    { maxLine: options.maxLine, flushMs: options.flushMs, concurrent: options.follow },
    { output, stderr: io.stderr, now: io.now, progress, ...(io.stop && { stop: io.stop }) },
  );
  clearInterval(ticking);
  const after = epilogue();
  if (after !== null) io.stderr.write(after);
  if (output.failure !== null) {
    file?.discard();
    io.stderr.write(`wsnoise: ${output.failure.message}\n`);
    return output.failure.exitCode;
  }
  // Output cut short (the reader went away): nothing is remembered as read, so nothing is lost.
  if (!output.closed) {
    if (appendFile !== null) writeState(options.state!, { ...nextState(state!, files, result.inputs), appended: { path: appendFile.path, length: appendFile.finish() } });
    else if (state !== null) commitWithState(options.state!, nextState(state, files, result.inputs), file);
    else file?.commit();
  }
  const crossed = crossedAlerts(options.failOn, sink.counts, progress.lines);
  for (const alert of crossed) io.stderr.write(`wsnoise: alert: ${alert}\n`);
  // An input that could not be read wins over an alert: the counts may be short.
  if (result.unreadable > 0) return EXIT.input;
  return crossed.length > 0 ? EXIT.alert : EXIT.ok;
}
