import { spawn } from 'node:child_process';

export interface Delays {
  readonly median: number;
  readonly worst: number;
  readonly count: number;
}

function summarize(ms: number[]): Delays {
  const sorted = [...ms].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? NaN, worst: sorted[sorted.length - 1] ?? NaN, count: sorted.length };
}

/**
 * Live delay of `wsnoise filter` on a pipe: a line every `everyMs`, each timed from its write to
 * its appearance. Plain lines (that cannot open a failure), and lines that may open one whose
 * follow-up never comes (written out after --flush-ms).
 */
export async function measureDelays(node: string, bin: string, lines = 150, everyMs = 20, flushMs = 200): Promise<{ plain: Delays; held: Delays }> {
  const child = spawn(node, [bin, 'filter', '--flush-ms', String(flushMs)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const sentAt = new Map<string, number>();
  const plain: number[] = [];
  const held: number[] = [];
  let pending = '';
  child.stdout.on('data', (c: Buffer) => {
    const now = performance.now();
    pending += c.toString();
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      const id = /#(\w+)$/.exec(line)?.[1];
      const at = id === undefined ? undefined : sentAt.get(id);
      if (at !== undefined) (id!.startsWith('h') ? held : plain).push(now - at);
    }
  });
  await new Promise((r) => setTimeout(r, 300));
  for (let i = 0; i < lines; i++) {
    const isHeld = i % 10 === 9;
    const id = `${isHeld ? 'h' : 'p'}${i}`;
    // A record that may open a failure: the head matches; the hash tag rides on the next line.
    const text = isHeld
      ? `2026-11-20 10:00:00,000 ERROR websockets.server: opening handshake failed\n  detail #${id}\n`
      : `2026-11-20 10:00:00,000 INFO app.api: request handled #${id}\n`;
    sentAt.set(id, performance.now());
    child.stdin.write(text);
    await new Promise((r) => setTimeout(r, isHeld ? flushMs * 2 : everyMs));
  }
  child.stdin.end();
  await new Promise((r) => child.on('close', r));
  return { plain: summarize(plain), held: summarize(held) };
}
