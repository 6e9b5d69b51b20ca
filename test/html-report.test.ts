import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { ROOT, runCli } from './support/cli.js';
import { scratchDir } from './support/files.js';
import { needs } from './support/tools.js';
import { PAGE_CHECK, pageCheck, type PageCheck } from './support/html-page-check.js';
import { blockDifference, colourPixels } from './support/png-stats.js';
import { GROUP_COLORS } from '../src/render/html-report.js';

const dir = scratchDir();

interface Keyed {
  readonly count: number;
  readonly share: number;
  readonly causes: Record<string, number>;
}
/** `summary --format json`, the parts the page shows. */
interface SummaryJson {
  readonly total: number;
  readonly groups: Record<string, number>;
  readonly causes: readonly { cause: string; group: string; count: number; share: number; distinctIps: number; distinctIpsAtLeast: boolean; firstSeen: string | null; lastSeen: string | null }[];
  readonly topIps: readonly (Keyed & { ip: string })[];
  readonly stacks: readonly (Keyed & { stack: string })[];
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const REFERENCE = `${ROOT}test/reference/html-report.png`;

function nginxLine(ms: number, ip: string, status: number, method = 'GET'): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${ip} - - [${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000] "${method} /ws HTTP/1.1" ${status} 165 "-" "a-long-user-agent-${'x'.repeat(120)}"\n`;
}

/**
 * An incident as the report is for: a busy morning, strays over 18 months, a busy afternoon with
 * a burst of 500s; refusals of several kinds from IPv4 and long IPv6 sources.
 */
function incidentLog(): string {
  let text = '';
  const busy = (day: number, hours: number, errorsAt: number | null): void => {
    for (let m = 0; m < hours * 60; m += 2) {
      const n = 1 + Math.round(3 + 3 * Math.sin(m / 23)) + (m % 97 === 5 ? 25 : 0);
      for (let i = 0; i < n; i++) {
        const ip = i % 4 === 3 ? `2001:db8:85a3:1234:5678:8a2e:370:${(m + i) % 9}` : `203.0.113.${(i * 7 + m) % 40}`;
        text += nginxLine(day + m * 60_000 + i * 997, ip, [426, 400, 403, 426, 408][(i + m) % 5]!, i % 11 === 10 ? 'POST' : 'GET');
      }
      if (errorsAt !== null && Math.abs(m - errorsAt) < 20) text += nginxLine(day + m * 60_000 + 500, '198.51.100.7', 500);
    }
  };
  busy(Date.UTC(2025, 5, 10, 8), 4, null);
  for (const [mo, d] of [[8, 1], [1, 14], [6, 3]] as const) text += nginxLine(Date.UTC(mo === 1 ? 2026 : mo === 6 ? 2026 : 2025, mo, d, 12), '192.0.2.1', 400);
  busy(Date.UTC(2026, 10, 20, 9), 6, 250);
  return text;
}

/** A one-hour log: a failure or a few a minute. */
function hourLog(): string {
  let text = '';
  for (let m = 0; m < 60; m++) for (let i = 0; i < 1 + (m % 4); i++) text += nginxLine(Date.UTC(2026, 10, 20, 10, m, i * 7), `203.0.113.${(m + i) % 12}`, [426, 400, 403][i % 3]!);
  return text;
}

function chromium(args: string[]): string {
  return execFileSync(
    'chromium',
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${dir}/profile`, '--hide-scrollbars', ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
  );
}

async function report(name: string, files: readonly string[]): Promise<{ html: string; json: SummaryJson }> {
  const path = `${dir}/${name}.html`;
  const r = await runCli(['summary', '--format', 'html', '--tz', 'UTC', '--top', '25', '-o', path, ...files]);
  assert.equal(r.code, 0, r.stderr);
  const j = await runCli(['summary', '--format', 'json', '--tz', 'UTC', '--top', '25', ...files]);
  return { html: readFileSync(path, 'utf8'), json: JSON.parse(j.stdout.toString()) as SummaryJson };
}

/** The page, run in Chromium with the check after its own script. */
function check(name: string, html: string, width = 1200): PageCheck {
  writeFileSync(`${dir}/${name}-checked.html`, html.replace('</body>', () => `${PAGE_CHECK}</body>`));
  return pageCheck(chromium([`--window-size=${width},900`, '--dump-dom', `file://${dir}/${name}-checked.html`]));
}

const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
const n = (text: string): number => Number(text.replace(/[,≥]/g, ''));
const sum = (m: Record<string, number>): number => Object.values(m).reduce((a, b) => a + b, 0);

/** Every number on the page is the JSON summary's; what the chart shows adds up to it. */
function assertSameNumbers(page: PageCheck, json: SummaryJson, exactSources: boolean): void {
  assert.equal(page.cards['failures']!.n, json.total);
  assert.equal(n(page.cards['failures']!.text), json.total);
  for (const g of ['noise', 'misconfig', 'policy', 'error']) assert.equal(n(page.cards[g]!.text), json.groups[g] ?? 0, g);
  assert.deepEqual(
    page.causes,
    json.causes.map((c) => ({ cause: c.cause, group: c.group, count: c.count.toLocaleString('en-US'), share: pct(c.share), ips: `${c.distinctIpsAtLeast ? '≥' : ''}${c.distinctIps}`, first: c.firstSeen, last: c.lastSeen })),
  );
  assert.deepEqual(
    page.sources.map((s) => ({ ip: s.ip, count: n(s.count), share: s.share, causes: s.causes })),
    json.topIps.map((s) => ({ ip: s.ip, count: s.count, share: pct(s.share), causes: s.causes })),
  );
  assert.deepEqual(
    page.stacks.map((s) => ({ stack: s.stack, count: n(s.count), share: s.share, causes: s.causes })),
    json.stacks.map((s) => ({ stack: s.stack, count: s.count, share: pct(s.share), causes: s.causes })),
  );
  for (const c of json.causes) {
    assert.equal(page.legend[c.cause], c.count, `legend ${c.cause}`);
    assert.equal((page.chart[c.cause] ?? 0) + (page.untimed[c.cause] ?? 0), c.count, `the chart's ${c.cause} and those without a time`);
  }
  page.drills.forEach((d, i) => {
    const row = json.topIps[i]!;
    assert.equal(d.ip, row.ip);
    assert.equal(d.count, row.count);
    assert.deepEqual(d.causes, row.causes);
    if (exactSources) assert.deepEqual(d.chart, row.causes, `${d.ip}'s chart holds each of its failures`);
    else assert.ok(sum(d.chart) <= row.count);
    assert.ok(d.stack.length > 0 && d.first !== '-' && d.last >= d.first, JSON.stringify(d));
  });
}

/** What the page does on a click: the legend hides, the chart zooms and comes back, tables sort and filter. */
function assertInteractions(page: PageCheck): void {
  const noise = Object.keys(page.legend).filter((c) => page.causes.find((r) => r.cause === c)?.group === 'noise');
  assert.ok(noise.every((c) => page.noNoise[c] === undefined), 'noise hidden from the legend');
  assert.ok(sum(page.noNoise) === sum(page.chart) - noise.reduce((a, c) => a + (page.chart[c] ?? 0), 0));
  const busiest = n(page.busiest.split(': ').pop()!);
  assert.ok(sum(page.zoomChart) >= busiest && sum(page.zoomChart) < sum(page.chart), 'zoomed to the busiest bucket and the hour around it');
  assert.notEqual(page.zoomCaption, page.caption);
  assert.equal(page.resetCaption, page.caption);
  assert.notEqual(page.brushCaption, page.caption, 'a drag zooms');
  assert.ok(sum(page.brushChart) > 0 && sum(page.brushChart) < sum(page.chart));
  assert.deepEqual(page.sortedDown, [...page.sortedDown].sort((a, b) => b - a));
  assert.deepEqual(page.sortedUp, [...page.sortedDown].reverse());
  assert.ok(page.searched.causes.every((c) => c === 'server-error'));
  assert.ok(page.searched.sources.every((c) => c.includes('server-error')));
  assert.match(page.chipFilter, /^\S+ 1$/, 'a click on a stack filters the tables to it');
  assert.equal(page.wrapped, 0, 'no address, time or cause wraps');
}

test('summary --format html: every number is the JSON summary\'s, in Chromium, and the page zooms, filters, sorts and drills down', { timeout: 180_000 }, async (t) => {
  if (!needs(t, 'chromium', 'chromium')) return;
  writeFileSync(`${dir}/incident.log`, incidentLog());
  const { html, json } = await report('incident', [`${dir}/incident.log`]);
  assert.doesNotMatch(html, /<(link|img|iframe)\b|<script\b[^>]*\bsrc=|https?:\/\/|url\(/, 'nothing loaded from elsewhere');
  const page = check('incident', html);
  assertSameNumbers(page, json, true);
  assertInteractions(page);
  assert.match(page.caption, /per 15 minutes/);
  assert.match(page.caption, /quiet spans folded/);

  writeFileSync(`${dir}/hour.log`, hourLog());
  const hour = await report('hour', [`${dir}/hour.log`]);
  const hourPage = check('hour', hour.html);
  assertSameNumbers(hourPage, hour.json, true);
  assert.match(hourPage.caption, /^Failures per minute, 20 Nov 2026 10:00 – 20 Nov 2026 11:00 \(UTC\)$/);

  const fixtures = readdirSync(`${ROOT}fixtures/logs`, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? readdirSync(`${ROOT}fixtures/logs/${d.name}`).filter((f) => f.endsWith('.log')).map((f) => `${ROOT}fixtures/logs/${d.name}/${f}`) : [],
  );
  const bundled = await report('fixtures', fixtures);
  const fixturesPage = check('fixtures', bundled.html, 480);
  assertSameNumbers(fixturesPage, bundled.json, false);
  assert.equal(fixturesPage.wrapped, 0, 'nothing wraps, even 480 pixels wide');
});

test('summary --format html: the screenshot matches the reference drawn by the same code, in light and dark, and the page prints', { timeout: 120_000 }, async (t) => {
  if (!needs(t, 'chromium', 'chromium')) return;
  writeFileSync(`${dir}/incident.log`, incidentLog());
  const { html } = await report('shot', [`${dir}/incident.log`]);
  const path = `${dir}/shot.html`;
  chromium(['--window-size=1200,1400', `--screenshot=${dir}/shot.png`, `file://${path}`]);
  const shot = PNG.sync.read(readFileSync(`${dir}/shot.png`));
  if (process.env['WSNOISE_UPDATE_REFERENCE'] === '1' || !existsSync(REFERENCE)) {
    if (process.env['CI'] === 'true') assert.fail(`${REFERENCE} is missing: run the test with WSNOISE_UPDATE_REFERENCE=1 and commit it`);
    writeFileSync(REFERENCE, readFileSync(`${dir}/shot.png`));
  }
  const reference = PNG.sync.read(readFileSync(REFERENCE));
  const differ = blockDifference(shot, reference);
  writeFileSync(`${ROOT}dist/html-report-actual.png`, readFileSync(`${dir}/shot.png`));
  assert.ok(differ < 0.03, `${(differ * 100).toFixed(1)}% of the screenshot differs from ${REFERENCE} (this run's: dist/html-report-actual.png)`);
  for (const [group, colour] of Object.entries(GROUP_COLORS.light)) {
    const [got, want] = [colourPixels(shot, colour), colourPixels(reference, colour)];
    assert.ok(Math.abs(got - want) <= Math.max(40, want * 0.1), `${group}: ${got} pixels of ${colour}, the reference has ${want}`);
  }
  assert.ok(colourPixels(shot, GROUP_COLORS.light.error) > 100, 'the burst of errors is drawn');

  chromium(['--window-size=1200,900', '--force-dark-mode', `--screenshot=${dir}/dark.png`, `file://${path}`]);
  const dark = PNG.sync.read(readFileSync(`${dir}/dark.png`));
  assert.ok(dark.data[0]! + dark.data[1]! + dark.data[2]! < 120, 'a dark background');
  for (const [group, colour] of Object.entries(GROUP_COLORS.dark)) assert.ok(colourPixels(dark, colour) > 30, `${group} in its dark colour`);
  chromium(['--no-pdf-header-footer', `--print-to-pdf=${dir}/shot.pdf`, `file://${path}`]);
  const pdf = readFileSync(`${dir}/shot.pdf`, 'latin1');
  assert.ok(pdf.startsWith('%PDF') && (pdf.match(/\/Type\s*\/Page\b/g) ?? []).length >= 1, 'printed');
});
