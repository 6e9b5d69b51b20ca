import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT } from './support/cli.js';

test('npm pack ships the bin, the built sources and the README, and nothing of the tests', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as [{ files: { path: string }[] }];
  const files = pack.files.map((f) => f.path);
  for (const needed of ['bin/wsnoise.js', 'dist/src/main.js', 'dist/src/cli.js', 'README.md', 'package.json']) assert.ok(files.includes(needed), needed);
  assert.ok(!files.some((f) => f.startsWith('dist/test/') || f.startsWith('fixtures/') || f.startsWith('src/')));
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { bin: Record<string, string>; engines: { node: string } };
  assert.equal(pkg.bin['wsnoise'], 'bin/wsnoise.js');
  assert.equal(pkg.engines.node, '>=20');
  assert.match(readFileSync(`${ROOT}bin/wsnoise.js`, 'utf8'), /^#!\/usr\/bin\/env node\n/);
});

test('the README has its quick start, exit codes and benchmark figures', () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  assert.match(readme, /^## Quick start\n/m);
  assert.ok(readme.includes('npm ci && npx wsnoise summary fixtures/logs/*/*.log'));
  assert.match(readme, /^npm test +#/m);
  assert.match(readme, /^## Exit codes\n/m);
  assert.match(readme, /^\| wsnoise filter \| [\d.]+ \|/m);
});
