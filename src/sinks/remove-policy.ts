import type { HandshakeEvent } from '../events/event.js';
import { CAUSE_IDS, GROUPS, type Group } from '../classify/causes.js';
import { UsageError } from '../errors.js';
import { didYouMean } from '../did-you-mean.js';

/**
 * Which events `filter` removes: by default the noise and the policy refusals. A misconfiguration
 * (a proxy that drops the upgrade, clients and server without a common version or subprotocol)
 * breaks real clients, and an error is the server's: both are kept unless named with --drop.
 */
export interface RemovePolicy {
  readonly keep: ReadonlySet<string>;
  /** When set, only these causes or groups are removed. */
  readonly drop: ReadonlySet<string> | null;
}

export const REMOVED_BY_DEFAULT: ReadonlySet<Group> = new Set(['noise', 'policy']);

export function removes(policy: RemovePolicy, event: HandshakeEvent): boolean {
  const named = (set: ReadonlySet<string>): boolean => set.has(event.cause) || set.has(event.group);
  if (policy.drop !== null) return named(policy.drop);
  return REMOVED_BY_DEFAULT.has(event.group) && !named(policy.keep);
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
