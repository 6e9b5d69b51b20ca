import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { CommandName, RunOptions } from './options.js';
import type { RunIo } from './index.js';
import { COLOR_MODES, useColor } from './color.js';
import type { Job } from './cli-rules.js';
import { rulesCommand } from './cli-rules.js';
import { COMMANDS, DEFAULT_FLUSH_MS, DEFAULT_TOP, SUMMARY_BY, SUMMARY_FORMATS, parseChoice, parseSize, parseWhole } from './options.js';
import { checkZone, MACHINE_ZONE } from './classify/time.js';
import { expandDirectories, orderRotated } from './input/rotation.js';
import { parseWhen } from './records/record-time.js';
import { parseAlert } from './alerts.js';
import { BLOCKLIST_FORMATS, parseCidr } from './render/blocklist.js';
import { parseCauseList } from './sinks/remove-policy.js';
import { CAUSES, GROUPS } from './classify/causes.js';
import { STACK_IDS } from './rules/stack-ids.js';
import { EXIT, EXIT_TABLE, UsageError, WsnoiseError, describeSystemError, errorLine } from './errors.js';
import { parseStackList } from './rules/choose-stacks.js';
import { accessReaders } from './formats/log-format-options.js';
import { escapeControls } from './render/escape.js';
import { wsPathsInFile } from './ws-paths-file.js';

export interface CliIo extends RunIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stderrIsTerminal: boolean;
}

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

const SUMMARIES: Record<CommandName, string> = {
  filter: 'write the log with handshake-failure noise removed, byte for byte otherwise',
  classify: 'print one JSON object per handshake failure (NDJSON)',
  summary: 'print a table of handshake failures by cause and source IP',
  blocklist: 'print the sources of more than --min noise failures, for a firewall or nginx',
  records: 'show how lines are assembled into records (NDJSON), to check a log shape or a rule',
};

const EXAMPLES: Record<CommandName, string[]> = {
  filter: [
    'tail -f /var/log/app.log | wsnoise filter',
    'wsnoise filter -F /var/log/app.log /var/log/nginx/error.log',
    'wsnoise filter --collapse --stats app.log.1.gz app.log > clean.log',
    'wsnoise filter --keep policy app.log',
    'wsnoise filter --only --drop early-close,invalid-http app.log',
  ],
  classify: ['wsnoise classify app.log | jq -r .cause | sort | uniq -c', 'wsnoise classify --ws-path /ws --tz UTC access.log'],
  summary: ['wsnoise summary /var/log/nginx/access.log*', 'wsnoise summary -F --from-start /var/log/app.log', 'wsnoise summary --by ip --top 20 --format csv app.log'],
  records: ['wsnoise records app.log | jq -c \'select(.lines > 1)\''],
  blocklist: ['wsnoise blocklist --min 50 --format nginx /var/log/nginx/access.log* > /etc/nginx/wsnoise-deny.conf', 'wsnoise blocklist --cause invalid-http,early-close --allow 198.51.100.0/24 --format ipset app.log | ipset restore'],
};

function exitCodeHelp(): string {
  return ['Exit codes:', ...EXIT_TABLE.map(([code, text]) => `  ${String(code).padEnd(4)}${text}`)].join('\n');
}

interface Flags {
  maxLine: string;
  flushMs: string;
  color: string;
  tz?: string;
  wsPath?: string[];
  wsPathsFile?: string[];
  proxyLog?: string[];
  stack?: string[];
  keep?: string[];
  drop?: string[];
  only?: boolean;
  collapse?: boolean;
  stats?: boolean;
  by?: string;
  top?: string;
  format?: string;
  follow?: boolean;
  fromStart?: boolean;
  interval?: string;
  recursive?: boolean;
  failOn?: string[];
  output?: string;
  min?: string;
  cause?: string[];
  allow?: string[];
  v6Per64?: boolean;
  since?: string;
  until?: string;
  state?: string;
  waitLock?: string;
  rules?: string[];
  logFormat?: string[];
  logFormatFile?: string[];
}



function buildOptions(command: CommandName, files: string[], flags: Flags, io: CliIo): RunOptions {
  const color = parseChoice('--color', flags.color, COLOR_MODES);
  const zone = flags.tz === undefined ? MACHINE_ZONE : checkZone(flags.tz);
  const wallNow = Date.now();
  const drop = flags.drop === undefined ? null : parseCauseList('--drop', flags.drop);
  const follow = flags.follow === true;
  if (follow && (files.length === 0 || files.includes('-'))) throw new UsageError('-F/--follow follows files by name: give one or more FILEs (standard input cannot be followed)');
  if (flags.fromStart === true && !follow) throw new UsageError('--from-start goes with -F/--follow');
  if (flags.state !== undefined && (follow || files.length === 0 || files.includes('-'))) {
    throw new UsageError('--state remembers files by name: give one or more FILEs (not standard input, not with -F)');
  }
  if (flags.waitLock !== undefined && flags.state === undefined) throw new UsageError('--wait-lock goes with --state');
  return {
    command,
    files: follow ? files : orderRotated(expandDirectories(files, flags.recursive === true)),
    follow,
    fromStart: flags.fromStart === true,
    failOn: (flags.failOn ?? []).map(parseAlert),
    output: flags.output ?? null,
    state: flags.state ?? null,
    waitLock: parseWhole('--wait-lock', flags.waitLock ?? '0', 0, 86_400, ' of seconds'),
    blocklist: {
      min: parseWhole('--min', flags.min ?? '10', 1, 1e12),
      causes: parseCauseList('--cause', flags.cause ?? ['noise']),
      allow: (flags.allow ?? []).map((a) => (parseCidr(a), a)),
      v6PerPrefix: flags.v6Per64 === true,
      format: command === 'blocklist' ? parseChoice('--format', flags.format ?? 'plain', BLOCKLIST_FORMATS) : 'plain',
    },
    maxLine: parseSize('--max-line', flags.maxLine),
    scanThread: io.env['WSNOISE_SCAN_THREAD'] === 'on' || io.env['WSNOISE_SCAN_THREAD'] === 'off' ? io.env['WSNOISE_SCAN_THREAD'] : 'auto',
    flushMs: parseWhole('--flush-ms', flags.flushMs, 0, 3_600_000, ' of milliseconds'),
    color: useColor(color, io.env, command === 'filter' ? io.stderrIsTerminal : io.stdoutIsTerminal),
    zone,
    since: flags.since === undefined ? null : parseWhen('--since', flags.since, zone, wallNow),
    until: flags.until === undefined ? null : parseWhen('--until', flags.until, zone, wallNow),
    wsPaths: [...(flags.wsPath ?? []), ...(flags.wsPathsFile ?? []).flatMap(wsPathsInFile)],
    proxyLogs: flags.proxyLog ?? [],
    stacks: parseStackList(flags.stack ?? []),
    rules: flags.rules ?? [],
    readers: accessReaders(flags.logFormat ?? [], flags.logFormatFile ?? [], (line) => io.stderr.write(`${escapeControls(line)}\n`)),
    filter: {
      keep: parseCauseList('--keep', flags.keep ?? []),
      drop,
      only: flags.only === true,
      collapse: flags.collapse === true,
      stats: flags.stats === true,
    },
    summary: {
      by: parseChoice('--by', flags.by ?? 'cause', SUMMARY_BY),
      top: parseWhole('--top', flags.top ?? String(DEFAULT_TOP), 1, 1_000_000),
      format: command === 'blocklist' ? 'table' : parseChoice('--format', flags.format ?? 'table', SUMMARY_FORMATS),
      interval: parseWhole('--interval', flags.interval ?? '0', 0, 86_400, ' of seconds'),
    },
  };
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function causesHelp(): string {
  const width = Math.max(...Object.keys(CAUSES).map((c) => c.length));
  return ['Causes (group):', ...Object.entries(CAUSES).map(([c, g]) => `  ${c.padEnd(width)}  ${g}`)].join('\n');
}

function stacksHelp(): string {
  return `Stacks: ${STACK_IDS.join(', ')}`;
}

function program(io: CliIo, chosen: (job: Job) => void): Command {
  const root = new Command('wsnoise')
    .description('Separate WebSocket handshake noise from real errors in server logs.')
    .version(VERSION, '-V, --version')
    .usage('<command> [options] [FILE...]')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Commander's own second line ("(Did you mean --follow?)") stays a line of its own.
      outputError: (s, write) => write(s.replace(/^error: /, '').trimEnd().split('\n').map((line, i) => (i === 0 ? errorLine(line) : `${escapeControls(line)}\n`)).join('')),
    })
    .addHelpText('after', `\n${stacksHelp()}\n\n${causesHelp()}\n\n${exitCodeHelp()}`);

  for (const name of COMMANDS) {
    const command = root
      .command(name)
      .description(SUMMARIES[name])
      .argument('[FILE...]', 'log files, plain or gzip (- or none: standard input)')
      .option('-r, --recursive', 'read the files in directories given, and below')
      .option('--since <when>', 'skip records written before: ISO 8601 (2026-11-20, 2026-11-20T10:00+01:00) or a duration back (90m, 24h, 7d)')
      .option('--until <when>', 'skip records written from then on (same forms)')
      .option('-o, --output <file>', 'write to FILE, put in place only when complete (atomic rename); a device or FIFO is written in place')
      .option('--state <file>', 'remember how far each file was read; read only what is new, across rotation (like logtail); locked for the run (FILE.lock)')
      .option('--wait-lock <seconds>', `with --state: wait this long for another run that holds it (default: exit ${EXIT.locked} at once)`)
      .option('--fail-on <expr>', 'exit 3 when crossed: CAUSE>=N, GROUP-rate>P% (of lines read), any-CAUSE (repeatable)', collect)
      .option('--ws-path <glob>', 'a WebSocket route (repeatable): plain requests to it are handshake failures', collect)
      .option('--ws-paths-file <file>', 'the WebSocket routes listed in FILE, one glob per line (# comments; repeatable)', collect)
      .option('--stack <list>', 'use only these stacks\' rules (comma-separated, repeatable; default: every stack, detected)', collect)
      .option('--proxy-log <file>', "a reverse proxy's access log (repeatable): an application's failure gets its client's address from it", collect)
      .option('--log-format <format>', "the access log's format, as nginx's log_format or Apache's LogFormat string (repeatable)", collect)
      .option('--log-format-file <file>', "read the access-log formats an nginx or Apache configuration defines (repeatable)", collect)
      .option('--tz <zone>', 'read times written without a zone in this IANA zone (default: the machine\'s)')
      .option('--max-line <bytes>', 'lines longer than this pass through untouched, unclassified', '1M')
      .option('--flush-ms <ms>', 'write what is held after this much silence on a live input', String(DEFAULT_FLUSH_MS))
      .addOption(new Option('--color <when>', 'colour: auto (only on a terminal), always, never').default('auto'));
    if (name !== 'records') {
      command
        .option('--rules <file>', 'add the rules in FILE (YAML or JSON; repeatable), tried before the built-in ones', collect)
        .option('-F, --follow', 'follow the files by name like tail -F (rotation and truncation survived) until Ctrl-C')
        .option('--from-start', 'with -F: read what the files already hold first (default: start at their end)');
    }
    if (name === 'filter') {
      command
        .option('--keep <list>', `keep these causes or groups too (${GROUPS.join(', ')}, or cause ids; repeatable)`, collect)
        .option('--drop <list>', 'remove only these causes or groups (repeatable; default: noise,policy — misconfig and error are kept)', collect)
        .option('--only', 'write only what would be removed')
        .option('--collapse', 'write each removed event as its first line + [wsnoise cause=… ip=… lines=N]')
        .option('--stats', 'print the summary table on stderr at the end');
    }
    if (name === 'blocklist') {
      command
        .option('--min <n>', 'list a source with at least this many failures', '10')
        .option('--cause <list>', 'the causes or groups that count (default: noise)', collect)
        .option('--allow <cidr>', 'never list these addresses (repeatable); loopback, private and link-local never are', collect)
        .option('--v6-per-64', 'count and list IPv6 sources per /64')
        .option('--format <format>', `${BLOCKLIST_FORMATS.join(', ')}`, 'plain');
    }
    if (name === 'summary') {
      command
        .option('--by <what>', `the main table: ${SUMMARY_BY.join(', ')}`, 'cause')
        .option('--top <n>', 'how many source IPs to list', String(DEFAULT_TOP))
        .option('--format <format>', `${SUMMARY_FORMATS.join(', ')}`, 'table')
        .option('--interval <seconds>', 'also print the summary as a JSON line this often (when not on a terminal)');
    }
    command
      .addHelpText('after', `\nExamples:\n${EXAMPLES[name].map((e) => `  $ ${e}`).join('\n')}\n\n${exitCodeHelp()}`)
      .action((files: string[], flags: Flags) => {
        const options = buildOptions(name, files, flags, io);
        // The pipeline loads only when a command runs: --version and --help stay quick.
        chosen(async () => (await import('./index.js')).run(options, io));
      });
  }
  rulesCommand(root, io, chosen, exitCodeHelp());
  return root;
}

/** Parses argv, runs the command, and returns the exit code; known errors become one line. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let job: Job | undefined;
  try {
    await program(io, (j) => (job = j)).parseAsync(argv, { from: 'user' });
    return job === undefined ? EXIT.ok : await job();
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof WsnoiseError) {
      io.stderr.write(errorLine(error.message));
      return error.exitCode;
    }
    const system = describeSystemError(error);
    if (system === null) throw error;
    io.stderr.write(errorLine(system));
    return EXIT.input;
  }
}
