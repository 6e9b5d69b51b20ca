import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { ROOT, runCli } from './support/cli.js';

/** A CLI case as data: fixtures/cli/<name>.json. */
interface CliCase {
  readonly description: string;
  readonly args: string[];
  readonly stdin?: string;
  readonly stdinFile?: string;
  readonly env?: Record<string, string>;
  readonly code: number;
  readonly stdout?: string;
  readonly stdoutFile?: string;
  readonly stdoutIncludes?: string[];
  readonly stdoutExcludes?: string[];
  readonly stderr?: string;
  readonly stderrIncludes?: string[];
}

const dir = `${ROOT}fixtures/cli/`;
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const c = JSON.parse(readFileSync(dir + name, 'utf8')) as CliCase;
  test(`cli case ${name}: ${c.description}`, async () => {
    const stdin = c.stdinFile !== undefined ? readFileSync(ROOT + c.stdinFile) : c.stdin;
    const r = await runCli(c.args, { ...(stdin !== undefined && { stdin }), ...(c.env && { env: c.env }) });
    const stdout = r.stdout.toString('utf8');
    assert.equal(r.code, c.code, `exit code; stderr: ${r.stderr}`);
    if (c.stdout !== undefined) assert.equal(stdout, c.stdout);
    if (c.stdoutFile !== undefined) assert.ok(r.stdout.equals(readFileSync(ROOT + c.stdoutFile)), 'stdout differs from ' + c.stdoutFile);
    for (const s of c.stdoutIncludes ?? []) assert.ok(stdout.includes(s), `stdout lacks ${JSON.stringify(s)}:\n${stdout}`);
    for (const s of c.stdoutExcludes ?? []) assert.ok(!stdout.includes(s), `stdout holds ${JSON.stringify(s)}`);
    if (c.stderr !== undefined) assert.equal(r.stderr, c.stderr);
    for (const s of c.stderrIncludes ?? []) assert.ok(r.stderr.includes(s), `stderr lacks ${JSON.stringify(s)}:\n${r.stderr}`);
    assert.ok(!/\n\s+at .+:\d+:\d+\)?\n/.test(r.stderr), `a stack trace reached stderr:\n${r.stderr}`);
  });
}
