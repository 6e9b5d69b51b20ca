import type { Readable, Writable } from 'node:stream';
import type { RunOptions } from '../options.js';
import type { StackRules } from '../rules/rule.js';
import type { ClientResolver } from '../events/group-events.js';
import type { ProxyIndex } from '../events/proxy-join.js';
import { STDIN_NAME } from './read-input.js';
import { looksLikeProxyLog, readProxyLogs } from './proxy-log.js';
import { fileHead } from './file-head.js';
import { fileTimeSpan, pairedSet, proxySetOf, ProxyMoments, sharedMs, type TimeSpan } from './proxy-pairs.js';
import type { ProxyRequest } from '../events/proxy-join.js';
import { logTimeMs } from '../classify/time.js';
import { WsnoiseError, errorLine } from '../errors.js';

export interface ProxyClients {
  /** The client behind the proxy for a failure of `file`, or null where no proxy's log is joined to it. */
  readonly clientFor: (file: string) => ClientResolver | null;
  /** Whether a proxy's log could not be read (said on stderr). */
  readonly unreadable: boolean;
  /** After the run: the line that says which failures were not joined as several proxies' logs fit them, or null. */
  readonly notice: () => string | null;
}

interface ProxySet {
  readonly paths: readonly string[];
  readonly index: ProxyIndex;
  readonly moments: ProxyMoments;
  readonly span: TimeSpan;
}

/**
 * Proxies' access logs, read before the run: those named with --proxy-log, for every other input,
 * and those among the inputs (when other inputs are read with them), each proxy's (one file or
 * one rotated set) for the inputs whose time span overlaps its failures'. An input that overlaps
 * several is joined failure by failure: to the proxy's log with the nearest line that fits the
 * failure, of those equally near the one whose span shares the most of the input's, and to none
 * when that still leaves several. A failure whose lines have no client address (or the proxy's)
 * gets the client's.
 */
export async function proxyClients(options: RunOptions, stacks: readonly StackRules[], files: readonly string[], io: { stdin: Readable; stderr: Writable }, now: number): Promise<ProxyClients> {
  const among = options.follow || files.length < 2 ? [] : files.filter((f) => f !== STDIN_NAME && looksLikeProxyLog(fileHead(f, 20).find((l) => l !== '') ?? ''));
  const apps = files.filter((f) => !among.includes(f) && !options.proxyLogs.includes(f));
  let unreadable = false;
  const read = async (paths: readonly string[], moments?: ProxyMoments): Promise<ProxyIndex | null> => {
    try {
      return await readProxyLogs(paths, () => io.stdin, options.zone, moments && ((line) => moments.add(line)));
    } catch (error) {
      if (!(error instanceof WsnoiseError)) throw error;
      io.stderr.write(errorLine(error.message));
      unreadable = true;
      return null;
    }
  };
  const named = options.proxyLogs.length === 0 ? null : await read(options.proxyLogs);
  const sets: ProxySet[] = [];
  if (apps.length > 0) {
    const bySet = new Map<string, string[]>();
    for (const f of among) bySet.set(proxySetOf(f), [...(bySet.get(proxySetOf(f)) ?? []), f]);
    for (const paths of bySet.values()) {
      const moments = new ProxyMoments();
      const index = await read(paths, moments);
      const span = index?.span();
      if (index && span) sets.push({ paths, index, moments, span });
    }
  }
  const proxyStacks = new Set(stacks.filter((s) => s.proxy === true).map((s) => s.stack));
  // Failures (by input) that lines of several proxies' logs fit: joined to none.
  const ambiguous = new Map<string, number>();
  const resolver = (file: string, span: TimeSpan, named: ProxyIndex | null, candidates: readonly ProxySet[]): ClientResolver => ({ stack, time, status, path }) => {
    if (proxyStacks.has(stack)) return null;
    const ms = logTimeMs(time, options.zone);
    if (ms === null) return null;
    const request = { ms, status, path };
    const client = named?.clientOf(request) ?? null;
    if (client !== null || candidates.length === 0) return client;
    if (candidates.length === 1) return candidates[0]!.index.clientOf(request);
    const chosen = nearest(request, span, candidates);
    if (chosen === 'several') ambiguous.set(file, (ambiguous.get(file) ?? 0) + 1);
    return chosen === null || chosen === 'several' ? null : chosen.index.clientOf(request);
  };
  const byFile = new Map<string, ClientResolver>();
  for (const file of apps) {
    const span = sets.length === 0 || file === STDIN_NAME ? { first: null, last: null } : fileTimeSpan(file, options.zone, now);
    const { overlapping } = pairedSet(span, sets);
    if (named !== null || overlapping.length > 0) byFile.set(file, resolver(file, span, named, overlapping));
  }
  // A file read that was not given as such (a rotated one, under --state) is joined to the named logs only.
  const namedOnly = named === null ? null : resolver('', { first: null, last: null }, named, []);
  const notice = (): string | null => {
    if (ambiguous.size === 0) return null;
    const names = [...ambiguous.keys()];
    const count = [...ambiguous.values()].reduce((a, b) => a + b, 0);
    const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
    return `wsnoise: ${count} failure${count === 1 ? '' : 's'} of ${names.slice(0, 3).join(', ')}${more} not joined to a proxy's access log, as lines of several proxies' logs among the inputs fit ${count === 1 ? 'it' : 'them'}; name the proxy's with --proxy-log\n`;
  };
  return { clientFor: (file) => byFile.get(file) ?? (among.includes(file) || options.proxyLogs.includes(file) ? null : namedOnly), unreadable, notice };
}

/** Of several proxies' logs, the one a failure of an input (of `span`) is joined to, 'several' when it cannot be told, null when none fits. */
function nearest(request: ProxyRequest, span: TimeSpan, candidates: readonly ProxySet[]): ProxySet | 'several' | null {
  let best: ProxySet[] = [];
  let bestDistance = Infinity;
  for (const set of candidates) {
    const d = set.moments.distance(request);
    if (d === null || d > bestDistance) continue;
    if (d < bestDistance) best = [];
    best.push(set);
    bestDistance = d;
  }
  if (best.length < 2) return best[0] ?? null;
  const shared = best.map((s) => sharedMs(span, s.span) ?? 0);
  const most = Math.max(...shared);
  const widest = best.filter((_, i) => shared[i] === most);
  return widest.length === 1 ? widest[0]! : 'several';
}
