import type { SummarySnapshot } from '../sinks/summary.js';
import type { DetailSnapshot } from '../sinks/report-detail.js';
import { headline } from './summary-render.js';
import { hints } from './hints.js';
import { safeJson } from './escape.js';
import { reportData } from './html/report-data.js';
import { chartCaption, chartSvg, escapeText } from './html/chart-svg.js';
import { planSlots, spanOf } from './html/slots.js';
import { CHART, clientScript } from './html/client-script.js';
import { cards, causeTable, legend, notes, sourceTable, stackTable } from './html/sections.js';
import { STYLE } from './html/styles.js';

export { GROUP_COLORS } from './html/styles.js';

/** JSON inside a script element: `</script>` and `<!--` cannot appear in it. */
function embedded(value: unknown): string {
  return safeJson(value).replace(/</g, '\\u003c');
}

/**
 * One self-contained HTML file: the failures over time by cause (zoomable, buckets sized to the
 * span, quiet spans folded), the totals by group, the tables (sortable, searchable), a drill-down
 * per source, the hints. Its numbers are the summary's, as `--format json` writes them.
 */
export function renderHtml(s: SummarySnapshot, detail: DetailSnapshot, top: number, untimedRecords?: number): string {
  const title = 'WebSocket handshake failures';
  const head = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body><h1>${title}</h1>`;
  if (s.total === 0) return `${head}<p>No handshake failures found.</p></body></html>\n`;
  const data = reportData(s, detail, top, untimedRecords);
  const groupOf = (cause: string): string => data.columns.find((c) => c.cause === cause)?.group ?? 'noise';
  const span = spanOf(data.levels);
  const plan = span === null ? null : planSlots(data.levels, data.columns.length, span[0], span[1], CHART.most);
  const shown = data.columns.map(() => true);
  const chart =
    plan === null
      ? '<p class="note">No failure had a time: nothing to chart.</p>'
      : `<figure id="timeline" style="margin:0"><div class="chart-bar"><span class="caption" id="chart-caption">${escapeText(chartCaption(plan, data.zone))}</span><span id="busiest"></span><button type="button" class="tool" id="reset" hidden>Show all</button></div>` +
        `<div id="chart">${chartSvg(plan, data.columns, shown, CHART, 'Failures by cause over time')}</div>${legend(data, s.causes)}` +
        `<figcaption class="note">Drag across the chart, or click a bar, to zoom in; a cause or group in the legend shows or hides it.</figcaption></figure>`;
  const ips = s.ips.slice(0, top);
  const body =
    `<p class="sub">${escapeText(headline(s))} · times in ${escapeText(data.zone)}</p>${cards(s)}<h2>Over time</h2>${chart}${notes(s, data)}` +
    `<div class="search"><input id="search" type="search" placeholder="Search the tables: an address, a cause, a stack…" aria-label="search the tables"><button type="button" class="tool" id="clear" hidden>Clear</button></div>` +
    `<h2>By cause</h2>${causeTable(s.causes, detail.zone)}` +
    (ips.length > 0 ? `<h2>Top source IPs</h2>${sourceTable(ips, data.sources, groupOf, detail.zone)}` : '') +
    `<h2>By server stack</h2>${stackTable(s.stacks, groupOf)}` +
    `<h2>What it likely means</h2><ul>${hints(s)
      .map((h) => `<li>${escapeText(h)}</li>`)
      .join('')}</ul>`;
  const script = `<script type="application/json" id="wsnoise-data">${embedded(data)}</script><script>${clientScript()}</script>`;
  return `${head}${body}${script}</body></html>\n`;
}
