// These functions also run in the report's page: its script is their source text (see
// client-script.ts). So each uses only its arguments, the others in this file and the language's
// globals: no imports, no module constants.

/** Counts per bucket at one resolution: [start, n0, n1, …] by column, starts in local wall-clock ms. */
export interface Level {
  readonly unit: number;
  /** The earliest start this level still holds all of (older buckets were let go); null: all. */
  readonly from: number | null;
  readonly points: readonly (readonly number[])[];
}

/** A bucket of the chart: with failures, empty, or a folded run of empty buckets. */
export interface Slot {
  readonly kind: 'bar' | 'empty' | 'fold';
  readonly start: number;
  readonly end: number;
  readonly counts: readonly number[] | null;
}

export interface SlotPlan {
  readonly unit: number;
  readonly slots: readonly Slot[];
}

/** Where a bucket of `unit` starts: whole minutes to days from the epoch, weeks from a Monday. */
export function bucketStart(t: number, unit: number): number {
  const day = 86_400_000;
  // 1970-01-05 was a Monday.
  const shift = unit >= 7 * day ? 4 * day : 0;
  return Math.floor((t - shift) / unit) * unit + shift;
}

/** The bucket sizes the chart tries, finest first. */
export function chartUnits(): number[] {
  const m = 60_000;
  return [m, 5 * m, 15 * m, 60 * m, 3 * 60 * m, 6 * 60 * m, 24 * 60 * m, 7 * 24 * 60 * m, 28 * 24 * 60 * m];
}

/** The finest level that can be summed into buckets of `unit` over [from, to), or null. */
export function levelFor(levels: readonly Level[], unit: number, from: number): Level | null {
  let best: Level | null = null;
  for (const level of levels) {
    if (level.unit > unit || unit % level.unit !== 0) continue;
    if (level.from !== null && from < level.from) continue;
    if (best === null || level.unit > best.unit) best = level;
  }
  return best;
}

/** The level's points in [from, to) summed into buckets of `unit`, oldest first. */
export function bucketsOf(level: Level, unit: number, from: number, to: number, width: number): [number, number[]][] {
  const sums = new Map<number, number[]>();
  for (const p of level.points) {
    const t = p[0]!;
    if (t < from || t >= to) continue;
    const key = bucketStart(t, unit);
    let row = sums.get(key);
    if (row === undefined) sums.set(key, (row = new Array<number>(width).fill(0)));
    for (let i = 0; i < width; i++) row[i]! += p[i + 1] ?? 0;
  }
  return [...sums].sort((a, b) => a[0] - b[0]);
}

/**
 * Buckets as slots: runs of empty buckets stay as empty slots while they fit, the longest are
 * folded into one slot each until at most `most` slots remain; null when that is not enough.
 */
export function foldSlots(buckets: readonly [number, number[]][], unit: number, most: number): Slot[] | null {
  if (buckets.length > most) return null;
  const gaps: number[] = [];
  for (let i = 1; i < buckets.length; i++) gaps.push((buckets[i]![0] - buckets[i - 1]![0]) / unit - 1);
  let total = buckets.length + gaps.reduce((a, b) => a + b, 0);
  const folded = new Set<number>();
  const order = gaps.map((_, i) => i).sort((a, b) => gaps[b]! - gaps[a]! || a - b);
  for (const i of order) {
    if (total <= most || gaps[i]! <= 2) break;
    folded.add(i);
    total -= gaps[i]! - 1;
  }
  if (total > most) return null;
  const slots: Slot[] = [];
  buckets.forEach(([start, counts], i) => {
    if (i > 0) {
      const gap = gaps[i - 1]!;
      const after = buckets[i - 1]![0] + unit;
      if (folded.has(i - 1)) slots.push({ kind: 'fold', start: after, end: start, counts: null });
      else for (let k = 0; k < gap; k++) slots.push({ kind: 'empty', start: after + k * unit, end: after + (k + 1) * unit, counts: null });
    }
    slots.push({ kind: 'bar', start, end: start + unit, counts });
  });
  return slots;
}

/**
 * The chart's buckets over [from, to): the finest size that the levels hold there and that fits
 * in `most` slots once the quiet spans are folded.
 */
export function planSlots(levels: readonly Level[], width: number, from: number, to: number, most: number): SlotPlan {
  let last: SlotPlan = { unit: 0, slots: [] };
  for (const unit of chartUnits()) {
    const level = levelFor(levels, unit, from);
    if (level === null) continue;
    const buckets = bucketsOf(level, unit, from, to, width);
    const slots = foldSlots(buckets, unit, most);
    if (slots !== null) return { unit, slots };
    last = { unit, slots: buckets.map(([start, counts]) => ({ kind: 'bar', start, end: start + unit, counts })) };
  }
  return last;
}

/** The span the levels hold: [first start, last end), or null when they hold nothing. */
export function spanOf(levels: readonly Level[]): [number, number] | null {
  let from = Infinity;
  let to = -Infinity;
  for (const level of levels) {
    for (const p of level.points) {
      from = Math.min(from, p[0]!);
      to = Math.max(to, p[0]! + level.unit);
    }
  }
  return from === Infinity ? null : [from, to];
}
