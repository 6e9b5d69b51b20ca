/**
 * What a person sees and does on the HTML report, read in the page itself (Chromium runs it after
 * the report's own script): every number shown, then the chart's sums after a legend click, a
 * zoom to the busiest bucket and a drag, the tables sorted and searched, each source's drill-down.
 * The result goes into the page as base64 JSON in <pre id="check">, for --dump-dom.
 */
export interface PageCheck {
  cards: Record<string, { n: number; text: string }>;
  causes: { cause: string; group: string; count: string; share: string; ips: string; first: string | null; last: string | null }[];
  sources: { ip: string; count: string; share: string; causes: Record<string, number>; stacks: string }[];
  stacks: { stack: string; count: string; share: string; causes: Record<string, number> }[];
  legend: Record<string, number>;
  chart: Record<string, number>;
  untimed: Record<string, number>;
  caption: string;
  noNoise: Record<string, number>;
  busiest: string;
  zoomCaption: string;
  zoomChart: Record<string, number>;
  resetCaption: string;
  brushCaption: string;
  brushChart: Record<string, number>;
  sortedDown: number[];
  sortedUp: number[];
  searched: { causes: string[]; sources: string[] };
  chipFilter: string;
  drills: { ip: string; count: number; causes: Record<string, number>; chart: Record<string, number>; first: string; last: string; stack: string; partial: boolean }[];
  wrapped: number;
}

export const PAGE_CHECK = String.raw`<script>(() => {
const $ = (q, el = document) => el.querySelector(q);
const $$ = (q, el = document) => [...el.querySelectorAll(q)];
const out = {};
try {
const rows = (id) => $$('#' + id + ' tbody > tr:not(.drill)').filter((tr) => !tr.hidden);
const counts = (el) => Object.fromEntries($$('.n[data-cause]', el).map((n) => [n.dataset.cause, Number(n.textContent.replace(/,/g, ''))]));
const sums = (el = $('#chart')) => { const m = {}; $$('rect[data-cause]', el).forEach((r) => { m[r.dataset.cause] = (m[r.dataset.cause] || 0) + Number(r.dataset.n); }); return m; };
const caption = () => $('#chart-caption').textContent;
out.cards = Object.fromEntries($$('.card').map((c) => [$('.label', c).textContent, { n: Number($('.big', c).dataset.n), text: $('.big', c).textContent }]));
out.causes = rows('t-causes').map((tr) => ({ cause: tr.cells[0].textContent, group: tr.cells[1].textContent, count: tr.cells[2].textContent, share: tr.cells[3].textContent, ips: tr.cells[4].textContent,
  first: $('time', tr.cells[5]) ? $('time', tr.cells[5]).getAttribute('datetime') : null, last: $('time', tr.cells[6]) ? $('time', tr.cells[6]).getAttribute('datetime') : null }));
out.sources = rows('t-sources').map((tr) => ({ ip: tr.cells[0].textContent, count: tr.cells[1].textContent, share: tr.cells[2].textContent, causes: counts(tr.cells[3]), stacks: tr.cells[4].textContent }));
out.stacks = rows('t-stacks').map((tr) => ({ stack: tr.cells[0].textContent, count: tr.cells[1].textContent, share: tr.cells[2].textContent, causes: counts(tr.cells[3]) }));
out.legend = Object.fromEntries($$('.legend .key[data-cause]').map((k) => [k.dataset.cause, Number($('.n', k).textContent.replace(/,/g, ''))]));
out.chart = sums();
out.untimed = JSON.parse($('#wsnoise-data').textContent).untimed;
out.caption = caption();
$('.legend .key[data-group="noise"]').click();
out.noNoise = sums();
$('.legend .key[data-group="noise"]').click();
const busiest = $('#busiest [data-zoom]');
out.busiest = busiest ? busiest.textContent : '';
if (busiest) busiest.click();
out.zoomCaption = caption();
out.zoomChart = sums();
$('#reset').click();
out.resetCaption = caption();
const svg = $('#chart svg');
const box = svg.getBoundingClientRect();
const at = (f) => ({ bubbles: true, clientX: box.left + box.width * f, clientY: box.top + box.height / 2, pointerId: 1 });
svg.dispatchEvent(new PointerEvent('pointerdown', at(0.3)));
svg.dispatchEvent(new PointerEvent('pointermove', at(0.6)));
svg.dispatchEvent(new PointerEvent('pointerup', at(0.6)));
out.brushCaption = caption();
out.brushChart = sums();
$('#reset').click();
const head = $('#t-causes th[data-col="2"] button');
const column = () => rows('t-causes').map((tr) => Number(tr.cells[2].dataset.v));
head.click();
out.sortedDown = column();
head.click();
out.sortedUp = column();
const search = $('#search');
search.value = 'server-error';
search.dispatchEvent(new Event('input'));
out.searched = { causes: rows('t-causes').map((tr) => tr.cells[0].textContent), sources: rows('t-sources').map((tr) => tr.cells[3].textContent) };
$('#clear').click();
$('#t-stacks .chip').click();
out.chipFilter = search.value + ' ' + rows('t-stacks').length;
$('#clear').click();
out.drills = $$('#t-sources button.ip').map((b) => {
  b.click();
  const d = b.closest('tr').nextElementSibling;
  const dd = Object.fromEntries($$('dt', d).map((dt) => [dt.textContent, dt.nextElementSibling]));
  const r = { ip: b.textContent, count: Number($('[data-n]', dd.failures).dataset.n), causes: counts(dd.causes), chart: sums(d),
    first: dd['first seen'].textContent, last: dd['last seen'].textContent, stack: dd.stack.textContent, partial: !!$('p.note', d) };
  b.click();
  return r;
});
// An address, a time or a cause on two lines is taller than two lines' worth of its font.
out.wrapped = $$('button.ip, time, .chip').filter((e) => e.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(e).fontSize)).length;
} catch (e) { out.error = String((e && e.stack) || e); }
document.body.insertAdjacentHTML('beforeend', '<pre id="check">' + btoa(unescape(encodeURIComponent(JSON.stringify(out)))) + '</pre>');
})();</script>`;

/** The check's result out of the page's DOM. */
export function pageCheck(dom: string): PageCheck {
  // The last: the script's own text has the tag too.
  const b64 = [...dom.matchAll(/<pre id="check">([A-Za-z0-9+/=]*)<\/pre>/g)].pop()?.[1];
  if (b64 === undefined) throw new Error(`the page check did not run:\n${dom.slice(-2000)}`);
  const check = JSON.parse(Buffer.from(b64, 'base64').toString('utf8')) as PageCheck & { error?: string };
  if (check.error !== undefined) throw new Error(`the page check failed: ${check.error}`);
  return check;
}
