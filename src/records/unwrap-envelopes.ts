import type { Line } from './line.js';
import type { EnvelopeId, Unwrapped } from './envelope.js';
import { detectEnvelope, unwrap } from './envelope.js';
import { newInputOrder } from './input-order.js';

/** Pieces of one split line joined at most; past that they are read one by one. */
const MAX_PIECES = 256;

interface Piece {
  readonly line: Line;
  readonly unwrapped: Unwrapped;
}

/**
 * Between lines and records: unwraps each line of an input whose first line came in an
 * envelope, and joins the pieces of a line a shipper split (CRI `P`, Docker json-file without
 * `\n`) into the first piece's text. Pure (the time of day is passed in, for syslog's missing
 * year); order is kept: pieces of another stream in between end the joining.
 */
export class EnvelopeReader {
  private envelope: EnvelopeId | null | undefined;
  private pieces: Piece[] = [];
  private readonly order = newInputOrder();

  constructor(private readonly now: number) {}

  /** The input is a bare log: lines pass as they are. */
  get bare(): boolean {
    return this.envelope === null;
  }

  /** The input's lines come in an envelope. */
  get wrapped(): boolean {
    return this.envelope !== null && this.envelope !== undefined;
  }

  /** Pieces wait for the rest of their line. */
  get pending(): boolean {
    return this.pieces.length > 0;
  }

  push(line: Line): Line[] {
    if (this.envelope === undefined) {
      if (line.text === '' || line.overlong) return [line];
      this.envelope = detectEnvelope(line.text, this.now);
    }
    if (this.envelope === null) return [line];
    if (line.overlong) return [...this.flush(), this.inOrder(line)];
    const unwrapped = unwrap(this.envelope, line.text, this.now);
    const out = this.pieces.length > 0 && (unwrapped === null || unwrapped.stream !== this.pieces[0]!.unwrapped.stream) ? this.flush() : [];
    if (unwrapped === null) {
      out.push(this.inOrder(line));
      return out;
    }
    if (unwrapped.partial && this.pieces.length < MAX_PIECES) {
      this.pieces.push({ line, unwrapped });
      return out;
    }
    if (this.pieces.length === 0) {
      out.push(this.opened(line, unwrapped, unwrapped.payload));
      return out;
    }
    this.pieces.push({ line, unwrapped });
    const [first, ...rest] = this.pieces;
    this.pieces = [];
    out.push(this.opened(first!.line, first!.unwrapped, [first!, ...rest].map((p) => p.unwrapped.payload).join('')));
    for (const p of rest) out.push({ ...p.line, text: '', envelope: { source: p.unwrapped.source, time: p.unwrapped.time, joined: true, order: this.order } });
    return out;
  }

  /** Silence or end of input: pieces still waiting for the rest of their line go as they are. */
  flush(): Line[] {
    const out = this.pieces.map((p) => this.opened(p.line, p.unwrapped, p.unwrapped.payload));
    this.pieces = [];
    return out;
  }

  private opened(line: Line, u: Unwrapped, payload: string): Line {
    return { ...line, text: payload, envelope: { source: u.source, time: u.time, joined: false, order: this.order } };
  }

  /** A line of a wrapped input that is not in the envelope (or too long to read): as it is, in the input's order. */
  private inOrder(line: Line): Line {
    return { ...line, envelope: { source: null, time: null, joined: false, order: this.order } };
  }
}
