import { execFileSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/**
 * Whether a program the test drives is installed. Missing on a developer's machine, the test is
 * skipped and says what to install; missing in CI (which installs it), the test fails.
 */
export function needs(t: TestContext, program: string, debianPackage: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env['CI'] === 'true') throw new Error(`${program} is not installed: CI must install ${debianPackage}`);
    t.skip(`${program} is not installed (apt-get install ${debianPackage}; .ci/run does)`);
    return false;
  }
}
