import Table from 'cli-table3';
import { Chalk } from 'chalk';
import { escapeControls } from './escape.js';

const GROUP_COLORS: Record<string, 'red' | 'yellow' | 'cyan' | 'gray'> = {
  error: 'red',
  misconfig: 'yellow',
  policy: 'cyan',
  noise: 'gray',
};

export interface TableOptions {
  readonly color: boolean;
  /** The terminal's width: the table is made to fit it. None: as wide as it needs. */
  readonly width?: number;
  /** Columns that may go, first to last, when the table is too wide. */
  readonly optional?: readonly number[];
}

const MIN_COLUMN = 5;
/** Each cell has a space either side, and each column a border. */
const cellWidth = (text: string): number => [...text].length + 2;

/** Column widths that fit `width`: optional columns dropped first, then the widest cut short. */
function fit(head: string[], rows: string[][], width: number, optional: readonly number[]): { keep: number[]; widths: number[] } {
  let keep = head.map((_, i) => i);
  const natural = (i: number): number => Math.max(cellWidth(head[i]!), ...rows.map((r) => cellWidth(r[i] ?? '')));
  let widths = keep.map(natural);
  const total = (): number => widths.reduce((a, b) => a + b, 0) + widths.length + 1;
  for (const drop of optional) {
    if (total() <= width) break;
    keep = keep.filter((i) => i !== drop);
    widths = keep.map(natural);
  }
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_COLUMN) break;
    widths[widest]!--;
  }
  return { keep, widths };
}

/** A plain box table; colour (bold headers, groups by colour) only when asked. */
export function renderTable(head: string[], rows: string[][], options: TableOptions | boolean): string {
  const { color, width, optional = [] } = typeof options === 'boolean' ? { color: options } : options;
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const safeRows = rows.map((row) => row.map(escapeControls));
  const { keep, widths } = width === undefined ? { keep: head.map((_, i) => i), widths: undefined } : fit(head, safeRows, width, optional);
  const table = new Table({
    head: keep.map((i) => chalk.bold(head[i]!)),
    style: { head: [], border: [], compact: true },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    ...(widths !== undefined && { colWidths: widths, truncate: '…', wordWrap: false }),
  });
  for (const row of safeRows) {
    table.push(
      keep.map((i) => {
        const cell = row[i] ?? '';
        const hue = GROUP_COLORS[cell];
        return color && hue !== undefined ? chalk[hue](cell) : cell;
      }),
    );
  }
  return table.toString();
}
