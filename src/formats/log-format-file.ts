/** A format as a server's configuration names it. */
export interface NamedFormat {
  readonly name: string;
  readonly format: string;
}

/** The quoted or bare words of an nginx directive's arguments, their quotes and escapes undone. */
function nginxWords(args: string): string[] {
  const words: string[] = [];
  const word = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([^\s'";]+)/g;
  for (let m = word.exec(args); m !== null; m = word.exec(args)) {
    const quoted = m[1] ?? m[2];
    words.push(quoted === undefined ? m[3]! : quoted.replace(/\\(.)/g, '$1'));
  }
  return words;
}

/** Drops `# …` comments (outside quotes) so a commented-out format is not read. */
function withoutComments(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^((?:[^#'"]|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")*)#.*$/, '$1'))
    .join('\n');
}

/**
 * Every access-log format defined in an nginx or Apache configuration: nginx `log_format NAME
 * [escape=…] 'part' 'part' …;` (the parts joined, as nginx does), Apache `LogFormat "…" NAME`
 * and `CustomLog PATH "…"`.
 */
export function formatsInConfig(text: string): NamedFormat[] {
  const found: NamedFormat[] = [];
  const clean = withoutComments(text);
  const nginx = /(?:^|[;{}\s])log_format\s+([^\s;]+)((?:\s+(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s'";]+))*)\s*;/g;
  for (let m = nginx.exec(clean); m !== null; m = nginx.exec(clean)) {
    const words = nginxWords(m[2]!).filter((w) => !/^escape=/.test(w));
    if (words.length > 0) found.push({ name: m[1]!, format: words.join('') });
  }
  const apache = /^[ \t]*(LogFormat|CustomLog)[ \t]+(?:"((?:[^"\\]|\\.)*)"|(\S+))(?:[ \t]+"((?:[^"\\]|\\.)*)"|[ \t]+(\S+))?/gim;
  for (let m = apache.exec(clean); m !== null; m = apache.exec(clean)) {
    const unquote = (s: string): string => s.replace(/\\(["\\])/g, '$1');
    if (m[1]!.toLowerCase() === 'logformat' && m[2] !== undefined) found.push({ name: m[5] ?? 'default', format: unquote(m[2]) });
    else if (m[1]!.toLowerCase() === 'customlog' && m[4] !== undefined) found.push({ name: m[3] ?? m[2] ?? 'customlog', format: unquote(m[4]) });
  }
  return found;
}
