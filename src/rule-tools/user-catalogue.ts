import type { RuleSpec, StackRules } from '../rules/rule.js';
import type { Catalogue } from '../classify/compile-rules.js';
import type { SampleFailure } from './check-samples.js';
import type { UserRule } from './load-rule-file.js';
import { compileCatalogue, compileRule } from '../classify/compile-rules.js';
import { BUILTIN_STACKS } from '../rules/index.js';
import { loadRuleFile } from './load-rule-file.js';
import { sampleFailures } from './check-samples.js';
import { RuleError } from '../errors.js';
import type { AccessReader } from '../formats/access-readers.js';

const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface Rules {
  /** User stacks first (tried first), then the built-in ones, less any rule a user rule replaced. */
  readonly stacks: readonly StackRules[];
  readonly catalogue: Catalogue;
  readonly user: readonly UserRule[];
  /** Where each rule comes from: its file, or `built-in`. */
  readonly origin: ReadonlyMap<string, string>;
  /** The user rules' samples that fail (empty unless asked to keep going). */
  readonly failures: readonly SampleFailure[];
}

/**
 * The built-in rules with the users' in front, all validated and compiled before any input is
 * read. A user rule with a built-in rule's id replaces it. A rule that does not check, or (unless
 * `keepFailures`) a sample that does not hold, is a RuleError naming the file, line and rule.
 */
export function loadRules(files: readonly string[], keepFailures = false, builtinStacks: readonly StackRules[] = BUILTIN_STACKS, readers: readonly AccessReader[] = []): Rules {
  const origin = new Map<string, string>();
  if (files.length === 0) {
    for (const { rules } of builtinStacks) for (const r of rules) origin.set(r.id, 'built-in');
    return { stacks: builtinStacks, catalogue: compileCatalogue(builtinStacks, undefined, undefined, specsOf(builtinStacks), readers), user: [], origin, failures: [] };
  }
  const loaded = files.map(loadRuleFile);
  const user = loaded.flatMap((f) => f.rules);
  const userAt = new Map<string, UserRule>();
  for (const rule of user) {
    const { id } = rule.spec;
    const fail = (why: string): never => {
      throw new RuleError(`${rule.at('id')}: rule ${id}: ${why}`);
    };
    if (!ID.test(id) || !id.startsWith(`${rule.stack}/`)) fail(`its id must be "${rule.stack}/<name>" in lowercase kebab-case`);
    const before = userAt.get(id);
    if (before !== undefined) fail(`defined twice (first at ${before.at()})`);
    userAt.set(id, rule);
    compileRule(rule.spec, rule.stack, `${rule.at('pattern')}`);
  }
  const builtin = builtinStacks.map((s) => ({ ...s, rules: s.rules.filter((r) => !userAt.has(r.id)) }));
  const known = new Set([...userAt.keys(), ...builtin.flatMap((s) => s.rules.map((r) => r.id))]);
  for (const rule of user) {
    for (const claim of rule.spec.claims ?? []) {
      const [id, status] = claim.split('@');
      if (!known.has(id!) || (status !== undefined && !/^\d{3}$/.test(status))) {
        throw new RuleError(`${rule.at('claims')}: rule ${rule.spec.id}: claims "${claim}", which is not a rule id (optionally @status)`);
      }
    }
  }
  const stacks = [...loaded.flatMap((f) => f.stacks), ...builtin];
  const catalogue = compileCatalogue(stacks, files.join(', '), undefined, specsOf(stacks), readers);
  for (const rule of user) origin.set(rule.spec.id, rule.file);
  for (const { rules } of builtin) for (const r of rules) origin.set(r.id, 'built-in');
  const failures = sampleFailures(
    catalogue,
    user.map((r) => r.spec),
    (id) => userAt.has(id),
  );
  const first = failures[0];
  if (first !== undefined && !keepFailures) {
    const rule = userAt.get(first.rule)!;
    const where = first.index < 0 ? rule.at('samples') : rule.sampleAt(first.index);
    const which = first.index < 0 ? '' : `sample ${first.index + 1} fails: `;
    throw new RuleError(`${where}: rule ${first.rule}: ${which}${first.why}`);
  }
  return { stacks, catalogue, user, origin, failures };
}

/** Every rule of these stacks: built-in ones are checked by the catalogue test, user ones were just compiled one by one. */
function specsOf(stacks: readonly StackRules[]): Set<RuleSpec> {
  return new Set(stacks.flatMap((s) => s.rules));
}
