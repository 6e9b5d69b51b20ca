import type { RuleSpec, StackRules } from '../rules/rule.js';
import { expandFragments } from '../rules/common.js';
import { isCause, CAUSE_IDS } from './causes.js';
import { portabilityProblems } from './portable-regex.js';
import { RuleError } from '../errors.js';

export interface CompiledRule {
  readonly spec: RuleSpec;
  readonly stack: string;
  readonly regex: RegExp;
}

/** Every rule validated and compiled, ready before the first byte of input is read. */
export interface Catalogue {
  readonly stacks: readonly StackRules[];
  readonly head: readonly CompiledRule[];
  readonly exception: readonly CompiledRule[];
  /** One test over every head rule's needle: most lines fail it and are done. */
  readonly prefilter: RegExp;
}

const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Checks one rule and compiles its pattern; throws a RuleError naming the rule and the fix. */
export function compileRule(spec: RuleSpec, stack: string, where: string): CompiledRule {
  const fail = (why: string): never => {
    throw new RuleError(`${where}: rule ${spec.id}: ${why}`);
  };
  if (!ID.test(spec.id) || !spec.id.startsWith(`${stack}/`)) fail(`its id must be "${stack}/<name>" in lowercase kebab-case`);
  if (spec.cause !== undefined && !isCause(spec.cause)) fail(`unknown cause "${spec.cause}"; valid causes: ${CAUSE_IDS.join(', ')}`);
  for (const [status, outcome] of Object.entries(spec.byStatus ?? {})) {
    if (!/^\d(?:\d\d|xx)$/.test(status)) fail(`byStatus key "${status}" is not an HTTP status (426) or class (4xx)`);
    if (outcome !== 'success' && !isCause(outcome)) fail(`byStatus ${status}: unknown cause "${outcome}"; valid causes: ${CAUSE_IDS.join(', ')}`);
  }
  if (spec.needle.length === 0) fail('its needle is empty: give the literal text every match contains');
  const source = expandFragments(spec.pattern);
  const unknown = /\{([A-Z_]+)\}/.exec(source);
  if (unknown) fail(`unknown fragment {${unknown[1]}}`);
  const problems = portabilityProblems(source);
  if (problems.length > 0) fail(`its pattern ${problems.join('; ')}`);
  let regex: RegExp;
  try {
    regex = new RegExp(source);
  } catch (error) {
    return fail(`its pattern does not compile: ${(error as Error).message}`);
  }
  return { spec, stack, regex };
}

export function compileCatalogue(stacks: readonly StackRules[], where = 'built-in rules'): Catalogue {
  const head: CompiledRule[] = [];
  const exception: CompiledRule[] = [];
  const seen = new Set<string>();
  for (const { stack, rules } of stacks) {
    for (const spec of rules) {
      if (seen.has(spec.id)) throw new RuleError(`${where}: rule ${spec.id} is defined twice`);
      seen.add(spec.id);
      const rule = compileRule(spec, stack, where);
      (spec.on === 'exception' ? exception : head).push(rule);
    }
  }
  for (const { spec } of head) {
    for (const claim of spec.claims ?? []) {
      const [id, status] = claim.split('@');
      if (!seen.has(id!) || (status !== undefined && !/^\d{3}$/.test(status))) {
        throw new RuleError(`${where}: rule ${spec.id}: claims "${claim}", which is not a rule id (optionally @status)`);
      }
    }
  }
  const needles = [...new Set(head.map((r) => r.spec.needle))];
  return { stacks, head, exception, prefilter: new RegExp(needles.map(escapeLiteral).join('|')) };
}
