import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Level } from '../src/render/html/slots.js';
import { planSlots, spanOf } from '../src/render/html/slots.js';
import { chartSvg } from '../src/render/html/chart-svg.js';
import { clientScript } from '../src/render/html/client-script.js';
import { ReportDetail } from '../src/sinks/report-detail.js';
import type { HandshakeEvent } from '../src/events/event.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 20);

/** One count at each of the given minutes, as the minute, hour and day levels would hold them. */
function levels(minutes: readonly number[]): Level[] {
  return [MIN, HOUR, DAY].map((unit) => {
    const sums = new Map<number, number>();
    for (const m of minutes) {
      const t = Math.floor((T0 + m * MIN) / unit) * unit;
      sums.set(t, (sums.get(t) ?? 0) + 1);
    }
    return { unit, from: null, points: [...sums].sort((a, b) => a[0] - b[0]).map(([t, n]) => [t, n]) };
  });
}

function plan(minutes: readonly number[], most = 120): ReturnType<typeof planSlots> {
  const l = levels(minutes);
  const [from, to] = spanOf(l)!;
  return planSlots(l, 1, from, to, most);
}

const total = (p: ReturnType<typeof planSlots>): number => p.slots.reduce((a, s) => a + (s.counts?.[0] ?? 0), 0);

test('the bucket size follows the span: minutes for an hour, quarter hours for a day, busy days 18 months apart with the months between folded', () => {
  const hour = Array.from({ length: 60 }, (_, m) => m);
  assert.equal(plan(hour).unit, MIN);
  const day = Array.from({ length: 24 * 60 }, (_, m) => m);
  assert.equal(plan(day).unit, 15 * MIN);
  // Two busy days 18 months apart, a few stray failures between: the quiet months folded, the busy
  // hours by the quarter hour.
  const busy = (day: number): number[] => Array.from({ length: 10 * 60 }, (_, m) => day * 1440 + 8 * 60 + m);
  const sparse = [...busy(0), 200 * 1440, 300 * 1440 + 5, ...busy(540)];
  const p = plan(sparse);
  assert.equal(p.unit, 15 * MIN);
  assert.ok(p.slots.length <= 120);
  assert.equal(p.slots.filter((s) => s.kind === 'fold').length, 3);
  assert.equal(total(p), sparse.length, 'every failure is in a bar');
});

test('quiet buckets inside a busy span stay as gaps; only what does not fit is folded', () => {
  const p = plan([0, 1, 5, 6, 7]);
  assert.deepEqual(
    p.slots.map((s) => s.kind),
    ['bar', 'bar', 'empty', 'empty', 'empty', 'bar', 'bar', 'bar'],
  );
  const folded = plan([0, 1, 500, 501], 10);
  assert.deepEqual(
    folded.slots.map((s) => s.kind),
    ['bar', 'bar', 'fold', 'bar', 'bar'],
  );
});

test('a zoomed range is drawn finer: an hour of a long log by the minute', () => {
  const l = levels([0, 1, 2, 59, 3 * 1440, 400 * 1440]);
  const p = planSlots(l, 1, T0, T0 + HOUR, 120);
  assert.equal(p.unit, MIN);
  assert.equal(total(p), 4);
  // Minutes let go (from) cannot serve a range before them: hours do.
  const partial = l.map((x) => (x.unit === MIN ? { ...x, from: T0 + 30 * MIN } : x));
  assert.equal(planSlots(partial, 1, T0, T0 + HOUR, 120).unit, HOUR);
});

test('errors are drawn on top of the bar and stay visible under ten thousand noise failures', () => {
  const p = { unit: HOUR, slots: [{ kind: 'bar' as const, start: T0, end: T0 + HOUR, counts: [10_000, 1] }] };
  const svg = chartSvg(p, [{ cause: 'bad-request', group: 'noise' }, { cause: 'server-error', group: 'error' }], [true, true], { width: 600, height: 200 }, 'x');
  const rects = [...svg.matchAll(/<rect class="g-(\w+)"[^>]* y="([\d.]+)"[^>]* height="([\d.]+)"/g)].map((m) => ({ group: m[1], y: Number(m[2]), h: Number(m[3]) }));
  assert.deepEqual(
    rects.map((r) => r.group),
    ['noise', 'error'],
  );
  assert.ok(rects[1]!.y < rects[0]!.y, 'the error is above the noise');
  assert.ok(rects[1]!.h >= 3, `the error is ${rects[1]!.h} pixels high`);
  const hidden = chartSvg(p, [{ cause: 'bad-request', group: 'noise' }, { cause: 'server-error', group: 'error' }], [false, true], { width: 600, height: 200 }, 'x');
  assert.doesNotMatch(hidden, /g-noise/, 'a cause hidden in the legend is not drawn');
});

test("the page's script is the chart code's own text and compiles on its own", () => {
  const script = clientScript();
  assert.doesNotThrow(() => new Function(script));
  assert.match(script, /function planSlots\(/);
  assert.doesNotMatch(script, /\bimport\b|\brequire\(/);
});

function event(time: string, ip: string | null, cause: HandshakeEvent['cause'] = 'bad-request'): HandshakeEvent {
  return { file: 'x', cause, group: 'noise', status: 400, ip, port: null, ipSource: 'line', time, stack: 'nginx', rule: 'r', detail: null, path: null, source: null, records: [] };
}

test("the report's detail: minutes, hours and days in the report's zone, a source's times and series, failures without a time", () => {
  const d = new ReportDetail('Europe/Berlin');
  d.add(event('2026-11-20T10:00:05+00:00', '203.0.113.9'));
  d.add(event('2026-11-20T10:00:45+00:00', '203.0.113.9', 'forbidden'));
  d.add(event('2026-11-21T23:30:00+00:00', '203.0.113.9'));
  d.add(event('not a time', null));
  const s = d.snapshot();
  const [minutes, hours, days] = s.levels;
  assert.equal(minutes!.buckets[0]!.start, Date.UTC(2026, 10, 20, 11, 0), 'wall-clock time in Berlin');
  assert.deepEqual(minutes!.buckets[0]!.causes, { 'bad-request': 1, forbidden: 1 });
  assert.equal(hours!.buckets.length, 2);
  assert.deepEqual(
    days!.buckets.map((b) => b.start),
    [Date.UTC(2026, 10, 20), Date.UTC(2026, 10, 22)],
    "23:30 UTC is the next day in Berlin",
  );
  assert.deepEqual(s.untimed, { 'bad-request': 1 });
  const src = s.source('203.0.113.9')!;
  assert.equal(src.count, 3);
  assert.equal(src.firstMs, Date.UTC(2026, 10, 20, 10, 0, 5));
  assert.equal(src.lastMs, Date.UTC(2026, 10, 21, 23, 30));
  assert.deepEqual(src.stacks, ['nginx']);
  assert.equal(s.source('198.51.100.1'), null);
});

test("a source's series is summed into days, then weeks, when it spans too many hours", () => {
  const d = new ReportDetail('UTC');
  for (let h = 0; h < 400; h++) d.add(event(new Date(T0 + h * HOUR).toISOString(), '203.0.113.9'));
  const series = d.snapshot().source('203.0.113.9')!.series;
  assert.equal(series.unit, DAY);
  assert.equal(
    series.buckets.reduce((a, b) => a + (b.causes['bad-request'] ?? 0), 0),
    400,
  );
});

test('a source seen once keeps its one failure; memory stays bounded with a million of them', () => {
  const d = new ReportDetail('UTC');
  d.add(event('2026-11-20T10:00:05+00:00', '198.51.100.1'));
  for (let i = 0; i < 30_000; i++) d.add(event('2026-11-20T11:00:00+00:00', `10.0.${i >> 8}.${i & 255}`));
  d.add(event('2026-11-20T12:00:00+00:00', '203.0.113.9'));
  const one = d.snapshot().source('203.0.113.9')!;
  assert.equal(one.count, 1);
  assert.equal(one.firstMs, Date.UTC(2026, 10, 20, 12));
  assert.equal(d.snapshot().source('198.51.100.1'), null, 'a one-off source is let go among many');
});
