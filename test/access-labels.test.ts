import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runCli } from './support/cli.js';

type Event = { stack: string; rule: string };
const stacks = (stdout: Buffer): string[] => stdout.toString().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as Event).stack);

for (const [file, stack] of [
  ['fixtures/logs/tomcat/combined-access.log', 'tomcat'],
  ['fixtures/logs/tomcat/info-access.log', 'tomcat'],
  ['fixtures/logs/jetty/info-request.log', 'jetty'],
  ['fixtures/logs/jetty/debug-request.log', 'jetty'],
  ['fixtures/logs/nginx/upgrade-access.log', 'nginx'],
] as const) {
  test(`${file}: every failure is told to be ${stack}'s`, async () => {
    const r = await runCli(['classify', file]);
    assert.equal(r.code, 0, r.stderr);
    const got = stacks(r.stdout);
    assert.ok(got.length > 10);
    assert.deepEqual(new Set(got), new Set([stack]));
  });
}

const JETTY = readFileSync('fixtures/logs/jetty/info-request.log');

test('on stdin, lines nginx, Tomcat and Jetty write alike are "combined" until a line only Jetty writes ("- - -")', async () => {
  const r = await runCli(['classify'], { stdin: JETTY });
  const got = stacks(r.stdout);
  assert.deepEqual(got.slice(0, 9), Array(9).fill('combined'));
  assert.deepEqual(got.slice(9), Array(6).fill('jetty'));
});

test('--stack names the server: its shared lines are read and told to be its', async () => {
  const r = await runCli(['classify', '--stack', 'jetty'], { stdin: JETTY });
  assert.deepEqual(stacks(r.stdout), Array(15).fill('jetty'));
  const t = await runCli(['classify', '--stack', 'tomcat'], { stdin: readFileSync('fixtures/logs/tomcat/combined-access.log') });
  assert.deepEqual(stacks(t.stdout), Array(14).fill('tomcat'));
});

test("a file at Tomcat's default name is Tomcat's from its first line", async () => {
  const dir = mkdtempSync(`${tmpdir()}/wsnoise-labels-`);
  writeFileSync(`${dir}/localhost_access_log.2026-12-01.txt`, JETTY.subarray(0, JETTY.indexOf('"- - -"')));
  const r = await runCli(['classify', `${dir}/localhost_access_log.2026-12-01.txt`]);
  assert.deepEqual(new Set(stacks(r.stdout)), new Set(['tomcat']));
});

test('an input where two servers show up assumes neither afterwards', async () => {
  const mixed = Buffer.concat([JETTY, Buffer.from('127.0.0.15 - - [01/Dec/2026:19:37:59 +0000] "-" 400 2489\n127.0.0.5 - - [01/Dec/2026:19:37:59 +0000] "GET /ws HTTP/1.1" 400 54 "-" "x"\n')]);
  const got = stacks((await runCli(['classify'], { stdin: mixed })).stdout);
  assert.deepEqual(got.slice(-2), ['tomcat', 'combined']);
});

const APACHE = readFileSync('fixtures/logs/apache/upgrade-access.log');
const APACHE_ARGS = ['--ws-path', '/ws', '--ws-path', '/ws-*', '--ws-path', '/private', '--ws-path', '/flaky'];

test("Apache's combined log is \"combined\" until a line only Apache writes (an HTTP/1.0 101 that sent 0 bytes), Apache's under --stack apache or in /var/log/apache2/", async () => {
  const got = stacks((await runCli(['classify', ...APACHE_ARGS], { stdin: APACHE })).stdout);
  const first = got.indexOf('apache');
  assert.ok(first > 0);
  assert.deepEqual(new Set(got.slice(0, first)), new Set(['combined']));
  assert.deepEqual(new Set(got.slice(first)), new Set(['apache']));
  const chosen = stacks((await runCli(['classify', '--stack', 'apache', ...APACHE_ARGS], { stdin: APACHE })).stdout);
  assert.deepEqual(chosen, Array(got.length).fill('apache'));
  const dir = mkdtempSync(`${tmpdir()}/wsnoise-labels-`);
  mkdirSync(`${dir}/apache2`);
  writeFileSync(`${dir}/apache2/access.log`, APACHE);
  assert.deepEqual(stacks((await runCli(['classify', ...APACHE_ARGS, `${dir}/apache2/access.log`])).stdout), Array(got.length).fill('apache'));
});
