import type { Line } from '../records/line.js';

// C0 controls except tab, DEL and C1 controls: a terminal may act on any of them.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** Log text made safe for a terminal: control characters become visible `\xNN` escapes. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** JSON text whose strings carry no raw DEL or C1 control (JSON.stringify escapes only C0). */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A line's content as UTF-8 text (invalid bytes become U+FFFD), without its line ending. */
export function lineContent(line: Line): string {
  if (line.overlong) return '';
  let end = line.end;
  if (end > line.start && line.chunk[end - 1] === 0x0a) end--;
  if (end > line.start && line.chunk[end - 1] === 0x0d) end--;
  return line.chunk.toString('utf8', line.start, end);
}
