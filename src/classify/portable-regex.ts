import { ambiguousAlternation } from './ambiguous-alternation.js';
import { quantifierAt } from './regex-tree.js';

/**
 * Problems that keep a pattern out of the portable subset (what RE2, Go and Rust's regex also
 * accept, all in linear time), or that make it slow in a backtracking engine: lookaround,
 * backreferences, atomic or possessive groups, no `^` anchor, and a repeated group that holds an
 * unbounded quantifier, such as `(a+)+` or `(?:\w+\s?)*`, or alternatives that may match the same
 * text, such as `(a|a)*`.
 */
export function portabilityProblems(pattern: string): string[] {
  const problems: string[] = [];
  if (!pattern.startsWith('^')) problems.push('it is not anchored: start it with ^');
  if (/\(\?<?[=!]/.test(pattern)) problems.push('lookaround (?= (?! (?<= (?<! is not portable');
  if (/\\[1-9]|\\k</.test(pattern)) problems.push('backreferences are not portable');
  if (/\(\?>/.test(pattern)) problems.push('atomic groups are not portable');
  if (/[*+?}]\+/.test(stripClassesAndEscapes(pattern))) problems.push('possessive quantifiers are not portable');
  if (hasNestedUnboundedQuantifier(pattern)) {
    problems.push('a repeated group holds an unbounded quantifier (like (a+)+): it can backtrack for ever');
  }
  const alternatives = ambiguousAlternation(pattern);
  if (alternatives !== null) {
    problems.push(`a repeated group holds alternatives that may match the same text, ${alternatives} (like (a|a)*): it can backtrack for ever; make them start differently`);
  }
  return problems;
}

/** The pattern with escapes and character classes blanked, so only structure is left. */
function stripClassesAndEscapes(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += '__';
      i++;
    } else if (inClass) {
      out += '_';
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      out += '_';
    } else {
      out += c;
    }
  }
  return out;
}

function hasNestedUnboundedQuantifier(pattern: string): boolean {
  const s = stripClassesAndEscapes(pattern);
  const stack: boolean[] = [false];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '(') {
      stack.push(false);
      continue;
    }
    const q = quantifierAt(s, i);
    if (c === ')') {
      const innerUnbounded = stack.pop() ?? false;
      const after = quantifierAt(s, i + 1);
      if (after && after.max > 1 && innerUnbounded) return true;
      if (innerUnbounded || after?.max === Infinity) stack[stack.length - 1] = true;
      if (after) i += after.length;
      continue;
    }
    if (q?.max === Infinity) stack[stack.length - 1] = true;
    if (q) i += q.length - 1;
  }
  return false;
}
