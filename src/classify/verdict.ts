import type { Cause } from './causes.js';

/**
 * What a record is to a handshake: a failure, or a part of a connection's conversation.
 * `open` may start one (held until its outcome), `part` and `close` continue and end it,
 * `success` ends it as a good connection.
 */
export type Role = 'failure' | 'open' | 'part' | 'close' | 'success';

export interface RequestHeader {
  readonly name: string;
  readonly value: string;
}

export interface Verdict {
  readonly role: Role;
  /** The rule that decided the cause: the head rule, or the exception rule that explained it. */
  readonly rule: string;
  /** The rule that matched the record's first line: a second failure by it is a new connection. */
  readonly head: string;
  readonly stack: string;
  /** Set for failures only. */
  readonly cause: Cause | null;
  /** Records with the same key belong to the same conversation (stack, or stack and connection). */
  readonly key: string;
  /** The failure is whole with this record: no follow-up records to wait for. */
  readonly complete: boolean;
  /** Follow-ups this record claims for its event: head rule ids, `id@status` for one status. */
  readonly claims: readonly string[];
  readonly status: number | null;
  readonly ip: string | null;
  readonly port: number | null;
  readonly detail: string | null;
  /** The timestamp as written, read later in --tz. */
  readonly time: string | null;
  /** The request's path, when the line has it. */
  readonly path: string | null;
  /**
   * How many of the record's lines are this verdict's: all of them, unless lines after these are
   * of a shape the rule does not own (they are then a record of their own).
   */
  readonly lines: number;
  /** This record is its conversation's request line. */
  readonly requestLine: boolean;
  /** The request header this record shows (name and value in lower case), when it is one. */
  readonly requestHeader: RequestHeader | null;
}
