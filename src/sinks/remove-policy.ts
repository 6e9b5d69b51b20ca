import type { HandshakeEvent } from '../events/event.js';
import { CAUSE_IDS, GROUPS } from '../classify/causes.js';
import { UsageError } from '../errors.js';
import { didYouMean } from '../did-you-mean.js';

/** Which events `filter` removes: by default every one whose group is not `error`. */
export interface RemovePolicy {
  readonly keep: ReadonlySet<string>;
  /** When set, only these causes or groups are removed. */
  readonly drop: ReadonlySet<string> | null;
}

export function removes(policy: RemovePolicy, event: HandshakeEvent): boolean {
  const named = (set: ReadonlySet<string>): boolean => set.has(event.cause) || set.has(event.group);
  if (policy.drop !== null) return named(policy.drop);
  return event.group !== 'error' && !named(policy.keep);
}

/** `--keep noise,bad-key`: causes or groups, comma-separated, checked against the known ids. */
export function parseCauseList(flag: string, values: readonly string[]): Set<string> {
  const valid: readonly string[] = [...CAUSE_IDS, ...GROUPS];
  const out = new Set<string>();
  for (const item of values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '')) {
    if (!valid.includes(item)) {
      const hint = didYouMean(item, valid);
      throw new UsageError(`${flag}: unknown cause or group '${item}'${hint}; causes: ${CAUSE_IDS.join(', ')}; groups: ${GROUPS.join(', ')}`);
    }
    out.add(item);
  }
  return out;
}
