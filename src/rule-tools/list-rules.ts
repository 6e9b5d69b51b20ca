import type { Rules } from './user-catalogue.js';
import type { StatusOutcome } from '../rules/rule.js';
import { groupOf } from '../classify/causes.js';
import { renderTable } from '../render/table.js';
import { safeJson } from '../render/escape.js';

import type { ListFormat } from './list-formats.js';

export interface RuleRow {
  readonly id: string;
  readonly stack: string;
  /** failure, or what else the record is to a conversation (success, open, part, close). */
  readonly role: string;
  /** The cause of a failure (by default, when byStatus decides some statuses). */
  readonly cause: string | null;
  readonly group: string | null;
  readonly byStatus: Readonly<Record<string, StatusOutcome>> | null;
  readonly on: 'head' | 'exception';
  /** The rule file it was read from, or `built-in`. */
  readonly from: string;
  readonly source: string;
}

/** Every rule in the order they are tried. */
export function ruleRows(rules: Rules): RuleRow[] {
  return rules.stacks.flatMap(({ stack, rules: specs }) =>
    specs.map((spec) => {
      const role = spec.role ?? 'failure';
      const cause = role === 'failure' ? (spec.cause ?? 'unknown-handshake') : null;
      return {
        id: spec.id,
        stack,
        role,
        cause,
        group: cause === null ? null : groupOf(cause),
        byStatus: spec.byStatus ?? null,
        on: spec.on ?? 'head',
        from: rules.origin.get(spec.id) ?? 'built-in',
        source: spec.source,
      };
    }),
  );
}

export function renderRuleList(rows: readonly RuleRow[], format: ListFormat, options: { color: boolean; width?: number }): string {
  if (format === 'json') return rows.map((r) => safeJson(r)).join('\n') + '\n';
  const cells = rows.map((r) => {
    // The table stays readable: how many statuses decide otherwise; --format json lists them.
    const byStatus = r.byStatus === null ? '' : ` +${Object.keys(r.byStatus).length} by status`;
    return [r.id, r.stack, (r.cause ?? r.role) + byStatus, r.group ?? '-', r.from === 'built-in' ? r.source : `${r.from}: ${r.source}`];
  });
  const table = renderTable(['rule', 'stack', 'cause', 'group', 'source'], cells, { color: options.color, ...(options.width !== undefined && { width: options.width, optional: [4] }) });
  return `${table}\n${rows.length} rules, tried in this order\n`;
}
