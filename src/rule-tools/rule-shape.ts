import { CAUSE_IDS, isCause } from '../classify/causes.js';
import { didYouMean } from '../did-you-mean.js';
import { CONTINUATIONS } from '../classify/continuations.js';

/**
 * The fields a user rule file may hold, checked one by one so that a typo is named with the line
 * it is on and the names it may have meant. Each check returns why a value is wrong, or null.
 */
export type Check = (value: unknown) => string | null;

const ROLES = ['failure', 'open', 'part', 'close', 'success'] as const;

const isString: Check = (v) => (typeof v === 'string' && v.length > 0 ? null : 'takes a non-empty string');
const isBoolean: Check = (v) => (typeof v === 'boolean' ? null : 'takes true or false');
const isStrings: Check = (v) => (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s.length > 0) ? null : 'takes a list of non-empty strings');
const isStringOrStrings: Check = (v) => (typeof v === 'string' ? isString(v) : isStrings(v));
const oneOf =
  (choices: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && choices.includes(v) ? null : `takes one of ${choices.join(', ')}, not ${JSON.stringify(v)}${typeof v === 'string' ? didYouMean(v, choices) : ''}`;
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v);
const isPort: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535 ? null : 'takes a port number');
const isStatus: Check = (v) => (Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599 ? null : 'takes an HTTP status (100-599)');

/** `unknown cause "bad-keys" (did you mean 'bad-key'?); valid causes: …`, or null for a cause. */
export function causeProblem(value: unknown, extra: readonly string[] = []): string | null {
  if (typeof value === 'string' && (isCause(value) || extra.includes(value))) return null;
  const word = typeof value === 'string' ? value : JSON.stringify(value);
  return `unknown cause "${word}"${didYouMean(word, [...CAUSE_IDS, ...extra])}; valid causes: ${[...CAUSE_IDS, ...extra].join(', ')}`;
}

const isCauseField: Check = (v) => causeProblem(v);
const isByStatus: Check = (v) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'takes a mapping of status (426) or class (4xx) to a cause';
  for (const [status, outcome] of Object.entries(v)) {
    if (!/^\d(?:\d\d|xx)$/.test(status)) return `key "${status}" is not an HTTP status (426) or class (4xx)`;
    const problem = causeProblem(outcome, ['success']);
    if (problem !== null) return `${status}: ${problem}`;
  }
  return null;
};
const isFalse: Check = (v) => (v === false ? null : 'takes only false (a near miss); leave it out for a line the rule must match');

export const STACK_FIELDS: Readonly<Record<string, Check>> = {
  stack: (v) => (typeof v === 'string' && /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/.test(v) ? null : 'takes a lowercase name (myapp, my-gateway)'),
  desc: isString,
  logPath: isString,
  rules: (v) => (Array.isArray(v) && v.length > 0 ? null : 'takes a list of rules'),
};

export const RULE_FIELDS: Readonly<Record<string, Check>> = {
  id: isString,
  desc: isString,
  source: isString,
  on: oneOf(['head', 'exception']),
  role: oneOf(ROLES),
  needle: isStringOrStrings,
  pattern: isString,
  cause: isCauseField,
  byStatus: isByStatus,
  complete: isBoolean,
  claims: isStrings,
  traceback: isBoolean,
  explainedBy: isStrings,
  wsPathOnly: isBoolean,
  noAddress: isBoolean,
  owns: (v) => isStrings(v) ?? ((v as string[]).every((s) => (CONTINUATIONS as readonly string[]).includes(s)) ? null : `takes a list of: ${CONTINUATIONS.join(', ')}`),
  learnsPath: isBoolean,
  recordContains: isStringOrStrings,
  request: oneOf(['line', 'header']),
  sharedWith: isStrings,
  samples: (v) => (Array.isArray(v) && v.length > 0 ? null : 'takes a list of samples, one at least that the rule matches'),
};

export const SAMPLE_FIELDS: Readonly<Record<string, Check>> = {
  text: (v) => (typeof v === 'string' ? null : 'takes the sample log line as a string'),
  match: isFalse,
  cause: orNull(isCauseField),
  role: oneOf(ROLES),
  ip: orNull(isString),
  port: orNull(isPort),
  status: orNull(isStatus),
  detail: orNull(isString),
  time: orNull(isString),
  claimedBy: isString,
  note: isString,
};

export const REQUIRED_STACK = ['stack', 'rules'] as const;
export const REQUIRED_RULE = ['id', 'desc', 'source', 'needle', 'pattern', 'samples'] as const;
export const REQUIRED_SAMPLE = ['text'] as const;
