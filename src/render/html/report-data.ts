import type { SummarySnapshot } from '../../sinks/summary.js';
import type { DetailSeries, DetailSnapshot } from '../../sinks/report-detail.js';
import { CAUSE_IDS, GROUPS } from '../../classify/causes.js';
import { zoneOffset } from '../../classify/time.js';
import { summaryJson } from '../summary-render.js';
import type { Column } from './chart-svg.js';
import type { Level } from './slots.js';

export interface SourceData {
  readonly ip: string;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly stacks: readonly string[];
  /** Failures the series holds, when fewer than the source's count (it was let go once). */
  readonly partial: number | null;
  readonly series: Level;
}

/** What the page's script reads: the summary as `--format json` writes it, and the chart's data. */
export interface ReportData {
  readonly summary: Record<string, unknown>;
  readonly zone: string;
  /** The causes found, in the order they are stacked: by group (errors last), then as CAUSE_IDS. */
  readonly columns: readonly Column[];
  readonly levels: readonly Level[];
  readonly untimed: Readonly<Record<string, number>>;
  readonly sources: readonly SourceData[];
}

function two(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** An instant's wall-clock time in `zone` (a Date read with its UTC getters), and the offset. */
function wall(ms: number, zone: string): { d: Date; offset: number } {
  const offset = zoneOffset(zone, ms);
  return { d: new Date(ms + offset * 60_000), offset };
}

/** An instant as ISO 8601 in `zone`, to the millisecond: `2026-11-20T10:00:00.000+01:00`. */
export function isoAt(ms: number, zone: string): string {
  const { d, offset } = wall(ms, zone);
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${shortTime(ms, zone).replace(' ', 'T')}.${two(d.getUTCMilliseconds(), 3)}${sign}${two(Math.floor(a / 60))}:${two(a % 60)}`;
}

/** An instant as people read it in the report's zone: `2026-11-20 10:00:00`. */
export function shortTime(ms: number, zone: string): string {
  const { d } = wall(ms, zone);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** The zone's name for people: the machine's own resolved. */
export function zoneName(zone: string): string {
  return zone === '' ? (Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'local time') : zone;
}

function level(series: DetailSeries, columns: readonly Column[]): Level {
  return { unit: series.unit, from: series.from, points: series.buckets.map((b) => [b.start, ...columns.map((c) => b.causes[c.cause] ?? 0)]) };
}

export function reportData(s: SummarySnapshot, detail: DetailSnapshot, top: number, untimedRecords?: number): ReportData {
  const rank = (cause: string, group: string): number => GROUPS.indexOf(group as never) * 100 + CAUSE_IDS.indexOf(cause as never);
  const columns = s.causes.map((r) => ({ cause: r.cause, group: r.group })).sort((a, b) => rank(a.cause, a.group) - rank(b.cause, b.group));
  const sources = s.ips.slice(0, top).map((row): SourceData => {
    const d = detail.source(row.key);
    const empty: Level = { unit: 3_600_000, from: null, points: [] };
    return {
      ip: row.key,
      firstSeen: d?.firstMs == null ? null : isoAt(d.firstMs, detail.zone),
      lastSeen: d?.lastMs == null ? null : isoAt(d.lastMs, detail.zone),
      stacks: d?.stacks ?? [],
      partial: d === null ? 0 : d.count < row.count ? d.count : null,
      series: d === null ? empty : level(d.series, columns),
    };
  });
  return {
    summary: summaryJson(s, top, untimedRecords === undefined ? {} : { untimed: untimedRecords }),
    zone: zoneName(detail.zone),
    columns,
    levels: detail.levels.map((l) => level(l, columns)),
    untimed: detail.untimed,
    sources,
  };
}
