import type { Readable, Writable } from 'node:stream';
import type { RunOptions } from './options.js';
import type { StackRules } from './rules/rule.js';
import { fileSource, resumedSource, STDIN_NAME } from './input/read-input.js';
import { plan } from './plan.js';
import { commitWithState, finishPending, nextState, planReads, readState, writeState } from './input/state.js';
import { CountingSink } from './sinks/counting-sink.js';
import { crossedAlerts } from './alerts.js';
import { lineTimeMs } from './records/record-time.js';
import { followSource } from './input/follow.js';
import { fastKeyLines } from './classify/key-lines.js';
import { runPipeline } from './pipeline.js';
import { createCandidateTest, createMatcher } from './classify/classify.js';
import { WsPaths } from './classify/ws-paths.js';
import { Grouper, type ClientResolver } from './events/group-events.js';
import { AccessLabel, accessWriters, hintedWriter } from './events/access-label.js';
import { loadRules, type Rules } from './rule-tools/user-catalogue.js';
import { BUILTIN_STACKS } from './rules/index.js';
import { chooseStacks } from './rules/choose-stacks.js';
import { looksLikeProxyLog, readProxyLogs } from './input/proxy-log.js';
import { fileHead } from './input/file-head.js';
import { fileTimeSpan, pairedSet, proxySetOf, type TimeSpan } from './input/proxy-pairs.js';
import type { ProxyIndex } from './events/proxy-join.js';
import { logTimeMs } from './classify/time.js';
import { Output } from './output.js';
import { EXIT, WsnoiseError, describeReadError, errorLine } from './errors.js';
import { openOutputFile, type OutputFile } from './output-file.js';
import { AppendFile } from './output-append.js';
import { lockState } from './input/state-lock.js';

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

async function openOutput(path: string, io: RunIo): Promise<OutputFile> {
  const file = await openOutputFile(path);
  io.atExit?.(() => file.discard());
  return file;
}

/** Wall-clock time, for syslog's yearless dates (the one clock the pure stages never read). */
const wallClock = (): number => Date.now();

/**
 * Proxies' access logs, read before the run: those named with --proxy-log, for every other input,
 * and those among the inputs (when other inputs are read with them), each proxy's (one file or
 * one rotated set) only for the inputs whose time span overlaps its failures' and no other
 * proxy's. A failure whose lines have no client address (or the proxy's) gets the client's.
 */
async function proxyIndex(options: RunOptions, stacks: readonly StackRules[], files: readonly string[], io: RunIo): Promise<{ clientFor: (file: string) => ClientResolver | null; unreadable: boolean }> {
  const among = options.follow || files.length < 2 ? [] : files.filter((f) => f !== STDIN_NAME && looksLikeProxyLog(fileHead(f, 20).find((l) => l !== '') ?? ''));
  const apps = files.filter((f) => !among.includes(f) && !options.proxyLogs.includes(f));
  let unreadable = false;
  const read = async (paths: readonly string[]): Promise<ProxyIndex | null> => {
    try {
      return await readProxyLogs(paths, () => io.stdin, options.zone);
    } catch (error) {
      if (!(error instanceof WsnoiseError)) throw error;
      io.stderr.write(errorLine(error.message));
      unreadable = true;
      return null;
    }
  };
  const named = options.proxyLogs.length === 0 ? null : await read(options.proxyLogs);
  const sets: { paths: string[]; index: ProxyIndex; span: TimeSpan }[] = [];
  if (apps.length > 0) {
    const bySet = new Map<string, string[]>();
    for (const f of among) {
      const set = proxySetOf(f);
      bySet.set(set, [...(bySet.get(set) ?? []), f]);
    }
    for (const paths of bySet.values()) {
      const index = await read(paths);
      const span = index?.span();
      if (index && span) sets.push({ paths, index, span });
    }
  }
  const proxyStacks = new Set(stacks.filter((s) => s.proxy === true).map((s) => s.stack));
  const resolver = (indexes: readonly ProxyIndex[]): ClientResolver => ({ stack, time, status, path }) => {
    if (proxyStacks.has(stack)) return null;
    const ms = logTimeMs(time, options.zone);
    if (ms === null) return null;
    for (const index of indexes) {
      const client = index.clientOf({ ms, status, path });
      if (client !== null) return client;
    }
    return null;
  };
  const byFile = new Map<string, ClientResolver>();
  const unpaired: string[] = [];
  for (const file of apps) {
    const span = sets.length === 0 || file === STDIN_NAME ? { first: null, last: null } : fileTimeSpan(file, options.zone, wallClock());
    const { set, overlapping } = pairedSet(span, sets);
    if (overlapping.length > 1) unpaired.push(file);
    const indexes = [named, set?.index ?? null].filter((i): i is ProxyIndex => i !== null);
    if (indexes.length > 0) byFile.set(file, resolver(indexes));
  }
  if (unpaired.length > 0) {
    const more = unpaired.length > 3 ? ` and ${unpaired.length - 3} more` : '';
    io.stderr.write(`wsnoise: not joined to a proxy's access log among the inputs, as their times overlap several proxies' logs: ${unpaired.slice(0, 3).join(', ')}${more}; name the proxy's with --proxy-log\n`);
  }
  // A file read that was not given as such (a rotated one, under --state) is joined to the named logs only.
  const namedOnly = named === null ? null : resolver([named]);
  return { clientFor: (file) => byFile.get(file) ?? (among.includes(file) || options.proxyLogs.includes(file) ? null : namedOnly), unreadable };
}

/** The programmatic entry: runs one command over its inputs and returns the exit code. */
export async function run(options: RunOptions, io: RunIo): Promise<number> {
  // Every rule (--rules files first) compiled and checked before the first byte is read.
  const rules = loadRules(options.rules, false, chooseStacks(BUILTIN_STACKS, options.stacks), options.readers);
  // Held from before the state is read until after it is written: two runs on one state (a cron
  // job that overran its interval) would read the same lines and write them twice.
  const lock = options.state === null ? null : await lockState(options.state, options.waitLock, io.stop);
  if (lock === null) return runCommand(options, io, rules);
  io.atExit?.(() => lock.release());
  try {
    return await runCommand(options, io, rules);
  } finally {
    lock.release();
  }
}

async function runCommand(options: RunOptions, io: RunIo, { catalogue, stacks }: Rules): Promise<number> {
  const paths = new WsPaths(options.wsPaths);
  const writers = accessWriters(stacks);
  const { classify, probe } = createMatcher(catalogue, paths);
  const progress = { lines: 0, untimed: 0 };
  const state = options.state === null ? null : finishPending(readState(options.state));
  const planned = await plan(options, io, progress, state?.totals);
  const { epilogue, ticker } = planned;
  // Events are counted by cause and group only for --fail-on.
  const counting = options.failOn.length > 0 ? new CountingSink(planned.sink) : null;
  const sink = counting ?? planned.sink;
  const files = options.files.length > 0 ? options.files : [STDIN_NAME];
  // Only lines the splitter takes in quiet runs use a scan done ahead (see runPipeline).
  const quietRuns = sink.acceptQuiet !== undefined && options.since === null && options.until === null;
  const scanAhead = quietRuns ? { mode: options.scanThread, automaton: catalogue.scanner.automaton, maxLine: options.maxLine } : null;
  const sources = options.follow
    ? files.map((f) => followSource(f, options.fromStart))
    : state !== null
      ? files.flatMap((f) => planReads(f, state.files[f]).map((p) => resumedSource(p.path, { firstLine: p.firstLine, skip: p.skip, holdLastLine: !p.rotated }, scanAhead)))
      : files.map((f) => fileSource(f, () => io.stdin, scanAhead));
  const proxies = await proxyIndex(options, stacks, files, io);
  const appending = state !== null && options.output !== null && (options.command === 'filter' || options.command === 'classify');
  const appendFile = appending ? await AppendFile.open(options.output!, state.appended?.path === options.output ? state.appended.length : undefined) : null;
  const file = options.output === null || appending ? null : await openOutput(options.output, io);
  const output = appendFile !== null || file !== null ? new Output(appendFile?.stream ?? file!.stream, options.output!) : new Output(io.stdout);
  const ticking = ticker && setInterval(() => output.write(ticker.tick()), ticker.everyMs);
  const result = await runPipeline(
    sources,
    {
      classify,
      quiet: { keyLines: fastKeyLines(catalogue.scanner), ruleProbe: probe },
      mayOpenEvent: createCandidateTest(catalogue),
      newGrouper: (file) => new Grouper(file, options.flushMs, proxies.clientFor(file), new AccessLabel(writers, hintedWriter(writers, file, options.stacks))),
      sink,
      today: wallClock(),
      ...((options.since !== null || options.until !== null) && {
        window: { since: options.since, until: options.until, timeOf: (text: string) => lineTimeMs(text, options.zone, wallClock()) },
      }),
    },
    { maxLine: options.maxLine, flushMs: options.flushMs, concurrent: options.follow, recycle: true },
    { output, stderr: io.stderr, now: io.now, progress, ...(io.stop && { stop: io.stop }) },
  );
  clearInterval(ticking);
  await output.settle();
  const after = epilogue();
  if (after !== null) io.stderr.write(after);
  if (output.failure !== null) {
    file?.discard();
    io.stderr.write(errorLine(output.failure.message));
    return output.failure.exitCode;
  }
  // Output cut short (the reader went away): nothing is remembered as read, so nothing is lost.
  if (!output.closed) {
    if (appendFile !== null) {
      const length = appendFile.finish();
      writeState(options.state!, { ...nextState(state!, files, result.inputs), ...(length !== null && { appended: { path: appendFile.path, length } }) });
    } else if (state !== null) commitWithState(options.state!, state, { ...nextState(state, files, result.inputs), ...(planned.totals && { totals: planned.totals() }) }, file);
    else file?.commit();
  }
  const crossed = crossedAlerts(options.failOn, counting?.counts ?? new Map<string, number>(), progress.lines);
  for (const alert of crossed) io.stderr.write(errorLine(`alert: ${alert}`));
  // An input that could not be read wins over an alert: the counts may be short.
  if (result.unreadable > 0 || proxies.unreadable) return EXIT.input;
  return crossed.length > 0 ? EXIT.alert : EXIT.ok;
}
