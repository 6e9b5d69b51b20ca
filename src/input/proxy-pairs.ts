import { basename, dirname } from 'node:path';
import { closeSync, readSync, fstatSync } from 'node:fs';
import { fileHead, openRegular } from './file-head.js';
import { lineTimeMs } from '../records/record-time.js';
import { JOIN_WINDOW_MS, type ProxyLine, type ProxyRequest } from '../events/proxy-join.js';

/** When an input's lines were written (ms); null where it cannot be told (no time read, gzip's end). */
export interface TimeSpan {
  readonly first: number | null;
  readonly last: number | null;
}

/**
 * The one proxy's log an input file belongs to: its directory and name without a date
 * (`2026-12-01`, `2026_12_01`, `20261201`), a rotation number or `.gz`. `access.log`,
 * `access.log.1` and `access.log.2.gz` are one proxy's; `upgrade-access.log` and
 * `noupgrade-access.log` are two.
 */
export function proxySetOf(path: string): string {
  const name = basename(path)
    .replace(/\.gz$/, '')
    .replace(/\.\d{1,4}$/, '')
    .replace(/\d{4}[-_]?\d\d[-_]?\d\d/g, 'DATE');
  return `${dirname(path)}/${name}`;
}

const TAIL_BYTES = 64 * 1024;

/** The last lines of a plain file from its last 64 KiB, as latin1; none for gzip or when it cannot be read. */
function fileTail(path: string): string[] {
  const fd = openRegular(path);
  if (fd === null) return [];
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, TAIL_BYTES));
    const n = readSync(fd, tail, 0, tail.length, size - tail.length);
    const magic = Buffer.alloc(2);
    readSync(fd, magic, 0, 2, 0);
    if (magic[0] === 0x1f && magic[1] === 0x8b) return [];
    return tail.subarray(0, n).toString('latin1').split('\n');
  } catch {
    // unreadable: it will say so when read
    return [];
  } finally {
    closeSync(fd);
  }
}

/** An input's time span, from the times at the start of its first and last lines (read before the run, not per line). */
export function fileTimeSpan(path: string, zone: string, now: number): TimeSpan {
  const timeOf = (line: string): number | null => lineTimeMs(line, zone, now);
  const first = firstNonNull(fileHead(path, 200), timeOf);
  const last = firstNonNull(fileTail(path).reverse(), timeOf);
  return { first, last };
}

function firstNonNull(lines: readonly string[], read: (line: string) => number | null): number | null {
  for (const line of lines) {
    const t = read(line);
    if (t !== null) return t;
  }
  return null;
}

/** Whether two spans may share a moment (within the join's window); an end not known is open. */
export function spansOverlap(a: TimeSpan, b: TimeSpan): boolean {
  const before = (x: number | null, y: number | null): boolean => x === null || y === null || x <= y + JOIN_WINDOW_MS;
  return before(a.first, b.last) && before(b.first, a.last);
}

/**
 * The proxy log set an application input is joined to: the one set whose span overlaps its own.
 * None when no set overlaps, or when several do (the input may belong to any of them: it is
 * not guessed).
 */
export function pairedSet<S extends { readonly span: TimeSpan }>(input: TimeSpan, sets: readonly S[]): { set: S | null; overlapping: readonly S[] } {
  const overlapping = sets.filter((s) => spansOverlap(input, s.span));
  return { set: overlapping.length === 1 ? overlapping[0]! : null, overlapping };
}

/**
 * A proxy's failure lines by time, to tell which of several proxies' logs has the nearest line
 * that may be a failure's request (the same status, the same path when both have one, within the
 * join's window), without taking it.
 */
export class ProxyMoments {
  private readonly lines: ProxyLine[] = [];
  private ordered = true;

  add(line: ProxyLine): void {
    const last = this.lines.at(-1);
    if (last !== undefined && line.ms < last.ms) this.ordered = false;
    this.lines.push(line);
  }

  /** How far (ms) the nearest line that may be the request's is from it; null when none is. */
  distance(request: ProxyRequest): number | null {
    if (!this.ordered) this.lines.sort((a, b) => a.ms - b.ms);
    this.ordered = true;
    // A line's stamp spans a second at most.
    const from = request.ms - JOIN_WINDOW_MS - 1000;
    let [lo, hi] = [0, this.lines.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lines[mid]!.ms < from) lo = mid + 1;
      else hi = mid;
    }
    let best: number | null = null;
    for (let i = lo; i < this.lines.length && this.lines[i]!.ms <= request.ms + JOIN_WINDOW_MS; i++) {
      const line = this.lines[i]!;
      if (request.status !== null && line.status !== request.status) continue;
      if (request.path !== null && line.path !== null && line.path !== request.path) continue;
      const d = request.ms < line.ms ? line.ms - request.ms : Math.max(0, request.ms - (line.ms + line.stampMs - 1));
      if (d <= JOIN_WINDOW_MS && (best === null || d < best)) best = d;
    }
    return best;
  }
}

/** How long (ms) two spans share; null when an end is not known. */
export function sharedMs(a: TimeSpan, b: TimeSpan): number | null {
  if (a.first === null || a.last === null || b.first === null || b.last === null) return null;
  return Math.max(0, Math.min(a.last, b.last) - Math.max(a.first, b.first));
}
