import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';
import { needs } from './support/tools.js';

const dir = scratchDir();
const FILES = ['fixtures/logs/nginx/upgrade-access.log', 'fixtures/logs/nginx/upgrade-error.log', 'fixtures/logs/websockets/legacy-info.log'];
const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('summary --format prometheus passes promtool check metrics', async (t) => {
  if (!needs(t, 'promtool', 'prometheus')) return;
  const r = await runCli(['summary', '--format', 'prometheus', ...FILES]);
  assert.equal(r.code, 0, r.stderr);
  const check = execFileSync('promtool', ['check', 'metrics'], { input: r.stdout, encoding: 'utf8' });
  assert.equal(check, '');
  assert.match(r.stdout.toString(), /^wsnoise_handshake_failures_total\{cause="server-error",group="error",stack="websockets"\} 1$/m);
  assert.match(r.stdout.toString(), /^wsnoise_lines_read_total \d+$/m);
});

test('the textfile written with --output is read back by a real node_exporter on loopback', { timeout: 30_000 }, async (t) => {
  if (!needs(t, 'prometheus-node-exporter', 'prometheus-node-exporter')) return;
  const textfiles = `${dir}/textfile`;
  mkdirSync(textfiles);
  const r = await runCli(['summary', '--format', 'prometheus', '--output', `${textfiles}/wsnoise.prom`, ...FILES]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.length, 0);
  const port = 19100 + (process.pid % 500);
  const exporter = spawn('prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${port}`, '--collector.disable-defaults', '--collector.textfile', `--collector.textfile.directory=${textfiles}`], { stdio: 'ignore' });
  t.after(() => exporter.kill());
  let body = '';
  for (let i = 0; i < 50 && !body.includes('wsnoise_'); i++) {
    await settle(200);
    body = await fetch(`http://127.0.0.1:${port}/metrics`).then((res) => res.text(), () => '');
  }
  assert.match(body, /^wsnoise_handshake_failures_total\{cause="upgrade-required",group="noise",stack="nginx"\} \d+$/m);
  assert.match(body, /^wsnoise_handshake_failures_total\{cause="server-error",group="error",stack="websockets"\} 1$/m);
  assert.match(body, /node_textfile_scrape_error 0/);
});

test('with --state, the counters a cron job writes only ever grow', async (t) => {
  if (!needs(t, 'promtool', 'prometheus')) return;
  const { readFileSync, writeFileSync, appendFileSync } = await import('node:fs');
  const lines = readFileSync('fixtures/logs/websockets/legacy-info.log', 'utf8').split(/(?<=\n)/);
  const log = `${dir}/cron.log`;
  writeFileSync(log, lines.slice(0, 20).join(''));
  const series = async (): Promise<Record<string, number>> => {
    const r = await runCli(['summary', '--format', 'prometheus', '--state', `${dir}/cron.state`, '-o', `${dir}/cron.prom`, log]);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(`${dir}/cron.prom`, 'utf8');
    execFileSync('promtool', ['check', 'metrics'], { input: text });
    return Object.fromEntries(text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => [l.slice(0, l.lastIndexOf(' ')), Number(l.slice(l.lastIndexOf(' ') + 1))]));
  };
  const first = await series();
  appendFileSync(log, lines.slice(20).join(''));
  const second = await series();
  const third = await series();
  assert.equal(first['wsnoise_lines_read_total'], 20);
  assert.equal(second['wsnoise_lines_read_total'], lines.length);
  for (const [key, n] of Object.entries(first)) assert.ok(second[key]! >= n, `${key} went down`);
  assert.deepEqual(third, second, 'a run with nothing new changes nothing');
  assert.equal(second['wsnoise_handshake_failures_total{cause="server-error",group="error",stack="websockets"}'], 1);
});
