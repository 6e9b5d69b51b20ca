import type { RuleSample, RuleSpec } from '../rules/rule.js';
import type { Catalogue } from '../classify/compile-rules.js';
import { hasNeedle } from '../classify/compile-rules.js';
import { createClassifier, explainException } from '../classify/classify.js';
import { WsPaths } from '../classify/ws-paths.js';
import { LineSplitter } from '../records/split-lines.js';
import { RecordAssembler } from '../records/assemble-records.js';
import type { LogRecord } from '../records/record.js';

/** The WebSocket routes samples may rely on, as if declared with --ws-path (the built-ins' too). */
export const SAMPLE_WS_PATHS = ['/ws', '/ws/**', '/socket', '/chat'];

export interface SampleFailure {
  readonly rule: string;
  /** 0-based, in the rule's list. */
  readonly index: number;
  readonly text: string;
  readonly why: string;
}

/** Literal text cut into records exactly as the CLI does it. */
export function recordsOf(text: string): LogRecord[] {
  const splitter = new LineSplitter(1 << 20);
  const assembler = new RecordAssembler();
  const records: LogRecord[] = [];
  for (const line of [...splitter.push(Buffer.from(text, 'latin1')), ...splitter.flush()]) records.push(...assembler.push(line));
  records.push(...assembler.flush());
  return records;
}

const show = (v: unknown): string => JSON.stringify(v) ?? 'nothing';

/**
 * Why one sample does not hold, or null: a positive sample holds the needle, is matched by its
 * own rule and by no other of `peers`, and gets the verdict it expects; a near miss is taken by
 * no rule for a failure (but the one it names in claimedBy). The same checks as the catalogue
 * test; user rules are checked against one another, since they are tried before the built-ins.
 */
export function sampleProblem(catalogue: Catalogue, rule: RuleSpec, sample: RuleSample, peers: (id: string) => boolean): string | null {
  const on = rule.on ?? 'head';
  const records = recordsOf(sample.text);
  if (records.length !== 1) return `its text is ${records.length} records, not one`;
  const record = records[0]!;
  const first = sample.text.split('\n')[0]!;
  const compiled = on === 'head' ? catalogue.head : catalogue.exception;
  const claimants = compiled.filter((r) => peers(r.spec.id) && hasNeedle(r, first) && r.regex.test(first)).map((r) => r.spec.id);
  const verdict = on === 'head' ? createClassifier(catalogue, new WsPaths(SAMPLE_WS_PATHS))(record) : null;
  if (sample.match === false) {
    if (on === 'exception') return claimants.length === 0 ? null : `near miss matched by ${claimants.join(', ')}`;
    if (verdict?.head === rule.id) return 'near miss matched by its own rule';
    if (sample.claimedBy !== undefined) return verdict?.head === sample.claimedBy ? null : `near miss not taken by ${sample.claimedBy} (taken by ${verdict?.head ?? 'no rule'})`;
    return verdict?.cause == null ? null : `near miss taken for a failure (${verdict.cause}) by ${verdict.head}`;
  }
  const needles = typeof rule.needle === 'string' ? [rule.needle] : rule.needle;
  if (!needles.some((n) => first.includes(n))) return `its first line lacks the needle ${show(rule.needle)}`;
  if (!claimants.includes(rule.id)) return 'its pattern does not match it';
  const others = claimants.filter((id) => id !== rule.id);
  if (others.length > 0) return `also matched by ${others.join(', ')}: a line must be claimed by one rule`;
  if (on === 'exception') return expectationProblem(explainException(compiled.filter((r) => r.spec.id === rule.id), first, new WsPaths(SAMPLE_WS_PATHS)), sample, ['role', 'cause', 'status', 'detail']);
  if (verdict === null) return 'the classifier gave no verdict (wsPathOnly? the sample routes are /ws, /ws/**, /socket, /chat)';
  if (verdict.head !== rule.id) return `taken first by ${verdict.head}`;
  if (verdict.lines < record.lines.length) return `the rule owns ${verdict.lines} of its ${record.lines.length} lines (owns: say which continuation shapes it takes)`;
  return expectationProblem(verdict, sample, ['role', 'cause', 'ip', 'port', 'status', 'detail', 'time']);
}

type Expected = 'role' | 'cause' | 'ip' | 'port' | 'status' | 'detail' | 'time';

/** The first of `keys` where what the rule made of the sample is not what the sample expects. */
function expectationProblem(got: Partial<Record<Expected, unknown>> | null, sample: RuleSample, keys: readonly Expected[]): string | null {
  for (const key of keys) {
    const want = sample[key];
    if (want !== undefined && got?.[key] !== want) return `${key} is ${show(got?.[key])}, expected ${show(want)}`;
  }
  return null;
}

/** Every failing sample of `rules`, in order. */
export function sampleFailures(catalogue: Catalogue, rules: readonly RuleSpec[], peers: (id: string) => boolean = () => true): SampleFailure[] {
  const failures: SampleFailure[] = [];
  for (const rule of rules) {
    if (!rule.samples.some((s) => s.match !== false)) failures.push({ rule: rule.id, index: -1, text: '', why: 'the rule has no sample it matches' });
    rule.samples.forEach((sample, index) => {
      const why = sampleProblem(catalogue, rule, sample, peers);
      if (why !== null) failures.push({ rule: rule.id, index, text: sample.text, why });
    });
  }
  return failures;
}
