import { BlockList, isIP } from 'node:net';

/** A captured address made canonical: brackets and zone dropped, `::ffff:1.2.3.4` as IPv4. */
export function normalizeIp(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (isDottedQuad(raw)) return raw;
  let ip = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  const zone = ip.indexOf('%');
  if (zone !== -1) ip = ip.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  const version = isIP(ip);
  if (version === 0) return null;
  return version === 6 ? canonicalIpv6(ip) : ip;
}

/** `1.2.3.4` as written, each part 0–255 with no leading zero: already canonical (most addresses in most logs). */
function isDottedQuad(text: string): boolean {
  let parts = 0;
  for (let i = 0; i < text.length; ) {
    const start = i;
    let value = 0;
    for (; i < text.length; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
    }
    const length = i - start;
    if (length === 0 || length > 3 || value > 255 || (length > 1 && text.charCodeAt(start) === 48)) return false;
    parts++;
    if (i === text.length) break;
    if (text.charCodeAt(i) !== 46 || parts === 4) return false;
    i++;
    if (i === text.length) return false;
  }
  return parts === 4;
}

/**
 * One spelling per IPv6 address (RFC 5952): lower case, no leading zeros, the longest run of
 * zero groups as `::`. Java writes `0:0:0:0:0:0:0:1` where others write `::1`.
 */
function canonicalIpv6(ip: string): string {
  const lower = ip.toLowerCase();
  if (lower.includes('.')) return lower;
  const [head = '', tail] = lower.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const short = groups.map((g) => g.replace(/^0+(?=.)/, ''));
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && short[j] === '0') j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best === -1) return short.join(':');
  return `${short.slice(0, best).join(':')}::${short.slice(best + bestLength).join(':')}`;
}

/** Loopback, private, shared, link-local and unspecified networks: never a client's public address. */
export const LOCAL_NETWORKS: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
];

const local = new BlockList();
for (const [address, bits, family] of LOCAL_NETWORKS) local.addSubnet(address, bits, family);

/** A loopback or private address: what an application behind a proxy sees. */
export function isLocalAddress(ip: string): boolean {
  return local.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}
