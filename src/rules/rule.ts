import type { Cause } from '../classify/causes.js';
import type { Role } from '../classify/verdict.js';
import type { Continuation } from '../classify/continuations.js';

/**
 * A sample record (one line, or several joined with \n) and what the rule must make of it.
 * `match: false` is a near miss that no rule may claim (fail2ban's failJSON, lnav's samples).
 */
export interface RuleSample {
  readonly text: string;
  readonly match?: false;
  readonly cause?: Cause | null;
  readonly role?: Role;
  readonly ip?: string | null;
  readonly port?: number | null;
  readonly status?: number | null;
  readonly detail?: string | null;
  readonly time?: string | null;
  /** For a near miss that another rule takes for what it is: that rule's id. */
  readonly claimedBy?: string;
  /** Why this sample is here, for the near misses above all. */
  readonly note?: string;
}

/** What a captured status means: a cause, or `success` (a health check answered 200 OK). */
export type StatusOutcome = Cause | 'success';

/**
 * One rule, as data. `pattern` is anchored and stays in the portable regex subset; `{NAME}`
 * expands a fragment from common.ts. Named captures: ip, port, status, detail, time, conn, path,
 * header and value (a request header).
 */
export interface RuleSpec {
  readonly id: string;
  readonly desc: string;
  /** Where the message comes from: library file and line, or the fixture line it was seen in. */
  readonly source: string;
  /**
   * `head`: matched against a record's first line. `exception`: against the exception lines of a
   * record whose head rule has `traceback: true`, root exception first: the final line of each
   * Python traceback, a Java trace's header and `Caused by:` lines (src/classify/traceback.ts).
   */
  readonly on?: 'head' | 'exception';
  readonly role?: Role;
  /**
   * Literal text every line the rule matches contains (or one of several): the one cheap test
   * before any pattern runs.
   */
  readonly needle: string | readonly string[];
  readonly pattern: string;
  readonly cause?: Cause;
  /** The cause by the captured status (`426`, or a class: `2xx`); one not listed falls back to `cause`. */
  readonly byStatus?: Readonly<Record<string, StatusOutcome>>;
  /** The failure is whole with this one record (an access-log line). */
  readonly complete?: boolean;
  /**
   * The records that may follow this failure as part of the same event, by head rule id;
   * `id@500` only with that status. Anything else from the same stack ends the event.
   */
  readonly claims?: readonly string[];
  /** A traceback or Java stack trace in the record decides the cause (exception rules, root first). */
  readonly traceback?: boolean;
  /**
   * With `traceback`: only these exception rules (by id) may explain it; without, any may. For a
   * head whose traceback is the application's own, where another stack's exception (a
   * `ConnectionResetError` from a database client) would otherwise pass for a handshake's.
   */
  readonly explainedBy?: readonly string[];
  /**
   * The crash dumps that may follow the first line as part of this record (the exception's own
   * stack the application printed after the message). Any other shape after it is a crash of
   * its own: the record is then the server's error. A rule with `traceback` owns tracebacks and
   * Java traces, and keeps them only when one of its exception rules explains them.
   */
  readonly owns?: readonly Continuation[];
  /**
   * No address is read from the line when the pattern takes none: text the client wrote (a
   * header nginx prints unescaped) stands before the server's own fields and could forge them.
   */
  readonly noAddress?: boolean;
  /** The rule applies only when the captured path is a WebSocket route (declared or learned). */
  readonly wsPathOnly?: boolean;
  /** A success that teaches its captured path as a WebSocket route. */
  readonly learnsPath?: boolean;
  /** The whole record must contain this text too, or one of several (e.g. a frame of the WebSocket protocol code). */
  readonly recordContains?: string | readonly string[];
  /**
   * Other stacks whose logs hold lines of this very shape (the combined access-log format, which
   * nginx, Tomcat's AccessLogValve and Jetty's request log write alike): a failure read by this
   * rule is told to be the server its input is known to hold (see access-label.ts), or
   * `combined` when nothing says which. Chosen with --stack, any of them loads the rule.
   */
  readonly sharedWith?: readonly string[];
  /** What this record tells of its conversation's request: its request line, or one header. */
  readonly request?: 'line' | 'header';
  readonly samples: readonly RuleSample[];
}

export interface StackRules {
  /** Lowercase name of the server software. */
  readonly stack: string;
  readonly desc: string;
  /** A reverse proxy or load balancer: its lines name the client itself, and its access log names the clients of the applications behind it. */
  readonly proxy?: boolean;
  /**
   * Where the server writes its logs by default (a regex source tried on an input's path): a
   * hint, for lines of a shape other servers write too (`sharedWith`), of which one wrote them.
   */
  readonly logPath?: string;
  readonly rules: readonly RuleSpec[];
}
