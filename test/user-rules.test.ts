import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from './support/cli.js';
import { BUILTIN_STACKS } from '../src/rules/index.js';
import type { RuleSample } from '../src/rules/rule.js';
import { compileCatalogue } from '../src/classify/compile-rules.js';
import { sampleFailures } from '../src/rule-tools/check-samples.js';
import { lookAlike } from '../src/rule-tools/rule-tester.js';
import { WsPaths } from '../src/classify/ws-paths.js';

const MYAPP = `${ROOT}fixtures/rules/myapp.yaml`;
const MYAPP_LOG = 'fixtures/rules/myapp.log';
const dir = mkdtempSync(join(tmpdir(), 'wsnoise-rules-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The myapp example with one line changed: the quickest way to a rule file that is wrong in one place. */
function myappWith(name: string, from: string, to: string): string {
  const text = readFileSync(MYAPP, 'utf8');
  assert.ok(text.includes(from), from);
  return file(name, text.replace(from, to));
}

const NGINX_426 = '127.0.0.4 - - [25/Nov/2026:05:57:21 +0000] "GET /ws HTTP/1.1" 426 165 "-" "curl/7.88.1"\n';

test('the built-in samples hold under the checker that user rule files go through', () => {
  const catalogue = compileCatalogue(BUILTIN_STACKS);
  assert.deepEqual(sampleFailures(catalogue, BUILTIN_STACKS.flatMap((s) => s.rules)), []);
});

test("an exception rule's samples are held to the cause and detail they expect", () => {
  const catalogue = compileCatalogue(BUILTIN_STACKS);
  const rule = BUILTIN_STACKS.flatMap((s) => s.rules).find((r) => r.id === 'netty/exc-missing-key')!;
  const text = rule.samples[0]!.text;
  const why = (sample: RuleSample): string[] => sampleFailures(catalogue, [{ ...rule, samples: [sample] }]).map((f) => f.why);
  assert.deepEqual(why({ text, cause: 'bad-key', detail: 'not a WebSocket request: missing key' }), []);
  assert.deepEqual(why({ text, cause: 'bad-request' }), ['cause is "bad-key", expected "bad-request"']);
  assert.deepEqual(why({ text, detail: 'missing key' }), ['detail is "not a WebSocket request: missing key", expected "missing key"']);
});

test('a JSON rule file holding a list of stacks works as the YAML one does', async () => {
  const rules = [
    {
      stack: 'queue',
      rules: [
        {
          id: 'queue/ws-denied',
          desc: 'the queue refused a WebSocket client',
          source: 'made up for this test',
          needle: 'ws denied peer=',
          pattern: '^queue ws denied peer={HOSTPORT}$',
          cause: 'forbidden',
          samples: [{ text: 'queue ws denied peer=192.0.2.1:80', cause: 'forbidden', ip: '192.0.2.1', port: 80 }, { text: 'queue ws denied peer=192.0.2.1:80 x', match: false }],
        },
      ],
    },
  ];
  const path = file('queue.json', JSON.stringify(rules, null, 1));
  const r = await runCli(['classify', '--rules', path], { stdin: 'hello\nqueue ws denied peer=192.0.2.1:80\n' });
  assert.equal(r.code, 0, r.stderr);
  const event = JSON.parse(r.stdout.toString()) as { cause: string; ip: string; rule: string; ranges: number[][] };
  assert.deepEqual([event.cause, event.ip, event.rule, event.ranges], ['forbidden', '192.0.2.1', 'queue/ws-denied', [[2, 2]]]);
});

test('user rules are tried before the built-in ones, and one with a built-in id replaces it', async () => {
  const yaml = `stack: nginx
rules:
  - id: nginx/access-upgrade-required
    desc: our proxy answers 426 only to scanners
    source: our nginx.conf
    needle: '" 426 '
    pattern: '^{IP} - [^\\n]{0,200}? \\[(?<time>{NGINX_ACCESS_TIME})\\] "GET (?<path>[^"\\s]{1,4000}) HTTP/1\\.1" (?<status>426) \\d{1,20} "[^"\\n]{0,8000}" "[^"\\n]{0,8000}"$'
    complete: true
    cause: not-websocket
    samples:
      - text: '${NGINX_426.trim()}'
        cause: not-websocket
        ip: 127.0.0.4
`;
  const path = file('override.yaml', yaml);
  const r = await runCli(['classify', '--rules', path], { stdin: NGINX_426 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.toString(), /^\{"cause":"not-websocket","group":"noise","status":426,"ip":"127.0.0.4",.*"rule":"nginx\/access-upgrade-required"/);
  const list = await runCli(['rules', 'list', '--format', 'json', '--rules', path]);
  const rows = list.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { id: string; from: string });
  assert.deepEqual(rows.filter((row) => row.id === 'nginx/access-upgrade-required').map((row) => row.from), [path]);
  assert.equal(rows[0]!.id, 'nginx/access-upgrade-required', 'user rules come first');
  // Under another id, the user rule still wins the line: it is tried first.
  const other = file('first.yaml', yaml.replace('stack: nginx', 'stack: edge').replace('nginx/access-upgrade-required', 'edge/scanner-426'));
  const r2 = await runCli(['classify', '--rules', other], { stdin: NGINX_426 });
  assert.match(r2.stdout.toString(), /"rule":"edge\/scanner-426"/);
});

test('a bad rule file stops the run before anything is read or written: no output file, no state', async () => {
  const out = join(dir, 'out.log');
  const state = join(dir, 'state.json');
  const r = await runCli(['filter', '--rules', `${ROOT}fixtures/rules/bad-cause.yaml`, '-o', out, '--state', state, MYAPP_LOG]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout.length, 0);
  assert.equal(r.stderr.split('\n').length, 2, 'one line');
  assert.ok(!existsSync(out) && !existsSync(state));
});

const refusals: [string, string, string, RegExp][] = [
  ['unknown field', '    cause: bad-key\n', '    cause: bad-key\n    pattren: x\n', /:13: rule myapp\/handshake-refused: unknown field "pattren" \(did you mean 'pattern'\?\); a rule has id, desc, source/],
  ['missing needle', '    needle: ws handshake refused\n', '', /:6: rule myapp\/handshake-refused: a rule needs needle$/],
  ['id outside its stack', 'id: myapp/handshake-timeout', 'id: other/handshake-timeout', /:30: rule other\/handshake-timeout: its id must be "myapp\/<name>"/],
  ['duplicate id', 'id: myapp/handshake-timeout', 'id: myapp/handshake-refused', /:30: rule myapp\/handshake-refused: defined twice \(first at .*:6\)$/],
  ['claims no rule', '    cause: timeout\n', '    cause: timeout\n    claims: [myapp/nothing]\n', /rule myapp\/handshake-timeout: claims "myapp\/nothing", which is not a rule id/],
  ['explainedBy a head rule', '    cause: timeout\n', '    cause: timeout\n    traceback: true\n    explainedBy: [myapp/handshake-refused]\n', /rule myapp\/handshake-timeout: explainedBy "myapp\/handshake-refused", which is not an exception rule \(on: exception\)/],
  ['byStatus cause', '    cause: timeout\n', '    cause: timeout\n    byStatus: { "4xx": rejectd }\n', /byStatus: 4xx: unknown cause "rejectd" \(did you mean 'rejected'\?\)/],
  ['unknown fragment', '{HOSTPORT} after', '{HOST_PORT} after', /:34: rule myapp\/handshake-timeout: unknown fragment \{HOST_PORT\}/],
  ['(a+)+', ' after \\d{1,6}ms$', ' after (a+)+ms$', /unbounded quantifier \(like \(a\+\)\+\): it can backtrack for ever/],
  ['(\\w*)*', ' after \\d{1,6}ms$', ' after (\\w*)*ms$', /unbounded quantifier/],
  ['(?:.+)+', ' after \\d{1,6}ms$', ' after (?:.+)+ms$', /unbounded quantifier/],
  ['(a|a)*', ' after \\d{1,6}ms$', ' after (a|a)*ms$', /:34: rule myapp\/handshake-timeout: its pattern a repeated group holds alternatives that may match the same text, \(a\|a\) \(like \(a\|a\)\*\): it can backtrack for ever; make them start differently$/],
  ['(?:\\w|\\d)+', ' after \\d{1,6}ms$', ' after (?:\\w|\\d)+ms$', /alternatives that may match the same text, \(\?:\\w\|\\d\)/],
  ['backreference', ' after \\d{1,6}ms$', ' after (\\d)\\1ms$', /backreferences are not portable/],
  ['no anchor', "pattern: '^(?<time>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?Z) (?:WARN|ERROR) myapp\\.gateway: ws handshake timed", "pattern: '(?<time>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?Z) (?:WARN|ERROR) myapp\\.gateway: ws handshake timed", /not anchored/],
  ['a near miss it matches', "        note: 'inject: anything after the duration is not this line'\n", "        note: 'inject: anything after the duration is not this line'\n      - text: '2026-12-01T19:41:00Z WARN myapp.gateway: ws handshake timed out client=198.51.100.9:40000 after 1ms'\n        match: false\n", /:43: rule myapp\/handshake-timeout: sample 3 fails: near miss matched by its own rule$/],
];
for (const [what, from, to, message] of refusals) {
  test(`a rule file is refused, with its line, for: ${what}`, async () => {
    const path = myappWith(`refuse-${what.replace(/\W+/g, '-')}.yaml`, from, to);
    const r = await runCli(['summary', '--rules', path, MYAPP_LOG]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout.length, 0);
    assert.match(r.stderr.trim(), message);
    assert.ok(r.stderr.startsWith(`wsnoise: ${path}:`), r.stderr);
  });
}

test('rules test --format json: counts, examples, look-alikes and failing samples as data', async () => {
  const r = await runCli(['rules', 'test', '--format', 'json', '--rules', `${ROOT}fixtures/rules/bad-sample.yaml`, MYAPP_LOG]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout.toString()) as {
    records: number;
    rules: { id: string; matched: number; hits: number; ms: number; from: string; examples: { file: string; line: number; text: string }[] }[];
    missed: { count: number; examples: { line: number; why: string }[] };
    failingSamples: { rule: string; sample: number; at: string; why: string }[];
  };
  assert.equal(report.records, 8);
  const refused = report.rules.find((x) => x.id === 'myapp/handshake-refused')!;
  assert.deepEqual([refused.matched, refused.hits, refused.examples.map((e) => e.line)], [2, 2, [2, 5]]);
  assert.ok(refused.from.endsWith('bad-sample.yaml') && refused.ms >= 0);
  // The timeout line (6) is not in this file's rules: a look-alike, as are lines 4 and 7.
  assert.deepEqual(report.missed.examples.map((m) => m.line), [4, 6, 7]);
  assert.equal(report.missed.count, 3);
  assert.deepEqual(report.failingSamples.map((f) => [f.rule, f.sample, f.at.replace(/^.*\//, '')]), [['myapp/handshake-refused', 1, 'bad-sample.yaml:15']]);
});

test('rules test on the captured fixtures: no failing sample, no look-alike left unclaimed in the nginx access logs', async () => {
  const r = await runCli(['rules', 'test', '--format', 'json', '--ws-path', '/private', '--ws-path', '/flaky', 'fixtures/logs/nginx/upgrade-access.log']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout.toString()) as { records: number; rules: { id: string; matched: number }[]; missed: { count: number }; failingSamples: unknown[] };
  assert.ok(report.records > 0);
  assert.deepEqual(report.failingSamples, []);
  assert.ok(report.rules.find((x) => x.id === 'nginx/access-upgrade-required')!.matched > 0);
});

test('rules test: a log that cannot be read exits 1, after the report of the others', async () => {
  const r = await runCli(['rules', 'test', MYAPP_LOG, 'fixtures/rules/no-such.log']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cannot read fixtures\/rules\/no-such\.log: no such file or directory/);
  assert.match(r.stdout.toString(), /^Records: 8;/);
});

test('the look-alike test stays linear on a 1 MB hostile line', () => {
  const line = '"GET /ws'.repeat(1 << 17);
  const start = performance.now();
  assert.equal(lookAlike(line, new WsPaths(['/ws'])), null);
  assert.ok(performance.now() - start < 1000);
});
