// Bundles the compiled program (dist/src, from tsc) into dist/bundle, which bin/wsnoise.js runs:
// one module per part of the program that loads on its own (the run, the summary renderers, the
// rule tools) rather than a hundred, which takes about 0.1 s off every start. Packages stay in
// node_modules.
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
  packages: 'external',
  logLevel: 'warning',
});
