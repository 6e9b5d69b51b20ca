import type { StackRules } from './rule.js';
import { UsageError } from '../errors.js';
import { didYouMean } from '../did-you-mean.js';
import { STACK_IDS } from './stack-ids.js';

/** `--stack LIST`: stack ids (comma-separated, repeatable), checked; none given means every stack. */
export function parseStackList(values: readonly string[]): string[] {
  const names = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const known: readonly string[] = STACK_IDS;
  for (const name of names) {
    if (!known.includes(name)) throw new UsageError(`--stack: unknown stack '${name}'${didYouMean(name, known)}; stacks: ${known.join(', ')}`);
  }
  return names;
}

/**
 * The stacks named, or all of them when none is; with a stack named, also the other stacks' rules
 * for a shape it writes too (`sharedWith`: Tomcat's and Jetty's combined lines are read by
 * rules filed under nginx).
 */
export function chooseStacks(all: readonly StackRules[], names: readonly string[]): readonly StackRules[] {
  if (names.length === 0) return all;
  return all.flatMap((s) => {
    if (names.includes(s.stack)) return [s];
    const rules = s.rules.filter((r) => r.sharedWith?.some((n) => names.includes(n)) === true);
    return rules.length === 0 ? [] : [{ ...s, rules }];
  });
}
