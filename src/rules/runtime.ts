import type { StackRules } from './rule.js';

/**
 * A process that crashed, as its runtime writes it to stderr: whatever precedes it (a handshake
 * failure the handler went on from), the dump is the server's error, an event of its own that
 * `filter` keeps. Only the shapes a runtime writes at the start of a line with nothing before
 * them: an application's log line that quotes a panic is not one. Real dumps in
 * fixtures/logs/crashes/ (fixtures/capture/crashes/capture.sh).
 */
const CAPTURED = 'fixtures/logs/crashes/';

export const runtime: StackRules = {
  stack: 'runtime',
  desc: 'a crashed process: Go panics and fatal errors, Node uncaught exceptions and rejections, a JVM thread killed by an exception',
  rules: [
    {
      id: 'runtime/go-panic',
      desc: "Go's panic on a goroutine that did not recover: the process dies with every goroutine's stack",
      source: `go 1.19 src/runtime/panic.go printpanics "panic: "; ${CAPTURED}go-main-panic.log`,
      needle: 'panic: ',
      pattern: '^panic: (?<detail>[^\\n]{1,2000})$',
      complete: true,
      cause: 'server-error',
      samples: [
        { text: 'panic: runtime error: invalid memory address or nil pointer dereference', cause: 'server-error', detail: 'runtime error: invalid memory address or nil pointer dereference', ip: null },
        { text: 'panic: assignment to entry in nil map [recovered]', cause: 'server-error' },
        { text: '2026/12/07 23:58:00 ws: panic: runtime error: index out of range', match: false, note: "an application's log line that names a panic" },
        { text: 'level=panic msg="upgrade failed"', match: false, note: "logrus's panic level is a log line" },
      ],
    },
    {
      id: 'runtime/go-goroutines',
      desc: "a Go goroutine dump that begins a record: a crash's stacks (after a panic line logged elsewhere), SIGQUIT's dump",
      source: 'go 1.19 src/runtime/traceback.go goroutineheader "goroutine %d [%s]:"',
      needle: 'goroutine ',
      pattern: '^goroutine \\d{1,12} \\[running\\]:$',
      complete: true,
      owns: ['go-stack'],
      cause: 'server-error',
      samples: [
        { text: 'goroutine 25 [running]:\nmain.handler(0xc000123, 0xc000456)\n\t/srv/app/main.go:42 +0x1a5', cause: 'server-error', ip: null },
        { text: '2026/11/20 10:00:00 goroutine 25 [running]: ok', match: false, note: "an application's line" },
      ],
    },
    {
      id: 'runtime/go-fatal',
      desc: "Go's runtime stopping the process (concurrent map writes, out of memory, all goroutines asleep)",
      source: 'go 1.19 src/runtime/panic.go fatal, throw "fatal error: "',
      needle: 'fatal error: ',
      pattern: '^fatal error: (?<detail>[^\\n]{1,2000})$',
      complete: true,
      cause: 'server-error',
      samples: [
        { text: 'fatal error: concurrent map writes', cause: 'server-error', detail: 'concurrent map writes' },
        { text: 'fatal error: all goroutines are asleep - deadlock!', cause: 'server-error' },
        { text: '2026-12-07 23:58:00 ERROR app: fatal error: disk full', match: false, note: "an application's line" },
      ],
    },
    {
      id: 'runtime/node-uncaught',
      desc: "Node's crash on an uncaught exception or an unhandled rejection: the file and line, the source line and a caret, then the error and its stack",
      source: `node v20.20.2 src/node_errors.cc GetErrorSource (file:line, source line, caret); ${CAPTURED}node-uncaught.log, node-rejection.log, node-rejection-reason.log`,
      needle: ['.js:', '.mjs:', '.cjs:', '.ts:', 'node:internal/'],
      pattern: '^(?:(?:file://)?(?:/|[A-Za-z]:\\\\)[^\\s:]{1,2000}\\.[cm]?[jt]s|node:internal/[^\\s:]{1,500}):\\d{1,7}$',
      recordContains: '^',
      claims: ['runtime/node-error', 'runtime/node-version'],
      cause: 'server-error',
      samples: [
        { text: "file:///tmp/wsnoise-crashes/node_uncaught.mjs:5\n  session.user.id;\n          ^", cause: 'server-error', ip: null },
        { text: 'node:internal/process/promises:389\n      new UnhandledPromiseRejection(reason);\n      ^', cause: 'server-error' },
        { text: '/srv/app/server.js:12\n    throw new Error(\'boom\');\n    ^', cause: 'server-error' },
        { text: '/srv/app/server.js:12', match: false, note: 'a path and line alone, no source line with its caret' },
        { text: '/var/log/app.log:12\n    ^', match: false, note: 'a file that is not a script' },
      ],
    },
    {
      id: 'runtime/node-error',
      desc: "the error line and stack after Node's source line and caret: the crash's reason",
      source: `node v20.20.2 (util.inspect of the error); ${CAPTURED}node-uncaught.log`,
      role: 'part',
      needle: ['Error: ', 'Error [', 'Rejection: ', 'Exception: '],
      pattern: '^(?<detail>(?:[A-Z][A-Za-z]{0,60})?(?:Error|Rejection|Exception)(?: \\[[A-Z_]{2,60}\\])?: [^\\n]{1,2000})$',
      recordContains: '\n    at ',
      owns: ['frames'],
      samples: [
        { text: "TypeError: Cannot read properties of undefined (reading 'user')\n    at Timeout.onUpgrade [as _onTimeout] (file:///tmp/wsnoise-crashes/node_uncaught.mjs:5:11)", role: 'part', detail: "TypeError: Cannot read properties of undefined (reading 'user')" },
        { text: 'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at loadUser (file:///tmp/wsnoise-crashes/node_rejection.mjs:4:9)', role: 'part', ip: null },
      ],
    },
    {
      id: 'runtime/node-version',
      desc: "the last line of Node's crash: the version that crashed",
      source: `node v20.20.2 src/node_errors.cc "Node.js %s"; ${CAPTURED}node-uncaught.log`,
      role: 'close',
      needle: 'Node.js v',
      pattern: '^Node\\.js v\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$',
      samples: [{ text: 'Node.js v20.20.2', role: 'close' }],
    },
    {
      id: 'runtime/python-uncaught',
      desc: 'a Python traceback that begins a record, no log line before it: an exception the interpreter (or traceback.print_exc) wrote to stderr',
      source: `cpython 3.11 Python/pythonrun.c print_exception "Traceback (most recent call last):"; ${CAPTURED}python-uncaught.log`,
      needle: 'Traceback (most recent call last):',
      pattern: '^Traceback \\(most recent call last\\):$',
      complete: true,
      owns: ['traceback'],
      cause: 'server-error',
      samples: [
        { text: 'Traceback (most recent call last):\n  File "/tmp/wsnoise-crashes/python_uncaught.py", line 8, in <module>\n    on_connect()\nKeyError: \'user\'', cause: 'server-error', ip: null },
        { text: '2026-12-07 23:58:00,000 ERROR app: Traceback (most recent call last):', match: false, note: 'a log line that begins one is that logger\'s record' },
      ],
    },
    {
      id: 'runtime/jvm-uncaught',
      desc: 'a JVM thread killed by an exception nothing caught (the default uncaught-exception handler), with its stack',
      source: `openjdk 17 java.lang.ThreadGroup.uncaughtException "Exception in thread \\"%s\\" "; ${CAPTURED}java-uncaught.log`,
      needle: 'Exception in thread "',
      pattern: '^Exception in thread "[^"\\n]{0,200}" (?<detail>(?:[A-Za-z_$][\\w$]{0,100}\\.){0,20}[A-Za-z_$][\\w$]{0,100}(?:: [^\\n]{0,2000})?)$',
      complete: true,
      owns: ['java-trace'],
      cause: 'server-error',
      samples: [
        { text: 'Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.trim()" because "<parameter1>" is null\n\tat JavaUncaught.user(JavaUncaught.java:4)\n\tat JavaUncaught.main(JavaUncaught.java:7)', cause: 'server-error', detail: 'java.lang.NullPointerException: Cannot invoke "String.trim()" because "<parameter1>" is null' },
        { text: 'Exception in thread "http-nio-8080-exec-1" java.lang.OutOfMemoryError: Java heap space', cause: 'server-error' },
        { text: '2026-12-07 23:58:00.000 ERROR app - Exception in thread "main" is what the user saw', match: false, note: "an application's line" },
      ],
    },
  ],
};
