// Drawn in TypeScript for the page as written and again by the page's script when zoomed or
// filtered: as slots.ts, these functions use only their arguments, each other and the
// language's globals (see client-script.ts).
import type { Slot, SlotPlan } from './slots.js';

export interface Column {
  readonly cause: string;
  readonly group: string;
}

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/** A wall-clock time (ms as if UTC) as `20 Nov 2026`, `20 Nov 10:00` or `10:00`. */
export function wallLabel(t: number, unit: number, withDate: boolean): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const d = new Date(t);
  const two = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getUTCDate()} ${months[d.getUTCMonth()]}`;
  if (unit >= 86_400_000) return `${date} ${d.getUTCFullYear()}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  return withDate ? `${date} ${d.getUTCFullYear()} ${time}` : time;
}

/** A span as `5 min`, `3 h`, `12 d`, `4 mo`. */
export function spanLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  const days = Math.round(minutes / 1440);
  return days < 60 ? `${days} d` : `${Math.round(days / 30.4)} mo`;
}

/** A bucket size as `minute`, `15 minutes`, `hour`, `day`, `week`. */
export function unitName(unit: number): string {
  const names: Record<number, string> = { 60000: 'minute', 3600000: 'hour', 86400000: 'day', 604800000: 'week', 2419200000: '4 weeks' };
  return names[unit] ?? (unit < 3_600_000 ? `${unit / 60_000} minutes` : `${unit / 3_600_000} hours`);
}

/** Text safe in SVG and HTML. */
export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What a bucket holds, for its tooltip: its span, its total, each cause. */
export function slotTitle(slot: Slot, unit: number, columns: readonly Column[], shown: readonly boolean[]): string {
  const span = `${wallLabel(slot.start, unit, true)} – ${wallLabel(slot.end, unit, unit < 86_400_000 && slot.end - slot.start >= 86_400_000)}`;
  if (slot.kind === 'fold') return `${span}: ${spanLabel(slot.end - slot.start)} without failures (folded)`;
  const counts = slot.counts ?? [];
  const lines = columns.flatMap((c, i) => ((counts[i] ?? 0) > 0 && shown[i] ? [`${c.cause} (${c.group}): ${counts[i]}`] : [])).reverse();
  const total = counts.reduce((a, n, i) => a + (shown[i] ? n : 0), 0);
  return [`${span}: ${total}`, ...lines].join('\n');
}

/**
 * Stacked bars, one per slot, by cause in column order from the bottom (the columns put errors
 * last: on top). A cause other than noise is at least a few pixels high however small its share.
 */
export function chartSvg(plan: SlotPlan, columns: readonly Column[], shown: readonly boolean[], size: ChartSize, label: string): string {
  const { width, height } = size;
  const left = 44;
  const right = 8;
  const top = 12;
  const bottom = 34;
  const plotH = height - top - bottom;
  const base = height - bottom;
  const slots = plan.slots;
  const totals = slots.map((s) => (s.counts ?? []).reduce((a, n, i) => a + (shown[i] ? n : 0), 0));
  const max = Math.max(1, ...totals);
  const step = (width - left - right) / Math.max(1, slots.length);
  const bar = Math.max(1, Math.min(step * 0.84, step - 1, 48));
  const inset = (step - bar) / 2;
  const least: Record<string, number> = { error: 3, policy: 2, misconfig: 2, noise: 1 };
  const parts: string[] = [];
  const hits: string[] = [];
  slots.forEach((slot, i) => {
    const x = left + i * step;
    if (slot.kind === 'fold') {
      const mid = x + step / 2;
      parts.push(`<path class="fold" d="M${(mid - 2).toFixed(1)} ${top} V${base} M${(mid + 2).toFixed(1)} ${top} V${base}"/>`);
    }
    let y = base;
    columns.forEach((c, k) => {
      const n = slot.counts?.[k] ?? 0;
      if (n === 0 || !shown[k]) return;
      const h = Math.max((n / max) * plotH, least[c.group] ?? 1);
      y -= h;
      parts.push(`<rect class="g-${c.group}" data-cause="${escapeText(c.cause)}" data-n="${n}" x="${(x + inset).toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}"/>`);
    });
    hits.push(`<rect class="hit" data-slot="${i}" x="${x.toFixed(1)}" y="${top}" width="${step.toFixed(1)}" height="${plotH + bottom}"><title>${escapeText(slotTitle(slot, plan.unit, columns, shown))}</title></rect>`);
  });
  // Labels where they fit, left to right: a bucket's time (with its date when the day changed),
  // a quiet span's length on the line below.
  const free = [0, 0];
  let lastDay = '';
  const labels = slots.map((slot, i) => {
    const mid = left + i * step + step / 2;
    const line = slot.kind === 'fold' ? 1 : 0;
    if (slot.kind === 'empty') return '';
    const day = wallLabel(slot.start, 86_400_000, false);
    const text = slot.kind === 'fold' ? spanLabel(slot.end - slot.start) : wallLabel(slot.start, plan.unit, day !== lastDay);
    const half = text.length * 3.2;
    const x = Math.min(Math.max(mid, half + 2), width - half - 2);
    if (x - half < free[line]!) return '';
    free[line] = x + half + 8;
    if (slot.kind !== 'fold') lastDay = day;
    return `<text${line === 1 ? ' class="fold-label"' : ''} x="${x.toFixed(1)}" y="${base + 14 + 14 * line}" text-anchor="middle">${escapeText(text)}</text>`;
  });
  const grid = [0, 0.5, 1].map((f) => {
    const y = (base - f * plotH).toFixed(1);
    return `<line class="grid" x1="${left}" x2="${width - right}" y1="${y}" y2="${y}"/><text x="${left - 6}" y="${y}" dy="4" text-anchor="end">${Math.round(f * max)}</text>`;
  });
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" data-left="${left}" data-step="${step}" data-slots="${slots.length}" role="img" aria-label="${escapeText(label)}">${grid.join('')}${parts.join('')}${labels.join('')}<g class="hits">${hits.join('')}</g><rect class="brush" x="0" y="${top}" width="0" height="${plotH}"/></svg>`;
}

/** What the chart shows: its bucket size, the span, what was folded. */
export function chartCaption(plan: SlotPlan, zone: string): string {
  const slots = plan.slots;
  if (slots.length === 0) return 'No failure in this span.';
  const first = slots[0]!;
  const last = slots[slots.length - 1]!;
  const folds = slots.filter((s) => s.kind === 'fold').length;
  const span = `${wallLabel(first.start, plan.unit, true)} – ${wallLabel(last.end, plan.unit, true)}`;
  const folded = folds === 0 ? '' : ` · ${folds} quiet span${folds === 1 ? '' : 's'} folded (dashed)`;
  return `Failures per ${unitName(plan.unit)}, ${span} (${zone})${folded}`;
}
