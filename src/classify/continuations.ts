import type { LogRecord } from '../records/record.js';

/**
 * The shapes a record's continuation lines come in: a Python traceback, a JVM or .NET exception
 * header with its frames, a Go goroutine dump, indented `at …` frames (Node, .NET), and any other
 * line the record took (`text`: an indented line, a blank one, a `}`).
 */
export const CONTINUATIONS = ['traceback', 'java-trace', 'go-stack', 'frames', 'text'] as const;
export type Continuation = (typeof CONTINUATIONS)[number];

const TRACEBACK = 'Traceback (most recent call last):';
const CHAIN_MARKERS = [
  'The above exception was the direct cause of the following exception:',
  'During handling of the above exception, another exception occurred:',
  '--- <exception caught here> ---',
];
const GOROUTINE = /^goroutine \d{1,12} \[/;
const GO_FRAME = /^(?:[^\s(][^\s(]*\(.*\)|created by \S.*|\.\.\.additional frames elided\.\.\.)$/;
const JAVA_FRAME = /^\s+at [\w$.<>/-]+\((?:[^()\n]*\.(?:java|kt|scala|groovy):\d+|Native Method|Unknown Source)\)/;
const JAVA_MORE = /^\s+\.\.\. \d+ (?:more|common frames omitted)$/;
const JAVA_HEADER = /^\t?(?:Caused by: )?(?:[A-Za-z_$][\w$]*\.)+[\w$]*(?:Exception|Error|Throwable)(?:: |$)/;
const NODE_FRAME = /^\s+at /;

function indented(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 0x20 || c === 0x09;
}

/** What the line begins, if it begins a crash's dump. */
function startOf(text: string): Exclude<Continuation, 'text'> | null {
  if (text.startsWith(TRACEBACK)) return 'traceback';
  if (text.startsWith('goroutine ') && GOROUTINE.test(text)) return 'go-stack';
  if (JAVA_HEADER.test(text) || JAVA_FRAME.test(text)) return 'java-trace';
  if (NODE_FRAME.test(text)) return 'frames';
  return null;
}

/** Whether the line goes on with the dump of `shape` (`exceptionSeen`: a Python traceback's exception line came). */
function goesOn(shape: Continuation, text: string, exceptionSeen: boolean): boolean {
  switch (shape) {
    case 'traceback':
      // Up to its exception line, every line is the traceback's; after it, only a chain's blank lines and markers.
      return !exceptionSeen || text === '' || CHAIN_MARKERS.includes(text);
    case 'go-stack':
      return text === '' || text.charCodeAt(0) === 0x09 || GO_FRAME.test(text);
    case 'java-trace':
      return JAVA_MORE.test(text) || NODE_FRAME.test(text);
    case 'frames':
      return text === '}' || indented(text);
    case 'text':
      return false;
  }
}

/** The shape of each continuation line of a record (its lines after the first), in order. */
export function continuationShapes(texts: readonly string[]): Continuation[] {
  const shapes: Continuation[] = [];
  // A record may begin with a dump's first line (a bare traceback).
  let current: Continuation = (texts.length > 0 ? startOf(texts[0]!) : null) ?? 'text';
  let exceptionSeen = false;
  for (let i = 1; i < texts.length; i++) {
    const text = texts[i]!;
    const start = startOf(text);
    // A dump goes on through lines that could start another (`builtins.AttributeError: …` is a
    // traceback's exception line, .NET's `   at …` frames follow its exception's header), but a
    // traceback or a goroutine dump always starts anew.
    if (start !== 'traceback' && start !== 'go-stack' && goesOn(current, text, exceptionSeen)) {
      if (current === 'traceback' && !indented(text) && text !== '' && !CHAIN_MARKERS.includes(text)) exceptionSeen = true;
    } else {
      current = start ?? 'text';
      exceptionSeen = false;
    }
    shapes.push(current);
  }
  return shapes;
}

/**
 * How many of a record's lines belong to a rule that owns the continuation shapes `owned`: its
 * first line and the continuation lines up to the first of another shape. The rest is not the
 * failure's (an application's own output, a crash dump after a refusal) and is judged apart.
 */
export function ownedLines(record: LogRecord, owned: readonly Continuation[]): number {
  const { lines } = record;
  if (lines.length === 1) return 1;
  // A record whose continuation is a traceback holds nothing else: the records layer ends it at
  // the exception line (or the last of a chain).
  if (lines[1]!.text.startsWith(TRACEBACK) && owned.includes('traceback')) return lines.length;
  // A later piece of a line a shipper split (CRI `P`) is that line's, whatever the rule owns.
  const starts: number[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || line.envelope?.joined !== true) starts.push(i);
  });
  if (starts.length === 1) return lines.length;
  const shapes = continuationShapes(starts.map((i) => lines[i]!.text));
  const first = shapes.findIndex((s) => !owned.includes(s));
  return first === -1 ? lines.length : starts[first + 1]!;
}

/** The shapes a rule's samples show after their first line: what the rule owns unless it says. */
export function sampleShapes(texts: readonly string[]): Continuation[] {
  const shapes = new Set<Continuation>();
  for (const text of texts) for (const shape of continuationShapes(text.split('\n'))) shapes.add(shape);
  return [...shapes];
}
