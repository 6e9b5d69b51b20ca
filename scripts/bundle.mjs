// Bundles the program from its TypeScript sources (src/, compiled by esbuild, which only strips
// the types: `tsc` checks them in `npm run build`) into dist/bundle, which bin/wsnoise.js runs. It
// is the whole build of `npm ci` in a clone and of `npm pack` (about half a second; tsc took five):
// - wsnoise.cjs: the whole program, its packages included, as one CommonJS script, so that
//   bin/wsnoise.js can compile it with V8's code cache;
// - wsnoise.cache: that cache, made here by running the program once on the bundled fixtures
//   (it holds the bytecode of every function that run compiled). Starting from it takes about
//   50 ms less than compiling ES modules (measured on `summary` and `filter` of a small log).
//   A Node whose V8 rejects it compiles the script as usual;
// - scan-worker.js: the scan thread's own module (src/input/scan-ahead.ts).
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const out = `${root}dist/bundle`;
rmSync(out, { recursive: true, force: true });
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };
await build({ ...common, entryPoints: [`${root}src/input/scan-worker.ts`], outfile: `${out}/scan-worker.js`, format: 'esm' });
await build({
  ...common,
  entryPoints: [`${root}src/main.ts`],
  outfile: `${out}/wsnoise.cjs`,
  format: 'cjs',
  // The modules' own address (where the scan thread's module and package.json are found).
  define: { 'import.meta.url': '__wsnoiseUrl' },
  banner: { js: "const __wsnoiseUrl = require('node:url').pathToFileURL(__filename).href;" },
});
const fixtures = readdirSync(`${root}fixtures/logs/websockets`)
  .filter((f) => f.endsWith('.log'))
  .map((f) => `${root}fixtures/logs/websockets/${f}`);
execFileSync(process.execPath, [`${root}bin/wsnoise.js`, 'filter', '--stats', ...fixtures], {
  env: { ...process.env, WSNOISE_CODE_CACHE: 'write' },
  stdio: ['ignore', 'ignore', 'ignore'],
});
