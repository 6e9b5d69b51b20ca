import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from dist/test/…). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = `${ROOT}bin/wsnoise.js`;

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export interface CliRun {
  readonly stdin?: Buffer | string;
  readonly env?: Record<string, string>;
  readonly cwd?: string;
}

function scanThread(): Record<string, string> {
  const mode = process.env['WSNOISE_SCAN_THREAD'];
  return mode === undefined ? {} : { WSNOISE_SCAN_THREAD: mode };
}

/** Spawns the real CLI, as a user's shell would, with deterministic time zone and colour. */
export function runCli(args: readonly string[], run: CliRun = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: run.cwd ?? ROOT,
      // WSNOISE_SCAN_THREAD=on runs every file through the scan thread, whatever its size.
      env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', NO_COLOR: '1', ...scanThread(), ...run.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.on('error', () => {});
    child.stdin.end(run.stdin ?? '');
  });
}
