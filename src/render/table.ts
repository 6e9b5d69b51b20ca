import Table from 'cli-table3';
import { Chalk } from 'chalk';
import { escapeControls } from './escape.js';

const GROUP_COLORS: Record<string, 'red' | 'yellow' | 'cyan' | 'gray'> = {
  error: 'red',
  misconfig: 'yellow',
  policy: 'cyan',
  noise: 'gray',
};

/** A plain box table; colour (bold headers, groups by colour) only when asked. */
export function renderTable(head: string[], rows: string[][], color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const table = new Table({
    head: head.map((h) => chalk.bold(h)),
    style: { head: [], border: [], compact: true },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) {
    table.push(row.map((cell) => {
      const safe = escapeControls(cell);
      const hue = GROUP_COLORS[cell];
      return color && hue !== undefined ? chalk[hue](safe) : safe;
    }));
  }
  return table.toString();
}
