import { isIP } from 'node:net';

/** A captured address made canonical: brackets and zone dropped, `::ffff:1.2.3.4` as IPv4. */
export function normalizeIp(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let ip = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  const zone = ip.indexOf('%');
  if (zone !== -1) ip = ip.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  const version = isIP(ip);
  if (version === 0) return null;
  return version === 6 ? ip.toLowerCase() : ip;
}
