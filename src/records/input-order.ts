/**
 * Where a writer is in one input whose records may interleave (services assembled apart): the
 * next line number to write, and what has been decided for later lines. Shared by the lines of
 * that input; only writers that put lines back in input order read it.
 */
export interface InputOrder {
  next: number | undefined;
  waiting: Map<number, Placed[]> | null;
}

/** What to write for a line (nothing, when it is removed), and whether the line ends here (the last piece of an overlong line). */
export interface Placed {
  readonly bytes: Buffer | null;
  readonly ends: boolean;
}

export function newInputOrder(): InputOrder {
  return { next: undefined, waiting: null };
}

/**
 * Places what was decided for line `no` and returns what may be written now, in input order:
 * lines wait for every earlier line of their input to be decided.
 */
export function place(order: InputOrder, no: number, placed: Placed): Buffer[] {
  order.next ??= no;
  if (order.waiting === null && no === order.next) {
    if (placed.ends) order.next++;
    return placed.bytes === null ? [] : [placed.bytes];
  }
  const waiting = (order.waiting ??= new Map<number, Placed[]>());
  const list = waiting.get(no);
  if (list === undefined) waiting.set(no, [placed]);
  else list.push(placed);
  const out: Buffer[] = [];
  for (let here = waiting.get(order.next); here !== undefined; here = waiting.get(order.next)) {
    waiting.delete(order.next);
    for (const p of here) if (p.bytes !== null) out.push(p.bytes);
    if (!here.some((p) => p.ends)) break;
    order.next++;
  }
  if (waiting.size === 0) order.waiting = null;
  return out;
}
