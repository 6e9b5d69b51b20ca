import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { exceptionLines } from '../src/classify/traceback.js';
import { recordOf } from './support/records.js';
import { ROOT } from './support/cli.js';

const lines = (text: string): string[] => exceptionLines(recordOf(text));

test('a chained Python traceback: each exception line, the root first as Python prints it', () => {
  const text = readFileSync(`${ROOT}fixtures/logs/shapes/python-chained.log`, 'latin1');
  const record = text.split('\n').slice(1, 17).join('\n');
  assert.deepEqual(exceptionLines(recordOf(record)), ['EOFError: connection closed while reading HTTP request line', 'ValueError: did not receive a valid HTTP request']);
});

test('a Java trace: the deepest Caused by first, the header last, without their prefixes', () => {
  const text = readFileSync(`${ROOT}fixtures/logs/shapes/java-trace.log`, 'latin1');
  const record = text.split('\n').slice(1, 10).join('\n');
  assert.deepEqual(exceptionLines(recordOf(record)), [
    'java.io.EOFException: Connection closed while reading headers',
    'java.lang.IllegalStateException: Handshake failed due to invalid Upgrade header: null',
  ]);
  assert.deepEqual(lines('x\na.B1Exception: one\n\tat a.B.c(B.java:1)\nCaused by: a.C2Exception: two\n\tat a.B.d(B.java:2)\nCaused by: a.D3Error: three\n\t... 2 more'), [
    'a.D3Error: three',
    'a.C2Exception: two',
    'a.B1Exception: one',
  ]);
});

test('frames, "... N more" and the log line above the trace are not exception lines; a bare class name is', () => {
  assert.deepEqual(lines('2026-12-02 10:00:00.123 WARN a.b.Handler - failed\n\tat a.b.Handler.run(Handler.java:1)\n\t... 3 more'), []);
  assert.deepEqual(lines('x\njava.lang.NullPointerException\n\tat a.B.c(B.java:1)'), ['java.lang.NullPointerException']);
});

test("Tomcat's JULI indents the whole trace by a tab: its header and causes are read at that indent", () => {
  const record =
    '01-Dec-2026 19:45:48.675 FINE [http-nio-8080-exec-9] org.apache.coyote.http11.Http11Processor.service Error parsing HTTP request header\n' +
    '\torg.apache.catalina.connector.ClientAbortException: java.io.EOFException: Unexpected EOF read on the socket\n' +
    '\t\tat org.apache.coyote.http11.Http11InputBuffer.fill(Http11InputBuffer.java:791)\n' +
    '\tCaused by: java.io.EOFException: Unexpected EOF read on the socket\n' +
    '\t\t... 12 more';
  assert.deepEqual(lines(record), ['java.io.EOFException: Unexpected EOF read on the socket', 'org.apache.catalina.connector.ClientAbortException: java.io.EOFException: Unexpected EOF read on the socket']);
});

test("a suppressed exception's causes are one tab further in, and are not the trace's causes", () => {
  const record =
    'x\n' +
    'a.OuterException: outer\n' +
    '\tat a.B.c(B.java:1)\n' +
    '\tSuppressed: a.CloseException: close failed\n' +
    '\t\tat a.B.close(B.java:9)\n' +
    '\tCaused by: a.DeepException: deep\n' +
    'Caused by: a.RootException: root\n' +
    '\t... 1 more';
  assert.deepEqual(lines(record), ['a.RootException: root', 'a.OuterException: outer']);
});

test('two traces in one record: each root first, in the order written', () => {
  const record = 'x\na.FirstException: 1\n\tat a.B.c(B.java:1)\nCaused by: a.FirstRootException: 1r\na.SecondException: 2\nCaused by: a.SecondRootException: 2r';
  assert.deepEqual(lines(record), ['a.FirstRootException: 1r', 'a.FirstException: 1', 'a.SecondRootException: 2r', 'a.SecondException: 2']);
});
