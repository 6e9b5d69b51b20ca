import { createRequire } from 'node:module';
import type { RuleSpec, StackRules } from '../rules/rule.js';
import type { Check } from './rule-shape.js';
import { REQUIRED_RULE, REQUIRED_SAMPLE, REQUIRED_STACK, RULE_FIELDS, SAMPLE_FIELDS, STACK_FIELDS } from './rule-shape.js';
import { didYouMean } from '../did-you-mean.js';
import { RuleError, describeReadError } from '../errors.js';
import { readBounded } from '../util/read-bounded.js';

/** A rule file holds rules, a few KB each hundred: past this it is something else (a log), not parsed into memory. */
const MAX_RULE_FILE_BYTES = 1 << 20;

/** A user rule with where it was written: every message about it names the file and line. */
export interface UserRule {
  readonly spec: RuleSpec;
  readonly stack: string;
  readonly file: string;
  /** `file:line` of the rule, of one of its fields, or of its sample number `i` (0-based). */
  readonly at: (field?: string) => string;
  readonly sampleAt: (index: number) => string;
}

export interface RuleFile {
  readonly file: string;
  readonly stacks: readonly StackRules[];
  readonly rules: readonly UserRule[];
}

type Path = (string | number)[];

/** The YAML parser, loaded only when a rule file is read: it takes longer to load than the rest of wsnoise. */
const yaml = (): typeof import('yaml') => createRequire(import.meta.url)('yaml') as typeof import('yaml');

/**
 * Reads one rule file: YAML (or JSON, which YAML reads too) holding one stack
 * (`stack`, `desc`, `rules`) or a list of them. Its shape is checked field by field; the
 * patterns are compiled and the samples run later, over the whole catalogue.
 */
export function loadRuleFile(file: string): RuleFile {
  let text: string;
  try {
    text = readBounded(file, MAX_RULE_FILE_BYTES);
  } catch (error) {
    throw new RuleError(`cannot read rule file ${file}: ${describeReadError(error)}`);
  }
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new RuleError(`${file}:${line}: not valid YAML: ${error.message.split('\n')[0]}`);
  }
  const lineAt = (path: Path): number => {
    for (let p = path; ; p = p.slice(0, -1)) {
      const node = p.length === 0 ? doc.contents : (doc.getIn(p, true) as { range?: [number, number, number] } | undefined);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range !== undefined) return lineCounter.linePos(range[0]).line;
      if (p.length === 0) return 1;
    }
  };
  const where = (path: Path): string => `${file}:${lineAt(path)}`;
  const value: unknown = doc.toJS();
  const list = Array.isArray(value) ? value : [value];
  const prefixes: Path[] = Array.isArray(value) ? list.map((_, i) => [i]) : [[]];
  if (list.length === 0 || value === null || value === undefined) throw new RuleError(`${where([])}: a rule file holds a stack (stack, desc, rules) or a list of them; this one is empty`);

  const stacks: StackRules[] = [];
  const rules: UserRule[] = [];
  list.forEach((raw, i) => {
    const at = prefixes[i]!;
    checkFields(raw, STACK_FIELDS, REQUIRED_STACK, 'a stack', at, where, '');
    const s = raw as { stack: string; desc?: string; rules: unknown[] };
    const specs: RuleSpec[] = [];
    s.rules.forEach((rawRule, j) => {
      const rulePath = [...at, 'rules', j];
      const id = (rawRule as { id?: unknown } | null)?.id;
      const named = typeof id === 'string' ? `rule ${id}: ` : `rule ${j + 1} of stack ${s.stack}: `;
      checkFields(rawRule, RULE_FIELDS, REQUIRED_RULE, 'a rule', rulePath, where, named);
      const spec = rawRule as RuleSpec;
      spec.samples.forEach((sample, k) => checkFields(sample, SAMPLE_FIELDS, REQUIRED_SAMPLE, 'a sample', [...rulePath, 'samples', k], where, `${named}sample ${k + 1}: `));
      specs.push(spec);
      rules.push({
        spec,
        stack: s.stack,
        file,
        at: (field) => where(field === undefined ? rulePath : [...rulePath, field]),
        sampleAt: (k) => where([...rulePath, 'samples', k]),
      });
    });
    stacks.push({ stack: s.stack, desc: s.desc ?? `rules from ${file}`, rules: specs });
  });
  return { file, stacks, rules };
}

function checkFields(
  raw: unknown,
  fields: Readonly<Record<string, Check>>,
  required: readonly string[],
  what: string,
  path: Path,
  where: (path: Path) => string,
  named: string,
): void {
  const names = Object.keys(fields);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new RuleError(`${where(path)}: ${named}${what} is a mapping of ${names.join(', ')}`);
  }
  for (const [key, v] of Object.entries(raw)) {
    const check = fields[key];
    if (check === undefined) throw new RuleError(`${where([...path, key])}: ${named}unknown field "${key}"${didYouMean(key, names)}; ${what} has ${names.join(', ')}`);
    const problem = check(v);
    if (problem !== null) throw new RuleError(`${where([...path, key])}: ${named}${key}: ${problem}`);
  }
  for (const key of required) {
    if (!(key in raw)) throw new RuleError(`${where(path)}: ${named}${what} needs ${key}`);
  }
}
