import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';
import { needs } from './support/tools.js';
import { CAUSE_COLORS } from '../src/render/html-report.js';

const dir = scratchDir();
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Thirty hours of nginx lines: refusals of three kinds, more at some hours than others. */
function hoursOfFailures(): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  let text = '';
  for (let h = 0; h < 30; h++) {
    const n = 20 + Math.round(15 * Math.sin(h / 3)) + (h % 7 === 3 ? 40 : 0);
    for (let i = 0; i < n; i++) {
      const d = new Date(Date.UTC(2026, 10, 20) + h * 3_600_000 + i * 1000);
      const status = [426, 400, 403][i % 3];
      text += `203.0.113.${(i * 7 + h) % 50} - - [${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/2026:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000] "GET /ws HTTP/1.1" ${status} 165 "-" "a-very-long-user-agent-${'x'.repeat(200)}"\n`;
    }
  }
  return text;
}

function chromium(args: string[]): string {
  return execFileSync(
    'chromium',
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${dir}/profile`, '--hide-scrollbars', ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
  );
}

test('summary --format html: one self-contained file whose chart is drawn and whose text does not overflow', { timeout: 120_000 }, async (t) => {
  if (!needs(t, 'chromium', 'chromium')) return;
  writeFileSync(`${dir}/hours.log`, hoursOfFailures());
  const report = `${dir}/report.html`;
  const r = await runCli(['summary', '--format', 'html', '--tz', 'UTC', '-o', report, `${dir}/hours.log`]);
  assert.equal(r.code, 0, r.stderr);
  const html = readFileSync(report, 'utf8');
  assert.doesNotMatch(html, /<(script|link|img)\b|https?:\/\//, 'nothing loaded from elsewhere');

  chromium(['--window-size=1000,900', `--screenshot=${dir}/shot.png`, `file://${report}`]);
  const png = PNG.sync.read(readFileSync(`${dir}/shot.png`));
  const [r0, g0, b0] = [1, 3, 5].map((i) => parseInt(CAUSE_COLORS['upgrade-required']!.slice(i, i + 2), 16));
  let bars = 0;
  for (let y = 0; y < 420; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (Math.abs(png.data[i]! - r0!) < 8 && Math.abs(png.data[i + 1]! - g0!) < 8 && Math.abs(png.data[i + 2]! - b0!) < 8) bars++;
    }
  }
  assert.ok(bars > 2000, `the chart's upgrade-required bars cover ${bars} pixels`);

  const check = `<script>document.title = JSON.stringify({ page: document.documentElement.scrollWidth > innerWidth, cells: [...document.querySelectorAll('th,td,p,li,figcaption')].filter((e) => e.scrollWidth > e.clientWidth + 1).length })</script>`;
  writeFileSync(`${dir}/checked.html`, html.replace('</body>', `${check}</body>`));
  const dom = chromium(['--window-size=480,800', '--dump-dom', `file://${dir}/checked.html`]);
  assert.equal(/<title>([^<]*)<\/title>/.exec(dom)?.[1]?.replace(/&quot;/g, '"'), '{"page":false,"cells":0}', 'nothing overflows, even 480 pixels wide');
});
