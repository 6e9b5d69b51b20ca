import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** A temporary directory removed after the test file's tests. */
export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsnoise-test-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
