import type { RunIo } from '../index.js';
import type { SampleFailure } from './check-samples.js';
import type { Rules } from './user-catalogue.js';
import type { ListFormat } from './list-formats.js';
import { RuleTester, UNKNOWN } from './rule-tester.js';
import { loadRules } from './user-catalogue.js';
import { sampleFailures } from './check-samples.js';
import { createCandidateTest, createClassifier } from '../classify/classify.js';
import { WsPaths } from '../classify/ws-paths.js';
import { Grouper } from '../events/group-events.js';
import { fileSource, STDIN_NAME } from '../input/read-input.js';
import { runPipeline } from '../pipeline.js';
import { Output } from '../output.js';
import { renderTable } from '../render/table.js';
import { escapeControls, safeJson } from '../render/escape.js';
import { EXIT, errorLine } from '../errors.js';
import type { AccessReader } from '../formats/access-readers.js';

export interface RulesTestOptions {
  readonly rules: readonly string[];
  readonly readers: readonly AccessReader[];
  readonly files: readonly string[];
  readonly wsPaths: readonly string[];
  readonly maxLine: number;
  readonly format: ListFormat;
  readonly color: boolean;
}

/** A failing sample with where it is written. */
interface Failing extends SampleFailure {
  readonly at: string;
}

function report(tester: RuleTester, rules: Rules, failing: readonly Failing[], format: ListFormat, color: boolean): string {
  const all = [...tester.stats.values()];
  const userIds = new Set(rules.user.map((r) => r.spec.id));
  if (format === 'json') {
    return `${safeJson({
      records: tester.records,
      formats: Object.fromEntries([...tester.formats].map(([file, counts]) => [file, Object.fromEntries(counts)])),
      rules: all.map((s) => ({ ...s, ms: Math.round(s.ms * 1000) / 1000, from: rules.origin.get(s.id) ?? 'built-in' })),
      missed: { count: tester.missedCount, examples: tester.missed },
      failingSamples: failing.map(({ rule, index, text, why, at }) => ({ rule, sample: index + 1, at, text, why })),
    })}\n`;
  }
  // Every user rule is shown, matched or not; a built-in one when its pattern ran to a match.
  const shown = all.filter((s) => userIds.has(s.id) || s.hits > 0 || s.matched > 0);
  const out: string[] = [`Records: ${tester.records}; rules: ${userIds.size} from --rules, ${all.length - userIds.size} built-in`, ''];
  out.push('Formats (records by the format of their first line):');
  for (const [file, counts] of tester.formats) {
    const sorted = [...counts].sort((a, b) => b[1] - a[1]);
    out.push(`  ${escapeControls(file)}: ${sorted.map(([f, n]) => `${f} ${n}`).join(', ')}`);
    if (sorted.length === 1 && sorted[0]![0] === UNKNOWN) out.push(`    no line of ${escapeControls(file)} is in a known format: an access log needs its --log-format`);
  }
  out.push('');
  if (shown.length === 0) out.push('No rule matched any record.');
  else {
    const rows = shown.map((s) => [s.id, String(s.matched), String(s.hits), s.ms.toFixed(2)]);
    out.push(renderTable(['rule', 'matched', 'pattern hits', 'ms'], rows, color));
    for (const s of shown.filter((x) => x.examples.length > 0)) {
      out.push('', `${s.id}: ${s.matched} matched${s.matched > s.examples.length ? `, first ${s.examples.length}` : ''}`);
      for (const e of s.examples) out.push(`  ${e.file}:${e.line}  ${escapeControls(e.text)}`);
    }
  }
  out.push('');
  if (tester.missedCount === 0) out.push('Missed: none (no unclaimed record mentions a WebSocket handshake)');
  else {
    const more = tester.missedCount > tester.missed.length ? `, first ${tester.missed.length}` : '';
    out.push(`Missed: ${tester.missedCount} records look like handshake failures but no rule claims them${more}`);
    for (const m of tester.missed) out.push(`  ${m.file}:${m.line}  (${m.why})  ${escapeControls(m.text)}`);
  }
  out.push('');
  if (failing.length === 0) out.push('Failing samples: none');
  else {
    out.push(`Failing samples: ${failing.length}`);
    for (const f of failing) out.push(`  ${f.at}: ${f.rule}${f.index < 0 ? '' : ` sample ${f.index + 1}`}: ${f.why}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * `wsnoise rules test`, like fail2ban-regex: per rule, how many records it matched (with a few
 * examples) and the time its pattern took; the records that look like handshake failures but
 * that no rule claims; the samples that fail. A report, not a verdict: it exits 0 (1 when an
 * input cannot be read, 2 when a rule file does not compile).
 */
export async function runRulesTest(options: RulesTestOptions, io: RunIo): Promise<number> {
  const rules = loadRules(options.rules, true, undefined, options.readers);
  const { catalogue } = rules;
  const userById = new Map(rules.user.map((r) => [r.spec.id, r]));
  const builtinSpecs = rules.stacks.flatMap((s) => s.rules).filter((r) => !userById.has(r.id));
  const failing: Failing[] = [
    ...rules.failures.map((f) => ({ ...f, at: f.index < 0 ? userById.get(f.rule)!.at() : userById.get(f.rule)!.sampleAt(f.index) })),
    ...sampleFailures(catalogue, builtinSpecs).map((f) => ({ ...f, at: 'built-in' })),
  ];
  const paths = new WsPaths(options.wsPaths);
  const tester = new RuleTester(catalogue, createClassifier(catalogue, paths), paths, (t) => report(t, rules, failing, options.format, options.color));
  const files = options.files.length > 0 ? options.files : [STDIN_NAME];
  const output = new Output(io.stdout);
  const result = await runPipeline(
    files.map((f) => fileSource(f, () => io.stdin)),
    { classify: tester.classify, mayOpenEvent: createCandidateTest(catalogue), newGrouper: (file) => new Grouper(file, 0), sink: tester, today: Date.now() },
    { maxLine: options.maxLine, flushMs: 0 },
    { output, stderr: io.stderr, now: io.now },
  );
  await output.settle();
  if (output.failure !== null) {
    io.stderr.write(errorLine(output.failure.message));
    return output.failure.exitCode;
  }
  return result.unreadable > 0 ? EXIT.input : EXIT.ok;
}
