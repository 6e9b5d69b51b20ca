import type { Writable } from 'node:stream';
import type { Classifier } from './classify/classify.js';
import type { EventGrouper } from './events/group-events.js';
import type { Release } from './events/event.js';
import type { LogRecord } from './records/record.js';
import type { Line } from './records/line.js';
import type { Sink } from './sinks/sink.js';
import type { InputSource } from './input/read-input.js';
import type { Output } from './output.js';
import { readInput } from './input/read-input.js';
import type { KeyLines, LineKeys, QuietRun, QuietTest } from './records/split-lines.js';
import { LineSplitter, isQuietRun } from './records/split-lines.js';
import { RecordAssembler } from './records/assemble-records.js';
import { EnvelopeReader } from './records/unwrap-envelopes.js';
import { SourceAssembler } from './records/assemble-by-source.js';
import { InputError, describeReadError, errorLine } from './errors.js';
import { collectGarbage } from './collect-garbage.js';

export interface PipelineStages {
  readonly classify: Classifier;
  /**
   * Quiet lines, passed to the sink as whole ranges when it takes them (and no --since/--until
   * is set): lines that stand alone and hold none of the classifier's keys (`keyLines`, in one
   * pass over a chunk), or whose keys lead to no rule (`ruleProbe`, with the routes known).
   */
  readonly quiet?: { readonly keyLines: KeyLines; readonly ruleProbe: (text: string, keys: LineKeys) => boolean };
  /** Whether a line might open a failure: only such a record waits flush-ms on a live input. */
  readonly mayOpenEvent: (text: string) => boolean;
  /** --since/--until: records written outside are skipped, records with no time are read and counted. */
  readonly window?: TimeWindow;
  readonly newGrouper: (file: string) => EventGrouper;
  readonly sink: Sink;
  /** The date today (ms since the epoch), for envelopes that write no year (syslog). */
  readonly today: number;
}

export interface TimeWindow {
  readonly since: number | null;
  readonly until: number | null;
  readonly timeOf: (text: string) => number | null;
}

export interface PipelineOptions {
  readonly maxLine: number;
  readonly flushMs: number;
  /** Read every input at once (followed files), rather than one after the other. */
  readonly concurrent?: boolean;
  /**
   * Hand each chunk read back to its reader once nothing points into it (its lines written, or
   * copied): for sinks that keep no record after taking it.
   */
  readonly recycle?: boolean;
}

export interface Progress {
  lines: number;
  untimed: number;
  read: number;
  unread: number;
}

export interface PipelineIo {
  readonly output: Output;
  readonly stderr: Writable;
  readonly now: () => number;
  /**
   * A request to stop (Ctrl-C, SIGTERM): a live input is still read until it ends or falls
   * silent for flush-ms, a file not at all; what is pending is completed, the rest is skipped.
   */
  readonly stop?: AbortSignal;
  /** Lines read so far (for a live view), records that had no time when a window was set, inputs read to their end and inputs that could not be read. */
  readonly progress?: Progress;
}

/**
 * On a live input, a record that cannot open a failure is completed after this much silence (it
 * may still get a continuation line); one that can, or an event held, waits --flush-ms.
 */
export const QUIET_MS = 10;

/** Bytes read between two full collections, when chunks cannot be read into again (8 MB: at 32, chunks let go of and not yet collected weighed 20 MB more at peak on a noise-heavy log). */
const COLLECT_EVERY_BYTES = 8 * 1024 * 1024;
let readSinceCollection = 0;

/** How far an input was read: its bytes up to the end of its last whole line, and its last line's number. */
export interface InputResult {
  readonly name: string;
  readonly failed: boolean;
  readonly consumed: number;
  readonly lastLine: number;
}

export interface PipelineResult {
  readonly unreadable: number;
  readonly inputs: readonly InputResult[];
}

/** Reads every input in order through lines → records → classify → events → sink → output. */
export async function runPipeline(
  sources: readonly InputSource[],
  stages: PipelineStages,
  options: PipelineOptions,
  io: PipelineIo,
): Promise<PipelineResult> {
  let unreadable = 0;
  const inputs: InputResult[] = [];
  const report = (result: InputResult & { failure: InputError | null }): void => {
    const { failure, ...rest } = result;
    inputs.push(rest);
    if (io.progress) io.progress[failure === null ? 'read' : 'unread']++;
    if (failure === null) return;
    unreadable++;
    io.stderr.write(errorLine(failure.message));
  };
  if (options.concurrent) {
    (await Promise.all(sources.map((source) => runOne(source, stages, options, io)))).forEach(report);
  } else {
    for (const source of sources) {
      if (io.output.closed || io.stop?.aborted) break;
      report(await runOne(source, stages, options, io));
    }
  }
  if (!io.output.closed) {
    const last = stages.sink.finish();
    if (last !== null) io.output.write(last);
  }
  return { unreadable, inputs };
}

async function runOne(
  source: InputSource,
  stages: PipelineStages,
  options: PipelineOptions,
  io: PipelineIo,
): Promise<InputResult & { failure: InputError | null }> {
  const splitter = new LineSplitter(options.maxLine, source.resume?.firstLine);
  let bytesRead = source.resume?.skip ?? 0;
  let assembler: RecordAssembler | SourceAssembler = new RecordAssembler();
  const grouper = stages.newGrouper(source.name);
  const { sink, classify } = stages;
  const { output } = io;
  sink.startFile?.(source.name);

  const { window } = stages;
  const outside = (record: LogRecord): boolean => {
    const head = record.lines[0]!;
    const envelopeTime = head.envelope?.time ?? null;
    const t = head.overlong ? null : (window!.timeOf(head.text) ?? (envelopeTime === null ? null : window!.timeOf(envelopeTime)));
    if (t === null) {
      if (io.progress) io.progress.untimed++;
      return false;
    }
    return (window!.since !== null && t < window!.since) || (window!.until !== null && t >= window!.until);
  };
  const toSink = (records: readonly LogRecord[], now: number): void => {
    for (const record of records) {
      if (window !== undefined && outside(record)) {
        sink.skip?.(record);
        continue;
      }
      // A verdict on the first lines only: the lines after them are judged as a record of their own.
      for (let rest: LogRecord | null = record; rest !== null; ) {
        const verdict = classify(rest);
        let judged: LogRecord = rest;
        rest = null;
        if (verdict !== null && verdict.lines < judged.lines.length) {
          rest = { lines: judged.lines.slice(verdict.lines) };
          judged = { lines: judged.lines.slice(0, verdict.lines) };
        }
        // Nothing held means no conversation is open: the grouper would pass the record as it is.
        if (verdict === null && !grouper.pending) sink.acceptPlain(judged);
        else sink.accept(grouper.push(judged, verdict, now));
      }
    }
  };
  const release = (releases: readonly Release[]): void => sink.accept(releases);
  const envelopes = new EnvelopeReader(stages.today);
  const assemble = (line: Line, now: number): void => {
    if (envelopes.bare) toSink(assembler.push(line), now);
    else {
      const lines = envelopes.push(line);
      // Services may interleave in an envelope's stream: records are assembled per service.
      if (envelopes.wrapped && assembler instanceof RecordAssembler) {
        toSink(assembler.flush(), now);
        assembler = new SourceAssembler();
      }
      for (const unwrapped of lines) toSink(assembler.push(unwrapped), now);
    }
  };
  // Lines of a quiet run are records of their own and no failure; the sink takes them whole
  // when nothing is held before them and the record open is one they complete.
  let now = 0;
  const quiet: QuietTest | null =
    stages.quiet !== undefined && sink.acceptQuiet !== undefined && window === undefined
      ? {
          keyLines: stages.quiet.keyLines,
          mayBeFailure: (text, keys) => {
            if (!envelopes.bare || !(assembler instanceof RecordAssembler)) return true;
            // The record open is completed by the line asked about, or by a quiet line before it:
            // completed now, what it teaches (a WebSocket route) counts for this line.
            if (assembler.pending) {
              if (!assembler.closable) return true;
              toSink(assembler.flush(), now);
            }
            return stages.quiet!.ruleProbe(text, keys);
          },
        }
      : null;
  const visit = (item: Line | QuietRun): void => {
    if (isQuietRun(item)) {
      if (io.progress) io.progress.lines += item.lines;
      passQuiet(item, now);
    } else {
      if (io.progress) io.progress.lines++;
      assemble(item, now);
    }
  };
  const passQuiet = (run: QuietRun, now: number): void => {
    if (envelopes.bare && assembler instanceof RecordAssembler && assembler.closable && !grouper.pending) {
      toSink(assembler.flush(), now);
      if (!grouper.pending) {
        sink.acceptQuiet!(run);
        return;
      }
    }
    for (const line of splitter.linesOf(run)) assemble(line, now);
  };
  const completeRecords = (now: number): void => {
    for (const line of envelopes.flush()) toSink(assembler.push(line), now);
    toSink(assembler.flush(), now);
  };
  const writeOut = (): boolean => {
    const bytes = sink.take();
    if (bytes === null) return false;
    let mustWait = false;
    if (Buffer.isBuffer(bytes)) mustWait = output.write(bytes);
    else for (const part of bytes) mustWait = output.write(part) || mustWait;
    if (output.idle) sink.written?.();
    return mustWait;
  };

  let timer: NodeJS.Timeout | undefined;
  const silence = (): number => {
    const head = assembler.openHead;
    const mayHold = grouper.pending || (head !== undefined && !head.overlong && stages.mayOpenEvent(head.text));
    return mayHold ? options.flushMs : Math.min(QUIET_MS, options.flushMs);
  };
  const onSilence = (): void => {
    timer = undefined;
    completeRecords(clock());
    release(grouper.flush(Number.POSITIVE_INFINITY));
    writeOut();
  };

  const input = source.open();
  const live = input.live;
  let stopping = false;
  let stopTimer: NodeJS.Timeout | undefined;
  const drainThenStop = (): void => {
    clearTimeout(stopTimer);
    stopTimer = setTimeout(() => input.abort(), options.flushMs);
  };
  const onStop = (): void => {
    stopping = true;
    if (live) drainThenStop();
    else input.abort();
  };
  if (io.stop?.aborted) onStop();
  io.stop?.addEventListener('abort', onStop);
  // A file cannot fall silent: only a live input's conversations time out, so a file's
  // verdicts never depend on how fast it was read.
  const clock = live ? io.now : () => 0;
  let failure: InputError | null = null;
  try {
    for await (const chunk of readInput(input.chunks)) {
      clearTimeout(timer);
      now = clock();
      bytesRead += chunk.length;
      if (quiet === null) {
        const lines = splitter.push(chunk);
        if (io.progress) io.progress.lines += lines.length;
        for (const line of lines) assemble(line, now);
      } else splitter.split(chunk, quiet, visit, input.prescanOf?.(chunk) ?? null);
      release(grouper.flush(now));
      const mustWait = writeOut();
      if (output.closed) break;
      if (mustWait) await output.drained();
      // What may still point into the chunk: the record left open, records held, bytes not yet written.
      if (options.recycle && input.recycle && output.idle && !grouper.pending && envelopes.bare && assembler instanceof RecordAssembler) {
        assembler.detach(chunk);
        input.recycle(chunk);
      } else if ((readSinceCollection += chunk.length) >= COLLECT_EVERY_BYTES) {
        // Chunks not read into again are freed only when V8 collects their handles, and it lets
        // them pile up (tens of MB past the bound on a long input): a collection now and then.
        readSinceCollection = 0;
        collectGarbage();
      }
      if (live && (assembler.pending || grouper.pending || envelopes.pending)) timer = setTimeout(onSilence, silence());
      if (stopping && live) drainThenStop();
    }
  } catch (error) {
    // An input cut short because we were asked to stop is not an input that failed.
    if (!stopping) failure = new InputError(source.name, describeReadError(error));
  } finally {
    clearTimeout(timer);
    clearTimeout(stopTimer);
    io.stop?.removeEventListener('abort', onStop);
    input.close();
  }
  const result = (consumed: number, lastLine: number) => ({ name: source.name, failed: failure !== null, failure, consumed, lastLine });
  if (output.closed) return result(bytesRead - splitter.heldBytes, splitter.nextLine - 1);
  now = clock();
  // Resuming (--state), the live file's unfinished last line is left for the next run.
  const holdLast = source.resume?.holdLastLine === true;
  const consumed = bytesRead - (holdLast ? splitter.heldBytes : 0);
  if (!holdLast) for (const line of splitter.flush()) assemble(line, now);
  const lastLine = splitter.nextLine - 1;
  completeRecords(now);
  release(grouper.flush(Number.POSITIVE_INFINITY));
  writeOut();
  return result(consumed, lastLine);
}
