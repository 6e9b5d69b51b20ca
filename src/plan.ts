import type { RunIo } from './index.js';
import type { RunOptions } from './options.js';
import type { Sink } from './sinks/sink.js';
import type { Progress } from './pipeline.js';
import type { HandshakeEvent } from './events/event.js';
import { isRegularFile, STDIN_NAME } from './input/read-input.js';
import { FilterWriter } from './sinks/filter-writer.js';
import { RecordLister } from './sinks/record-lister.js';
import { EventPrinter } from './sinks/event-printer.js';
import { SummaryAggregator } from './sinks/summary.js';
import { SummarySink } from './sinks/summary-sink.js';
import { ReportDetail } from './sinks/report-detail.js';
import { MisconfigNotice } from './sinks/misconfig-notice.js';
import { Rates } from './sinks/rates.js';
import { safeJson } from './render/escape.js';

/** What a command does with the events: its sink, what it says at the end, what it redraws. */
export interface Plan {
  readonly sink: Sink;
  /** Written on stderr after the last input (`filter --stats`). */
  readonly epilogue: () => string | null;
  /** The Prometheus counts to carry to the next run (--state), this run's included. */
  readonly totals?: () => Record<string, number>;
  /** Something to write now and then while the input is read (a live table, a JSON line). */
  readonly ticker?: { readonly everyMs: number; readonly tick: () => string };
}

/** Whether the inputs can go on for ever (a pipe, a terminal, followed files). */
function liveInputs(options: RunOptions): boolean {
  if (options.follow) return true;
  return options.files.every((f) => f === STDIN_NAME) && !isRegularFile(0);
}

/**
 * The sink of the command and what it writes besides. `watch` sees every event of `filter` and
 * `summary` (whether a proxy strips the upgrade is told after their runs).
 */
export async function plan(
  options: RunOptions,
  io: RunIo,
  progress: Progress,
  priorTotals?: Readonly<Record<string, number>>,
  watch: (event: HandshakeEvent) => void = () => {},
): Promise<Plan> {
  const { summary, filter, zone, color } = options;
  const aggregator = new SummaryAggregator(zone);
  // Only the HTML report shows series per minute and per source.
  const detail = options.command === 'summary' && summary.format === 'html' ? new ReportDetail(zone) : null;
  const needsTable = options.command === 'summary' || filter.stats;
  const { renderSummary, summaryJson, prometheusSeries } = needsTable
    ? await import('./render/summary-render.js')
    : { renderSummary: null, summaryJson: null, prometheusSeries: null };
  const width = io.stdoutIsTerminal ? io.terminalSize?.()?.columns : undefined;
  // Not one input could be read (each said why on stderr): there is nothing to summarise, and no
  // "No handshake failures found." as if there were.
  const nothingRead = (): boolean => progress.read === 0 && progress.unread > 0;
  const render = (format = summary.format): string =>
    nothingRead() ? '' : renderSummary!(aggregator.snapshot(), format, {
      unread: progress.unread,
      by: summary.by,
      top: summary.top,
      color,
      lines: progress.lines,
      zone,
      ...(detail !== null && { detail: detail.snapshot() }),
      ...(priorTotals !== undefined && { priorTotals }),
      ...((options.since !== null || options.until !== null) && { untimed: progress.untimed }),
      ...(width !== undefined && { width }),
    });
  switch (options.command) {
    case 'records':
      return { sink: new RecordLister(), epilogue: () => null };
    case 'classify':
      return { sink: new EventPrinter(zone), epilogue: () => null };
    case 'blocklist': {
      const { renderBlocklist, whyNoneListed } = await import('./render/blocklist.js');
      return {
        sink: new SummarySink(aggregator, () => (nothingRead() ? '' : renderBlocklist(aggregator.snapshot(), options.blocklist))),
        epilogue: () => (nothingRead() ? null : whyNoneListed(aggregator.snapshot(), options.blocklist)),
      };
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
        const observe = (event: HandshakeEvent): void => {
          watch(event);
          const now = io.now();
          rates.add(`cause ${event.cause}`, now);
          if (event.ip !== null) rates.add(`ip ${event.ip}`, now);
        };
        return { sink: new SummarySink(aggregator, () => redraw(true), observe), epilogue: () => null, ticker: { everyMs: 1000, tick: () => redraw() } };
      }
      if (summary.interval > 0) {
        const line = (): string => `${safeJson(summaryJson!(aggregator.snapshot(), summary.top))}\n`;
        return { sink: new SummarySink(aggregator, line, watch), epilogue: () => null, ticker: { everyMs: summary.interval * 1000, tick: line } };
      }
      const totals = summary.format === 'prometheus' ? (): Record<string, number> => prometheusSeries!(aggregator.snapshot(), progress.lines, priorTotals) : undefined;
      const observe = detail === null ? watch : (event: HandshakeEvent): void => {
        watch(event);
        detail.add(event);
      };
      return { sink: new SummarySink(aggregator, () => render(), observe), epilogue: () => null, ...(totals && { totals }) };
    }
    case 'filter': {
      const notice = io.stdoutIsTerminal ? new MisconfigNotice() : null;
      const onEvent = (event: HandshakeEvent, removed: boolean): void => {
        watch(event);
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
