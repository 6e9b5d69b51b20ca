import type { AccessFields } from './access-fields.js';
import { accessFields } from './access-fields.js';

const IPV4 = '(?:\\d{1,3}\\.){3}\\d{1,3}';
const IPV6 = '[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{1,45}';
/**
 * The common-log family: an optional virtual host (Apache's vhost_combined), the client with or
 * without a port, ident, user, `[time]`, the quoted request, status, size, then anything: the
 * combined format's referer and agent, Docker's `"$http_x_forwarded_for"`, timing fields, or
 * nothing (the common format, with or without a trailing space). The request is read to its
 * closing quote: nginx escapes a quote in it as `\x22`, Apache as `\"`.
 */
const CLF = new RegExp(
  `^(?:([A-Za-z0-9][A-Za-z0-9.-]{0,252}(?::\\d{1,5})?) )?\\[?(${IPV4}|${IPV6})\\]?(?::(\\d{1,5}))? ([^\\s"]{1,200}) ([^\\s"]{1,200}|"[^"\\n]{0,200}") \\[([^\\]\\n]{1,64})\\] "([^"\\\\\\n]{0,8000}(?:\\\\[^\\n][^"\\\\\\n]{0,8000}){0,200})" (\\d{3}) (\\d{1,20}|-)((?: [^\\n]{0,16000})?)$`,
);
/** What the combined format has after the size: the quoted referer and agent, and no more. */
const COMBINED_TAIL = /^ "[^"\n]{0,8000}" "[^"\n]{0,8000}"$/;

const CLF_TIME = /^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}$/;

/** How a line of the family is laid out, for `records` and `rules test`. */
export type ClfShape = 'combined' | 'common' | 'combined+fields' | 'vhost-combined' | 'custom-clf';

export interface ClfLine {
  readonly shape: ClfShape;
  readonly fields: AccessFields;
}

/** A line of the common-log family read into fields, or null when it is none. */
export function readClf(text: string): ClfLine | null {
  const m = CLF.exec(text);
  if (m === null) return null;
  const [, vhost, ip, port, ident, , time, request, status, size, rest] = m;
  const read = accessFields(ip, port, time!, request!, status);
  const fields = read === null ? null : { ...read, bytes: size! };
  if (fields === null) return null;
  const tail = rest!;
  let shape: ClfShape;
  if (vhost !== undefined) shape = 'vhost-combined';
  else if (tail.trim() === '') shape = 'common';
  else if (COMBINED_TAIL.test(tail)) shape = port === undefined && ident === '-' && CLF_TIME.test(time!) ? 'combined' : 'custom-clf';
  else shape = tail.startsWith(' "') ? 'combined+fields' : 'custom-clf';
  return { shape, fields };
}

/**
 * The fields of a line the access rules did not already read as it is: a plain combined line
 * was judged as written, and reading it again would only judge it twice.
 */
export function readClfForRules(text: string): AccessFields | null {
  const line = readClf(text);
  return line === null || line.shape === 'combined' ? null : line.fields;
}
