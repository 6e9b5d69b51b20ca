import type { StackRules } from './rule.js';
import { UsageError } from '../errors.js';
import { didYouMean } from '../did-you-mean.js';

/** `--stack LIST`: only these stacks' rules (comma-separated, repeatable); none given: every stack. */
export function chooseStacks(all: readonly StackRules[], values: readonly string[]): readonly StackRules[] {
  const names = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (names.length === 0) return all;
  const known = all.map((s) => s.stack);
  for (const name of names) {
    if (!known.includes(name)) throw new UsageError(`--stack: unknown stack '${name}'${didYouMean(name, known)}; stacks: ${known.join(', ')}`);
  }
  return all.filter((s) => names.includes(s.stack));
}
