/**
 * A set of characters as a regex sees them: each of the 256 code units a latin1-read line can
 * hold, and one flag for everything above (kept whole, so sets above 255 always meet: conservative).
 */
export interface CharSet {
  readonly low: Uint32Array;
  readonly high: boolean;
}

export const EMPTY: CharSet = { low: new Uint32Array(8), high: false };

/** The characters from `from` to `to`, inclusive. */
export function charRange(from: number, to: number): CharSet {
  const low = new Uint32Array(8);
  for (let c = from; c <= Math.min(to, 255); c++) low[c >> 5]! |= 1 << (c & 31);
  return { low, high: to > 255 };
}

export function charOf(text: string): CharSet {
  const code = text.charCodeAt(0);
  return charRange(code, code);
}

export function union(...sets: readonly CharSet[]): CharSet {
  const low = new Uint32Array(8);
  for (const s of sets) for (let i = 0; i < 8; i++) low[i]! |= s.low[i]!;
  return { low, high: sets.some((s) => s.high) };
}

/** Everything not in `set`; above 255 there is always something left. */
export function negate(set: CharSet): CharSet {
  return { low: set.low.map((w) => ~w), high: true };
}

export function intersects(a: CharSet, b: CharSet): boolean {
  if (a.high && b.high) return true;
  for (let i = 0; i < 8; i++) if ((a.low[i]! & b.low[i]!) !== 0) return true;
  return false;
}

const DIGIT = charRange(0x30, 0x39);
const WORD = union(DIGIT, charRange(0x41, 0x5a), charRange(0x61, 0x7a), charOf('_'));
// \t \n \v \f \r, space, no-break space, and the Unicode spaces above 255.
const SPACE = union(charRange(9, 13), charOf(' '), charRange(0xa0, 0xa0), { low: EMPTY.low, high: true });

/** `\d \D \w \W \s \S` by their letter (without the `u` flag). */
export const CLASS_ESCAPES: Readonly<Record<string, CharSet>> = {
  d: DIGIT,
  D: negate(DIGIT),
  w: WORD,
  W: negate(WORD),
  s: SPACE,
  S: negate(SPACE),
};

/** `.`: anything but a line terminator. */
export const DOT = negate(union(charOf('\n'), charOf('\r')));
