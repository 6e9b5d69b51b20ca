import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { ROOT } from './support/cli.js';

test('npm pack ships the bin, the bundled program and the README, and nothing of the tests', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as [{ files: { path: string }[] }];
  const files = pack.files.map((f) => f.path);
  for (const needed of ['bin/wsnoise.js', 'dist/bundle/wsnoise.cjs', 'dist/bundle/wsnoise.cache', 'dist/bundle/scan-worker.js', 'README.md', 'package.json']) assert.ok(files.includes(needed), needed);
  assert.ok(!files.some((f) => f.startsWith('dist/test/') || f.startsWith('dist/src/') || f.startsWith('fixtures/') || f.startsWith('src/')));
  // The bundle loads Node's own modules and the declared dependencies only (yaml, for rule files).
  const { dependencies } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { dependencies: Record<string, string> };
  const builtins = new Set(builtinModules);
  for (const file of files.filter((f) => f.startsWith('dist/bundle/') && f.endsWith('js'))) {
    const text = readFileSync(`${ROOT}${file}`, 'utf8');
    for (const [, fromSpec, dynamicSpec, required] of text.matchAll(/^import [^;]*?from "([^"]+)";|\bimport\("([^"]+)"\)|\brequire\("([^"]+)"\)/gm)) {
      const spec = (fromSpec ?? dynamicSpec ?? required)!;
      assert.ok(spec.startsWith('node:') || builtins.has(spec) || spec in dependencies, `${file} loads ${spec}`);
    }
  }
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { bin: Record<string, string>; engines: { node: string } };
  assert.equal(pkg.bin['wsnoise'], 'bin/wsnoise.js');
  assert.equal(pkg.engines.node, '>=20');
  assert.match(readFileSync(`${ROOT}bin/wsnoise.js`, 'utf8'), /^#!\/usr\/bin\/env node\n/);
});

test('the packed tarball builds on prepack, installs globally with no script and no warning, and runs from another directory', () => {
  const tmp = mkdtempSync(`${tmpdir()}/wsnoise-pack-`);
  try {
    // The tree as a clone has it, without dist/: `npm pack` builds the bundle on prepack.
    const tree = `${tmp}/tree`;
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
    for (const file of listed.filter((f) => f !== '' && f !== 'node_modules' && !f.startsWith('dist/') && existsSync(ROOT + f))) {
      mkdirSync(dirname(`${tree}/${file}`), { recursive: true });
      copyFileSync(ROOT + file, `${tree}/${file}`);
    }
    symlinkSync(`${ROOT}node_modules`, `${tree}/node_modules`);
    // npm's own variables (from `npm test`) would steer the installs below.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
    const npm = (args: string[], cwd: string): { stdout: string; stderr: string; status: number | null } => spawnSync('npm', args, { cwd, env, encoding: 'utf8' });
    const pack = npm(['pack', '--json', '--pack-destination', tmp], tree);
    assert.equal(pack.status, 0, pack.stderr);
    const [{ filename, files }] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
    for (const built of ['dist/bundle/wsnoise.cjs', 'dist/bundle/wsnoise.cache', 'dist/bundle/scan-worker.js']) assert.ok(files.some((f) => f.path === built), `${built} packed`);
    const install = npm(['install', '--global', '--prefix', `${tmp}/prefix`, '--no-audit', '--no-fund', '--prefer-offline', `${tmp}/${filename}`], tmp);
    assert.equal(install.status, 0, install.stderr);
    assert.doesNotMatch(install.stderr, /warn|script/i);
    const bin = `${tmp}/prefix/bin/wsnoise`;
    const run = spawnSync(bin, ['summary', `${ROOT}fixtures/logs/websockets/legacy-info.log`], { cwd: tmp, env: { ...env, TZ: 'UTC', NO_COLOR: '1' }, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^Handshake failures: 20 /);
    const cache = spawnSync(bin, ['--version'], { cwd: tmp, env: { ...env, WSNOISE_CODE_CACHE: 'report' }, encoding: 'utf8' });
    assert.equal(cache.stderr, 'wsnoise: code cache accepted\n');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the README has its quick start, exit codes and benchmark figures', () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  assert.match(readme, /^## Quick start\n/m);
  assert.ok(readme.includes('npm ci && npx wsnoise summary fixtures/logs/*/*.log'));
  assert.match(readme, /^npm test +#/m);
  assert.match(readme, /^## Exit codes\n/m);
  assert.match(readme, /^\| wsnoise filter \| [\d.]+ \|/m);
});

test("the README quick start's first command prints its summary, and on stderr only the stripping proxy its captures hold", () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const quickStart = readme.slice(readme.indexOf('## Quick start\n'));
  const [, command] = /^npm ci && (.+?)\s+#/m.exec(quickStart) ?? [];
  assert.ok(command !== undefined, 'the quick start opens with npm ci && …');
  // Run as a newcomer's shell would (npx finds this package's own bin), after the build `npm ci` ran.
  const r = spawnSync('sh', ['-c', command], { cwd: ROOT, env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  // The bundled captures include nginx without the upgrade headers in front of websockets: wsnoise says so in one line, with the fix, and nothing else.
  assert.match(r.stderr, /^wsnoise: a proxy in front probably strips the upgrade headers: [^\n]* in [^\n]*fixtures\/logs\/strip\/backend-debug\.log[^\n]*\. Forward them \(nginx: [^\n]*\| Apache: [^\n]*\| HAProxy: [^\n]*\)\n$/);
  assert.match(r.stdout, /^Handshake failures: \d+ /);
});

test('the program starts from the code cache made when it was built', () => {
  const { stderr } = spawnSync(process.execPath, [`${ROOT}bin/wsnoise.js`, '--version'], { env: { ...process.env, WSNOISE_CODE_CACHE: 'report' }, encoding: 'utf8' });
  assert.equal(stderr, 'wsnoise: code cache accepted\n');
});
