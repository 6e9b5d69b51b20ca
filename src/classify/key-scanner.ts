/** The scanner's tables, plain typed arrays: a worker thread can be given them. */
export interface Automaton {
  readonly classOf: Uint8Array;
  readonly next: Int32Array;
  readonly width: number;
  readonly keyAt: Int32Array;
  readonly lengths: Int32Array;
}

/**
 * Finds the catalogue's keys in a line in one pass, whatever their number: an Aho-Corasick
 * automaton over the line's bytes. V8's regex engine tries each alternative of an alternation at
 * every position that could start one, so with the keys of a few dozen stacks an alternation
 * costs several times one pass. Keys never hold one another.
 *
 * Bytes that appear in no key share one class, so a state's row is as wide as the keys'
 * alphabet rather than 256: the table stays small enough to sit in the fastest caches.
 */
export class KeyScanner {
  /** The key found by the last `find`, as an index into `keys`. */
  lastKey = -1;

  /** A byte's class: 0 for bytes in no key. */
  private readonly classOf: Uint8Array;
  /** By state row (state × width) and class: the next row, or its bitwise complement (negative) when a key ends there. */
  private readonly next: Int32Array;
  /** The key that ends at a row (by row ÷ width). */
  private readonly keyAt: Int32Array;
  private readonly width: number;
  private readonly lengths: Int32Array;

  constructor(readonly keys: readonly string[]) {
    this.lengths = Int32Array.from(keys, (k) => k.length);

    const classOf = new Uint8Array(256);
    let width = 1;
    for (const k of keys) {
      for (let i = 0; i < k.length; i++) {
        const byte = k.charCodeAt(i);
        if (byte > 255 || byte === 0x0a) throw new Error(`key ${JSON.stringify(k)} is not latin1 without a line break`);
        if (classOf[byte] === 0) classOf[byte] = width++;
      }
    }
    if (width > 255) throw new Error('too many distinct bytes in the keys');
    // The trie, in a dense table (0: no edge yet, as no edge leads back to the root), with each
    // state's edges also listed, so that filling the table needs no pass over every class.
    const most = 1 + keys.reduce((n, k) => n + k.length, 0);
    const delta = new Int32Array(most * width);
    const keyAt = new Int32Array(most).fill(-1);
    const edges: number[][] = [[]];
    let states = 1;
    keys.forEach((k, index) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const c = classOf[k.charCodeAt(i)]!;
        const at = s * width + c;
        if (delta[at] === 0) {
          delta[at] = states;
          edges[s]!.push(c, states);
          edges.push([]);
          states++;
        }
        s = delta[at]!;
      }
      keyAt[s] = index;
    });
    // Failure links breadth first: a state's missing edges are its failure state's, whose row is
    // complete by then (it is nearer the root).
    const fail = new Int32Array(states);
    const queue = new Int32Array(states);
    let tail = 0;
    for (let head = -1; head < tail; head++) {
      const s = head < 0 ? 0 : queue[head]!;
      const f = fail[s]!;
      const own = edges[s]!;
      if (s !== 0) {
        if (keyAt[s]! < 0) keyAt[s] = keyAt[f]!;
        delta.copyWithin(s * width, f * width, f * width + width);
      }
      for (let e = 0; e < own.length; e += 2) {
        const c = own[e]!;
        const t = own[e + 1]!;
        fail[t] = s === 0 ? 0 : delta[f * width + c]!;
        delta[s * width + c] = t;
        queue[tail++] = t;
      }
    }
    const next = encodeRows(delta.subarray(0, states * width), keyAt, width);
    this.classOf = classOf;
    this.next = next;
    this.keyAt = keyAt.subarray(0, states);
    this.width = width;
  }

  /** Where the first key starting at or after `from` starts (the key in `lastKey`), or -1. */
  find(text: string, from = 0): number {
    const { next, classOf } = this;
    let row = 0;
    for (let i = from; i < text.length; i++) {
      // Text is latin1; a wider character (from a JSON escape) may only cause a false find, which needles rule out.
      row = next[row + classOf[text.charCodeAt(i) & 255]!]!;
      if (row < 0) {
        const k = this.keyAt[~row / this.width]!;
        this.lastKey = k;
        return i + 1 - this.lengths[k]!;
      }
    }
    return -1;
  }

  /**
   * Every key in the whole lines of `bytes[from, to)` (`from` at a line's start), in order: where
   * each starts into `hits`, which key it is into `keys`; returns how many. A line break leads
   * back to the start state, as no key holds one. (WasmKeyLines does the same about twice as
   * fast; this is for where it cannot run.)
   */
  keyLines(bytes: Uint8Array, from: number, to: number, hits: Int32Array, keys: Int32Array): number {
    const { next, classOf, width } = this;
    let n = 0;
    let row = 0;
    for (let i = from; i < to; i++) {
      const byte = bytes[i]!;
      if (byte === 0x0a) {
        row = 0;
        continue;
      }
      row = next[row + classOf[byte]!]!;
      if (row < 0) {
        row = ~row;
        const key = this.keyAt[row / width]!;
        hits[n] = i + 1 - this.lengths[key]!;
        keys[n++] = key;
      }
    }
    return n;
  }

  /** The automaton's tables, for a scanner that runs it elsewhere (WasmKeyLines). */
  get automaton(): Automaton {
    return { classOf: this.classOf, next: this.next, width: this.width, keyAt: this.keyAt, lengths: this.lengths };
  }
}

/** Int32 throughout: a flag in the sign, not in a 32nd bit that would make every row a double. */
function encodeRows(delta: Int32Array, keyAt: Int32Array, width: number): Int32Array {
  const next = new Int32Array(delta.length);
  for (let i = 0; i < next.length; i++) {
    const t = delta[i]!;
    next[i] = keyAt[t]! >= 0 ? ~(t * width) : t * width;
  }
  return next;
}
