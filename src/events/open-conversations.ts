/** Past this many, conversations are also found through a Map. */
const LIST_MAX = 16;

/**
 * The conversations open, by key, in the order they opened. A few at most are open on most
 * logs: a short list then, which changes with no allocation, where a Map reallocates its table
 * each time it fills or empties (on the benchmark's log, a tenth of all page faults). Many open
 * at once (an interleaved debug log) are found through a Map too, so a lookup stays cheap.
 */
export class OpenConversations<C extends { readonly key: string }> {
  private readonly list: C[] = [];
  private byKey: Map<string, C> | null = null;

  get size(): number {
    return this.list.length;
  }

  get(key: string): C | undefined {
    if (this.byKey !== null) return this.byKey.get(key);
    const { list } = this;
    for (let i = 0; i < list.length; i++) if (list[i]!.key === key) return list[i];
    return undefined;
  }

  /** Opens `c` under its key, in place of the one open under it before. */
  add(c: C): void {
    const before = this.get(c.key);
    if (before !== undefined) this.list[this.list.indexOf(before)] = c;
    else this.list.push(c);
    if (this.byKey !== null) this.byKey.set(c.key, c);
    else if (this.list.length > LIST_MAX) this.byKey = new Map(this.list.map((o) => [o.key, o]));
  }

  /** Closes `c` if it is the one open under its key. */
  remove(c: C): void {
    if (this.get(c.key) !== c) return;
    this.list.splice(this.list.indexOf(c), 1);
    if (this.byKey === null) return;
    this.byKey.delete(c.key);
    if (this.list.length === 0) this.byKey = null;
  }

  /** Calls `visit` on each, oldest first; `visit` may remove the one it is given. */
  forEach(visit: (c: C) => void): void {
    const { list } = this;
    for (let i = 0; i < list.length; ) {
      const c = list[i]!;
      visit(c);
      if (list[i] === c) i++;
    }
  }

  /** The oldest for which `test(c, a, b)` holds. */
  find<A, B>(test: (c: C, a: A, b: B) => boolean, a: A, b: B): C | null {
    const { list } = this;
    for (let i = 0; i < list.length; i++) if (test(list[i]!, a, b)) return list[i]!;
    return null;
  }
}
