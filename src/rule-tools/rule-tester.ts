import type { Catalogue, CompiledRule } from '../classify/compile-rules.js';
import type { Classifier } from '../classify/classify.js';
import type { WsPaths } from '../classify/ws-paths.js';
import type { LogRecord } from '../records/record.js';
import type { Release } from '../events/event.js';
import type { Sink } from '../sinks/sink.js';
import { hasNeedle } from '../classify/compile-rules.js';
import { exceptionLines } from '../classify/traceback.js';
import { recordText } from '../records/record.js';
import { lineContent } from '../render/escape.js';
import { detectFormat } from '../formats/detect-format.js';

/** A record shown as an example: where it is and its first line. */
export interface Example {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

export interface RuleStats {
  readonly id: string;
  /** Records the classifier gave to this rule (their first line, or their traceback). */
  matched: number;
  /** Lines the pattern matched, whether or not an earlier rule or a condition took them. */
  hits: number;
  /** Milliseconds spent in the pattern. */
  ms: number;
  readonly examples: Example[];
}

/** The first rule whose needle the line holds, and why it did not take the line. */
function nearestRule(catalogue: Catalogue, text: string, paths: WsPaths): string | null {
  const rule = catalogue.head.find((r) => hasNeedle(r, text));
  if (rule === undefined) return null;
  if (rule.spec.wsPathOnly && !paths.mayBeIn(text)) return `nearest rule ${rule.spec.id} judges WebSocket routes only: give --ws-path`;
  return `nearest rule ${rule.spec.id}: its needle is there, its pattern is not`;
}

export interface Missed extends Example {
  readonly why: string;
}

export const EXAMPLES_PER_RULE = 3;
/** The name a record in no known format is counted under. */
export const UNKNOWN = 'unknown';
export const MISSED_KEPT = 20;
const SHOWN = 300;

// Bounded: the report's own tests must stay linear on a hostile line.
const REQUEST = /"[A-Z]{3,10} ([^"\s]{1,4000}) HTTP\/\d(?:\.\d)?" (\d{3}) /;
const ANY_REQUEST = /"[A-Z]{3,10} [^"\s]{1,4000} HTTP\/\d(?:\.\d)?"/;
const STATUS_426 = /(?:^|[\s:="])426(?:[\s",}]|$)/;

/** Why a record no rule claims looks like a handshake failure all the same, or null. */
export function lookAlike(text: string, paths: WsPaths): string | null {
  if (text.includes('Sec-WebSocket')) return 'it holds "Sec-WebSocket"';
  // A word: not the logger of Python's websockets package (`websockets.server`).
  if (/\bwebsocket\b/i.test(text)) return 'it holds "websocket"';
  if (/handshake/i.test(text)) return 'it holds "handshake"';
  if (/\bupgrade\b/i.test(text)) return 'it holds "Upgrade"';
  // A request line sits near the start; a bounded look keeps a hostile line linear.
  const m = REQUEST.exec(text.slice(0, 8192));
  if (m !== null && m[2] === '426') return 'status 426 (Upgrade Required)';
  // A request line with a 426 elsewhere in the line: a format that puts the status first, or JSON.
  if (m === null && ANY_REQUEST.test(text.slice(0, 8192)) && STATUS_426.test(text.slice(0, 8192))) return 'status 426 (Upgrade Required)';
  if (m !== null && m[2] === '400' && paths.has(m[1]!)) return `status 400 on the WebSocket route ${m[1]!.split('?')[0]}`;
  return null;
}

/**
 * `rules test`: runs every rule over each record, counting and timing its pattern, and sees which
 * rule the real classifier gives the record to, or whether it looks like a failure none claims.
 */
export class RuleTester implements Sink {
  readonly stats = new Map<string, RuleStats>();
  readonly missed: Missed[] = [];
  missedCount = 0;
  records = 0;
  /** Records by the format of their first line, per input. */
  readonly formats = new Map<string, Map<string, number>>();
  private lastFormat: string | null = null;
  private file = '-';

  constructor(
    private readonly catalogue: Catalogue,
    private readonly inner: Classifier,
    private readonly paths: WsPaths,
    private readonly report: (tester: RuleTester) => string,
  ) {
    for (const rule of [...catalogue.head, ...catalogue.exception]) this.stats.set(rule.spec.id, { id: rule.spec.id, matched: 0, hits: 0, ms: 0, examples: [] });
  }

  private time(rules: readonly CompiledRule[], text: string): void {
    for (const rule of rules) {
      if (!hasNeedle(rule, text)) continue;
      const stats = this.stats.get(rule.spec.id)!;
      const start = performance.now();
      const hit = rule.regex.test(text);
      stats.ms += performance.now() - start;
      if (hit) stats.hits++;
    }
  }

  readonly classify: Classifier = (record) => {
    const head = record.lines[0]!;
    if (head.overlong) return this.inner(record);
    this.records++;
    this.lastFormat = detectFormat(head.text);
    const formats = this.formats.get(this.file) ?? new Map<string, number>();
    this.formats.set(this.file, formats);
    formats.set(this.lastFormat ?? UNKNOWN, (formats.get(this.lastFormat ?? UNKNOWN) ?? 0) + 1);
    this.time(this.catalogue.head, head.text);
    for (const line of exceptionLines(record)) this.time(this.catalogue.exception, line);
    const verdict = this.inner(record);
    const example = (): Example => ({ file: this.file, line: head.no, text: shorten(lineContent(head)) });
    if (verdict !== null) {
      for (const id of new Set([verdict.head, verdict.rule])) {
        const stats = this.stats.get(id)!;
        stats.matched++;
        if (stats.examples.length < EXAMPLES_PER_RULE) stats.examples.push(example());
      }
      return verdict;
    }
    const why = lookAlike(recordText(record), this.paths);
    if (why !== null) {
      this.missedCount++;
      const format = this.lastFormat;
      const near = nearestRule(this.catalogue, head.text, this.paths);
      const reading = format === null ? (ANY_REQUEST.test(head.text.slice(0, 8192)) ? 'an access line no format reads: give its --log-format' : 'no known format') : `read as ${format}`;
      if (this.missed.length < MISSED_KEPT) this.missed.push({ ...example(), why: [why, reading, near].filter((w) => w !== null).join('; ') });
    }
    return null;
  };

  startFile(name: string): void {
    this.file = name;
  }

  accept(_releases: readonly Release[]): void {}

  acceptPlain(_record: LogRecord): void {}

  take(): Buffer | null {
    return null;
  }

  finish(): Buffer | null {
    return Buffer.from(this.report(this));
  }
}

function shorten(text: string): string {
  return text.length <= SHOWN ? text : `${text.slice(0, SHOWN)}…`;
}
