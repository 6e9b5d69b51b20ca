/**
 * Finds the catalogue's keys in a line in one pass, whatever their number: an Aho-Corasick
 * automaton over the line's bytes. V8's regex engine tries each alternative of an alternation at
 * every position that could start one, so with the keys of a few dozen stacks an alternation
 * costs several times one pass. Keys never hold one another.
 */
export class KeyScanner {
  /** The key found by the last `find`, as an index into `keys`. */
  lastKey = -1;
  /** By state row (state × 256) and byte: the next row, or its bitwise complement (negative) when a key ends there. */
  private readonly next: Int32Array;
  /** The key that ends at a state. */
  private readonly keyAt: Int32Array;
  private readonly lengths: Int32Array;

  constructor(readonly keys: readonly string[]) {
    this.lengths = Int32Array.from(keys, (k) => k.length);
    // The trie, then the failure links breadth first: a missing transition is the failure state's.
    const goto: Map<number, number>[] = [new Map()];
    const keyAt = [-1];
    keys.forEach((k, index) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const byte = k.charCodeAt(i);
        if (byte > 255) throw new Error(`key ${JSON.stringify(k)} is not latin1`);
        let t = goto[s]!.get(byte);
        if (t === undefined) {
          goto[s]!.set(byte, (t = goto.length));
          goto.push(new Map());
          keyAt.push(-1);
        }
        s = t;
      }
      keyAt[s] = index;
    });
    const states = goto.length;
    const delta = new Uint32Array(states * 256);
    const fail = new Uint32Array(states);
    const queue: number[] = [];
    for (const [byte, t] of goto[0]!) {
      delta[byte] = t;
      queue.push(t);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      if (keyAt[s]! < 0) keyAt[s] = keyAt[fail[s]!]!;
      // The failure state's row, then this state's own transitions over it.
      delta.copyWithin(s * 256, fail[s]! * 256, fail[s]! * 256 + 256);
      for (const [byte, t] of goto[s]!) {
        fail[t] = delta[fail[s]! * 256 + byte]!;
        delta[s * 256 + byte] = t;
        queue.push(t);
      }
    }
    // Int32 throughout: a flag in the sign, not in a 32nd bit that would make every row a double.
    const rowOf = Int32Array.from(keyAt, (k, t) => (k >= 0 ? ~(t * 256) : t * 256));
    const next = new Int32Array(delta.length);
    for (let i = 0; i < delta.length; i++) next[i] = rowOf[delta[i]!]!;
    this.next = next;
    this.keyAt = Int32Array.from(keyAt);
  }

  /** Where the first key starting at or after `from` starts (the key in `lastKey`), or -1. */
  find(text: string, from = 0): number {
    const next = this.next;
    let row = 0;
    for (let i = from; i < text.length; i++) {
      // Text is latin1; a wider character (from a JSON escape) may only cause a false find, which needles rule out.
      row = next[row + (text.charCodeAt(i) & 255)]!;
      if (row < 0) {
        const k = this.keyAt[~row >> 8]!;
        this.lastKey = k;
        return i + 1 - this.lengths[k]!;
      }
    }
    return -1;
  }
}

