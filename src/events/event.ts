import type { LogRecord } from '../records/record.js';
import type { Cause, Group } from '../classify/causes.js';

/** One handshake failure: every record of it, and what they say together. */
export interface HandshakeEvent {
  readonly file: string;
  readonly cause: Cause;
  readonly group: Group;
  readonly status: number | null;
  readonly ip: string | null;
  readonly port: number | null;
  /** Where the address comes from: the event's own lines, or a proxy's access log (the client behind the proxy). */
  readonly ipSource: 'line' | 'proxy-log' | null;
  /** The timestamp of the event's first record, as written. */
  readonly time: string | null;
  readonly stack: string;
  readonly rule: string;
  readonly detail: string | null;
  /** The request's path, when a line of the event names it. */
  readonly path: string | null;
  /** The service that wrote it, when its lines came in an envelope that says (journald, syslog, compose …). */
  readonly source: string | null;
  readonly records: readonly LogRecord[];
}

/** A record leaving the grouper, in input order; `event` is set when it belongs to a failure. */
export interface Release {
  readonly record: LogRecord;
  readonly event: HandshakeEvent | null;
}

/** Whether a release is the first record of its event: where an event is counted or printed once. */
export function startsEvent(release: Release): release is Release & { readonly event: HandshakeEvent } {
  return release.event !== null && release.event.records[0] === release.record;
}

/** The event's line ranges, 1-based and inclusive, neighbours merged: [[12, 30], [32, 33]]. */
export function eventRanges(event: HandshakeEvent): [number, number][] {
  const ranges: [number, number][] = [];
  for (const record of event.records) {
    // A record's lines are in order; another service's lines may stand between them (envelopes).
    for (const { no } of record.lines) {
      const prev = ranges[ranges.length - 1];
      if (prev !== undefined && no <= prev[1] + 1) prev[1] = Math.max(prev[1], no);
      else ranges.push([no, no]);
    }
  }
  return ranges;
}

export function eventLineCount(event: HandshakeEvent): number {
  return event.records.reduce((n, r) => n + r.lines.length, 0);
}
