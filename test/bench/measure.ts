import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { watchPeakRss } from '../support/peak-rss.js';

export interface Measurement {
  readonly seconds: number;
  readonly peakKb: number;
}

/**
 * Runs a command once with its output to /dev/null; wall time and peak RSS. GNU grep notices
 * /dev/null and stops at its first match, so grep writes into a pipe instead (it prints a count).
 */
export function measure(command: string, args: readonly string[]): Promise<Measurement> {
  const start = performance.now();
  const out = command === 'grep' ? 'pipe' : openSync('/dev/null', 'w');
  const child = spawn(command, args, { stdio: ['ignore', out, 'inherit'] });
  child.stdout?.resume();
  if (typeof out === 'number') closeSync(out);
  const rss = watchPeakRss(child.pid, 5);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      const peakKb = rss.stop();
      if (code !== 0 && !(command === 'grep' && code === 1)) reject(new Error(`${command} ${args.join(' ')} exited ${code}`));
      else resolve({ seconds, peakKb });
    });
  });
}

/** The median of several runs (peak RSS: the largest seen). */
export async function measureMedian(runs: number, command: string, args: readonly string[]): Promise<Measurement> {
  const all: Measurement[] = [];
  for (let i = 0; i < runs; i++) all.push(await measure(command, args));
  const times = all.map((m) => m.seconds).sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)]!, peakKb: Math.max(...all.map((m) => m.peakKb)) };
}
