import type { SummarySnapshot } from '../sinks/summary.js';
import type { Rates } from '../sinks/rates.js';
import { sparkline } from '../sinks/rates.js';
import { renderTable } from './table.js';
import { causesText, headline, percent } from './summary-render.js';

export interface LiveView {
  readonly rates: Rates;
  readonly now: number;
  readonly elapsedMs: number;
  readonly lines: number;
  readonly top: number;
  readonly color: boolean;
  readonly width: number;
  /** The last drawing, after the input ended. */
  readonly done: boolean;
}

/** A line cut to the terminal's width, so that it takes one row. */
function clip(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** How many terminal rows a drawing takes (a line wider than the terminal wraps). */
export function rowsTaken(text: string, width: number): number {
  return text
    .split('\n')
    .slice(0, -1)
    .reduce((n, line) => n + Math.max(1, Math.ceil([...line.replace(ANSI, '')].length / width)), 0);
}

function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

/** The one table `summary` redraws on a terminal: causes and top sources, with rates per minute. */
export function renderLive(s: SummarySnapshot, v: LiveView): string {
  const status = `wsnoise summary · ${elapsed(v.elapsedMs)} · ${v.lines.toLocaleString('en-US')} lines read · ${v.done ? 'done' : 'Ctrl-C to finish'}`;
  const parts = [clip(status, v.width), clip(headline(s), v.width)];
  if (s.total === 0) return `${parts.join('\n')}\n`;
  const recent = (key: string): { rate: string; spark: string } => {
    const minutes = v.rates.perMinute(key, v.now);
    return { rate: String(minutes[minutes.length - 1]), spark: sparkline(minutes) };
  };
  parts.push(
    renderTable(
      ['cause', 'group', 'count', '/min', 'last 10 min', 'IPs', 'share'],
      s.causes.map((r) => {
        const { rate, spark } = recent(`cause ${r.cause}`);
        return [r.cause, r.group, String(r.count), rate, spark, String(r.distinctIps), percent(r.share)];
      }),
      { color: v.color, width: v.width, optional: [6, 5, 4, 1] },
    ),
  );
  const ips = s.ips.slice(0, v.top);
  if (ips.length > 0) {
    parts.push(
      renderTable(
        ['source IP', 'count', '/min', 'last 10 min', 'causes'],
        ips.map((r) => {
          const { rate, spark } = recent(`ip ${r.key}`);
          return [r.key, String(r.count), rate, spark, causesText(r.causes)];
        }),
        { color: v.color, width: v.width, optional: [3, 2] },
      ),
    );
  }
  return `${parts.join('\n')}\n`;
}
