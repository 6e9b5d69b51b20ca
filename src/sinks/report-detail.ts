import type { HandshakeEvent } from '../events/event.js';
import { CAUSE_IDS } from '../classify/causes.js';
import { logTimeMs, zoneOffset } from '../classify/time.js';
import type { SourceKey } from './source-key.js';
import { keptKey, sourceKey } from './source-key.js';
import { bucketStart } from '../render/html/slots.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Minutes with failures kept (the newest read): two weeks of them. */
const MAX_MINUTES = 14 * 1440;
/** Hours with failures kept (the newest read): a year of them. */
const MAX_HOURS = 366 * 24;
/** A source's buckets: past this many, its series is summed into the next size. */
const MAX_SOURCE_BUCKETS = 240;
const SOURCE_UNITS = [HOUR, DAY, 7 * DAY, 28 * DAY];
/** Sources followed: the table grows to twice this, then keeps the heaviest this many. */
const MAX_SOURCES = 5_000;

const CAUSE_INDEX = new Map(CAUSE_IDS.map((c, i) => [c, i]));

/** Counts by cause (indexed as CAUSE_IDS) per bucket of one size, starts in wall-clock ms. */
class Buckets {
  readonly counts = new Map<number, number[]>();
  /** The earliest start still held whole (buckets read first were let go to bound memory). */
  from: number | null = null;

  constructor(
    public unit: number,
    private readonly most: number,
  ) {}

  /** Starts in the order they were made, from `head` on (only when the number is bounded). */
  private order: number[] = [];
  private head = 0;

  add(wall: number, cause: number, n = 1): void {
    const key = bucketStart(wall, this.unit);
    let row = this.counts.get(key);
    if (row === undefined) {
      if (this.counts.size >= this.most) this.dropOldest();
      this.counts.set(key, (row = []));
      if (this.most !== Infinity) this.order.push(key);
    }
    while (row.length <= cause) row.push(0);
    row[cause]! += n;
  }

  /** The bucket read first goes: logs are read mostly oldest first. */
  private dropOldest(): void {
    // Not the Map's first key: after many deletes, finding it walks over their holes.
    const key = this.order[this.head++];
    if (this.head > 4096 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    if (key === undefined) return;
    this.counts.delete(key);
    this.from = Math.max(this.from ?? -Infinity, key + this.unit);
  }

  /** Sums every bucket into buckets of `unit`. */
  coarsen(unit: number): void {
    const old = [...this.counts];
    this.counts.clear();
    this.unit = unit;
    for (const [start, row] of old) row.forEach((n, cause) => n > 0 && this.add(start, cause, n));
  }
}

interface SourceTrack {
  count: number;
  firstMs: number;
  lastMs: number;
  readonly stacks: Set<string>;
  readonly series: Buckets;
}

interface OnceSeen {
  readonly ms: number | null;
  readonly wall: number | null;
  readonly cause: number;
  readonly stack: string;
}

function newTrack(): SourceTrack {
  return { count: 0, firstMs: Infinity, lastMs: -Infinity, stacks: new Set(), series: new Buckets(HOUR, Infinity) };
}

/** One more failure of the source: its time (instant and wall clock), cause and stack. */
function note(track: SourceTrack, ms: number | null, wall: number | null, cause: number, stack: string): void {
  track.count++;
  if (!track.stacks.has(stack)) track.stacks.add(stack);
  if (ms === null || wall === null) return;
  track.firstMs = Math.min(track.firstMs, ms);
  track.lastMs = Math.max(track.lastMs, ms);
  track.series.add(wall, cause);
  const next = SOURCE_UNITS[SOURCE_UNITS.indexOf(track.series.unit) + 1];
  if (track.series.counts.size > MAX_SOURCE_BUCKETS && next !== undefined) track.series.coarsen(next);
}

/** A level of the chart or of a source's series: counts per bucket by cause. */
export interface DetailSeries {
  readonly unit: number;
  readonly from: number | null;
  readonly buckets: readonly { readonly start: number; readonly causes: Readonly<Record<string, number>> }[];
}

export interface SourceDetail {
  /** Failures followed here: fewer than the summary's count when the source was let go once. */
  readonly count: number;
  readonly firstMs: number | null;
  readonly lastMs: number | null;
  readonly stacks: readonly string[];
  readonly series: DetailSeries;
}

export interface DetailSnapshot {
  readonly zone: string;
  readonly levels: readonly DetailSeries[];
  /** Failures without a time (not in the chart), by cause. */
  readonly untimed: Readonly<Record<string, number>>;
  readonly source: (ip: string) => SourceDetail | null;
}

function series(b: Buckets): DetailSeries {
  const buckets = [...b.counts]
    .filter(([start]) => b.from === null || start >= b.from)
    .sort((x, y) => x[0] - y[0])
    .map(([start, row]) => ({ start, causes: Object.fromEntries(row.flatMap((n, i) => (n > 0 ? [[CAUSE_IDS[i]!, n]] : []))) }));
  return { unit: b.unit, from: b.from, buckets };
}

/**
 * What the HTML report shows beyond the summary: failures per minute, hour and day in the
 * report's zone, and per source its times, stacks and series. `add(event)`, `snapshot()`;
 * memory is bounded.
 */
export class ReportDetail {
  private readonly levels = [new Buckets(MINUTE, MAX_MINUTES), new Buckets(HOUR, MAX_HOURS), new Buckets(DAY, Infinity)];
  private readonly untimed: number[] = [];
  private readonly sources = new Map<SourceKey, SourceTrack>();
  private readonly once = new Map<SourceKey, OnceSeen>();

  constructor(private readonly zone: string) {}

  add(event: HandshakeEvent): void {
    const cause = CAUSE_INDEX.get(event.cause)!;
    const ms = logTimeMs(event.time, this.zone);
    const wall = ms === null ? null : ms + zoneOffset(this.zone, ms) * MINUTE;
    if (wall === null) this.untimed[cause] = (this.untimed[cause] ?? 0) + 1;
    else for (const level of this.levels) level.add(wall, cause);
    if (event.ip === null) return;
    const key = sourceKey(event.ip);
    let track = this.sources.get(key);
    if (track === undefined) {
      // Seen once: only what that failure says, so that a million one-off sources make little garbage.
      const first = this.once.get(key);
      if (first === undefined) {
        if (this.once.size >= 2 * MAX_SOURCES) this.once.clear();
        this.once.set(keptKey(key), { ms, wall, cause, stack: event.stack });
        return;
      }
      this.once.delete(key);
      if (this.sources.size >= 2 * MAX_SOURCES) this.prune();
      track = newTrack();
      this.sources.set(keptKey(key), track);
      note(track, first.ms, first.wall, first.cause, first.stack);
    }
    note(track, ms, wall, cause, event.stack);
  }

  /** Keeps the heaviest MAX_SOURCES sources (ties at the last count go too). */
  private prune(): void {
    const counts = [...this.sources.values()].map((t) => t.count).sort((a, b) => b - a);
    const threshold = counts[MAX_SOURCES - 1]!;
    for (const [key, t] of this.sources) if (t.count <= threshold) this.sources.delete(key);
  }

  snapshot(): DetailSnapshot {
    const untimed = Object.fromEntries(this.untimed.flatMap((n, i) => (n > 0 ? [[CAUSE_IDS[i]!, n]] : [])));
    const source = (ip: string): SourceDetail | null => {
      const key = sourceKey(ip);
      let t = this.sources.get(key);
      const once = this.once.get(key);
      if (t === undefined && once !== undefined) note((t = newTrack()), once.ms, once.wall, once.cause, once.stack);
      if (t === undefined) return null;
      const timed = t.firstMs !== Infinity;
      return { count: t.count, firstMs: timed ? t.firstMs : null, lastMs: timed ? t.lastMs : null, stacks: [...t.stacks].sort(), series: series(t.series) };
    };
    return { zone: this.zone, levels: this.levels.map(series), untimed, source };
  }
}
