import { main } from './cli.js';
import { EXIT, describeReadError, errorLine } from './errors.js';
import { reportedByOutput } from './output.js';

// A reader that goes away (`wsnoise --help | head`) is no error, whatever is being written. Any
// other failure (a full disk) is one line and exit 1, said by the run when its output took it.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') return;
  setImmediate(() => {
    if (reportedByOutput(error)) return;
    process.stderr.write(errorLine(`cannot write standard output: ${describeReadError(error)}`));
    process.exitCode = EXIT.input;
  });
});

// The first Ctrl-C or SIGTERM asks the run to finish: under `tail -f app.log | wsnoise summary`
// tail dies, wsnoise reads what is left, completes what is pending and prints its summary. A
// second Ctrl-C leaves at once.
const stop = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  if (++interrupts > 1) process.exit(EXIT.interrupted);
  stop.abort();
});
process.on('SIGTERM', () => stop.abort());

// No top-level await: the bundle is one CommonJS script (see scripts/bundle.mjs).
void main(process.argv.slice(2), {
  // Made only when read: see fileSource.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdoutIsTerminal: process.stdout.isTTY === true,
  terminalSize: () => (process.stdout.isTTY ? { columns: process.stdout.columns, rows: process.stdout.rows } : undefined),
  stderrIsTerminal: process.stderr.isTTY === true,
  now: () => performance.now(),
  stop: stop.signal,
  atExit: (fn) => process.once('exit', fn),
}).then((code) => {
  // A failure on standard output said above (exit 1) is not undone by a run that ended well.
  process.exitCode = code === EXIT.ok ? (process.exitCode ?? code) : code;
});
