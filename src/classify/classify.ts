import type { LogRecord } from '../records/record.js';
import type { Catalogue, CompiledRule } from './compile-rules.js';
import { hasNeedle, needleAt } from './compile-rules.js';
import type { Role, Verdict } from './verdict.js';
import type { Cause } from './causes.js';
import type { WsPaths } from './ws-paths.js';
import { recordText } from '../records/record.js';
import { exceptionLines } from './traceback.js';
import { normalizeIp } from './ip.js';
import { readStructured } from './structured.js';

/** Pure: a record in, a verdict (or null: nothing to do with a handshake) out. */
export type Classifier = (record: LogRecord) => Verdict | null;

/** Log text is read as latin1 (one char per byte); what is shown is decoded as UTF-8. */
function utf8(latin1: string | undefined): string | null {
  if (latin1 === undefined) return null;
  return /[\x80-\xff]/.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}

const NO_CLAIMS: readonly string[] = [];

/** Records of one conversation: the same service (when an envelope names it), stack and connection. */
function connectionKey(source: string | null, stack: string, conn: string | undefined): string {
  const key = conn === undefined ? stack : `${stack} ${conn}`;
  return source === null ? key : `${source} ${key}`;
}

interface Match {
  readonly rule: CompiledRule;
  readonly groups: Record<string, string | undefined>;
}

/** The rule's pattern and conditions on a line whose needle it holds. */
function tryRule(rule: CompiledRule, text: string, record: LogRecord | null, paths: WsPaths): Match | null {
  const { spec, regex } = rule;
  const m = regex.exec(text);
  if (m === null) return null;
  const groups = m.groups ?? {};
  if (spec.recordContains !== undefined && (record === null || !recordText(record).includes(spec.recordContains))) return null;
  if (spec.wsPathOnly && (groups['path'] === undefined || !paths.has(groups['path']))) return null;
  return { rule, groups };
}

function firstMatch(rules: readonly CompiledRule[], text: string, record: LogRecord | null, paths: WsPaths): Match | null {
  for (const rule of rules) {
    if (!hasNeedle(rule, text)) continue;
    const hit = tryRule(rule, text, record, paths);
    if (hit !== null) return hit;
  }
  return null;
}

/** The exception rule that explains a traceback, trying the root exception first. */
function explainTraceback(catalogue: Catalogue, record: LogRecord, paths: WsPaths): Match | null {
  for (const line of exceptionLines(record)) {
    const m = firstMatch(catalogue.exception, line, null, paths);
    if (m !== null) return m;
  }
  return null;
}

/** What the rule says the record is, given the status it captured. */
function outcome(rule: CompiledRule, status: number | null): { role: Role; cause: Cause | null } {
  const { spec } = rule;
  const byStatus = status === null ? undefined : (spec.byStatus?.[String(status)] ?? spec.byStatus?.[`${String(status)[0]}xx`]);
  if (byStatus === 'success') return { role: 'success', cause: null };
  const role = spec.role ?? 'failure';
  if (role !== 'failure') return { role, cause: null };
  return { role, cause: byStatus ?? spec.cause ?? 'unknown-handshake' };
}

/**
 * The first head rule that matches the line. Rules are tried by the keys the line holds, from
 * its start: a line whose first key leads to a match costs one search. A key inside an earlier
 * match is still found (the search resumes one character on). Each rule runs at most once.
 */
function matchHead(catalogue: Catalogue, text: string, record: LogRecord, paths: WsPaths): Match | null {
  const { scanner, filed: filedByKey } = catalogue;
  let routeSeen: boolean | undefined;
  // A rule that failed on this line fails again: a line holding its needle all along (1 MB of
  // "connection failed") would otherwise run its pattern once per needle.
  let failed: Set<CompiledRule> | undefined;
  for (let at = scanner.find(text); at !== -1; at = scanner.find(text, at + 1)) {
    for (const filed of filedByKey[scanner.lastKey]!) {
      if (filed.wsPathOnly && !(routeSeen ??= paths.mayBeIn(text))) continue;
      if (!needleAt(filed, text, at)) continue;
      const { rule } = filed;
      if (failed?.has(rule)) continue;
      const hit = tryRule(rule, text, record, paths);
      if (hit !== null) return hit;
      (failed ??= new Set()).add(rule);
    }
  }
  return null;
}

/**
 * Whether some head rule would run its pattern on the line, as `matchHead` decides it: a needle
 * of the rule around one of the line's keys, and for a rule of WebSocket routes only, a known
 * route in the line. A line for which this is false is no failure and teaches nothing.
 * `firstKeyEnd`: where the line's first key ends, when the caller knows (KeyLines' hit).
 */
export function createRuleProbe(catalogue: Catalogue, paths: WsPaths): (text: string, firstKeyEnd?: number) => boolean {
  const { scanner, filed: filedByKey } = catalogue;
  return (text, firstKeyEnd) => {
    let routeSeen: boolean | undefined;
    // No key ends before the first one: none starts before its end less the longest key.
    const from = firstKeyEnd === undefined ? 0 : Math.max(0, firstKeyEnd - scanner.longest + 1);
    for (let at = scanner.find(text, from); at !== -1; at = scanner.find(text, at + 1)) {
      for (const filed of filedByKey[scanner.lastKey]!) {
        if (filed.wsPathOnly && !(routeSeen ??= paths.mayBeIn(text))) continue;
        if (needleAt(filed, text, at)) return true;
      }
    }
    return false;
  };
}

/**
 * Whether a line might open a handshake failure (it holds one of the catalogue's keys). A record
 * whose first line cannot is never held back for long on a live input.
 */
export function createCandidateTest(catalogue: Catalogue): (text: string) => boolean {
  const { scanner } = catalogue;
  return (text) => scanner.find(text) !== -1;
}

/**
 * The classifier over a compiled catalogue. It keeps one piece of state, the WebSocket routes
 * it has learned from the stream; it does no I/O.
 */
export function createClassifier(catalogue: Catalogue, paths: WsPaths): Classifier {
  return (record) => {
    const head = record.lines[0]!;
    if (head.overlong) return null;
    let m = matchHead(catalogue, head.text, record, paths);
    // A structured JSON line no rule takes as it is: its error and message fields are tried.
    const structured = m === null ? readStructured(head.text) : null;
    for (const text of structured?.texts ?? []) if ((m = matchHead(catalogue, text, record, paths)) !== null) break;
    if (m === null) return null;
    const { rule, groups } = m;
    const { spec } = rule;
    const headStatus = groups['status'] === undefined ? null : Number(groups['status']);
    let { role, cause } = outcome(rule, headStatus);
    let decidedBy = rule;
    let detail = utf8(groups['detail']);
    let status = headStatus;
    if (spec.traceback && role === 'failure') {
      const explained = explainTraceback(catalogue, record, paths);
      if (explained !== null) {
        const excStatus = explained.groups['status'] === undefined ? null : Number(explained.groups['status']);
        ({ role, cause } = outcome(explained.rule, excStatus));
        decidedBy = explained.rule;
        detail = utf8(explained.groups['detail']) ?? detail;
        status ??= excStatus;
      }
    }
    if (spec.learnsPath && groups['path'] !== undefined) paths.learn(groups['path']);
    const conn = groups['conn'];
    return {
      role,
      rule: decidedBy.spec.id,
      head: spec.id,
      stack: rule.stack,
      cause,
      key: connectionKey(head.envelope?.source ?? null, rule.stack, conn),
      complete: spec.complete === true,
      claims: spec.claims ?? NO_CLAIMS,
      status,
      ip: normalizeIp(groups['ip']) ?? structured?.ip ?? null,
      port: groups['port'] === undefined || groups['port'] === '0' ? (structured?.port ?? null) : Number(groups['port']),
      detail,
      time: groups['time'] ?? (head.text.charCodeAt(0) === 0x7b ? (structured ?? readStructured(head.text))?.time : undefined) ?? head.envelope?.time ?? null,
      path: groups['path'] ?? null,
      requestLine: spec.request === 'line',
      upgrade: spec.request === 'header' && groups['header']?.toLowerCase() === 'upgrade' ? (groups['value'] ?? '').toLowerCase() : null,
    };
  };
}
