import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { CommandName, RunOptions } from './options.js';
import type { RunIo } from './index.js';
import { COLOR_MODES, useColor } from './color.js';
import { COMMANDS, DEFAULT_FLUSH_MS, DEFAULT_MAX_LINE, parseChoice, parseMillis, parseSize } from './options.js';
import { EXIT, EXIT_TABLE, WsnoiseError } from './errors.js';
import { run } from './index.js';

export interface CliIo extends RunIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTerminal: boolean;
}

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

const SUMMARIES: Record<CommandName, string> = {
  filter: 'write the log with handshake-failure noise removed, byte for byte otherwise',
  classify: 'print one JSON object per handshake failure (NDJSON)',
  summary: 'print a table of handshake failures by cause and source IP',
  records: 'show how lines are assembled into records (NDJSON), to check a log shape or a rule',
};

const EXAMPLES: Record<CommandName, string[]> = {
  filter: ['tail -f /var/log/app.log | wsnoise filter', 'wsnoise filter app.log.1.gz app.log > clean.log'],
  classify: ['wsnoise classify app.log | jq -r .cause | sort | uniq -c'],
  summary: ['wsnoise summary /var/log/nginx/access.log*'],
  records: ['wsnoise records app.log | jq -c \'select(.lines > 1)\''],
};

function exitCodeHelp(): string {
  return ['Exit codes:', ...EXIT_TABLE.map(([code, text]) => `  ${String(code).padEnd(4)}${text}`)].join('\n');
}

interface CommonFlags {
  maxLine: string;
  flushMs: string;
  color: string;
}

function buildOptions(command: CommandName, files: string[], flags: CommonFlags, io: CliIo): RunOptions {
  const color = parseChoice('--color', flags.color, COLOR_MODES);
  return {
    command,
    files,
    maxLine: parseSize('--max-line', flags.maxLine),
    flushMs: parseMillis('--flush-ms', flags.flushMs),
    color: useColor(color, io.env, io.stdoutIsTerminal),
  };
}

function program(io: CliIo, chosen: (options: RunOptions) => void): Command {
  const root = new Command('wsnoise')
    .description('Separate WebSocket handshake noise from real errors in server logs.')
    .version(VERSION, '-V, --version')
    .usage('<command> [options] [FILE...]')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'wsnoise: ')),
    })
    .addHelpText('after', `\n${exitCodeHelp()}`);

  for (const name of COMMANDS) {
    root
      .command(name)
      .description(SUMMARIES[name])
      .argument('[FILE...]', 'log files, plain or gzip (- or none: standard input)')
      .option('--max-line <bytes>', 'lines longer than this pass through untouched, unclassified', String(DEFAULT_MAX_LINE))
      .option('--flush-ms <ms>', 'complete a pending record after this much silence', String(DEFAULT_FLUSH_MS))
      .addOption(new Option('--color <when>', 'colour: auto (only on a terminal), always, never').default('auto'))
      .addHelpText('after', `\nExamples:\n${EXAMPLES[name].map((e) => `  $ ${e}`).join('\n')}\n\n${exitCodeHelp()}`)
      .action((files: string[], flags: CommonFlags) => chosen(buildOptions(name, files, flags, io)));
  }
  return root;
}

/** Parses argv, runs the command, and returns the exit code; known errors become one line. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let options: RunOptions | undefined;
  try {
    await program(io, (o) => (options = o)).parseAsync(argv, { from: 'user' });
    if (options === undefined) return EXIT.ok;
    return await run(options, io);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof WsnoiseError) {
      io.stderr.write(`wsnoise: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
