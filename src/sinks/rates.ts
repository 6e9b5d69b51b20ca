/** Width of one bucket of the rate history. */
const BUCKET_MS = 10_000;
/** Buckets kept: ten minutes. */
const BUCKETS = 60;
const PER_MINUTE = 60_000 / BUCKET_MS;
/** Keys whose history is kept at most, so memory stays bounded. */
export const MAX_RATE_KEYS = 2_000;

interface History {
  /** Counts per bucket, indexed by bucket number modulo BUCKETS. */
  readonly counts: Uint32Array;
  /** The bucket number each slot holds, to tell a stale slot from a fresh one. */
  readonly slots: Float64Array;
}

/** Events per key over the last ten minutes, by arrival time: rates per minute and sparklines. */
export class Rates {
  private readonly histories = new Map<string, History>();

  add(key: string, now: number): void {
    let h = this.histories.get(key);
    if (h === undefined) {
      if (this.histories.size >= MAX_RATE_KEYS) return;
      h = { counts: new Uint32Array(BUCKETS), slots: new Float64Array(BUCKETS).fill(-1) };
      this.histories.set(key, h);
    }
    const bucket = Math.floor(now / BUCKET_MS);
    const slot = bucket % BUCKETS;
    if (h.slots[slot] !== bucket) {
      h.slots[slot] = bucket;
      h.counts[slot] = 0;
    }
    h.counts[slot]!++;
  }

  /** Counts per minute for the last `minutes` minutes, oldest first (the last one is the current minute). */
  perMinute(key: string, now: number, minutes = BUCKETS / PER_MINUTE): number[] {
    const h = this.histories.get(key);
    const perBucket = PER_MINUTE;
    const last = Math.floor(now / BUCKET_MS);
    const out: number[] = [];
    for (let m = minutes - 1; m >= 0; m--) {
      let n = 0;
      for (let b = 0; b < perBucket; b++) {
        const bucket = last - m * perBucket - b;
        const slot = ((bucket % BUCKETS) + BUCKETS) % BUCKETS;
        if (h !== undefined && h.slots[slot] === bucket) n += h.counts[slot]!;
      }
      out.push(n);
    }
    return out;
  }
}

const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of counts: one bar per count, scaled to the largest; a space for none. */
export function sparkline(counts: readonly number[]): string {
  const max = Math.max(...counts, 0);
  return counts.map((n) => (n === 0 ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor((n / max) * (BARS.length - 1) + 0.5))])).join('');
}
