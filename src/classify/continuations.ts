import type { LogRecord } from '../records/record.js';

/**
 * The shapes of a crash's dump that may follow a record's first line: a Python traceback, a JVM or
 * .NET exception header with its frames, a Go goroutine dump, indented `at …` frames (Node, .NET).
 */
export const CONTINUATIONS = ['traceback', 'java-trace', 'go-stack', 'frames'] as const;
export type Continuation = (typeof CONTINUATIONS)[number];

const GOROUTINE = /^goroutine \d{1,12} \[/;
const JAVA_FRAME = /^\s+at [\w$.<>/-]+\((?:[^()\n]*\.(?:java|kt|scala|groovy):\d+|Native Method|Unknown Source)\)/;
const JAVA_HEADER = /^\t?(?:Caused by: )?(?:[A-Za-z_$][\w$]*\.)+[\w$]*(?:Exception|Error|Throwable)(?:: |$)/;
const NODE_FRAME = /^\s+at /;

/** What a continuation line shows, if it is part of a crash's dump. */
function shapeOf(text: string): Continuation | null {
  if (text.startsWith('Traceback (most recent call last):')) return 'traceback';
  if (text.startsWith('goroutine ') && GOROUTINE.test(text)) return 'go-stack';
  if (JAVA_HEADER.test(text) || JAVA_FRAME.test(text)) return 'java-trace';
  if (NODE_FRAME.test(text)) return 'frames';
  return null;
}

/**
 * The first line after a record's first that begins a crash's dump of a shape not in `owned`,
 * or null: a Go goroutine dump after a refusal the handler went on from, another exception's
 * traceback. A rule claims such lines only when it says it owns their shape.
 */
export function foreignCrash(record: LogRecord, owned: readonly Continuation[]): string | null {
  let python = false;
  for (let i = 1; i < record.lines.length; i++) {
    const text = record.lines[i]!.text;
    // After a traceback, `builtins.AttributeError: …` is its exception line, not a Java header.
    const shape = python && text.charCodeAt(0) !== 0x20 && text.charCodeAt(0) !== 0x09 && JAVA_HEADER.test(text) ? 'traceback' : shapeOf(text);
    if (shape === 'traceback') python = true;
    if (shape !== null && !owned.includes(shape)) return text;
  }
  return null;
}
