import { readClf } from './clf.js';
import { jsonObject, structuredOf, trailingJsonObject } from '../classify/structured.js';
import { readJsonAccess } from './json-access.js';
import { readLogfmt } from './logfmt.js';

/**
 * Line layouts told apart by their first characters, most specific first: what `records` and
 * `rules test` show a line to be. The rules match a message after any of them.
 */
const LAYOUTS: readonly (readonly [string, RegExp])[] = [
  ['nginx error log', /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[[a-z]{4,6}\] \d{1,10}#\d{1,10}: /],
  ['apache error log', /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d{1,6})? \d{4}\] \[[\w:]{1,40}\] /],
  ['haproxy', /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S{1,255} )?haproxy\[\d{1,10}\]: /],
  ['syslog', /^(?:<\d{1,3}>)?(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) (?!(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)\s)\S{1,255} [\w./-]{1,64}(?:\[\d{1,10}\])?: /],
  ['haproxy httplog', /^\S{1,64}:\d{1,5} \[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d(?:\.\d{1,6})?\] \S{1,255} \S{1,255}\/\S{1,255} /],
  ['tomcat juli', /^\d\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d\.\d{3} [A-Z]{4,7} \[/],
  ['go log', /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})? /],
  ['zap console', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)\t[A-Z]{4,6}\t/],
  ['log4j/logback', /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d[.,]\d{3}(?:Z|[+-]\d\d:?\d\d)? {1,2}(?:TRACE|DEBUG|INFO|WARN|ERROR|FATAL) {0,2}(?:\d{1,10} )?(?:---|\[)/],
  ['time level message', /^\[?\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[,.]\d{1,9})?(?:Z| ?[+-]\d\d:?\d\d)?\]? {1,4}(?:\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)\]?[ :]|[\w.]{1,80}[ :]{1,3}(?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\b)/],
  ['level first', /^(?:\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)\]?[: ]|[DIWEC], \[\d{4}-|\[[DIWE] \d{6} )/],
  ['iso time first', /^\[?\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/],
  ['time first', /^\[?\d\d:\d\d:\d\d(?:[.,]\d{1,9})?\]? /],
  ['microsoft console', /^(?:trce|dbug|info|warn|fail|crit): [\w.]{1,200}\[\d{1,10}\]$/],
];

const CLF_NAMES = { combined: 'combined access log', common: 'common access log', 'combined+fields': 'combined access log + fields', 'vhost-combined': 'vhost combined access log', 'custom-clf': 'common-log family (custom)' } as const;

/** What format a line is in, as far as its text tells; null when none is known. */
export function detectFormat(text: string): string | null {
  const c = text.charCodeAt(0);
  if (c === 0x7b) {
    const o = jsonObject(text);
    if (o === null) return null;
    const access = readJsonAccess(o);
    if (access !== null) return `JSON access log${access.server === undefined ? '' : ` (${access.server})`}`;
    return structuredOf(o) === null ? 'JSON' : 'JSON log';
  }
  const clf = readClf(text);
  if (clf !== null) return CLF_NAMES[clf.shape];
  for (const [name, shape] of LAYOUTS) if (shape.test(text)) return trailingJsonObject(text) === null ? name : `${name} + JSON fields`;
  if (readLogfmt(text) !== null) return 'logfmt';
  return null;
}
