import { Option, type Command } from 'commander';
import type { CliIo } from './cli.js';
import { COLOR_MODES, useColor } from './color.js';
import { parseChoice, parseSize } from './options.js';
import { LIST_FORMATS } from './rule-tools/list-formats.js';
import { EXIT } from './errors.js';
import { accessReaders } from './formats/log-format-options.js';
import { escapeControls } from './render/escape.js';

/** What the command line asked for, run once parsing is done. */
export type Job = () => Promise<number>;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const RULES_HELP = `
A rule file is YAML (or JSON): one stack, or a list of stacks, each with its rules in the
built-in shape (id, desc, source, needle, pattern with named captures, cause or byStatus,
samples). Its rules are tried before the built-in ones, and one with a built-in rule's id
replaces it. Every file is checked, its patterns compiled and its samples run before any input
is read: a rule that does not check fails with its file, line and id (exit 2). See the README,
"Your own rules".`;

export function rulesCommand(root: Command, io: CliIo, chosen: (job: Job) => void, exitCodes: string): void {
  const rules = root.command('rules').description('list the rules, or try them on a log (like fail2ban-regex)').addHelpText('after', RULES_HELP);
  rules
    .command('list')
    .description('list every rule in the order tried: id, stack, cause, group, source')
    .option('--rules <file>', 'add the rules in FILE (YAML or JSON; repeatable)', collect)
    .option('--format <format>', 'table or json (one object per rule)', 'table')
    .addOption(new Option('--color <when>', 'colour: auto (only on a terminal), always, never').default('auto'))
    .addHelpText('after', `\nExamples:\n  $ wsnoise rules list\n  $ wsnoise rules list --rules myapp.yaml --format json | jq -r .id\n\n${exitCodes}`)
    .action((flags: { rules?: string[]; format: string; color: string }) => {
      const format = parseChoice('--format', flags.format, LIST_FORMATS);
      const color = useColor(parseChoice('--color', flags.color, COLOR_MODES), io.env, io.stdoutIsTerminal);
      chosen(async () => {
        const [{ loadRules }, { ruleRows, renderRuleList }] = await Promise.all([import('./rule-tools/user-catalogue.js'), import('./rule-tools/list-rules.js')]);
        const width = io.stdoutIsTerminal ? io.terminalSize?.()?.columns : undefined;
        io.stdout.write(renderRuleList(ruleRows(loadRules(flags.rules ?? [])), format, { color, ...(width !== undefined && { width }) }));
        return EXIT.ok;
      });
    });
  rules
    .command('test')
    .description('run every rule over LOGs: matches per rule with examples and time, unclaimed look-alikes, failing samples')
    .argument('[LOG...]', 'log files, plain or gzip (- or none: standard input)')
    .option('--rules <file>', 'add the rules in FILE (YAML or JSON; repeatable); its failing samples are reported, not refused', collect)
    .option('--ws-path <glob>', 'a WebSocket route (repeatable)', collect)
    .option('--log-format <format>', "the access log's format, as nginx's log_format or Apache's LogFormat string (repeatable)", collect)
    .option('--log-format-file <file>', 'read the access-log formats an nginx or Apache configuration defines (repeatable)', collect)
    .option('--max-line <bytes>', 'lines longer than this are not classified', '1M')
    .option('--format <format>', 'table or json (one object)', 'table')
    .addOption(new Option('--color <when>', 'colour: auto (only on a terminal), always, never').default('auto'))
    .addHelpText(
      'after',
      `\nIt exits 0 whatever it finds, as fail2ban-regex does (1: a LOG could not be read, 2: a rule\nfile does not compile). To fail on a rule file whose samples fail: wsnoise rules list --rules FILE\n\nExamples:\n  $ wsnoise rules test --rules myapp.yaml /var/log/myapp.log\n  $ wsnoise rules test --format json app.log | jq .missed`,
    )
    .action((files: string[], flags: { rules?: string[]; wsPath?: string[]; logFormat?: string[]; logFormatFile?: string[]; maxLine: string; format: string; color: string }) => {
      const options = {
        rules: flags.rules ?? [],
        readers: accessReaders(flags.logFormat ?? [], flags.logFormatFile ?? [], (line) => io.stderr.write(`${escapeControls(line)}\n`)),
        files,
        wsPaths: flags.wsPath ?? [],
        maxLine: parseSize('--max-line', flags.maxLine),
        format: parseChoice('--format', flags.format, LIST_FORMATS),
        color: useColor(parseChoice('--color', flags.color, COLOR_MODES), io.env, io.stdoutIsTerminal),
      };
      chosen(async () => (await import('./rule-tools/run-rules-test.js')).runRulesTest(options, io));
    });
}
