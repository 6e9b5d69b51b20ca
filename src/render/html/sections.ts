import type { CauseRow, KeyRow, SummarySnapshot } from '../../sinks/summary.js';
import type { ReportData, SourceData } from './report-data.js';
import { shortTime } from './report-data.js';
import { GROUPS } from '../../classify/causes.js';
import { causesText, percent } from '../summary-render.js';
import { escapeText } from './chart-svg.js';

/** A table cell: its text, and the value it sorts by when that is not its text. */
interface Cell {
  readonly html: string;
  readonly sort?: number | string;
  readonly cls?: string;
}

export interface Head {
  readonly label: string;
  readonly numeric?: boolean;
}

export function count(n: number, atLeast = false): Cell {
  return { html: `${atLeast ? '≥' : ''}${n.toLocaleString('en-US')}`, sort: n, cls: 'num' };
}

function text(value: string): Cell {
  return { html: escapeText(value) };
}

/** A time as every other output writes it (ISO 8601 to the millisecond, in --tz), its tooltip the same instant as people read it. */
function time(iso: string | null, zone: string): Cell {
  const ms = iso === null ? NaN : Date.parse(iso);
  if (iso === null || Number.isNaN(ms)) return { html: escapeText(iso ?? '-'), sort: '' };
  return { html: `<time datetime="${escapeText(iso)}" title="${shortTime(ms, zone)}">${escapeText(iso)}</time>`, sort: ms, cls: 'nowrap' };
}

/** A value that filters the tables when clicked. */
function chip(value: string, cls: string): string {
  return `<button type="button" class="chip ${cls}" data-filter="${escapeText(value)}">${escapeText(value)}</button>`;
}

function causeChips(causes: Readonly<Record<string, number>>, groupOf: (cause: string) => string): Cell {
  const html = Object.entries(causes)
    .map(([cause, n]) => `<span class="cc">${chip(cause, `g-${groupOf(cause)}`)} <span class="n" data-cause="${escapeText(cause)}">${n.toLocaleString('en-US')}</span></span>`)
    .join(' ');
  return { html, sort: causesText(causes) };
}

/** A table that sorts by a click on a column's head and filters with the search box. */
export function dataTable(id: string, caption: string, head: readonly Head[], rows: readonly (readonly Cell[])[]): string {
  const th = head.map((h, i) => `<th scope="col" data-col="${i}"${h.numeric ? ' class="num"' : ''}><button type="button">${escapeText(h.label)}</button></th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td${c.cls ? ` class="${c.cls}"` : ''}${c.sort !== undefined ? ` data-v="${escapeText(String(c.sort))}"` : ''}>${c.html}</td>`).join('')}</tr>`)
    .join('');
  return `<div class="scroll"><table id="${id}" class="data"><caption>${escapeText(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

export function causeTable(rows: readonly CauseRow[], zone: string): string {
  return dataTable(
    't-causes',
    'Failures by cause',
    [{ label: 'cause' }, { label: 'group' }, { label: 'count', numeric: true }, { label: 'share', numeric: true }, { label: 'IPs', numeric: true }, { label: 'first seen' }, { label: 'last seen' }],
    rows.map((r) => [
      { html: chip(r.cause, `g-${r.group}`), sort: r.cause, cls: 'nowrap' },
      { html: chip(r.group, `g-${r.group}`), sort: GROUPS.indexOf(r.group) },
      count(r.count),
      { html: percent(r.share), sort: r.share, cls: 'num' },
      count(r.distinctIps, r.distinctIpsAtLeast),
      time(r.firstSeen, zone),
      time(r.lastSeen, zone),
    ]),
  );
}

export function sourceTable(rows: readonly KeyRow[], sources: readonly SourceData[], groupOf: (cause: string) => string, zone: string): string {
  return dataTable(
    't-sources',
    'Top source IPs (a click on an address opens its drill-down)',
    [{ label: 'source IP' }, { label: 'count', numeric: true }, { label: 'share', numeric: true }, { label: 'causes' }, { label: 'stack' }, { label: 'first seen' }, { label: 'last seen' }],
    rows.map((r, i) => {
      const d = sources[i];
      return [
        { html: `<button type="button" class="ip" data-source="${i}" aria-expanded="false">${escapeText(r.key)}</button>`, sort: r.key, cls: 'nowrap' },
        count(r.count, r.atLeast === true),
        { html: percent(r.share), sort: r.share, cls: 'num' },
        causeChips(r.causes, groupOf),
        stacksCell(d?.stacks ?? []),
        time(d?.firstSeen ?? null, zone),
        time(d?.lastSeen ?? null, zone),
      ];
    }),
  );
}

/** A source's stacks: the first few, then how many more (all of them in its tooltip and for the search). */
function stacksCell(stacks: readonly string[]): Cell {
  const few = stacks.slice(0, 3).map((s) => chip(s, 'stack'));
  const rest = stacks.slice(3);
  const more = rest.length === 0 ? '' : ` <span class="more" title="${escapeText(rest.join(', '))}">+${rest.length} more<span hidden> ${escapeText(rest.join(' '))}</span></span>`;
  return { html: few.join(' ') + more, sort: stacks.join(' ') };
}

export function stackTable(rows: readonly KeyRow[], groupOf: (cause: string) => string): string {
  return dataTable(
    't-stacks',
    'Failures by server stack',
    [{ label: 'stack' }, { label: 'count', numeric: true }, { label: 'share', numeric: true }, { label: 'causes' }],
    rows.map((r) => [{ html: chip(r.key, 'stack'), sort: r.key, cls: 'nowrap' }, count(r.count, r.atLeast === true), { html: percent(r.share), sort: r.share, cls: 'num' }, causeChips(r.causes, groupOf)]),
  );
}

/** The totals by group, each in its colour, and the span of the failures. */
export function cards(s: SummarySnapshot): string {
  const card = (label: string, n: number, cls: string): string =>
    `<div class="card ${cls}"><span class="label">${escapeText(label)}</span><span class="big" data-n="${n}">${n.toLocaleString('en-US')}</span><span class="share">${percent(s.total === 0 ? 0 : n / s.total)}</span></div>`;
  const groups = GROUPS.map((g) => card(g, s.byGroup[g] ?? 0, `g-${g}`)).join('');
  return `<div class="cards">${card('failures', s.total, 'total')}${groups}</div>`;
}

/** The causes by group, each a button that shows or hides it in the chart. */
export function legend(data: ReportData, rows: readonly CauseRow[]): string {
  const counts = new Map<string, number>(rows.map((r) => [r.cause, r.count]));
  return `<div class="legend" role="group" aria-label="causes shown in the chart">${GROUPS.map((g) => {
    const causes = data.columns.filter((c) => c.group === g);
    if (causes.length === 0) return '';
    const items = causes
      .map((c) => `<button type="button" class="key" data-cause="${escapeText(c.cause)}" aria-pressed="true"><i class="g-${g}"></i>${escapeText(c.cause)} <span class="n">${(counts.get(c.cause) ?? 0).toLocaleString('en-US')}</span></button>`)
      .join('');
    return `<div class="lg"><button type="button" class="key group" data-group="${g}" aria-pressed="true"><i class="g-${g}"></i>${g}</button>${items}</div>`;
  }).join('')}</div>`;
}

/** What the chart leaves out, and what the tables do. */
export function notes(s: SummarySnapshot, data: ReportData): string {
  const out: string[] = [];
  const untimed = Object.values(data.untimed).reduce((a, b) => a + b, 0);
  if (untimed > 0) out.push(`${untimed} failure${untimed === 1 ? '' : 's'} without a time in the log, not in the chart`);
  if (s.noIpCount > 0) out.push(`${s.noIpCount} failure${s.noIpCount === 1 ? '' : 's'} without a client address in the log`);
  if (s.otherIpCount > 0) out.push(`${s.otherIpCount} from sources too light to keep apart; a count marked ≥ may be short by up to ${s.maxShort}`);
  return out.length === 0 ? '' : `<p class="note">${out.map(escapeText).join('; ')}.</p>`;
}
