import { readFileSync } from 'node:fs';

/** Samples a running process's peak resident set (VmHWM) until `stop()`; Linux only. */
export function watchPeakRss(pid: number | undefined, everyMs = 10): { stop(): number } {
  let peakKb = 0;
  const sample = (): void => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // the process has just exited
    }
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peakKb;
    },
  };
}
