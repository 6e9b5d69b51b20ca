import type { StackRules } from '../rules/rule.js';
import type { Verdict } from '../classify/verdict.js';

/**
 * What a failure is told to be when its line has a shape several servers write alike (nginx's
 * combined access log, Tomcat's AccessLogValve `combined`, Jetty's request log) and nothing says
 * which of them wrote it: the format, not a guess.
 */
export const SHARED_SHAPE = 'combined';

/** Which rules read a shape several stacks write, and where those stacks keep their logs. */
export interface AccessWriters {
  /** Head rule id → the stacks whose logs hold its shape, its own first. */
  readonly shared: ReadonlyMap<string, readonly string[]>;
  /** Every stack that writes one of those shapes, with its default log place when it has one. */
  readonly writers: ReadonlyMap<string, RegExp | null>;
}

export function accessWriters(stacks: readonly StackRules[]): AccessWriters {
  const shared = new Map<string, readonly string[]>();
  const names = new Set<string>();
  for (const { stack, rules } of stacks) {
    for (const rule of rules) {
      if (rule.sharedWith === undefined) continue;
      const all = [stack, ...rule.sharedWith];
      shared.set(rule.id, all);
      for (const name of all) names.add(name);
    }
  }
  const paths = new Map(stacks.map((s) => [s.stack, s.logPath === undefined ? null : new RegExp(s.logPath)]));
  return { shared, writers: new Map([...names].map((n) => [n, paths.get(n) ?? null])) };
}

/**
 * The server an input is known to hold before it is read: the one writer --stack chose, else the
 * one whose default log place its path is (`/var/log/tomcat10/…`, `localhost_access_log.…`,
 * `2026_12_01.request.log`, `/var/log/nginx/…`); null when none or several.
 */
export function hintedWriter(w: AccessWriters, file: string, chosen: readonly string[]): string | null {
  const one = (names: readonly string[]): string | null => (names.length === 1 ? names[0]! : null);
  return one(chosen.filter((n) => w.writers.has(n))) ?? one([...w.writers].filter(([, place]) => place?.test(file) === true).map(([n]) => n));
}

/**
 * One input's labels. A failure of a shared shape is told to be the server the input is known to
 * hold: hinted before reading, or learned from an earlier failure that only one of the writers
 * logs (Jetty's `"- - -"`, Tomcat's `"-"` or JULI line, nginx's error log). Once two writers have
 * shown up in the input, neither is assumed.
 */
export class AccessLabel {
  private writer: string | null;
  private mixed = false;

  constructor(
    private readonly w: AccessWriters,
    hint: string | null,
  ) {
    this.writer = hint;
  }

  stackOf(verdict: Verdict): string {
    const shared = this.w.shared.get(verdict.head);
    if (shared !== undefined || verdict.stack === SHARED_SHAPE) {
      // A line read by format (verdict.stack is the shape) may be any access writer's.
      return this.writer !== null && (verdict.stack === SHARED_SHAPE || shared!.includes(this.writer)) ? this.writer : SHARED_SHAPE;
    }
    if (!this.mixed && this.w.writers.has(verdict.stack) && this.writer !== verdict.stack) {
      this.mixed = this.writer !== null;
      this.writer = this.mixed ? null : verdict.stack;
    }
    return verdict.stack;
  }
}
