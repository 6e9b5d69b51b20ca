import type { RuleSpec, StackRules } from '../rules/rule.js';
import { expandFragments } from '../rules/common.js';
import { isCause, CAUSE_IDS } from './causes.js';
import { portabilityProblems } from './portable-regex.js';
import { RuleError } from '../errors.js';
import { KeyScanner } from './key-scanner.js';
import type { Slots } from './capture-slots.js';
import { unnameCaptures } from './capture-slots.js';
import type { AccessReader } from '../formats/access-readers.js';
import { builtinReaders } from '../formats/access-readers.js';
import type { Continuation } from './continuations.js';
import { sampleShapes } from './continuations.js';

export interface CompiledRule {
  readonly spec: RuleSpec;
  readonly stack: string;
  /** The pattern with its groups unnamed: `slots` says where the named ones are. */
  readonly regex: RegExp;
  readonly slots: Slots;
  readonly needles: readonly string[];
  /** Set for an access-format reader filed among the head rules: its fields go to the access rules. */
  readonly reader?: AccessReader;
  /**
   * The continuation shapes a record of this rule may hold: those the rule names (`owns`), else
   * those its samples show; a traceback rule's traces always.
   */
  readonly owns: readonly Continuation[];
  /**
   * The classifier's scratch mark: the number of the line search that set this rule aside (see
   * matchHead). A number that only grows, so nothing is cleared between lines.
   */
  setAside: number;
}

/** A rule whose pattern is made when it first runs: most rules of the catalogue never run on a given log. */
class ReadyRule implements CompiledRule {
  private made: { readonly regex: RegExp; readonly slots: Slots } | null = null;
  private owned: readonly Continuation[] | null = null;
  setAside = 0;

  constructor(
    readonly spec: RuleSpec,
    readonly stack: string,
    readonly needles: readonly string[],
    private readonly source: string,
  ) {}

  get regex(): RegExp {
    return this.pattern().regex;
  }

  get slots(): Slots {
    return this.pattern().slots;
  }

  get owns(): readonly Continuation[] {
    if (this.owned !== null) return this.owned;
    const { spec } = this;
    const shapes = spec.owns ?? sampleShapes(spec.samples.filter((x) => x.match !== false).map((x) => x.text));
    return (this.owned = spec.traceback ? [...new Set<Continuation>([...shapes, 'traceback', 'java-trace'])] : shapes);
  }

  private pattern(): { readonly regex: RegExp; readonly slots: Slots } {
    if (this.made !== null) return this.made;
    const unnamed = unnameCaptures(this.source);
    return (this.made = { regex: new RegExp(unnamed.source), slots: unnamed.slots });
  }
}

const NO_SLOTS: Slots = { time: 0, ip: 0, port: 0, path: 0, status: 0, detail: 0, conn: 0, header: 0, value: 0 };

/** An access-format reader in the place of a head rule: it has needles, and no pattern of its own. */
class ReaderRule implements CompiledRule {
  readonly spec: RuleSpec;
  readonly stack = 'format';
  readonly regex = /$^/;
  readonly slots = NO_SLOTS;
  readonly needles: readonly string[];
  readonly owns: readonly Continuation[] = [];
  setAside = 0;

  constructor(readonly reader: AccessReader) {
    this.needles = reader.needles;
    this.spec = { id: `format/${reader.id}`, desc: `access lines read by format (${reader.id})`, source: 'src/formats', needle: [...reader.needles], pattern: '', wsPathOnly: reader.wsRoutesOnly, samples: [] };
  }
}

/** A head rule filed under a key, with where that key sits in each of its needles. */
export interface Filed {
  readonly rule: CompiledRule;
  /** The rule takes only lines on a WebSocket route. */
  readonly wsPathOnly: boolean;
  readonly needles: readonly { readonly text: string; readonly offset: number }[];
}

/** Whether a line holds one of the rule's needles around the key found at `at`. */
export function needleAt(filed: Filed, text: string, at: number): boolean {
  for (const { text: needle, offset } of filed.needles) if (at >= offset && text.startsWith(needle, at - offset)) return true;
  return false;
}

/** Whether a line holds one of the rule's needles: the test before its pattern runs. */
export function hasNeedle(rule: CompiledRule, text: string): boolean {
  for (const needle of rule.needles) if (text.includes(needle)) return true;
  return false;
}

/** Every rule validated and compiled, ready before the first byte of input is read. */
export interface Catalogue {
  readonly stacks: readonly StackRules[];
  readonly head: readonly CompiledRule[];
  readonly exception: readonly CompiledRule[];
  /** The exception rules a head rule with `explainedBy` may be explained by, by its id. */
  readonly explainers: ReadonlyMap<string, readonly CompiledRule[]>;
  /**
   * The one cheap test: keys, one of which every head rule's needles contain. Most lines hold
   * none and are done; the keys a line holds say which rules to try. As a regex, for tests.
   */
  readonly keys: RegExp;
  /** Head rules by the key their needles contain, each list in catalogue order. */
  readonly byKey: ReadonlyMap<string, readonly Filed[]>;
  /** The same keys found in one pass; `filed[k]` are the head rules of key k. */
  readonly scanner: KeyScanner;
  readonly filed: readonly (readonly Filed[])[];
}

/**
 * Short literals that the built-in needles share; a needle that holds none of them becomes a key
 * itself. Any part of a needle is a sound key (a line holding the needle holds it). Fewer keys
 * mean a smaller automaton for the scanner, and lines that hold a key try only that key's rules.
 */
export const KEYS = ['onn', 'handshake', 'failed', 'Invalid', 'Unsupported', 'WebSocket', 'ASGI', 'se s', 'process_re', '" 4', '" 5', '" 101 ', ': ! ', ': < ', ': > ', '\\x', 'client '];

/** Keys for a set of needles: the shared ones they use, and any needle that holds none. No key holds another. */
function keysFor(needles: readonly string[], shared: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const needle of needles) keys.add(shared.find((k) => needle.includes(k)) ?? needle);
  const list = [...keys];
  return list.filter((k) => !list.some((other) => other !== k && k.includes(other)));
}

const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Checks one rule and compiles its pattern; throws a RuleError naming the rule and the fix. */
export function compileRule(spec: RuleSpec, stack: string, where: string, checked = false): CompiledRule {
  const fail = (why: string): never => {
    throw new RuleError(`${where}: rule ${spec.id}: ${why}`);
  };
  if (!ID.test(spec.id) || !spec.id.startsWith(`${stack}/`)) fail(`its id must be "${stack}/<name>" in lowercase kebab-case`);
  if (spec.cause !== undefined && !isCause(spec.cause)) fail(`unknown cause "${spec.cause}"; valid causes: ${CAUSE_IDS.join(', ')}`);
  for (const [status, outcome] of Object.entries(spec.byStatus ?? {})) {
    if (!/^\d(?:\d\d|xx)$/.test(status)) fail(`byStatus key "${status}" is not an HTTP status (426) or class (4xx)`);
    if (outcome !== 'success' && !isCause(outcome)) fail(`byStatus ${status}: unknown cause "${outcome}"; valid causes: ${CAUSE_IDS.join(', ')}`);
  }
  const needles = typeof spec.needle === 'string' ? [spec.needle] : [...spec.needle];
  if (needles.length === 0 || needles.some((n) => n.length === 0)) fail('its needle is empty: give the literal text every match contains');
  const source = expandFragments(spec.pattern);
  const unknown = /\{([A-Z_]+)\}/.exec(source);
  if (unknown) fail(`unknown fragment {${unknown[1]}}`);
  const problems = checked ? [] : portabilityProblems(source);
  if (problems.length > 0) fail(`its pattern ${problems.join('; ')}`);
  if (!checked) {
    try {
      new RegExp(source);
    } catch (error) {
      return fail(`its pattern does not compile: ${(error as Error).message}`);
    }
  }
  return new ReadyRule(spec, stack, needles, source);
}

/**
 * `checked`: rules whose patterns were already found portable (the built-in ones, by the
 * catalogue test; user rules, when their file was read), so start-up does not check them again.
 */
export function compileCatalogue(
  stacks: readonly StackRules[],
  where = 'built-in rules',
  shared: readonly string[] = KEYS,
  checked: ReadonlySet<RuleSpec> = new Set(),
  /** --log-format's readers, tried before the built-in ones. */
  readers: readonly AccessReader[] = [],
): Catalogue {
  const head: CompiledRule[] = [];
  const exception: CompiledRule[] = [];
  const seen = new Set<string>();
  for (const { stack, rules } of stacks) {
    for (const spec of rules) {
      if (seen.has(spec.id)) throw new RuleError(`${where}: rule ${spec.id} is defined twice`);
      seen.add(spec.id);
      const rule = compileRule(spec, stack, where, checked.has(spec));
      (spec.on === 'exception' ? exception : head).push(rule);
    }
  }
  for (const { spec } of head) {
    for (const claim of spec.claims ?? []) {
      const [id, status] = claim.split('@');
      // A claim on another stack's rule is idle when that stack is left out (--stack).
      const elsewhere = !id!.startsWith(`${spec.id.split('/')[0]}/`);
      if ((!seen.has(id!) && !elsewhere) || (status !== undefined && !/^\d{3}$/.test(status))) {
        throw new RuleError(`${where}: rule ${spec.id}: claims "${claim}", which is not a rule id (optionally @status)`);
      }
    }
  }
  const explainers = new Map<string, CompiledRule[]>();
  for (const { spec, stack } of head) {
    if (spec.explainedBy === undefined) continue;
    const rules: CompiledRule[] = [];
    for (const id of spec.explainedBy) {
      const rule = exception.find((r) => r.spec.id === id);
      // One of another stack's is idle when that stack is left out (--stack).
      if (rule === undefined && (seen.has(id) || id.startsWith(`${stack}/`))) {
        throw new RuleError(`${where}: rule ${spec.id}: explainedBy "${id}", which is not an exception rule (on: exception)`);
      }
      if (rule !== undefined) rules.push(rule);
    }
    explainers.set(spec.id, rules);
  }
  // Readers come after every rule filed under the same key: a line a rule takes as it is is not read again.
  const allReaders = [...readers, ...builtinReaders(head.map((r) => r.spec))];
  const filing: CompiledRule[] = [...head, ...allReaders.map((r) => new ReaderRule(r))];
  const keys = keysFor(filing.flatMap((r) => r.needles), shared);
  const scanner = new KeyScanner(keys);
  const filed = keys.map((): Filed[] => []);
  // Each rule under every key its needles hold (found by the scanner in the needles themselves), in catalogue order.
  for (const rule of filing) {
    const needlesOf = new Map<number, { text: string; offset: number }[]>();
    for (const text of rule.needles) {
      for (let at = scanner.find(text); at !== -1; at = scanner.find(text, at + 1)) {
        const list = needlesOf.get(scanner.lastKey) ?? [];
        needlesOf.set(scanner.lastKey, list);
        if (!list.some((n) => n.text === text)) list.push({ text, offset: at });
      }
    }
    for (const [key, needles] of [...needlesOf].sort((a, b) => a[0] - b[0])) filed[key]!.push({ rule, wsPathOnly: rule.spec.wsPathOnly === true, needles });
  }
  return {
    stacks,
    head,
    exception,
    explainers,
    keys: new RegExp(keys.map(escapeLiteral).join('|'), 'g'),
    byKey: new Map(keys.map((k, i) => [k, filed[i]!])),
    scanner,
    filed,
  };
}
