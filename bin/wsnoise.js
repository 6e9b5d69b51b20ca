#!/usr/bin/env node
'use strict';
// Runs the bundled program (dist/bundle/wsnoise.cjs) compiled from the code cache made when it
// was built (scripts/bundle.mjs): about 50 ms less to start. A cache that this Node's V8 does not
// accept is ignored, and the script compiles as usual. This file is CommonJS (bin/package.json):
// an ES module entry would start Node's module loader, about 10 ms more.
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const file = join(__dirname, '../dist/bundle/wsnoise.cjs');
const cacheFile = join(__dirname, '../dist/bundle/wsnoise.cache');
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
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, dirname(file));
