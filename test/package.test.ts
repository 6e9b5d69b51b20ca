import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT } from './support/cli.js';

test('npm pack ships the bin, the bundled program and the README, and nothing of the tests', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as [{ files: { path: string }[] }];
  const files = pack.files.map((f) => f.path);
  for (const needed of ['bin/wsnoise.js', 'dist/bundle/main.js', 'README.md', 'package.json']) assert.ok(files.includes(needed), needed);
  assert.ok(!files.some((f) => f.startsWith('dist/test/') || f.startsWith('dist/src/') || f.startsWith('fixtures/') || f.startsWith('src/')));
  // The bundle imports its own chunks, Node's modules and the declared dependencies only.
  const { dependencies } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { dependencies: Record<string, string> };
  for (const file of files.filter((f) => f.startsWith('dist/bundle/'))) {
    for (const [, fromSpec, dynamicSpec] of readFileSync(`${ROOT}${file}`, 'utf8').matchAll(/^import [^;]*?from "([^"]+)";|\bimport\("([^"]+)"\)/gm)) {
      const spec = (fromSpec ?? dynamicSpec)!;
      assert.ok(spec.startsWith('./') || spec.startsWith('node:') || spec in dependencies, `${file} imports ${spec}`);
    }
  }
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
