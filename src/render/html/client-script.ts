import { bucketStart, bucketsOf, chartUnits, foldSlots, levelFor, planSlots, spanOf } from './slots.js';
import { chartCaption, chartSvg, escapeText, slotTitle, spanLabel, unitName, wallLabel } from './chart-svg.js';

/** The overview chart's size in SVG units, and how many slots it may have. */
export const CHART = { width: 960, height: 280, most: 120 } as const;
export const DRILL_CHART = { width: 960, height: 150, most: 90 } as const;

/** The functions the page shares with this program: the chart is drawn by the same code. */
const SHARED: Record<string, (...args: never[]) => unknown> = { bucketStart, chartUnits, levelFor, bucketsOf, foldSlots, planSlots, spanOf, wallLabel, spanLabel, unitName, escapeText, slotTitle, chartSvg, chartCaption };

// The page's own part: zoom (a drag across the chart, a click on a bar, the busiest buckets),
// the legend's filter, sorting, the search box, the drill-down of a source.
const GLUE = String.raw`
const $ = (q, el = document) => el.querySelector(q);
const $$ = (q, el = document) => [...el.querySelectorAll(q)];
const data = JSON.parse($('#wsnoise-data').textContent);
const cols = data.columns;
const shown = cols.map(() => true);
const full = spanOf(data.levels);
let range = full;
let plan = null;
const fmt = (n) => n.toLocaleString('en-US');

function draw() {
  if (full === null) return;
  plan = planSlots(data.levels, cols.length, range[0], range[1], CHART.most);
  $('#chart').innerHTML = chartSvg(plan, cols, shown, CHART, 'Failures by cause over time');
  $('#chart-caption').textContent = chartCaption(plan, data.zone);
  $('#reset').hidden = range === full;
  const total = (s) => (s.counts || []).reduce((a, n, i) => a + (shown[i] ? n : 0), 0);
  const top = plan.slots.map((s, i) => [total(s), i]).filter((x) => x[0] > 0).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, 3);
  $('#busiest').innerHTML = top.length < 2 ? '' : '<span class="note">busiest:</span> ' + top.map(([n, i]) =>
    '<button type="button" class="tool" data-zoom="' + i + '">' + escapeText(wallLabel(plan.slots[i].start, plan.unit, true)) + ': ' + fmt(n) + '</button>').join('');
}

function zoom(a, b) {
  const s = plan.slots;
  const lo = Math.max(0, Math.min(a, b));
  const hi = Math.min(s.length - 1, Math.max(a, b));
  if (s.length === 0) return;
  // At least an hour, around what was picked: a minute alone says little.
  const pad = Math.max(0, Math.ceil((3600000 - (s[hi].end - s[lo].start)) / 120000) * 60000);
  range = [s[lo].start - pad, s[hi].end + pad];
  draw();
}

function slotAt(svg, x) {
  const box = svg.getBoundingClientRect();
  const v = ((x - box.left) / box.width) * CHART.width;
  const i = Math.floor((v - Number(svg.dataset.left)) / Number(svg.dataset.step));
  return Math.max(0, Math.min(Number(svg.dataset.slots) - 1, i));
}

if (full !== null) {
let dragFrom = null;
$('#chart').addEventListener('pointerdown', (e) => {
  const svg = e.target.closest('svg');
  if (!svg) return;
  dragFrom = slotAt(svg, e.clientX);
  try { svg.setPointerCapture(e.pointerId); } catch { /* a pointer that is not there (a synthetic event) */ }
});
$('#chart').addEventListener('pointermove', (e) => {
  const svg = $('#chart svg');
  if (dragFrom === null || !svg) return;
  const to = slotAt(svg, e.clientX);
  const step = Number(svg.dataset.step);
  const brush = $('.brush', svg);
  brush.setAttribute('x', String(Number(svg.dataset.left) + Math.min(dragFrom, to) * step));
  brush.setAttribute('width', String((Math.abs(to - dragFrom) + 1) * step));
});
$('#chart').addEventListener('pointerup', (e) => {
  const svg = $('#chart svg');
  if (dragFrom === null || !svg) return;
  const from = dragFrom;
  dragFrom = null;
  const to = slotAt(svg, e.clientX);
  if (from !== to || plan.slots[from].kind === 'bar') zoom(from, to);
});
$('#reset').addEventListener('click', () => { range = full; draw(); });
$('#busiest').addEventListener('click', (e) => {
  const b = e.target.closest('[data-zoom]');
  if (b) zoom(Number(b.dataset.zoom), Number(b.dataset.zoom));
});

$('.legend').addEventListener('click', (e) => {
  const key = e.target.closest('.key');
  if (!key) return;
  const idx = key.dataset.group
    ? cols.flatMap((c, i) => (c.group === key.dataset.group ? [i] : []))
    : [cols.findIndex((c) => c.cause === key.dataset.cause)];
  const on = !idx.every((i) => shown[i]);
  idx.forEach((i) => { shown[i] = on; });
  $$('.legend .key').forEach((k) => {
    const own = k.dataset.group ? cols.flatMap((c, i) => (c.group === k.dataset.group ? [i] : [])) : [cols.findIndex((c) => c.cause === k.dataset.cause)];
    k.setAttribute('aria-pressed', String(own.some((i) => shown[i])));
  });
  draw();
});

}

$$('table.data').forEach((table) => {
  table.tHead.addEventListener('click', (e) => {
    const th = e.target.closest('th');
    if (!th) return;
    const col = Number(th.dataset.col);
    const numeric = th.classList.contains('num');
    const was = th.getAttribute('aria-sort');
    const dir = was === 'descending' ? 1 : was === 'ascending' ? -1 : numeric ? -1 : 1;
    $$('th', table.tHead).forEach((h) => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    const key = (tr) => { const td = tr.cells[col]; const v = td.dataset.v !== undefined ? td.dataset.v : td.textContent; return numeric ? Number(v) : v; };
    const rows = $$(':scope > tr:not(.drill)', table.tBodies[0]);
    rows.sort((a, b) => { const x = key(a); const y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * dir; });
    rows.forEach((tr) => { const drill = tr.nextElementSibling && tr.nextElementSibling.classList.contains('drill') ? tr.nextElementSibling : null; table.tBodies[0].append(tr); if (drill) table.tBodies[0].append(drill); });
  });
});

const search = $('#search');
function filter() {
  const q = search.value.trim().toLowerCase();
  $$('table.data tbody > tr:not(.drill)').forEach((tr) => {
    tr.hidden = q !== '' && !tr.textContent.toLowerCase().includes(q);
    const next = tr.nextElementSibling;
    if (next && next.classList.contains('drill')) next.hidden = tr.hidden;
  });
  $('#clear').hidden = q === '';
}
search.addEventListener('input', filter);
$('#clear').addEventListener('click', () => { search.value = ''; filter(); });
document.addEventListener('click', (e) => {
  const chip = e.target.closest('.chip[data-filter]');
  if (!chip) return;
  search.value = chip.dataset.filter;
  filter();
});

function drill(i) {
  const src = data.sources[i];
  const row = data.summary.topIps[i];
  const level = [src.series];
  const span = spanOf(level);
  const p = span === null ? null : planSlots(level, cols.length, span[0], span[1], DRILL_CHART.most);
  const group = (c) => (cols.find((x) => x.cause === c) || { group: 'noise' }).group;
  const causes = Object.entries(row.causes).map(([c, n]) => '<span class="cc"><button type="button" class="chip g-' + group(c) + '" data-filter="' + escapeText(c) + '">' + escapeText(c) + '</button> <span class="n" data-cause="' + escapeText(c) + '">' + fmt(n) + '</span></span>').join(' ');
  const dd = (label, html) => '<dt>' + label + '</dt><dd>' + html + '</dd>';
  const partial = src.partial === null ? '' : '<p class="note">The series holds ' + fmt(src.partial) + ' of its failures: the source was too light to follow for a while.</p>';
  return '<dl>' + dd('source', '<span class="ip">' + escapeText(src.ip) + '</span>') + dd('failures', '<span data-n="' + row.count + '">' + fmt(row.count) + '</span>') + dd('causes', causes) +
    dd('first seen', escapeText(src.firstSeen || '-')) + dd('last seen', escapeText(src.lastSeen || '-')) + dd('stack', escapeText(src.stacks.join(', ') || '-')) + '</dl>' + partial +
    (p === null ? '<p class="note">No failure of this source had a time.</p>' : '<p class="caption">' + escapeText(chartCaption(p, data.zone)) + '</p>' + chartSvg(p, cols, cols.map(() => true), DRILL_CHART, 'Failures of ' + src.ip + ' over time'));
}
document.addEventListener('click', (e) => {
  const b = e.target.closest('button.ip[data-source]');
  if (!b) return;
  const tr = b.closest('tr');
  const open = tr.nextElementSibling && tr.nextElementSibling.classList.contains('drill') ? tr.nextElementSibling : null;
  if (open) { open.remove(); b.setAttribute('aria-expanded', 'false'); return; }
  const d = document.createElement('tr');
  d.className = 'drill';
  d.innerHTML = '<td colspan="' + tr.cells.length + '">' + drill(Number(b.dataset.source)) + '</td>';
  tr.after(d);
  b.setAttribute('aria-expanded', 'true');
});
draw();
`;

/** The page's script: the shared functions' own text, then the page's part. */
export function clientScript(): string {
  const constants = `const CHART = ${JSON.stringify(CHART)};\nconst DRILL_CHART = ${JSON.stringify(DRILL_CHART)};`;
  // A bundler may have renamed a function (its text then has the new name): the page's part
  // calls it by the name it has here.
  const shared = Object.entries(SHARED).map(([name, f]) => (f.name === name ? f.toString() : `${f.toString()}\nconst ${name} = ${f.name};`));
  return `"use strict";(() => {\n${shared.join('\n')}\n${constants}\n${GLUE}})();`;
}
