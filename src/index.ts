import type { Readable, Writable } from 'node:stream';
import type { RunOptions } from './options.js';
import { fileSource, resumedSource, STDIN_NAME } from './input/read-input.js';
import { plan } from './plan.js';
import { commitWithState, finishPending, nextState, readState, writeState, type State } from './input/state.js';
import { planReads } from './input/plan-reads.js';
import { EventCounts, EventTap } from './sinks/event-tap.js';
import { StrippingProxyWatch } from './sinks/stripping-proxy.js';
import { crossedAlerts } from './alerts.js';
import { lineTimeMs } from './records/record-time.js';
import { followSource } from './input/follow.js';
import { fastKeyLines } from './classify/key-lines.js';
import { runPipeline, type Progress } from './pipeline.js';
import { createCandidateTest, createMatcher } from './classify/classify.js';
import { WsPaths } from './classify/ws-paths.js';
import { routeCatalogue } from './classify/route-catalogue.js';
import { learnRoutes } from './input/learn-routes.js';
import { Grouper } from './events/group-events.js';
import { AccessLabel, accessWriters, hintedWriter } from './events/access-label.js';
import { loadRules, type Rules } from './rule-tools/user-catalogue.js';
import { BUILTIN_STACKS } from './rules/index.js';
import { chooseStacks } from './rules/choose-stacks.js';
import { proxyClients } from './input/proxy-clients.js';
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

/** The routes an earlier run kept in --state. */
function learnKeptRoutes(kept: State['routes'], paths: WsPaths): void {
  for (const route of kept?.learned ?? []) paths.learn(route, kept!.upgraded.includes(route));
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
  const progress: Progress = { lines: 0, untimed: 0, read: 0, unread: 0 };
  const state = options.state === null ? null : finishPending(readState(options.state));
  learnKeptRoutes(state?.routes, paths);
  // Whether a proxy strips the upgrade is told after a filter's or a summary's run.
  const stripping = options.command === 'filter' || options.command === 'summary' ? new StrippingProxyWatch() : null;
  const planned = await plan(options, io, progress, state?.totals, stripping?.observe);
  const { epilogue, ticker } = planned;
  // Events are counted by cause and group only for --fail-on.
  const counting = options.failOn.length > 0 ? new EventCounts() : null;
  const sink = counting !== null ? new EventTap(planned.sink, [counting.observe]) : planned.sink;
  const files = options.files.length > 0 ? options.files : [STDIN_NAME];
  // Only lines the splitter takes in quiet runs use a scan done ahead (see runPipeline).
  const quietRuns = sink.acceptQuiet !== undefined && options.since === null && options.until === null;
  const scanAhead = quietRuns ? { mode: options.scanThread, automaton: catalogue.scanner.automaton, maxLine: options.maxLine } : null;
  const sources = options.follow
    ? files.map((f) => followSource(f, options.fromStart))
    : state !== null
      ? files.flatMap((f) => planReads(f, state.files[f]).map((p) => resumedSource(p.path, { firstLine: p.firstLine, skip: p.skip, holdLastLine: !p.rotated }, scanAhead)))
      : files.map((f) => fileSource(f, () => io.stdin, scanAhead));
  // Files are read for their WebSocket routes first, so that order in a file does not matter;
  // a live input learns as it goes, and from the routes earlier runs kept (--state).
  const routes = options.follow ? null : routeCatalogue(stacks, options.readers);
  if (routes !== null) {
    const reads = state !== null ? files.flatMap((f) => planReads(f, state.files[f]).map((p) => ({ path: p.path, skip: p.skip }))) : files.filter((f) => f !== STDIN_NAME).map((path) => ({ path, skip: 0 }));
    for (const { path, skip } of reads) await learnRoutes(path, skip, routes, paths);
  }
  const proxies = await proxyClients(options, stacks, files, io, wallClock());
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
  const unjoined = proxies.notice();
  if (unjoined !== null) io.stderr.write(unjoined);
  const after = epilogue();
  if (after !== null) io.stderr.write(after);
  const strip = stripping?.notice((route) => paths.succeeded(route));
  if (strip) io.stderr.write(strip);
  if (output.failure !== null) {
    file?.discard();
    io.stderr.write(errorLine(output.failure.message));
    return output.failure.exitCode;
  }
  // Output cut short (the reader went away): nothing is remembered as read, so nothing is lost.
  if (!output.closed) {
    const routes = { learned: paths.routes, upgraded: paths.upgradedRoutes };
    if (appendFile !== null) {
      const length = appendFile.finish();
      writeState(options.state!, { ...nextState(state!, files, result.inputs), routes, ...(length !== null && { appended: { path: appendFile.path, length } }) });
    } else if (state !== null) commitWithState(options.state!, state, { ...nextState(state, files, result.inputs), routes, ...(planned.totals && { totals: planned.totals() }) }, file);
    else file?.commit();
  }
  const crossed = crossedAlerts(options.failOn, counting?.counts ?? new Map<string, number>(), progress.lines);
  for (const alert of crossed) io.stderr.write(errorLine(`alert: ${alert}`));
  // An input that could not be read wins over an alert: the counts may be short.
  if (result.unreadable > 0 || proxies.unreadable) return EXIT.input;
  return crossed.length > 0 ? EXIT.alert : EXIT.ok;
}
