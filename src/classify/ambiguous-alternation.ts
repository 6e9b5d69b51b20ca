import type { CharSet } from './char-set.js';
import { EMPTY, intersects, union } from './char-set.js';
import type { RegexNode } from './regex-tree.js';
import { parseRegex } from './regex-tree.js';

/**
 * The first group of alternatives, inside a repeat, whose branches may match the same text, as
 * `(a|ab)`; null when there is none. A backtracking engine tries every way of splitting the input
 * among such branches: `(a|a)*`, like `(a+)+`, takes 2^n steps on n a's and no match. Bounded
 * repeats count too, as they multiply: `((a|a){0,5}){0,5}` took 40 s on 24 characters.
 *
 * Conservative: two branches are taken to overlap unless the characters one may start with and
 * the other's differ, or the same holds at some position of their fixed-width starts
 * (`\x1b\[…m` and `\x1b\(B` part at their second character). A branch that may match nothing
 * overlaps whatever follows. Patterns that do not parse are left to `new RegExp` to report.
 */
export function ambiguousAlternation(pattern: string): string | null {
  let tree: RegexNode;
  try {
    tree = parseRegex(pattern);
  } catch {
    return null;
  }
  return find(tree, false);
}

function find(node: RegexNode, repeated: boolean): string | null {
  switch (node.kind) {
    case 'seq':
      for (const item of node.items) {
        const found = find(item, repeated);
        if (found !== null) return found;
      }
      return null;
    case 'repeat':
      return find(node.body, repeated || node.max > 1);
    case 'alt':
      if (repeated && node.branches.some((b, k) => node.branches.some((other, j) => j > k && mayOverlap(b, other)))) return node.text;
      for (const branch of node.branches) {
        const found = find(branch, repeated);
        if (found !== null) return found;
      }
      return null;
    default:
      return null;
  }
}

function mayOverlap(a: RegexNode, b: RegexNode): boolean {
  if (nullable(a) || nullable(b)) return true;
  if (!intersects(first(a), first(b))) return false;
  const pa = fixedStart(a).sets;
  const pb = fixedStart(b).sets;
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (!intersects(pa[i]!, pb[i]!)) return false;
  return true;
}

function nullable(node: RegexNode): boolean {
  switch (node.kind) {
    case 'char':
      return false;
    case 'empty':
      return true;
    case 'seq':
      return node.items.every(nullable);
    case 'alt':
      return node.branches.some(nullable);
    case 'repeat':
      return node.min === 0 || nullable(node.body);
  }
}

/** The characters a match may start with. */
function first(node: RegexNode): CharSet {
  switch (node.kind) {
    case 'char':
      return node.set;
    case 'empty':
      return EMPTY;
    case 'seq': {
      const sets: CharSet[] = [];
      for (const item of node.items) {
        sets.push(first(item));
        if (!nullable(item)) break;
      }
      return union(...sets);
    }
    case 'alt':
      return union(...node.branches.map(first));
    case 'repeat':
      return first(node.body);
  }
}

const MAX_START = 32;

/**
 * The sets of the characters every match has at positions 0, 1, …; `whole` when that is all of
 * every match (a fixed width), so what follows goes on from there.
 */
function fixedStart(node: RegexNode): { sets: CharSet[]; whole: boolean } {
  switch (node.kind) {
    case 'char':
      return { sets: [node.set], whole: true };
    case 'empty':
      return { sets: [], whole: true };
    case 'seq': {
      const sets: CharSet[] = [];
      for (const item of node.items) {
        const part = fixedStart(item);
        sets.push(...part.sets);
        if (!part.whole || sets.length >= MAX_START) return { sets, whole: false };
      }
      return { sets, whole: true };
    }
    case 'alt':
      return { sets: [], whole: false };
    case 'repeat': {
      const body = fixedStart(node.body);
      const sets: CharSet[] = [];
      for (let k = 0; k < node.min && sets.length < MAX_START; k++) {
        sets.push(...body.sets);
        if (!body.whole || body.sets.length === 0) break;
      }
      return { sets, whole: body.whole && node.min === node.max && sets.length < MAX_START };
    }
  }
}
