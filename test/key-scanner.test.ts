import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyScanner } from '../src/classify/key-scanner.js';
import { BUILTIN_STACKS } from '../src/rules/index.js';
import { compileCatalogue } from '../src/classify/compile-rules.js';
import { KEY_LINES_WASM } from '../src/classify/key-lines-wasm.js';

/** Every occurrence, as the regex alternation finds them resuming one character on. */
function byRegex(keys: RegExp, text: string): string[] {
  const found: string[] = [];
  keys.lastIndex = 0;
  for (let m = keys.exec(text); m !== null; m = keys.exec(text)) {
    found.push(`${m.index}:${m[0]}`);
    keys.lastIndex = m.index + 1;
  }
  return found;
}

function byScanner(scanner: KeyScanner, text: string): string[] {
  const found: string[] = [];
  for (let at = scanner.find(text); at !== -1; at = scanner.find(text, at + 1)) found.push(`${at}:${scanner.keys[scanner.lastKey]}`);
  return found;
}

test('the scanner finds every key the alternation finds, where it finds it', () => {
  const catalogue = compileCatalogue(BUILTIN_STACKS);
  const lines = BUILTIN_STACKS.flatMap((s) => s.rules.flatMap((r) => r.samples.map((x) => x.text.split('\n')[0]!)));
  lines.push('', 'no key here at all', 'connection failed (426) connection closed " 404 " 426 \\x16\\x03', 'héllo\u20ac connection failed (');
  for (const text of lines) assert.deepEqual(byScanner(catalogue.scanner, text), byRegex(catalogue.keys, text), text);
});

test('overlapping keys, a key at the very end, suffixes of prefixes', () => {
  const scanner = new KeyScanner(['abcd', 'bce', 'cd', 'xyz']);
  assert.deepEqual(byScanner(scanner, 'abce abcd xy xyz'), ['1:bce', '5:abcd', '7:cd', '13:xyz']);
  assert.deepEqual(byScanner(scanner, 'cd'), ['0:cd']);
  assert.equal(scanner.find('ab'), -1);
});

test('the WebAssembly scanner in key-lines-wasm.ts is key-lines.wat compiled (node scripts/build-wasm.mjs)', async () => {
  const script = new URL('../../scripts/build-wasm.mjs', import.meta.url).href;
  const { compileWat } = (await import(script)) as { compileWat: (path?: URL) => Promise<string> };
  const wat = new URL('../../src/classify/key-lines.wat', import.meta.url);
  assert.equal(await compileWat(wat), KEY_LINES_WASM);
});
