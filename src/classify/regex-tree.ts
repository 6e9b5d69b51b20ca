import type { CharSet } from './char-set.js';
import { CLASS_ESCAPES, DOT, EMPTY, charOf, charRange, negate, union } from './char-set.js';

/**
 * A pattern's structure, as far as the checks on rules need it: one character (from a set),
 * something that matches no character (anchors, `\b`, lookaround), a sequence, alternatives
 * (with their group's text, for messages) and a repeat.
 */
export type RegexNode =
  | { readonly kind: 'char'; readonly set: CharSet }
  | { readonly kind: 'empty' }
  | { readonly kind: 'seq'; readonly items: readonly RegexNode[] }
  | { readonly kind: 'alt'; readonly branches: readonly RegexNode[]; readonly text: string }
  | { readonly kind: 'repeat'; readonly body: RegexNode; readonly min: number; readonly max: number };

const BOUNDS = /\{(\d+)(,(\d*))?\}/y;

/** The quantifier at `i` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, without a lazy `?`), or null. */
export function quantifierAt(s: string, i: number): { min: number; max: number; length: number } | null {
  const c = s[i];
  if (c === '*') return { min: 0, max: Infinity, length: 1 };
  if (c === '+') return { min: 1, max: Infinity, length: 1 };
  if (c === '?') return { min: 0, max: 1, length: 1 };
  if (c !== '{') return null;
  BOUNDS.lastIndex = i;
  const m = BOUNDS.exec(s);
  if (!m) return null;
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  return { min: Number(m[1]), max, length: m[0].length };
}

const NAMED: Readonly<Record<string, string>> = { t: '\t', n: '\n', v: '\v', f: '\f', r: '\r' };
const EMPTY_NODE: RegexNode = { kind: 'empty' };
const ANYTHING: RegexNode = { kind: 'repeat', body: { kind: 'char', set: DOT }, min: 0, max: Infinity };

/**
 * Parses a JavaScript pattern (no flags) into a RegexNode; throws on what is not a pattern, which
 * `new RegExp` then reports better.
 */
export function parseRegex(source: string): RegexNode {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError(`not a pattern at ${i}`);
  };

  /**
   * The escape whose backslash is at `i`: a character's code, a class (`\d`), or null for what
   * matches no character (`\b`, `\B`; in a class `\b` is a backspace). A backreference, refused
   * elsewhere, is read as "anything, any length".
   */
  const escape = (inClass: boolean): number | CharSet | null | RegexNode => {
    const c = source[++i] ?? fail();
    i++;
    const cls = CLASS_ESCAPES[c];
    if (cls !== undefined) return cls;
    if (c === 'b') return inClass ? 8 : null;
    if (c === 'B' && !inClass) return null;
    const hex = c === 'x' ? /^[0-9A-Fa-f]{2}/.exec(source.slice(i, i + 2)) : c === 'u' ? /^[0-9A-Fa-f]{4}/.exec(source.slice(i, i + 4)) : null;
    if (hex) {
      i += hex[0].length;
      return parseInt(hex[0], 16);
    }
    if (c === 'c' && (inClass ? /[\w]/ : /[A-Za-z]/).test(source[i] ?? '')) return source.charCodeAt(i++) % 32;
    if (c === '0' || (inClass && c >= '1' && c <= '7')) {
      // A legacy octal escape, `\0` or `\012` (and `[\1]` in a class).
      let digits = c;
      while (digits.length < 3 && /[0-7]/.test(source[i] ?? '') && parseInt(digits + source[i], 8) <= 255) digits += source[i++];
      return parseInt(digits, 8);
    }
    if (!inClass && (/[1-9]/.test(c) || (c === 'k' && source[i] === '<'))) {
      if (c === 'k') i = source.indexOf('>', i) + 1 || fail();
      return ANYTHING;
    }
    return (NAMED[c] ?? c).charCodeAt(0);
  };

  const charClass = (): RegexNode => {
    i++;
    const negated = source[i] === '^';
    if (negated) i++;
    const parts: CharSet[] = [];
    const one = (): number | CharSet => {
      if (source[i] !== '\\') return source.charCodeAt(i++);
      const e = escape(true);
      return e === null || isNode(e) ? EMPTY : e;
    };
    while (source[i] !== ']') {
      if (i >= source.length) fail();
      const from = one();
      if (source[i] === '-' && i + 1 < source.length && source[i + 1] !== ']') {
        i++;
        const to = one();
        // `a-z` is a range; `\d-z` is \d, '-' and z.
        parts.push(typeof from === 'number' && typeof to === 'number' ? charRange(from, to) : union(setOf(from), charOf('-'), setOf(to)));
      } else {
        parts.push(setOf(from));
      }
    }
    i++;
    const set = union(...parts);
    return { kind: 'char', set: negated ? negate(set) : set };
  };

  const group = (): RegexNode => {
    const start = i++;
    let lookaround = false;
    if (source.startsWith('?:', i)) i += 2;
    else if (/^\?<?[=!]/.test(source.slice(i, i + 3))) {
      lookaround = true;
      i += source[i + 1] === '<' ? 3 : 2;
    } else if (source.startsWith('?<', i)) i = source.indexOf('>', i) + 1 || fail();
    const inner = alternatives(start);
    if (source[i++] !== ')') fail();
    return lookaround ? EMPTY_NODE : inner;
  };

  const atom = (): RegexNode => {
    const c = source[i]!;
    if (c === '(') return group();
    if (c === '[') return charClass();
    if (c === '\\') {
      const e = escape(false);
      return e === null ? EMPTY_NODE : isNode(e) ? e : { kind: 'char', set: setOf(e) };
    }
    i++;
    if (c === '^' || c === '$') return EMPTY_NODE;
    return { kind: 'char', set: c === '.' ? DOT : charOf(c) };
  };

  const sequence = (): RegexNode => {
    const items: RegexNode[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      let node = atom();
      const q = quantifierAt(source, i);
      if (q) {
        i += q.length;
        if (source[i] === '?') i++;
        node = { kind: 'repeat', body: node, min: q.min, max: q.max };
      }
      items.push(node);
    }
    return items.length === 1 ? items[0]! : { kind: 'seq', items };
  };

  /** Alternatives up to the group's `)`; `start` is where the group opened, for its text. */
  const alternatives = (start: number): RegexNode => {
    const branches = [sequence()];
    while (source[i] === '|') {
      i++;
      branches.push(sequence());
    }
    if (branches.length === 1) return branches[0]!;
    const end = source[i] === ')' ? i + 1 : i;
    return { kind: 'alt', branches, text: source.slice(start, end) };
  };

  const tree = alternatives(0);
  if (i < source.length) fail();
  return tree;
}

function isNode(x: number | CharSet | RegexNode): x is RegexNode {
  return typeof x === 'object' && 'kind' in x;
}

function setOf(x: number | CharSet): CharSet {
  return typeof x === 'number' ? charRange(x, x) : x;
}
