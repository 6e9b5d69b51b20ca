/**
 * A copy of a string that shares no memory with the text it was cut from. V8 keeps a slice of a
 * string as a view of the whole, so an address kept from a log line would otherwise keep the
 * whole chunk that line came from alive. Parsing a JSON string builds a fresh one, and,
 * unlike a Buffer round trip, leaves no external memory behind for each of millions of sources.
 */
export function detach(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
