import type { AccessFields } from './access-fields.js';
import type { LogFormatReader } from './log-format.js';
import type { RuleSpec } from '../rules/rule.js';
import { readClfForRules } from './clf.js';

/**
 * A reader of access lines that the classifier tries where a line holds one of its needles and
 * no rule took it as it is: its fields go, as the canonical line, to the access rules.
 */
export interface AccessReader {
  readonly id: string;
  readonly needles: readonly string[];
  /** Only lines on a WebSocket route may be judged (the statuses that mean nothing elsewhere). */
  readonly wsRoutesOnly: boolean;
  readonly read: (text: string) => AccessFields | null;
}

/** Statuses judged on any route: a 101 teaches one, a 426 is one, a 400 may be a probe. */
const ANY_ROUTE = ['101', '400', '426'];

function split(id: string, needles: readonly string[], read: (text: string) => AccessFields | null): AccessReader[] {
  const anyRoute = needles.filter((n) => ANY_ROUTE.some((s) => n.includes(s)));
  const routes = needles.filter((n) => !anyRoute.includes(n));
  return [
    { id, needles: anyRoute, wsRoutesOnly: false, read },
    { id: `${id}-routes`, needles: routes, wsRoutesOnly: true, read },
  ].filter((r) => r.needles.length > 0);
}

/**
 * The common-log family (common, combined with any trailing fields, vhost first, a port after
 * the client), with the needles of the rules it feeds: those written against the combined line.
 */
function clfReaders(accessRules: readonly RuleSpec[]): AccessReader[] {
  const needles = (rules: readonly RuleSpec[]): string[] => rules.flatMap((r) => (typeof r.needle === 'string' ? [r.needle] : [...r.needle]));
  const anyRoute = new Set(needles(accessRules.filter((r) => r.wsPathOnly !== true)));
  const routes = new Set(needles(accessRules.filter((r) => r.wsPathOnly === true)).filter((n) => !anyRoute.has(n)));
  return [
    { id: 'clf', needles: [...anyRoute], wsRoutesOnly: false, read: readClfForRules },
    { id: 'clf-routes', needles: [...routes], wsRoutesOnly: true, read: readClfForRules },
  ].filter((r) => r.needles.length > 0);
}

/** Head rules written against the combined line, which every access reader's fields reach. */
function isAccessRule(rule: RuleSpec): boolean {
  return rule.pattern.startsWith('{CLF_HEAD}');
}

/** The built-in readers of a catalogue's rules: today, the common-log family's. */
export function builtinReaders(rules: readonly RuleSpec[]): AccessReader[] {
  return clfReaders(rules.filter(isAccessRule));
}

/** The readers of a --log-format, tried before the built-in ones. */
export function readersOf(format: LogFormatReader): AccessReader[] {
  return split(format.id, format.needles, format.read);
}
