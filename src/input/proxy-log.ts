import type { ProxyLine } from '../events/proxy-join.js';
import { ProxyIndex } from '../events/proxy-join.js';
import type { Readable } from 'node:stream';
import { fileSource, readInput } from './read-input.js';
import { LineSplitter } from '../records/split-lines.js';
import { logTimeMs } from '../classify/time.js';
import { normalizeIp } from '../classify/ip.js';
import { InputError, describeReadError } from '../errors.js';

/**
 * A proxy's access line: nginx's combined format (and any format that starts like it: the
 * client, `-`, the user, `[time]`, `"request"`, status). Only the proxy's own fields are read.
 */
const ACCESS = /^\[?([0-9A-Fa-f:.]{2,45})\]? - [^\n[]{0,200}\[(\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\] "(?:[A-Z]{1,20} ([^"\s]{1,4000}) HTTP\/\d\.\d|[^"\n]{0,8000})" (\d{3}) /;

/**
 * HAProxy's `option httplog` line: `ip:port [accept date with ms, no zone] frontend backend/server
 * timers status bytes … "request"`. Only the proxy's own fields are read.
 */
const HAPROXY = /^\[?([0-9A-Fa-f:.]{2,45}?)\]?:\d{1,5} \[(\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d(?:\.\d{1,9})?)\] \S{1,200} \S{1,200} [-\d/+]{1,80} (\d{3}) [^"\n]{0,400}"(?:[A-Z]{1,20} ([^"\s]{1,4000}) HTTP\/\d\.\d|[^"\n]{0,8000})"$/;

/**
 * The request a proxy's access line records (nginx's combined format, HAProxy's httplog); null for
 * any other line. Only failures (4xx, 5xx) are kept. A time without a zone is read in `zone`.
 */
export function proxyLine(text: string, zone = 'UTC'): ProxyLine | null {
  const m = ACCESS.exec(text);
  const h = m === null ? HAPROXY.exec(text) : null;
  const [ipText, time, path, statusText] = m !== null ? [m[1], m[2], m[3], m[4]] : h !== null ? [h[1], h[2], h[4], h[3]] : [];
  if (time === undefined) return null;
  const status = Number(statusText);
  const ip = normalizeIp(ipText);
  const ms = logTimeMs(time, zone);
  if (status < 400 || ip === null || ms === null) return null;
  return { ip, ms, status, path: path ?? null };
}

/** Whether a log is a proxy's access log, by its first line. */
export function looksLikeProxyLog(firstLine: string): boolean {
  return ACCESS.test(firstLine) || HAPROXY.test(firstLine);
}

/** Reads proxy access logs (plain or gzip) into an index, before the run reads its inputs. */
export async function readProxyLogs(paths: readonly string[], stdin: () => Readable, zone: string): Promise<ProxyIndex> {
  const index = new ProxyIndex();
  for (const path of paths) {
    const input = fileSource(path, stdin).open();
    const splitter = new LineSplitter(64 * 1024);
    try {
      for await (const chunk of readInput(input.chunks)) {
        for (const line of splitter.push(chunk)) addLine(index, line.text, zone);
      }
      for (const line of splitter.flush()) addLine(index, line.text, zone);
    } catch (error) {
      throw new InputError(path, describeReadError(error));
    } finally {
      input.close();
    }
  }
  return index;
}

function addLine(index: ProxyIndex, text: string, zone: string): void {
  const line = proxyLine(text, zone);
  if (line !== null) index.add(line);
}
