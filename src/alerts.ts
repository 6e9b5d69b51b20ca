import { CAUSE_IDS, GROUPS } from './classify/causes.js';
import { UsageError } from './errors.js';
import { didYouMean } from './did-you-mean.js';

const OPS = ['>=', '<=', '>', '<', '='] as const;
type Op = (typeof OPS)[number];

/** One `--fail-on` condition, over the events of a cause, a group, or all of them (`total`). */
export interface Alert {
  readonly text: string;
  readonly subject: string;
  /** `count`: events; `rate`: events per hundred lines read; `any`: at least one event. */
  readonly kind: 'count' | 'rate' | 'any';
  readonly op: Op;
  readonly value: number;
}

const SUBJECTS: readonly string[] = [...CAUSE_IDS, ...GROUPS, 'total'];
const FORM = /^(?:any-(?<any>[a-z-]+)|(?<subject>[a-z-]+?)(?<rate>-rate)?(?<op>>=|<=|>|<|=)(?<value>\d+(?:\.\d+)?)(?<percent>%)?)$/;

/** `origin-rejected>=100`, `noise-rate>5%`, `any-server-error`; a usage error names the fault. */
export function parseAlert(text: string): Alert {
  const m = FORM.exec(text.trim());
  const g = m?.groups;
  const bad = (why: string): never => {
    throw new UsageError(`--fail-on '${text}': ${why}; forms: CAUSE>=N, GROUP-rate>P%, any-CAUSE (subjects: causes, groups, total)`);
  };
  if (g === undefined) return bad('not understood');
  const subject = g['any'] ?? g['subject']!;
  if (!SUBJECTS.includes(subject)) return bad(`unknown cause or group '${subject}'${didYouMean(subject, SUBJECTS)}`);
  if (g['any'] !== undefined) return { text, subject, kind: 'any', op: '>=', value: 1 };
  const rate = g['rate'] !== undefined;
  if (rate !== (g['percent'] !== undefined)) return bad(rate ? 'a rate takes a percentage, such as 5%' : 'a count takes a number, not a percentage');
  return { text, subject, kind: rate ? 'rate' : 'count', op: g['op'] as Op, value: Number(g['value']) };
}

const compare = (a: number, op: Op, b: number): boolean =>
  op === '>=' ? a >= b : op === '<=' ? a <= b : op === '>' ? a > b : op === '<' ? a < b : a === b;

/** The alerts crossed, each with what was measured: `noise-rate>5% (12.5%)`. */
export function crossedAlerts(alerts: readonly Alert[], counts: ReadonlyMap<string, number>, lines: number): string[] {
  const crossed: string[] = [];
  for (const a of alerts) {
    const n = counts.get(a.subject) ?? 0;
    const measured = a.kind === 'rate' ? (lines === 0 ? 0 : (n / lines) * 100) : n;
    if (compare(measured, a.op, a.value)) crossed.push(`${a.text} (${a.kind === 'rate' ? `${measured.toFixed(2)}% of ${lines} lines` : n})`);
  }
  return crossed;
}
