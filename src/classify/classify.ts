import type { LogRecord } from '../records/record.js';
import type { Catalogue, CompiledRule } from './compile-rules.js';
import { hasNeedle, needleAt } from './compile-rules.js';
import type { Role, Verdict } from './verdict.js';
import type { Cause } from './causes.js';
import type { WsPaths } from './ws-paths.js';
import type { LineKeys } from '../records/split-lines.js';
import { recordText } from '../records/record.js';
import { exceptionLines } from './traceback.js';
import { normalizeIp } from './ip.js';
import { jsonObject, structuredOf, trailingJsonObject } from './structured.js';
import { captured } from './capture-slots.js';
import { ownedLines } from './continuations.js';
import type { AccessFields } from '../formats/access-fields.js';
import { canonicalLine } from '../formats/access-fields.js';
import { readJsonAccess } from '../formats/json-access.js';
import { readLogfmt } from '../formats/logfmt.js';
import type { FoundAddress } from '../formats/find-address.js';
import { findAddress } from '../formats/find-address.js';
import { leadingTime } from '../formats/prefix.js';
import { SHARED_SHAPE } from '../events/access-label.js';

/** Pure: a record in, a verdict (or null: nothing to do with a handshake) out. */
export type Classifier = (record: LogRecord) => Verdict | null;

/** Log text is read as latin1 (one char per byte); what is shown is decoded as UTF-8. */
function utf8(latin1: string | undefined): string | null {
  if (latin1 === undefined) return null;
  return /[\x80-\xff]/.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}

const NO_CLAIMS: readonly string[] = [];
/** Lines longer than this get the extra bookkeeping of `matchHead` against repeated keys. */
const LONG_LINE = 4096;

/** Records of one conversation: the same service (when an envelope names it), stack and connection. */
function connectionKey(source: string | null, stack: string, conn: string | undefined): string {
  const key = conn === undefined ? stack : `${stack} ${conn}`;
  return source === null ? key : `${source} ${key}`;
}

interface Match {
  readonly rule: CompiledRule;
  readonly match: RegExpExecArray;
  /** The access line's fields, when a format reader read it: the rule judged their canonical line. */
  readonly fields?: AccessFields;
}


function holds(text: string, wanted: string | readonly string[]): boolean {
  return typeof wanted === 'string' ? text.includes(wanted) : wanted.some((w) => text.includes(w));
}

/** The rule's pattern and conditions on a line whose needle it holds. */
function tryRule(rule: CompiledRule, text: string, record: LogRecord | null, paths: WsPaths): Match | null {
  const { spec, regex } = rule;
  const match = regex.exec(text);
  if (match === null) return null;
  if (spec.recordContains !== undefined && (record === null || !holds(recordText(record), spec.recordContains))) return null;
  if (spec.wsPathOnly) {
    const path = captured(match, rule.slots.path);
    if (path === undefined || !paths.has(path)) return null;
  }
  return { rule, match };
}

function firstMatch(rules: readonly CompiledRule[], text: string, record: LogRecord | null, paths: WsPaths): Match | null {
  for (const rule of rules) {
    if (!hasNeedle(rule, text)) continue;
    const hit = tryRule(rule, text, record, paths);
    if (hit !== null) return hit;
  }
  return null;
}

/** What an exception rule makes of an exception line it matched. */
export interface Explanation {
  readonly rule: CompiledRule;
  readonly role: Role;
  readonly cause: Cause | null;
  readonly status: number | null;
  readonly detail: string | null;
}

/** The first of the exception rules that explains the exception line, and what it says. */
export function explainException(rules: readonly CompiledRule[], line: string, paths: WsPaths): Explanation | null {
  const m = firstMatch(rules, line, null, paths);
  if (m === null) return null;
  const { rule, match } = m;
  const statusText = captured(match, rule.slots.status);
  const status = statusText === undefined ? null : Number(statusText);
  return { rule, ...outcome(rule, status), status, detail: utf8(captured(match, rule.slots.detail)) };
}

/** The exception rule that explains a traceback or stack trace, trying the root exception first. */
function explainTraceback(catalogue: Catalogue, head: CompiledRule, record: LogRecord, paths: WsPaths): Explanation | null {
  const rules = catalogue.explainers.get(head.spec.id) ?? catalogue.exception;
  if (rules.length === 0) return null;
  for (const line of exceptionLines(record)) {
    const explained = explainException(rules, line, paths);
    if (explained !== null) return explained;
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
 * Where the rule probe stopped on the last line it said yes to: the first rule to try, found by
 * the same tests `matchHead` makes first. With the same routes known, the classifier starts there.
 */
interface ProbeMark {
  text: string | null;
  at: number;
  key: number;
  index: number;
  routes: number;
}

/** How many line searches matchHead has begun: each one's number marks the rules it sets aside. */
let searches = 0;

/**
 * The first head rule that matches the line. Rules are tried by the keys the line holds, from
 * its start: a line whose first key leads to a match costs one search. A key inside an earlier
 * match is still found (the search resumes one character on). Each rule runs at most once.
 */
function matchHead(catalogue: Catalogue, text: string, record: LogRecord, paths: WsPaths, mark: ProbeMark): Match | null {
  const { scanner, filed: filedByKey } = catalogue;
  let routeSeen: boolean | undefined;
  // A rule that failed on this line fails again: a line holding its needle all along (1 MB of
  // "connection failed") would otherwise run its pattern once per needle. On a long line, a rule
  // whose needle it lacks is set aside too, and so is a key whose every rule is: a line of one
  // key over and over would otherwise look at each of its rules at every one.
  // A rule set aside carries this search's number: a set per search was garbage, and clearing
  // one, even empty, is a call into the runtime that makes a new table.
  const search = ++searches;
  let present: Set<CompiledRule> | undefined;
  let spent: Set<number> | undefined;
  const long = text.length > LONG_LINE;
  const resume = mark.text === text && mark.routes === paths.known;
  let at = resume ? mark.at : scanner.find(text);
  let key = resume ? mark.key : scanner.lastKey;
  for (let first = resume ? mark.index : 0; at !== -1; at = scanner.find(text, at + 1), key = scanner.lastKey, first = 0) {
    if (spent?.has(key)) continue;
    const filedHere = filedByKey[key]!;
    // Rules before `first` were passed over here by the probe: they may still match elsewhere.
    let open = first > 0;
    for (let i = first; i < filedHere.length; i++) {
      const filed = filedHere[i]!;
      const { rule } = filed;
      if (rule.setAside === search) continue;
      const idle = filed.wsPathOnly && !(routeSeen ??= paths.mayBeIn(text));
      if (long && !idle && !present?.has(rule)) {
        if (hasNeedle(rule, text)) (present ??= new Set()).add(rule);
        else rule.setAside = search;
      }
      if (idle || rule.setAside === search) {
        if (long) rule.setAside = search;
        continue;
      }
      if (!needleAt(filed, text, at)) {
        open = true;
        continue;
      }
      const hit = rule.reader === undefined ? tryRule(rule, text, record, paths) : readThrough(catalogue, rule.reader.read(text), record, paths);
      if (hit !== null) return hit;
      rule.setAside = search;
    }
    if (long && !open) (spent ??= new Set()).add(key);
  }
  return null;
}

/** The probe's mark for canonical lines: never resumed, since the probe never sees them. */
const CANONICAL_MARK: ProbeMark = { text: null, at: -1, key: -1, index: 0, routes: -1 };
/** Set while a canonical line is judged: its readers do not read it again. */
let reading = false;

/** The access rules' verdict on the fields a format reader read, as their canonical line. */
function readThrough(catalogue: Catalogue, fields: AccessFields | null, record: LogRecord, paths: WsPaths): Match | null {
  if (fields === null || reading) return null;
  reading = true;
  try {
    const m = matchHead(catalogue, canonicalLine(fields), record, paths, CANONICAL_MARK);
    return m === null ? null : { ...m, fields };
  } finally {
    reading = false;
  }
}

/** The texts of a structured line (JSON or logfmt) a rule may recognise, and the fields it names. */
interface Structured {
  readonly texts: readonly string[];
  readonly ip: string | null;
  readonly port: number | null;
  readonly time: string | null;
}

/**
 * Whether some head rule would run its pattern on the line, as `matchHead` decides it: a needle
 * of the rule around one of the line's keys, and for a rule of WebSocket routes only, a known
 * route in the line. A line for which this is false is no failure and teaches nothing.
 */
export function createRuleProbe(catalogue: Catalogue, paths: WsPaths): RuleProbe {
  return createMatcher(catalogue, paths).probe;
}

/**
 * `keys`: the line's keys as KeyLines found them (where each starts, which key), when the caller
 * has them: the line is then not searched again.
 */
export type RuleProbe = (text: string, keys?: LineKeys) => boolean;

function probeWith(catalogue: Catalogue, paths: WsPaths, mark: ProbeMark): RuleProbe {
  const { scanner, filed: filedByKey } = catalogue;
  let routeSeen: boolean | undefined;
  /** Whether a rule filed under the key at `at` has its needle there; the mark is set when so. */
  const leadsToRule = (text: string, at: number, key: number): boolean => {
    const filedHere = filedByKey[key]!;
    for (let i = 0; i < filedHere.length; i++) {
      const filed = filedHere[i]!;
      if (filed.wsPathOnly && !(routeSeen ??= paths.mayBeIn(text))) continue;
      if (!needleAt(filed, text, at)) continue;
      mark.text = text;
      mark.at = at;
      mark.key = key;
      mark.index = i;
      mark.routes = paths.known;
      return true;
    }
    return false;
  };
  return (text, keys) => {
    routeSeen = undefined;
    if (keys !== undefined) {
      for (let i = keys.first; i < keys.end; i++) if (leadsToRule(text, keys.at[i]! - keys.lineStart, keys.key[i]!)) return true;
      return false;
    }
    for (let at = scanner.find(text); at !== -1; at = scanner.find(text, at + 1)) if (leadsToRule(text, at, scanner.lastKey)) return true;
    return false;
  };
}

/** The classifier and the rule probe over one catalogue and one set of routes, the classifier resuming where the probe stopped. */
export function createMatcher(catalogue: Catalogue, paths: WsPaths): { readonly classify: Classifier; readonly probe: RuleProbe } {
  const mark: ProbeMark = { text: null, at: -1, key: -1, index: 0, routes: -1 };
  return { classify: classifierWith(catalogue, paths, mark), probe: probeWith(catalogue, paths, mark) };
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
  return createMatcher(catalogue, paths).classify;
}

function classifierWith(catalogue: Catalogue, paths: WsPaths, mark: ProbeMark): Classifier {
  return (record) => {
    const head = record.lines[0]!;
    if (head.overlong) return null;
    let m = matchHead(catalogue, head.text, record, paths, mark);
    let structured: Structured | null = null;
    if (m === null) {
      // A structured line no rule takes as it is: a JSON access line by its fields, else its
      // error and message fields (JSON or logfmt) are tried.
      const object = jsonObject(head.text);
      if (object !== null) m = readThrough(catalogue, readJsonAccess(object), record, paths);
      structured = m !== null ? null : object !== null ? structuredOf(object) : (readLogfmt(head.text) ?? structuredOf(trailingJsonObject(head.text) ?? {}));
      for (const text of structured?.texts ?? []) if ((m = matchHead(catalogue, text, record, paths, mark)) !== null) break;
    }
    if (m === null) return null;
    const { rule, match, fields } = m;
    const { spec, slots } = rule;
    const statusText = captured(match, slots.status);
    const headStatus = statusText === undefined ? null : Number(statusText);
    let { role, cause } = outcome(rule, headStatus);
    let decidedBy = rule;
    let detail = utf8(captured(match, slots.detail));
    let status = headStatus;
    let explained: Explanation | null = null;
    if (spec.traceback && role === 'failure') {
      explained = explainTraceback(catalogue, rule, record, paths);
      if (explained !== null) {
        ({ role, cause } = explained);
        decidedBy = explained.rule;
        detail = explained.detail ?? detail;
        status ??= explained.status;
      }
    }
    // The lines of the record the rule owns: its first and the continuation shapes it takes. The
    // rest (an application's output, another crash's dump) is judged as a record of its own.
    const lines = record.lines.length === 1 ? 1 : ownedLines(record, rule.owns);
    if (explained === null && spec.traceback && spec.owns === undefined && role === 'failure' && cause !== 'server-error' && lines > 1) {
      // A trace no exception rule explains is another exception's (unless the rule says its
      // traces are its own whatever they say): the server's error, kept.
      const exception = exceptionLines({ lines: record.lines.slice(0, lines) })[0];
      if (exception !== undefined) {
        cause = 'server-error';
        detail = utf8(exception);
      }
    }
    const path = captured(match, slots.path);
    if (spec.learnsPath && path !== undefined) paths.learn(path, role === 'success');
    const port = fields === undefined ? captured(match, slots.port) : undefined;
    const time = fields === undefined ? captured(match, slots.time) : (fields.time ?? undefined);
    const header = captured(match, slots.header);
    let ip = fields?.ip ?? normalizeIp(captured(match, slots.ip)) ?? structured?.ip ?? null;
    let found: FoundAddress | null = null;
    // Only a failure's own record: the records of a conversation are many, and its event takes the failure's.
    if (role === 'failure' && ip === null && structured === null && fields === undefined && spec.noAddress !== true && head.text.charCodeAt(0) !== 0x7b) {
      // The pattern took no address: it may be where the application wrote it, outside the message.
      const message = captured(match, slots.detail);
      const at = message === undefined ? -1 : head.text.indexOf(message);
      found = findAddress(head.text, at === -1 ? null : [at, at + message!.length]);
      ip = found?.ip ?? null;
    }
    // A JSON line a rule read as it is: its logger's own fields may name the time and the address.
    const own = structured === null && head.text.charCodeAt(0) === 0x7b && (time === undefined || ip === null) ? structuredOf(jsonObject(head.text) ?? {}) : null;
    const jsonTime = time === undefined ? own?.time : undefined;
    if (ip === null && own !== null && own.ip !== null) ip = own.ip;
    const ownPort = port === undefined && own !== null && own.ip === ip ? own.port : null;
    return {
      role,
      rule: decidedBy.spec.id,
      head: spec.id,
      stack: fields === undefined ? rule.stack : (fields.server ?? SHARED_SHAPE),
      cause,
      key: connectionKey(head.envelope?.source ?? null, rule.stack, captured(match, slots.conn)),
      complete: spec.complete === true,
      claims: spec.claims ?? NO_CLAIMS,
      status,
      ip,
      port: fields !== undefined ? fields.port : port === undefined || port === '0' ? (structured?.port ?? found?.port ?? ownPort ?? null) : Number(port),
      detail,
      time: time ?? structured?.time ?? jsonTime ?? head.envelope?.time ?? leadingTime(head.text) ?? null,
      path: path ?? null,
      requestLine: spec.request === 'line',
      lines,
      requestHeader: spec.request === 'header' && header !== undefined ? { name: header.toLowerCase(), value: (captured(match, slots.value) ?? '').toLowerCase() } : null,
    };
  };
}
