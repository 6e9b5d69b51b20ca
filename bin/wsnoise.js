#!/usr/bin/env node
// Runs the bundled program (dist/bundle/wsnoise.cjs) compiled from the code cache made when it
// was built (scripts/bundle.mjs): about 50 ms less to start. A cache that this Node's V8 does not
// accept is ignored, and the script compiles as usual.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

const file = new URL('../dist/bundle/wsnoise.cjs', import.meta.url).pathname;
const cacheFile = new URL('../dist/bundle/wsnoise.cache', import.meta.url).pathname;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const source = readFileSync(file, 'utf8');
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
// `write`: the build's run, whose compiled functions the cache then holds. `report`: for a test.
const mode = process.env.WSNOISE_CODE_CACHE;
if (mode === 'write') process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
if (mode === 'report') process.stderr.write(`wsnoise: code cache ${cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted'}\n`);
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
