// Bundles the compiled program (dist/src, from tsc) into dist/bundle, which bin/wsnoise.js runs:
// one module per part of the program that loads on its own (the run, the summary renderers, the
// rule tools) rather than a hundred, which takes about 0.1 s off every start. The packages it
// uses are bundled too: loading commander and cli-table3 file by file from node_modules took
// about 10 ms more. Their CommonJS code asks for Node's modules with `require`, which an ES
// module lacks: the banner gives it one.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
rmSync(`${root}dist/bundle`, { recursive: true, force: true });
await build({
  entryPoints: { main: `${root}dist/src/main.js`, 'scan-worker': `${root}dist/src/input/scan-worker.js` },
  outdir: `${root}dist/bundle`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: "import { createRequire as __wsnoiseRequire } from 'node:module';\nconst require = __wsnoiseRequire(import.meta.url);" },
  logLevel: 'warning',
});
