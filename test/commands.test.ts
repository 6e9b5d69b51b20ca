import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { ROOT, runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';

const dir = scratchDir();
const INFO = 'fixtures/logs/websockets/legacy-info.log';
const DEBUG = 'fixtures/logs/websockets/legacy-debug.log';
const NGINX = 'fixtures/logs/nginx/upgrade-access.log';
const read = (path: string): Buffer => readFileSync(ROOT + path);

interface EventJson {
  cause: string;
  group: string;
  status: number | null;
  ip: string | null;
  port: number | null;
  time: string | null;
  stack: string;
  rule: string;
  detail: string | null;
  file: string;
  ranges: [number, number][];
}

async function classify(args: string[]): Promise<EventJson[]> {
  const r = await runCli(['classify', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.toString().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as EventJson);
}

test('the usual advice (a logging filter on the handshake messages) hides the application error; wsnoise keeps it', async () => {
  const log = read(INFO).toString('latin1');
  // A logging.Filter drops a whole record, traceback included, when its message matches.
  const records = log.split(/\n(?=\d{4}-\d\d-\d\d )/);
  const advice = records.filter((r) => !/opening handshake failed|invalid upgrade/.test(r.split('\n')[0]!)).join('\n');
  assert.ok(log.includes('RuntimeError: database is down'));
  assert.ok(!advice.includes('RuntimeError: database is down'), 'the usual advice lost the traceback');
  const filtered = (await runCli(['filter', INFO])).stdout.toString('latin1');
  assert.ok(filtered.includes('opening handshake failed\nTraceback (most recent call last):'));
  assert.ok(filtered.includes('RuntimeError: database is down'));
  assert.ok(filtered.includes('connection failed (500 Internal Server Error)'));
  assert.ok(!filtered.includes('connection failed (426 Upgrade Required)'), 'the noise is gone');
});

test('classify: every documented field, times read in --tz and printed with their offset', async () => {
  const [first] = await classify(['--tz', 'Europe/Berlin', DEBUG]);
  assert.deepEqual(Object.keys(first!), ['cause', 'group', 'status', 'ip', 'port', 'ip_source', 'time', 'stack', 'rule', 'detail', 'file', 'ranges']);
  assert.match(first!.time!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+01:00$/);
  const utc = await classify(['--tz', 'UTC', DEBUG]);
  assert.equal(Date.parse(utc[0]!.time!) - Date.parse(first!.time!), 3_600_000, 'a time without a zone is wall-clock time in --tz');
  const nginx = await classify(['--tz', 'Asia/Tokyo', NGINX]);
  assert.match(nginx[0]!.time!, /\+00:00$/, 'a time written with its offset keeps it');
  assert.ok(nginx.every((e) => typeof e.ip === 'string' && e.stack === 'nginx' && e.rule.startsWith('nginx/')));
});

test('filter --keep and --drop choose what goes, by cause or group', async () => {
  const events = await classify([DEBUG]);
  const misconfig = events.filter((e) => e.group === 'misconfig');
  assert.ok(misconfig.length > 0);
  const kept = (await runCli(['filter', DEBUG])).stdout;
  const all = (await runCli(['filter', '--drop', 'noise,policy,misconfig', DEBUG])).stdout;
  const lines = (b: Buffer): number => b.toString('latin1').split('\n').length;
  const misconfigLines = misconfig.reduce((n, e) => n + e.ranges.reduce((m, [a, b]) => m + b - a + 1, 0), 0);
  assert.equal(lines(kept) - lines(all), misconfigLines, 'misconfiguration is kept by default, removed when named');
  const policy = events.filter((e) => e.group === 'policy');
  const keptPolicy = (await runCli(['filter', '--keep', 'policy', DEBUG])).stdout;
  assert.equal(lines(keptPolicy) - lines(kept), policy.reduce((n, e) => n + e.ranges.reduce((m, [a, b]) => m + b - a + 1, 0), 0));
  const dropped = (await runCli(['filter', '--only', '--drop', 'bad-key,unsupported-version', DEBUG])).stdout.toString('latin1');
  assert.match(dropped, /missing Sec-WebSocket-Key header/);
  assert.match(dropped, /Sec-WebSocket-Version header/);
  assert.doesNotMatch(dropped, /InvalidUpgrade|RuntimeError/);
  const withErrors = (await runCli(['filter', '--only', '--drop', 'error', INFO])).stdout.toString('latin1');
  assert.match(withErrors, /RuntimeError: database is down/, '--drop error removes errors only when asked');
});

test('filter --collapse: one line per removed event, annotated before the line ending (CRLF kept)', async () => {
  const crlf = `${dir}/crlf.log`;
  writeFileSync(crlf, read(INFO).toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
  const out = (await runCli(['filter', '--collapse', crlf])).stdout.toString('latin1');
  const events = await classify([crlf]);
  const collapsed = out.split('\r\n').filter((l) => l.includes(' [wsnoise cause='));
  assert.equal(collapsed.length, events.filter((e) => e.group === 'noise' || e.group === 'policy').length);
  assert.match(collapsed[0]!, /connection failed \(426 Upgrade Required\) \[wsnoise cause=upgrade-required ip=- lines=2\]$/);
  assert.ok(!out.replace(/\r\n/g, '').includes('\n'), 'every line still ends in CRLF');
  const nginx = (await runCli(['filter', '--collapse', NGINX])).stdout.toString('latin1');
  assert.match(nginx, /" 426 165 "-" "[^"]*" \[wsnoise cause=upgrade-required ip=127\.0\.0\.4 lines=1\]\n/);
});

test('filter --stats: the summary on stderr, the log untouched on stdout', async () => {
  const plain = await runCli(['filter', INFO]);
  const stats = await runCli(['filter', '--stats', INFO]);
  assert.deepEqual(stats.stdout, plain.stdout);
  const events = await classify([INFO]);
  const count = (group: string): number => events.filter((e) => e.group === group).length;
  assert.ok(stats.stderr.startsWith(`Handshake failures: ${events.length} (noise ${count('noise')}, policy ${count('policy')}, error ${count('error')})\n`));
  assert.match(stats.stderr, /upgrade-required/);
});

test('summary: tables by cause, ip and stack; --top; JSON in its documented shape', async () => {
  const files = [NGINX, 'fixtures/logs/nginx/upgrade-error.log'];
  const byCause = (await runCli(['summary', ...files])).stdout.toString();
  assert.match(byCause, /cause +│ group +│ count │ share │ IPs │ first seen +│ last seen/);
  assert.match(byCause, /Top 10 source IPs:/);
  const byIp = (await runCli(['summary', '--by', 'ip', '--top', '3', ...files])).stdout.toString();
  assert.doesNotMatch(byIp, /first seen/);
  assert.match(byIp, /Top 3 source IPs:/);
  const byStack = (await runCli(['summary', '--by', 'stack', ...files])).stdout.toString();
  assert.match(byStack, /│ nginx +│/);
  const json = JSON.parse((await runCli(['summary', '--format', 'json', '--top', '2', '--tz', 'UTC', ...files])).stdout.toString()) as {
    total: number;
    groups: Record<string, number>;
    causes: { cause: string; group: string; count: number; share: number; distinctIps: number; firstSeen: string | null; lastSeen: string | null }[];
    topIps: { ip: string; count: number; share: number; causes: Record<string, number> }[];
    stacks: { stack: string; count: number }[];
    otherIps: number;
    noIp: number;
  };
  const events = [...(await classify([NGINX])), ...(await classify(['fixtures/logs/nginx/upgrade-error.log']))];
  assert.equal(json.total, events.length);
  assert.equal(json.causes.reduce((n, c) => n + c.count, 0), events.length);
  assert.equal(json.topIps.length, 2);
  assert.deepEqual(json.stacks.map((s) => s.stack), ['nginx']);
  assert.equal(json.noIp, events.filter((e) => e.ip === null).length);
  const csvByIp = (await runCli(['summary', '--format', 'csv', '--by', 'ip', ...files])).stdout.toString();
  assert.match(csvByIp, /^ip,count,share,causes\n/);
});

test('--ws-path declares WebSocket routes: a plain request there is a failed handshake', async () => {
  const log = `${dir}/routes.log`;
  writeFileSync(log, 'INFO:     127.0.0.4:42459 - "GET /chat/room1 HTTP/1.1" 404 Not Found\nINFO:     127.0.0.4:42460 - "GET /api HTTP/1.1" 404 Not Found\n');
  assert.deepEqual(await classify([log]), []);
  const events = await classify(['--ws-path', '/chat/*', log]);
  assert.deepEqual(events.map((e) => [e.cause, e.ip, e.ranges]), [['not-websocket', '127.0.0.4', [[1, 1]]]]);
});

test('routes learned from the input: a 101 on a path makes a plain GET there noise, before it in a file, after it on a pipe', async () => {
  const log = `${dir}/learned.log`;
  writeFileSync(
    log,
    '10.0.0.1 - - [20/Nov/2026:10:00:00 +0000] "GET /live HTTP/1.1" 404 0 "-" "-"\n' +
      '10.0.0.2 - - [20/Nov/2026:10:00:01 +0000] "GET /live HTTP/1.1" 101 0 "-" "-"\n' +
      '10.0.0.3 - - [20/Nov/2026:10:00:02 +0000] "GET /live HTTP/1.1" 404 0 "-" "-"\n',
  );
  const events = await classify([log]);
  assert.deepEqual(events.map((e) => [e.cause, e.ip, e.ranges]), [['not-websocket', '10.0.0.1', [[1, 1]]], ['not-websocket', '10.0.0.3', [[3, 3]]]]);
  const piped = (await runCli(['classify'], { stdin: readFileSync(log) })).stdout.toString().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as EventJson);
  assert.deepEqual(piped.map((e) => [e.cause, e.ip, e.ranges]), [['not-websocket', '10.0.0.3', [[3, 3]]]], 'a pipe is read once');
});

test('log text never reaches the output with raw control characters (classify, summary)', async () => {
  const log = `${dir}/controls.log`;
  writeFileSync(log, 'ERROR:websockets.server:opening handshake failed\nTraceback (most recent call last):\n  File "x.py", line 1, in f\nValueError: invalid HTTP request line: \u001b]0;pwned\u0007\u001b[2J\u009b31m\n');
  const r = await runCli(['classify', log]);
  const text = r.stdout.toString();
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  assert.equal((JSON.parse(text) as EventJson).detail, 'invalid HTTP request line: \u001b]0;pwned\u0007\u001b[2J\u009b31m');
  for (const format of ['table', 'csv', 'json']) {
    const s = (await runCli(['summary', '--format', format, log])).stdout.toString();
    assert.doesNotMatch(s, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, format);
  }
});

test('--since / --until keep the records written in the window; records without a time are read and counted', async () => {
  const log = `${dir}/window.log`;
  writeFileSync(
    log,
    '2026-11-20 09:59:59,000 INFO websockets.server: connection failed (426 Upgrade Required)\n' +
      '2026-11-20 10:00:00,000 INFO websockets.server: connection failed (400 Bad Request)\n' +
      'a line without a time\n' +
      'Nov 20 10:30:00 host app[1]: a syslog line\n' +
      '20/Nov/2026:11:00:00 no, this is not a time\n' +
      '203.0.113.9 - - [20/Nov/2026:11:00:00 +0000] "GET /ws HTTP/1.1" 426 165 "-" "curl/8"\n',
  );
  const window = ['--tz', 'UTC', '--since', '2026-11-20T10:00:00Z', '--until', '2026-11-20T11:00:00Z'];
  assert.deepEqual((await classify([...window, log])).map((e) => [e.cause, e.ranges]), [['bad-request', [[2, 2]]]]);
  const kept = (await runCli(['filter', '--keep', 'noise', ...window, log])).stdout.toString();
  assert.equal(kept, '2026-11-20 10:00:00,000 INFO websockets.server: connection failed (400 Bad Request)\na line without a time\nNov 20 10:30:00 host app[1]: a syslog line\n20/Nov/2026:11:00:00 no, this is not a time\n');
  const table = (await runCli(['summary', ...window, log])).stdout.toString();
  assert.match(table, /2 records without a time, read whatever the window/);
  const since = (await runCli(['classify', '--since', '3650d', log])).stdout.toString().trim().split('\n');
  assert.equal(since.length, 3, 'a duration counts back from now');
});

test('summary counts distinct sources per cause, sources seen once included', async () => {
  const events = await classify([NGINX]);
  const distinct = new Set(events.filter((e) => e.cause === 'upgrade-required' && e.ip !== null).map((e) => e.ip)).size;
  const json = JSON.parse((await runCli(['summary', '--format', 'json', NGINX])).stdout.toString()) as { causes: { cause: string; distinctIps: number }[] };
  assert.equal(json.causes.find((c) => c.cause === 'upgrade-required')!.distinctIps, distinct);
  assert.ok(distinct > 1);
});
