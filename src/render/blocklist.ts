import { BlockList, isIP } from 'node:net';
import type { SummarySnapshot } from '../sinks/summary.js';
import { UsageError } from '../errors.js';
import { safeJson } from './escape.js';
import { LOCAL_NETWORKS } from '../classify/ip.js';
import { compareText } from '../text-order.js';

export const BLOCKLIST_FORMATS = ['plain', 'nginx', 'ipset', 'json'] as const;
export type BlocklistFormat = (typeof BLOCKLIST_FORMATS)[number];

export interface BlocklistOptions {
  readonly min: number;
  /** Causes or groups whose events count. */
  readonly causes: ReadonlySet<string>;
  readonly allow: readonly string[];
  /** Aggregate IPv6 sources per /64 (one client often holds a whole /64). */
  readonly v6PerPrefix: boolean;
  readonly format: BlocklistFormat;
}


/** `--allow CIDR`: `203.0.113.0/24`, `2001:db8::/32` or an address. */
export function parseCidr(text: string): [string, number, 'ipv4' | 'ipv6'] {
  const [address = '', bits] = text.split('/');
  const version = isIP(address);
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (version === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
    throw new UsageError(`--allow takes an address or CIDR such as 203.0.113.0/24 or 2001:db8::/32, not '${text}'`);
  }
  return [address, prefix, version === 4 ? 'ipv4' : 'ipv6'];
}

/** The /64 an IPv6 address is in, as `2001:db8:1:2::/64`. */
function prefix64(ip: string): string {
  const [head = '', tail = ''] = ip.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The sources' counted failures (a /64's added up with --v6-per-64), and the addresses never listed: local, or allowed. */
function tally(s: SummarySnapshot, o: BlocklistOptions): { counts: Map<string, number>; local: number; allowed: number; uncounted: number } {
  const local = new BlockList();
  for (const [address, bits, family] of LOCAL_NETWORKS) local.addSubnet(address, bits, family);
  const allowed = new BlockList();
  for (const [address, bits, family] of o.allow.map(parseCidr)) allowed.addSubnet(address, bits, family);
  const counts = new Map<string, number>();
  const never = { local: 0, allowed: 0, uncounted: 0 };
  for (const row of s.ips) {
    const family = isIP(row.key) === 4 ? 'ipv4' : 'ipv6';
    if (local.check(row.key, family)) never.local++;
    else if (allowed.check(row.key, family)) never.allowed++;
    if (local.check(row.key, family) || allowed.check(row.key, family)) continue;
    let n = 0;
    for (const [cause, count] of Object.entries(row.causes)) if (o.causes.has(cause) || o.causes.has(groupOf(s, cause))) n += count;
    if (n === 0) never.uncounted++;
    if (n === 0) continue;
    const source = family === 'ipv6' && o.v6PerPrefix ? prefix64(row.key) : row.key;
    counts.set(source, (counts.get(source) ?? 0) + n);
  }
  return { counts, ...never };
}

/** The sources over the threshold, never a local or allowed one; biggest first. */
export function blockedSources(s: SummarySnapshot, o: BlocklistOptions): { source: string; count: number }[] {
  return [...tally(s, o).counts]
    .filter(([, n]) => n >= o.min)
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .map(([source, count]) => ({ source, count }));
}

/** When no source is listed, the line on stderr that says why (an empty list is otherwise silent); null when some are. */
export function whyNoneListed(s: SummarySnapshot, o: BlocklistOptions): string | null {
  if (blockedSources(s, o).length > 0) return null;
  const { counts, local, allowed, uncounted } = tally(s, o);
  const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  const counted = [...o.causes].join(',');
  const parts = [s.total === 0 ? 'no handshake failures found' : `no source has ${o.min} or more failures of ${counted} (--min ${o.min})`];
  if (counts.size > 0) parts.push(`${plural(counts.size, 'source')} had fewer (at most ${Math.max(...counts.values())})`);
  if (uncounted > 0) parts.push(`${plural(uncounted, 'source')} had no failure of ${counted} (--cause)`);
  if (local > 0) parts.push(`${plural(local, 'loopback or private source')} ${local === 1 ? 'is' : 'are'} never listed`);
  if (allowed > 0) parts.push(`${plural(allowed, 'source')} allowed by --allow`);
  if (s.noIpCount > 0) parts.push(`${plural(s.noIpCount, 'failure')} named no address`);
  return `wsnoise: nothing listed: ${parts.join('; ')}\n`;
}

function groupOf(s: SummarySnapshot, cause: string): string {
  return s.causes.find((c) => c.cause === cause)?.group ?? '';
}

export function renderBlocklist(s: SummarySnapshot, o: BlocklistOptions): string {
  const sources = blockedSources(s, o);
  switch (o.format) {
    case 'plain':
      return sources.map((x) => `${x.source}\n`).join('');
    case 'nginx':
      return sources.map((x) => `deny ${x.source};\n`).join('');
    case 'json':
      return `${safeJson(sources)}\n`;
    case 'ipset': {
      const v4 = sources.filter((x) => isIP(x.source.split('/')[0]!) === 4);
      const v6 = sources.filter((x) => isIP(x.source.split('/')[0]!) === 6);
      return [
        'create wsnoise4 hash:net family inet -exist',
        'create wsnoise6 hash:net family inet6 -exist',
        ...v4.map((x) => `add wsnoise4 ${x.source} -exist`),
        ...v6.map((x) => `add wsnoise6 ${x.source} -exist`),
      ].join('\n') + '\n';
    }
  }
}
