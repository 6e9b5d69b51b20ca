import type { SummarySnapshot } from '../sinks/summary.js';
import { intlZone } from '../classify/time.js';
import { CAUSE_IDS } from '../classify/causes.js';
import { causesText, headline, percent } from './summary-render.js';
import { hints } from './hints.js';

// In CAUSE_IDS order; neighbours in the usual charts (upgrade-required, bad-request, forbidden) far apart.
const PALETTE = ['#4e79a7', '#f28e2b', '#d62728', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#17becf', '#9c755f', '#ff9da7', '#8c564b', '#bcbd22', '#000000', '#1f77b4', '#e377c2', '#2ca02c', '#7f7f7f'];
/** Each cause keeps its colour from report to report. */
export const CAUSE_COLORS: Readonly<Record<string, string>> = Object.fromEntries(CAUSE_IDS.map((c, i) => [c, PALETTE[i % PALETTE.length]!]));

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u001f\u007f-\u009f]/g, '');

function hourLabel(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: intlZone(zone), month: 'short', day: 'numeric', hour: '2-digit', hour12: false }).format(ms);
}

const HOUR = 3_600_000;
/** Past this many hours the chart counts per day. */
const MAX_BARS_BY_HOUR = 24 * 31;

/** One bar per hour (or per day over a long span) from the first to the last, empty ones too. */
function bars(s: SummarySnapshot): { hour: number; causes: Record<string, number> }[] {
  const first = s.hourly[0]!.hour;
  const last = s.hourly[s.hourly.length - 1]!.hour;
  const width = (last - first) / HOUR + 1 > MAX_BARS_BY_HOUR ? 24 * HOUR : HOUR;
  const out = new Map<number, Record<string, number>>();
  for (let t = Math.floor(first / width) * width; t <= last; t += width) out.set(t, {});
  for (const h of s.hourly) {
    const slot = out.get(Math.floor(h.hour / width) * width)!;
    for (const [cause, n] of Object.entries(h.causes)) slot[cause] = (slot[cause] ?? 0) + n;
  }
  return [...out].map(([hour, causes]) => ({ hour, causes }));
}

/** Stacked bars: failures per hour by cause, as inline SVG. */
function chart(s: SummarySnapshot, zone: string): string {
  if (s.hourly.length === 0) return '<p class="note">No failure had a time: nothing to chart.</p>';
  const hours = bars(s);
  const width = 900;
  const height = 260;
  const left = 48;
  const bottom = 40;
  const plot = height - bottom - 10;
  const totals = hours.map((h) => Object.values(h.causes).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const step = (width - left - 10) / hours.length;
  const bar = Math.max(1, step * 0.8);
  const parts: string[] = [];
  hours.forEach((h, i) => {
    let y = height - bottom;
    for (const cause of CAUSE_IDS) {
      const n = h.causes[cause] ?? 0;
      if (n === 0) continue;
      const hgt = (n / max) * plot;
      y -= hgt;
      parts.push(`<rect x="${(left + i * step).toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${hgt.toFixed(1)}" fill="${CAUSE_COLORS[cause]}"><title>${escape(`${hourLabel(h.hour, zone)}: ${cause} ${n}`)}</title></rect>`);
    }
  });
  const labelEvery = Math.max(1, Math.ceil(hours.length / 8));
  const labels = hours
    .map((h, i) => (i % labelEvery === 0 ? `<text x="${(left + i * step + bar / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${escape(hourLabel(h.hour, zone))}</text>` : ''))
    .join('');
  const axis = `<line x1="${left}" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}" stroke="#555"/><text x="${left - 6}" y="${height - bottom - plot + 4}" text-anchor="end">${max}</text><text x="${left - 6}" y="${height - bottom}" text-anchor="end">0</text>`;
  const present = CAUSE_IDS.filter((c) => hours.some((h) => (h.causes[c] ?? 0) > 0));
  const legend = present.map((c) => `<span class="key"><i style="background:${CAUSE_COLORS[c]}"></i>${escape(c)}</span>`).join(' ');
  return `<figure><svg viewBox="0 0 ${width} ${height}" role="img" aria-label="Failures per hour by cause">${axis}${parts.join('')}${labels}</svg><figcaption>${legend}</figcaption></figure>`;
}

/** An ISO 8601 time as `2026-11-20 10:00:00 +00:00`, which wraps at its spaces. */
function shown(iso: string | null): string {
  return iso === null ? '-' : iso.replace('T', ' ').replace(/(\.\d+)?([+-]\d\d:\d\d|Z)$/, ' $2');
}

function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** One self-contained HTML file: the chart per hour by cause, the tables, the hints. */
export function renderHtml(s: SummarySnapshot, top: number, zone: string): string {
  const style = `body{font:15px/1.4 system-ui,sans-serif;margin:24px auto;max-width:960px;padding:0 12px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}svg{width:100%;height:auto;font-size:11px}svg text{fill:#444}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f4f4f4}.key{white-space:nowrap;margin-right:10px}.key i{display:inline-block;width:10px;height:10px;margin-right:4px}
.note{color:#666}li{margin:4px 0}`;
  const causes = table(
    ['cause', 'group', 'count', 'share', 'IPs', 'first seen', 'last seen'],
    s.causes.map((r) => [r.cause, r.group, String(r.count), percent(r.share), `${r.distinctIpsAtLeast ? '≥' : ''}${r.distinctIps}`, shown(r.firstSeen), shown(r.lastSeen)]),
  );
  const ips = s.ips.slice(0, top);
  const body =
    s.total === 0
      ? '<p>No handshake failures found.</p>'
      : `<p>${escape(headline(s))}</p><h2>Failures per hour</h2>${chart(s, zone)}<h2>By cause</h2>${causes}` +
        (ips.length > 0 ? `<h2>Top source IPs</h2>${table(['source IP', 'count', 'share', 'causes'], ips.map((r) => [r.key, `${r.atLeast ? '≥' : ''}${r.count}`, percent(r.share), causesText(r.causes)]))}` : '') +
        `<h2>What it likely means</h2><ul>${hints(s).map((h) => `<li>${escape(h)}</li>`).join('')}</ul>`;
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>WebSocket handshake failures</title><style>${style}</style></head><body><h1>WebSocket handshake failures</h1>${body}</body></html>\n`;
}
