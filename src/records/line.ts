import type { InputOrder } from './input-order.js';

/**
 * One input line, or one piece of a line longer than --max-line.
 * Its bytes are `chunk[start, end)`, terminator included, so kept lines are written back
 * exactly as read. `text` is the latin1 view of the content (no `\n`, no `\r`): one char per
 * byte, so offsets in it are byte offsets.
 */
export interface Line {
  readonly chunk: Buffer;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** 1-based line number within its file; every piece of an overlong line shares it. */
  readonly no: number;
  /** Longer than --max-line: written through untouched, never classified. */
  readonly overlong: boolean;
  /** Set when the line came in an envelope (syslog, journald, Docker, CRI …): `text` is then its payload. */
  readonly envelope?: {
    /** The service that wrote it, when the envelope says (a unit and pid, a dyno, a compose service). */
    readonly source: string | null;
    /** The envelope's time, for a payload without one. */
    readonly time: string | null;
    /** A later piece of a line split by the shipper (CRI `P`): its payload is in the first piece's text. */
    readonly joined: boolean;
    /** The input's order: records of interleaved services are written back line by line in it. */
    readonly order: InputOrder;
  };
}

export function lineEnding(line: Line): string {
  const { chunk, end } = line;
  if (end > line.start && chunk[end - 1] === 0x0a) {
    return end - 1 > line.start && chunk[end - 2] === 0x0d ? '\r\n' : '\n';
  }
  return '';
}

/** The line's bytes without its ending, decoded as UTF-8 (invalid bytes become U+FFFD). */
export function lineContentUtf8(line: Line): string {
  return line.chunk.toString('utf8', line.start, line.end - lineEnding(line).length);
}
