import type { AccessFields } from './access-fields.js';
import type { LogFormatReader } from './log-format.js';
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

/** The common-log family (common, combined with any trailing fields, vhost first, a port after the client). */
export const BUILTIN_READERS: readonly AccessReader[] = split(
  'clf',
  ['" 101 ', '" 400 ', '" 426 ', '" 401 ', '" 403 ', '" 404 ', '" 405 ', '" 408 ', '" 499 ', '" 5'],
  readClfForRules,
);

/** The readers of a --log-format, tried before the built-in ones. */
export function readersOf(format: LogFormatReader): AccessReader[] {
  return split(format.id, format.needles, format.read);
}
