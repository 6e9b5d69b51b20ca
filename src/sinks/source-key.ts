import { detach } from '../detach.js';

/**
 * A source address as a key of the summary's tables: a canonical IPv4 address as its 32 bits
 * (a small integer: no text to hash, compare or keep), any other address as its text.
 */
export type SourceKey = number | string;

/** The key to look an address up by (its text is not copied: see keptKey). */
export function sourceKey(ip: string): SourceKey {
  const n = ip.length;
  if (n < 7 || n > 15) return ip;
  let bits = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = ip.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || dots === 3) return ip;
      bits = bits * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
      continue;
    }
    const d = c - 0x30;
    // A leading zero would not come back as written.
    if (d < 0 || d > 9 || (digits > 0 && octet === 0)) return ip;
    octet = octet * 10 + d;
    if (octet > 255) return ip;
    digits++;
  }
  if (dots !== 3 || digits === 0) return ip;
  // As a signed 32-bit number, which V8 keeps without a box.
  return (bits * 256 + octet) | 0;
}

/** The key to keep in a table: text is copied off the log line it was cut from. */
export function keptKey(key: SourceKey): SourceKey {
  return typeof key === 'number' ? key : detach(key);
}

/** The address as it was written. */
export function sourceText(key: SourceKey): string {
  if (typeof key === 'string') return key;
  return `${key >>> 24}.${(key >>> 16) & 255}.${(key >>> 8) & 255}.${key & 255}`;
}
