import type { HandshakeEvent } from '../events/event.js';
import type { Cause, Group } from '../classify/causes.js';
import { CAUSE_IDS, GROUPS, groupOf } from '../classify/causes.js';
import { logTimeMs, parseLogTime } from '../classify/time.js';
import type { SourceKey } from './source-key.js';
import { keptKey, sourceKey, sourceText } from './source-key.js';
import { collectGarbage } from '../collect-garbage.js';
import { compareText } from '../text-order.js';

/**
 * Addresses kept apart after a prune, so memory stays bounded whatever the number of sources:
 * the table grows to twice this, then keeps the heaviest this many. A source dropped and seen
 * again may be short by at most the largest count dropped (said in the output). Distinct
 * counts per cause are exact up to this many, lower bounds past it.
 */
export const MAX_TRACKED_IPS = 20_000;
/** Hours kept for the chart: a year. */
const MAX_HOURS = 24 * 366;


interface Seen {
  first: string | null;
  firstMs: number;
  last: string | null;
  lastMs: number;
}

interface CauseTally extends Seen {
  count: number;
  ips: Set<SourceKey>;
  ipsCapped: boolean;
}

interface KeyTally {
  count: number;
  /** How much the count may be short: the largest count pruned before this entry was made. */
  short: number;
  /**
   * Counts by cause, indexed as CAUSE_IDS, grown as causes appear: a small array in the heap,
   * not a map (too much to trace) nor a typed array (a malloc per source, millions of them).
   */
  readonly causes: number[];
}

const CAUSE_INDEX = new Map(CAUSE_IDS.map((c, i) => [c, i]));

export interface CauseRow {
  readonly cause: Cause;
  readonly group: Group;
  readonly count: number;
  readonly share: number;
  readonly distinctIps: number;
  /** True when distinctIps is a lower bound (the address table was full). */
  readonly distinctIpsAtLeast: boolean;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

export interface KeyRow {
  readonly key: string;
  readonly count: number;
  /** The count may be short (by at most SummarySnapshot.maxShort): the table was pruned. */
  readonly atLeast?: boolean;
  readonly share: number;
  readonly causes: Readonly<Record<string, number>>;
}

export interface SummarySnapshot {
  readonly total: number;
  readonly byGroup: Readonly<Record<string, number>>;
  readonly causes: readonly CauseRow[];
  readonly ips: readonly KeyRow[];
  readonly stacks: readonly KeyRow[];
  /** Failures of sources dropped from the table (the lightest, when it was full). */
  readonly otherIpCount: number;
  /** How much a count marked atLeast may be short, at most (0: every count is exact). */
  readonly maxShort: number;
  /** Failures per hour by cause, oldest first (hours with a time only; at most a year of them). */
  readonly hourly: readonly { readonly hour: number; readonly causes: Readonly<Record<string, number>> }[];
  readonly noIpCount: number;
}

/**
 * Keeps the earliest and latest raw times, read as ISO 8601 only for the snapshot. They are not
 * detached from their chunk: two per cause pin at most a few chunks, and the latest changes with
 * nearly every event.
 */
function note(seen: Seen, time: string | null, ms: number | null): void {
  if (ms === null) return;
  if (seen.first === null || ms < seen.firstMs) {
    seen.first = time;
    seen.firstMs = ms;
  }
  if (seen.last === null || ms > seen.lastMs) {
    seen.last = time;
    seen.lastMs = ms;
  }
}

function tally<K extends SourceKey>(map: Map<K, KeyTally>, key: K, cause: number, short = 0): void {
  let t = map.get(key);
  if (t === undefined) map.set(keptKey(key) as K, (t = { count: 0, short, causes: [] }));
  count(t, cause);
}

/** Counts one more of the cause numbered `cause` (its index in CAUSE_IDS). */
function count(t: KeyTally, cause: number): void {
  t.count++;
  while (t.causes.length <= cause) t.causes.push(0);
  t.causes[cause]!++;
}

/**
 * A row of the table of sources or stacks. Its causes are read out of the tally when first asked
 * for: only the rows shown are, and the table may have 40,000.
 */
class TallyRow implements KeyRow {
  readonly count: number;
  readonly share: number;
  // Set only when true, as the rows' readers expect.
  declare readonly atLeast?: boolean;
  #causes: Record<string, number> | null = null;

  constructor(
    readonly key: string,
    private readonly tally: KeyTally,
    total: number,
  ) {
    this.count = tally.count;
    this.share = total === 0 ? 0 : tally.count / total;
    if (tally.short > 0) this.atLeast = true;
  }

  get causes(): Readonly<Record<string, number>> {
    return (this.#causes ??= causeCounts(this.tally));
  }
}

/** A tally's causes as { cause: count }, largest first. */
function causeCounts(t: KeyTally): Record<string, number> {
  const pairs: [string, number][] = [];
  t.causes.forEach((n, i) => {
    if (n > 0) pairs.push([CAUSE_IDS[i]!, n]);
  });
  return Object.fromEntries(pairs.sort((a, b) => b[1] - a[1]));
}

/** Counts events by cause, address and stack: `add(event)`, `snapshot()`. Memory is bounded. */
export class SummaryAggregator {
  private total = 0;
  /** By cause, indexed as CAUSE_IDS. */
  private readonly causes: (CauseTally | undefined)[] = [];
  private readonly ips = new Map<SourceKey, KeyTally>();
  private readonly stacks = new Map<string, KeyTally>();
  private readonly once = new Map<SourceKey, number>();
  /** Counts by cause, indexed as CAUSE_IDS, per hour since the epoch. */
  private readonly hours = new Map<number, number[]>();
  private otherIps = 0;
  private maxShort = 0;
  private noIp = 0;

  constructor(private readonly zone: string) {}

  add(event: HandshakeEvent): void {
    this.total++;
    const cause = CAUSE_INDEX.get(event.cause)!;
    let c = this.causes[cause];
    if (c === undefined) {
      c = { count: 0, ips: new Set(), ipsCapped: false, first: null, firstMs: 0, last: null, lastMs: 0 };
      while (this.causes.length < cause) this.causes.push(undefined);
      this.causes[cause] = c;
    }
    c.count++;
    const ms = logTimeMs(event.time, this.zone);
    note(c, event.time, ms);
    if (ms !== null) this.countHour(cause, ms);
    tally(this.stacks, event.stack, cause);
    const ip = event.ip;
    if (ip === null) {
      this.noIp++;
      return;
    }
    // A source already counted with this cause is in the cause's set (or the set was full then).
    const key = sourceKey(ip);
    if (!this.countSource(key, cause) && !c.ips.has(key)) {
      if (c.ips.size < MAX_TRACKED_IPS) c.ips.add(keptKey(key));
      else c.ipsCapped = true;
    }
  }

  /**
   * The source's tally: probation at its first sighting, its own tally from the second. Whether
   * it had been counted with this cause before.
   */
  private countSource(ip: SourceKey, cause: number): boolean {
    const known = this.ips.get(ip);
    if (known !== undefined) {
      const before = (known.causes[cause] ?? 0) > 0;
      count(known, cause);
      return before;
    }
    // Seen once: only a probation entry (the address and its cause), no tally, so that
    // millions of one-off sources make little garbage. Seen again: a tally of its own.
    const first = this.once.get(ip);
    if (first === undefined) {
      if (this.once.size >= 2 * MAX_TRACKED_IPS) this.forgetOnce();
      this.once.set(keptKey(ip), cause);
      return false;
    }
    this.once.delete(ip);
    tally(this.ips, ip, first, this.maxShort);
    tally(this.ips, ip, cause, this.maxShort);
    if (this.ips.size > 2 * MAX_TRACKED_IPS) this.prune();
    return first === cause;
  }

  /** Counts the event in the hour it was written (events without a time are not in the chart). */
  private countHour(cause: number, ms: number): void {
    const hour = Math.floor(ms / 3_600_000);
    let counts = this.hours.get(hour);
    if (counts === undefined) {
      if (this.hours.size >= MAX_HOURS) this.hours.delete(Math.min(...this.hours.keys()));
      this.hours.set(hour, (counts = []));
    }
    while (counts.length <= cause) counts.push(0);
    counts[cause]!++;
  }

  /** Sources seen once and not again for a while: summed as other sources, a count of 1 each. */
  private forgetOnce(): void {
    this.otherIps += this.once.size;
    this.maxShort = Math.max(this.maxShort, 1);
    this.once.clear();
    collectGarbage();
  }

  /**
   * Keeps at most the heaviest MAX_TRACKED_IPS sources: those above the count of the one at that
   * rank (ties at it go too); the rest are summed as other sources.
   */
  private prune(): void {
    const counts = new Float64Array(this.ips.size);
    let i = 0;
    for (const t of this.ips.values()) counts[i++] = t.count;
    counts.sort();
    const threshold = counts[counts.length - MAX_TRACKED_IPS]!;
    for (const [ip, t] of this.ips) {
      if (t.count > threshold) continue;
      this.otherIps += t.count;
      this.maxShort = Math.max(this.maxShort, t.count);
      this.ips.delete(ip);
    }
    collectGarbage();
  }

  snapshot(): SummarySnapshot {
    // Sources seen once are sources too: they are listed after the others, count 1.
    for (const [ip, cause] of this.once) tally(this.ips, ip, cause, this.maxShort);
    this.once.clear();
    const total = this.total;
    const share = (n: number): number => (total === 0 ? 0 : n / total);
    const keyRows = (map: Map<SourceKey, KeyTally>): KeyRow[] =>
      [...map].map(([key, t]) => new TallyRow(sourceText(key), t, total)).sort((a, b) => b.count - a.count || compareText(a.key, b.key));
    const byGroup: Record<string, number> = {};
    const causes = this.causes
      .flatMap((t, i) => (t === undefined ? [] : [[CAUSE_IDS[i]!, t] as const]))
      .map(([cause, t]): CauseRow => {
        byGroup[groupOf(cause)] = (byGroup[groupOf(cause)] ?? 0) + t.count;
        return {
          cause,
          group: groupOf(cause),
          count: t.count,
          share: share(t.count),
          distinctIps: t.ips.size,
          distinctIpsAtLeast: t.ipsCapped,
          firstSeen: parseLogTime(t.first, this.zone),
          lastSeen: parseLogTime(t.last, this.zone),
        };
      })
      .sort((a, b) => b.count - a.count || compareText(a.cause, b.cause));
    const groups = Object.fromEntries(GROUPS.filter((g) => byGroup[g] !== undefined).map((g) => [g, byGroup[g]!]));
    const hourly = [...this.hours]
      .sort((a, b) => a[0] - b[0])
      .map(([hour, counts]) => ({ hour: hour * 3_600_000, causes: Object.fromEntries(counts.flatMap((n, i) => (n > 0 ? [[CAUSE_IDS[i]!, n]] : []))) }));
    return { total, byGroup: groups, causes, ips: keyRows(this.ips), stacks: keyRows(this.stacks), otherIpCount: this.otherIps, maxShort: this.maxShort, noIpCount: this.noIp, hourly };
  }
}
