import type { Verdict } from '../classify/verdict.js';
import type { AccessLabel } from './access-label.js';
import type { LogRecord } from '../records/record.js';
import type { HandshakeEvent, Release } from './event.js';
import { groupOf, moreSpecific } from '../classify/causes.js';
import { isLocalAddress } from '../classify/ip.js';
import { OpenConversations } from './open-conversations.js';
import { headerEvidence } from './request-headers.js';

/** Groups one failure's records into one event; pure, time passed in. */
export interface EventGrouper {
  push(record: LogRecord, verdict: Verdict | null, now: number): Release[];
  /** Releases conversations that have waited `flushMs` (all of them when `now` is Infinity). */
  flush(now: number): Release[];
  readonly pending: boolean;
}

/** Records of other connections a conversation lets pass before it is taken as over. */
export const MAX_GAP = 32;
/** Records held at most, whatever happens, so memory stays bounded. */
export const MAX_HELD = 10_000;

interface Conversation {
  readonly key: string;
  /** The service that wrote its first record, when an envelope names it: claims never cross services. */
  readonly source: string | null;
  /** Opened by an `open` record (a DEBUG conversation): it takes every record of its key. */
  readonly whole: boolean;
  readonly startedAt: number;
  readonly records: LogRecord[];
  readonly verdicts: Verdict[];
  gap: number;
  over: boolean;
  success: boolean;
  event: HandshakeEvent | null;
}

interface Held {
  readonly record: LogRecord;
  readonly conversation: Conversation | null;
}

const NONE: Release[] = [];

/**
 * The grouping contract: records with the same key (stack, or stack and connection) form one
 * conversation. A failure claims the follow-ups its rule declares; an `open` record (DEBUG's
 * `= connection is CONNECTING`) claims everything of its key until the conversation closes; a
 * success ends a conversation as a good connection, nothing removed. A record of the key that is
 * not claimed ends the conversation. Records are held only while a conversation is open, and
 * always leave in input order.
 */
export class Grouper implements EventGrouper {
  private held: Held[] = [];
  private readonly open = new OpenConversations<Conversation>();
  private readonly endIfIdle = (c: Conversation): void => {
    if (++c.gap > MAX_GAP) this.end(c);
  };

  constructor(
    private readonly file: string,
    private readonly flushMs: number,
    private readonly clientOf: ClientResolver | null = null,
    private readonly label: AccessLabel | null = null,
  ) {}

  get pending(): boolean {
    return this.held.length > 0;
  }

  push(record: LogRecord, verdict: Verdict | null, now: number): Release[] {
    if (verdict === null) {
      if (this.open.size > 0) this.open.forEach(this.endIfIdle);
      return this.passOrHold(record);
    }
    let c = this.open.get(verdict.key) ?? this.claimedAcross(record, verdict);
    if (c !== null && !claimed(c, verdict)) {
      this.end(c);
      c = null;
    }
    switch (verdict.role) {
      case 'open':
        c = this.start(verdict.key, record, now, true);
        break;
      case 'failure':
        if (verdict.complete && c === null) {
          const alone = this.start(null, record, now, false);
          this.join(alone, record, verdict);
          this.end(alone);
          return this.release();
        }
        c ??= this.start(verdict.key, record, now, false);
        break;
      case 'success':
      case 'part':
      case 'close':
        if (c === null) return this.passOrHold(record);
        break;
    }
    this.join(c, record, verdict);
    if (verdict.role === 'close' || verdict.complete) this.end(c);
    if (verdict.role === 'success') {
      c.success = !hasFailure(c);
      this.end(c);
    }
    if (this.held.length > MAX_HELD) this.endOldest();
    return this.release();
  }

  /**
   * An open conversation of another key whose failure claims this record by its rule id: one
   * server's lines read by two stacks' rules (uvicorn's refusal under gunicorn, then the answer
   * the websockets rules read). Only a rule that names another stack's rule claims across; a
   * stack's own records of another key (another connection) are never taken this way, nor are
   * another service's records where envelopes interleave several (null, a raw log, is one).
   */
  private claimedAcross(record: LogRecord, verdict: Verdict): Conversation | null {
    if (verdict.role === 'open') return null;
    return this.open.find(claimsAcross, sourceOf(record), verdict);
  }

  private passOrHold(record: LogRecord): Release[] {
    if (this.held.length === 0) return [{ record, event: null }];
    this.hold(record, null);
    return this.release();
  }

  flush(now: number): Release[] {
    if (this.held.length === 0) return NONE;
    this.open.forEach((c) => {
      if (now - c.startedAt >= this.flushMs) this.end(c);
    });
    return this.release();
  }

  private start(key: string | null, first: LogRecord, now: number, whole: boolean): Conversation {
    const c: Conversation = { key: key ?? '', source: sourceOf(first), whole, startedAt: now, records: [], verdicts: [], gap: 0, over: false, success: false, event: null };
    if (key !== null) this.open.add(c);
    return c;
  }

  private join(c: Conversation, record: LogRecord, verdict: Verdict): void {
    c.records.push(record);
    c.verdicts.push(verdict);
    c.gap = 0;
    this.hold(record, c);
  }

  private hold(record: LogRecord, conversation: Conversation | null): void {
    this.held.push({ record, conversation });
  }

  private end(c: Conversation): void {
    if (c.over) return;
    c.over = true;
    this.open.remove(c);
    if (!c.success) c.event = toEvent(this.file, c, this.clientOf, this.label);
  }

  private endOldest(): void {
    const first = this.held.find((h) => h.conversation !== null && !h.conversation.over);
    if (first?.conversation) this.end(first.conversation);
  }

  private release(): Release[] {
    let n = 0;
    while (n < this.held.length) {
      const c = this.held[n]!.conversation;
      if (c !== null && !c.over) break;
      n++;
    }
    if (n === 0) return NONE;
    const out = new Array<Release>(n);
    for (let i = 0; i < n; i++) {
      const { record, conversation } = this.held[i]!;
      out[i] = { record, event: conversation?.event ?? null };
    }
    if (n === this.held.length) this.held.length = 0;
    else this.held.splice(0, n);
    return out;
  }
}

function sourceOf(record: LogRecord): string | null {
  return record.lines[0]!.envelope?.source ?? null;
}

function claimsAcross(c: Conversation, source: string | null, verdict: Verdict): boolean {
  return !c.whole && c.verdicts[0]?.stack !== verdict.stack && c.source === source && claimed(c, verdict);
}

function hasFailure(c: Conversation): boolean {
  return c.verdicts.some((v) => v.cause !== null);
}

/**
 * Whether a record of the conversation's key belongs to it: the grouping contract's claims. A
 * claim takes one record: a second record of the same rule is another connection's.
 */
function claimed(c: Conversation, v: Verdict): boolean {
  if (v.role === 'open') return false;
  if (c.whole) return true;
  let same = 0;
  for (const f of c.verdicts) if (f.head === v.head) same++;
  // A rule that claims its own id takes one repeat of the record that opened the conversation
  // (a server that writes one line twice); any other second record of a rule is another connection's.
  if (same > 0) return same === 1 && c.verdicts[0]!.head === v.head && claims(c.verdicts[0]!, v);
  for (const f of c.verdicts) if (claims(f, v)) return true;
  return false;
}

/** Whether `f` claims `v`: by `v`'s rule id, or that id with `v`'s status. */
function claims(f: Verdict, v: Verdict): boolean {
  if (f.claims.length === 0) return false;
  if (f.claims.includes(v.head)) return true;
  // Built only when some claim names a status: most claims do not.
  for (const claim of f.claims) if (claim.length > v.head.length && claim.startsWith(v.head) && claim === `${v.head}@${v.status}`) return true;
  return false;
}

/** What the conversation's records say together, or null when none of them is a failure. */
/** The client behind a proxy, for a failure whose own lines have no address or a local one. */
export type ClientResolver = (request: {
  readonly stack: string;
  readonly time: string | null;
  readonly status: number | null;
  readonly path: string | null;
}) => string | null;

function toEvent(file: string, c: Conversation, clientOf: ClientResolver | null, label: AccessLabel | null): HandshakeEvent | null {
  let decisive: Verdict | null = null;
  for (const v of c.verdicts) {
    if (v.cause === null) continue;
    if (decisive === null || moreSpecific(decisive.cause!, v.cause) !== decisive.cause) decisive = v;
  }
  if (decisive === null) return null;
  let cause = decisive.cause!;
  // What the records say, each from the first record that says it.
  let status: number | null = null;
  let time: string | null = null;
  let ip: string | null = null;
  let port: number | null = null;
  let path: string | null = null;
  let detail: string | null = null;
  for (const v of c.verdicts) {
    status ??= v.status;
    time ??= v.time;
    ip ??= v.ip;
    port ??= v.port;
    path ??= v.path;
    detail ??= v.detail;
  }
  const headers = headerEvidence(c.verdicts, cause);
  if (headers !== null) cause = headers.cause;
  let ipSource: HandshakeEvent['ipSource'] = ip === null ? null : 'line';
  if (clientOf !== null && (ip === null || isLocalAddress(ip))) {
    const client = clientOf({ stack: decisive.stack, time, status, path });
    if (client !== null) [ip, port, ipSource] = [client, null, 'proxy-log'];
  }
  return {
    file,
    cause,
    group: groupOf(cause),
    status,
    ip,
    port,
    ipSource,
    time,
    stack: label === null ? decisive.stack : label.stackOf(decisive),
    rule: decisive.rule,
    detail: headers?.detail ?? decisive.detail ?? detail,
    path,
    source: c.source,
    records: c.records,
  };
}
