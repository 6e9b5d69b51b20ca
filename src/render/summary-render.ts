import type { SummarySnapshot, KeyRow } from '../sinks/summary.js';
import type { SummaryBy } from '../options.js';
import { renderTable } from './table.js';
import { hints } from './hints.js';
import { renderHtml } from './html-report.js';
import { safeJson } from './escape.js';
import type { DetailSnapshot } from '../sinks/report-detail.js';
import { ReportDetail } from '../sinks/report-detail.js';

import type { SummaryFormat } from '../options.js';
import { compareText } from '../text-order.js';

export interface RenderOptions {
  readonly by: SummaryBy;
  readonly top: number;
  readonly color: boolean;
  /** The terminal's width, when the table goes to a terminal. */
  readonly width?: number;
  /** Lines read, for the formats that report it. */
  readonly lines?: number;
  /** With --since/--until: records that had no time (read whatever the window). */
  readonly untimed?: number;
  /** The zone the HTML report's hours are shown in. */
  readonly zone?: string;
  /** What the HTML report shows beyond the summary (its series, its sources' times). */
  readonly detail?: DetailSnapshot;
  /** Prometheus counts of earlier runs (--state), added to this run's. */
  readonly priorTotals?: Readonly<Record<string, number>>;
  /** Inputs that could not be read (said on stderr as each was tried): the counts are of the others. */
  readonly unread?: number;
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function causesText(causes: Readonly<Record<string, number>>): string {
  return Object.entries(causes)
    .map(([cause, n]) => `${cause} ${n}`)
    .join(', ');
}

/** The JSON shape (documented in the README): every section, whatever `by` says. */
export function summaryJson(s: SummarySnapshot, top: number, o: { untimed?: number } = {}): Record<string, unknown> {
  const keyed = (rows: readonly KeyRow[], name: string): Record<string, unknown>[] =>
    rows.map((r) => ({ [name]: r.key, count: r.count, share: r.share, causes: r.causes }));
  return {
    total: s.total,
    groups: s.byGroup,
    causes: s.causes,
    topIps: keyed(s.ips.slice(0, top), 'ip'),
    stacks: keyed(s.stacks, 'stack'),
    otherIps: s.otherIpCount,
    maxShort: s.maxShort,
    noIp: s.noIpCount,
    ...(o.untimed !== undefined && { untimedRecords: o.untimed }),
  };
}

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: (string | number | null)[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

function summaryCsv(s: SummarySnapshot, o: RenderOptions): string {
  if (o.by === 'cause') {
    return csv([
      ['cause', 'group', 'count', 'share', 'distinct_ips', 'first_seen', 'last_seen'],
      ...s.causes.map((r) => [r.cause, r.group, r.count, r.share.toFixed(4), r.distinctIps, r.firstSeen, r.lastSeen]),
    ]);
  }
  const rows = o.by === 'ip' ? s.ips.slice(0, o.top) : s.stacks;
  return csv([[o.by, 'count', 'share', 'causes'], ...rows.map((r) => [r.key, r.count, r.share.toFixed(4), causesText(r.causes)])]);
}

/** The first line; with inputs that could not be read, it says the counts are of the others. */
export function headline(s: SummarySnapshot, unread = 0): string {
  const short = `${unread} input${unread === 1 ? '' : 's'} could not be read`;
  if (s.total === 0) return unread === 0 ? 'No handshake failures found.' : `No handshake failures found in the inputs read (${short}).`;
  const groups = Object.entries(s.byGroup)
    .map(([g, n]) => `${g} ${n}`)
    .join(', ');
  return `Handshake failures: ${s.total} (${groups})${unread === 0 ? '' : `; ${short}`}`;
}

function summaryTable(s: SummarySnapshot, o: RenderOptions): string {
  const parts = [headline(s, o.unread)];
  if (s.total === 0) return `${parts[0]}\n`;
  const fitting = (optional: number[]) => ({ color: o.color, optional, ...(o.width !== undefined && { width: o.width }) });
  const keyTable = (rows: readonly KeyRow[], name: string): string =>
    renderTable([name, 'count', 'share', 'causes'], rows.map((r) => [r.key, `${r.atLeast ? '≥' : ''}${r.count}`, percent(r.share), causesText(r.causes)]), fitting([2]));
  if (o.by === 'cause') {
    parts.push(
      renderTable(
        ['cause', 'group', 'count', 'share', 'IPs', 'first seen', 'last seen'],
        s.causes.map((r) => [
          r.cause,
          r.group,
          String(r.count),
          percent(r.share),
          `${r.distinctIpsAtLeast ? '≥' : ''}${r.distinctIps}`,
          r.firstSeen ?? '-',
          r.lastSeen ?? '-',
        ]),
        fitting([5, 6, 4, 3]),
      ),
    );
  }
  if (o.by === 'stack') parts.push(keyTable(s.stacks, 'stack'));
  const ips = s.ips.slice(0, o.top);
  if (ips.length > 0) parts.push(`Top ${ips.length} source IP${ips.length === 1 ? '' : 's'}:\n${keyTable(ips, 'ip')}`);
  const notes: string[] = [];
  if (s.noIpCount > 0) notes.push(`${s.noIpCount} failure${s.noIpCount === 1 ? '' : 's'} without a client address in the log`);
  if (s.otherIpCount > 0) {
    notes.push(`${s.otherIpCount} from sources too light to keep apart among ${s.ips.length} kept; a count marked ≥ may be short by up to ${s.maxShort}`);
  }
  if (o.untimed) notes.push(`${o.untimed} record${o.untimed === 1 ? '' : 's'} without a time, read whatever the window`);
  if (notes.length > 0) parts.push(`(${notes.join('; ')})`);
  parts.push(['What it likely means:', ...hints(s).map((h) => `  ${h}`)].join('\n'));
  return parts.join('\n\n') + '\n';
}

function markdownTable(head: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number): string => String(v).replace(/\|/g, '\\|');
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function summaryMarkdown(s: SummarySnapshot, o: RenderOptions): string {
  if (s.total === 0) return `${headline(s, o.unread)}\n`;
  const parts = [`**${headline(s, o.unread)}**`];
  parts.push(
    markdownTable(
      ['cause', 'group', 'count', 'share', 'IPs', 'first seen', 'last seen'],
      s.causes.map((r) => [r.cause, r.group, r.count, percent(r.share), r.distinctIps, r.firstSeen ?? '-', r.lastSeen ?? '-']),
    ),
  );
  const ips = s.ips.slice(0, o.top);
  if (ips.length > 0) parts.push(`Top source IPs:\n\n${markdownTable(['ip', 'count', 'share', 'causes'], ips.map((r) => [r.key, r.count, percent(r.share), causesText(r.causes)]))}`);
  parts.push(hints(s).map((h) => `- ${h}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

/** The node_exporter textfile-collector format: counters labelled by cause, group and stack. */
const LINES = 'wsnoise_lines_read_total';

/**
 * The Prometheus series of a summary, by name and labels, plus what earlier runs counted (with
 * --state, the state carries them, so the counters only ever grow).
 */
export function prometheusSeries(s: SummarySnapshot, lines: number, prior: Readonly<Record<string, number>> = {}): Record<string, number> {
  const series: Record<string, number> = { ...prior };
  for (const stack of s.stacks) {
    for (const [cause, n] of Object.entries(stack.causes)) {
      const group = s.causes.find((c) => c.cause === cause)?.group ?? 'noise';
      const key = `wsnoise_handshake_failures_total{cause="${cause}",group="${group}",stack="${stack.key}"}`;
      series[key] = (series[key] ?? 0) + n;
    }
  }
  series[LINES] = (series[LINES] ?? 0) + lines;
  return series;
}

function summaryPrometheus(s: SummarySnapshot, o: RenderOptions): string {
  const series = prometheusSeries(s, o.lines ?? 0, o.priorTotals);
  const out = [
    '# HELP wsnoise_handshake_failures_total WebSocket handshake failures found in the logs read, by cause, group and server stack.',
    '# TYPE wsnoise_handshake_failures_total counter',
    ...Object.entries(series)
      .filter(([key]) => key !== LINES)
      .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
      .map(([key, n]) => `${key} ${n}`),
    '# HELP wsnoise_lines_read_total Log lines read.',
    '# TYPE wsnoise_lines_read_total counter',
    `${LINES} ${series[LINES]}`,
  ];
  return `${out.join('\n')}\n`;
}

export function renderSummary(s: SummarySnapshot, format: SummaryFormat, o: RenderOptions): string {
  switch (format) {
    case 'markdown':
      return summaryMarkdown(s, o);
    case 'html':
      return renderHtml(s, o.detail ?? new ReportDetail(o.zone ?? 'UTC').snapshot(), o.top, o.untimed);
    case 'prometheus':
      return summaryPrometheus(s, o);
    case 'json':
      return `${safeJson(summaryJson(s, o.top, o))}\n`;
    case 'csv':
      return summaryCsv(s, o);
    case 'table':
      return summaryTable(s, o);
  }
}
