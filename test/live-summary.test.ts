import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { BIN, ROOT } from './support/cli.js';
import { scratchDir } from './support/files.js';
import { needs } from './support/tools.js';

const dir = scratchDir();
// One tmux server per test: a server just killed may still be going away when the next starts.
let servers = 0;
let socket = '';
const tmux = (...args: string[]): string => {
  if (args[0] === 'new-session') socket = `wsnoise-test-${process.pid}-${++servers}`;
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
};
const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const ACCESS = readFileSync(`${ROOT}fixtures/logs/nginx/upgrade-access.log`);

/** Starts `tail -f FILE | wsnoise summary` in a terminal of the given size; returns the screen reader. */
function terminal(file: string, columns: number, rows: number): () => string {
  tmux('new-session', '-d', '-s', 'live', '-x', String(columns), '-y', String(rows), `TZ=UTC tail -n +1 -f ${file} | ${process.execPath} ${BIN} summary; sleep 60`);
  return () => tmux('capture-pane', '-t', 'live', '-p');
}

test('summary on a terminal redraws one table in place, with rates, elapsed time and lines read', { timeout: 30_000 }, async (t) => {
  if (!needs(t, 'tmux', 'tmux')) return;
  t.after(() => tmux('kill-server'));
  const file = `${dir}/live.log`;
  writeFileSync(file, '');
  const screen = terminal(file, 110, 40);
  await settle(800);
  for (let i = 0; i < 3; i++) {
    appendFileSync(file, ACCESS);
    await settle(1300);
  }
  const seen = screen();
  assert.equal(seen.match(/Handshake failures:/g)?.length, 1, `one table, not scrolled copies:\n${seen}`);
  assert.match(seen, /^wsnoise summary · 0m0\ds · 75 lines read · Ctrl-C to finish$/m);
  assert.match(seen, /Handshake failures: 45 \(noise 42, policy 3\)/);
  assert.match(seen, /│ cause +│ group +│ count │ \/min │ last 10 min │ IPs │ share │/);
  assert.match(seen, /│ bad-request +│ noise +│ 15 +│ 15 +│ +█ +│ 5 +│ 33\.3% +│/);
  assert.match(seen, /│ source IP +│ count │ \/min │ last 10 min │ causes/);
  assert.doesNotMatch(seen, /\x1b|\[\d+[A-Z]/, 'no escape sequence shows as text');
  tmux('send-keys', '-t', 'live', 'C-c');
  await settle(1200);
  const after = screen();
  assert.equal(after.match(/Handshake failures:/g)?.length, 1, after);
  assert.match(after, /75 lines read · done$/m);
});

test('a narrow terminal: columns give way, nothing is wider than the screen', { timeout: 30_000 }, async (t) => {
  if (!needs(t, 'tmux', 'tmux')) return;
  t.after(() => tmux('kill-server'));
  const file = `${dir}/narrow.log`;
  writeFileSync(file, ACCESS);
  const screen = terminal(file, 44, 30);
  await settle(2000);
  const seen = screen();
  assert.equal(seen.match(/Handshake failures:/g)?.length, 1, seen);
  for (const line of seen.split('\n')) assert.ok([...line].length <= 44, `too wide: ${line}`);
  assert.match(seen, /│ cause +│ group +│ count │/);
  assert.doesNotMatch(seen, /last 10 min/, 'the sparkline column gave way');
  assert.match(seen, /^wsnoise summary · .*…$/m, 'the status line is cut to the width');
});

test('filter on a terminal: control characters in log text are shown escaped, and misconfigurations removed with --drop are told', { timeout: 30_000 }, async (t) => {
  if (!needs(t, 'tmux', 'tmux')) return;
  t.after(() => tmux('kill-server'));
  const file = `${dir}/terminal.log`;
  writeFileSync(file, readFileSync(`${ROOT}fixtures/logs/websockets/legacy-debug.log`));
  appendFileSync(file, '2026-11-20 10:00:00,000 INFO app: user said \u001b[2J\u001b]0;owned\u0007 hi\n');
  tmux('new-session', '-d', '-s', 'live', '-x', '200', '-y', '50', `${process.execPath} ${BIN} filter --drop noise,policy,misconfig ${file}; sleep 60`);
  await settle(2500);
  const seen = tmux('capture-pane', '-t', 'live', '-p', '-S', '-3000');
  assert.match(seen, /app: user said \\x1b\[2J\\x1b\]0;owned\\x07 hi/, 'shown escaped on a terminal');
  assert.match(seen, /wsnoise: hid 1 misconfiguration failure \(bad-connection-header 1: a proxy may strip "Connection: upgrade"/);
});
