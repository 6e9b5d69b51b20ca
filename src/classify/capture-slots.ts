/** The named captures the classifier reads. */
export type CaptureName = 'time' | 'ip' | 'port' | 'path' | 'status' | 'detail' | 'conn' | 'header' | 'value';

/** Where each capture the classifier reads sits in a match: its group's number, 0 when the pattern has none. */
export type Slots = Readonly<Record<CaptureName, number>>;

/** An escape, a class, or the opening of a capturing group (named or not). */
const GROUP_OR_SKIPPED = /\\[^]|\[(?:\\[^]|[^\]\\])*\]|\((?:\?<([A-Za-z_]\w*)>|(?!\?))/g;

/**
 * A pattern with its named groups made plain groups, and where the named ones were. A match of
 * it reads the same text, without the `groups` object V8 builds per match of a named pattern,
 * whose shape differs by pattern (reading it made every rule's captures a megamorphic lookup).
 */
export function unnameCaptures(source: string): { readonly source: string; readonly slots: Slots } {
  const at = new Map<string, number>();
  let group = 0;
  const unnamed = source.replace(GROUP_OR_SKIPPED, (token, name: string | undefined) => {
    if (token[0] !== '(') return token;
    group++;
    if (name !== undefined) at.set(name, group);
    return '(';
  });
  const slot = (name: CaptureName): number => at.get(name) ?? 0;
  return {
    source: unnamed,
    slots: {
      time: slot('time'),
      ip: slot('ip'),
      port: slot('port'),
      path: slot('path'),
      status: slot('status'),
      detail: slot('detail'),
      conn: slot('conn'),
      header: slot('header'),
      value: slot('value'),
    },
  };
}

/** The text of a capture in a match of the unnamed pattern, by its slot (`slots.ip`, …). */
export function captured(match: RegExpExecArray, slot: number): string | undefined {
  return slot === 0 ? undefined : match[slot];
}
