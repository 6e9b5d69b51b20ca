import type { ProxyLine } from '../events/proxy-join.js';
import { ProxyIndex } from '../events/proxy-join.js';
import type { Readable } from 'node:stream';
import { fileSource, readInput } from './read-input.js';
import { LineSplitter } from '../records/split-lines.js';
import { logTimeMs } from '../classify/time.js';
import { normalizeIp } from '../classify/ip.js';
import { PROXY_SHAPES } from './proxy-shapes.js';
import { InputError, describeReadError } from '../errors.js';

/**
 * The request a proxy's access line records (see PROXY_SHAPES for the proxies); null for any other
 * line, and for one that names no client. Only failures (4xx, 5xx) are kept. A time without a
 * zone is read in `zone`.
 */
export function proxyLine(text: string, zone = 'UTC'): ProxyLine | null {
  for (const shape of PROXY_SHAPES) {
    const fields = shape.read(text);
    if (fields === null) continue;
    const ip = fields.status < 400 ? null : normalizeIp(fields.ip ?? undefined);
    const ms = ip === null ? null : logTimeMs(fields.time, zone);
    if (ip === null || ms === null) return null;
    return { ip, ms, stampMs: FRACTION.test(fields.time) ? 1 : 1000, status: fields.status, path: fields.path };
  }
  return null;
}

/** A time written with a fraction of a second: its stamp is as good as a millisecond. */
const FRACTION = /[.,]\d/;

/** Whether a log is a proxy's access log, by its first line. */
export function looksLikeProxyLog(firstLine: string): boolean {
  return PROXY_SHAPES.some((shape) => shape.read(firstLine) !== null);
}

/** Reads proxy access logs (plain or gzip) into an index, before the run reads its inputs; `also` sees each line kept. */
export async function readProxyLogs(paths: readonly string[], stdin: () => Readable, zone: string, also?: (line: ProxyLine) => void): Promise<ProxyIndex> {
  const index = new ProxyIndex();
  for (const path of paths) {
    const input = fileSource(path, stdin).open();
    const splitter = new LineSplitter(64 * 1024);
    try {
      for await (const chunk of readInput(input.chunks)) {
        for (const line of splitter.push(chunk)) addLine(index, line.text, zone, also);
      }
      for (const line of splitter.flush()) addLine(index, line.text, zone, also);
    } catch (error) {
      throw new InputError(path, describeReadError(error));
    } finally {
      input.close();
    }
  }
  return index;
}

function addLine(index: ProxyIndex, text: string, zone: string, also: ((line: ProxyLine) => void) | undefined): void {
  const line = proxyLine(text, zone);
  if (line === null) return;
  index.add(line);
  also?.(line);
}
