/**
 * Scores wsnoise on the held-out set (test/heldout/cases/): logs users pasted into public
 * issues, labelled blind from their text. Each case runs through the real CLI with no flags, as
 * a new user would run it. `npm run heldout` prints the table the README shows; `--json` one
 * object; `--cases` a row per case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { runCli, ROOT } from '../support/cli.js';
import { normalizeIp } from '../../src/classify/ip.js';

interface Label {
  readonly lines: [number, number];
  readonly kind: 'failure' | 'error';
  readonly causes?: readonly string[];
  readonly ip?: string;
}
interface Event {
  readonly cause: string;
  readonly group: string;
  readonly ip: string | null;
  readonly ranges: [number, number][];
}

const CASES = `${ROOT}test/heldout/cases/`;

const covers = (e: Event, no: number): boolean => e.ranges.some(([a, b]) => no >= a && no <= b);
const overlaps = (e: Event, [a, b]: [number, number]): boolean => e.ranges.some(([x, y]) => x <= b && y >= a);

interface Tally {
  failureLines: number;
  failureFound: number;
  normalLines: number;
  normalFlagged: number;
  errorLines: number;
  errorHidden: number;
  failureEvents: number;
  eventsFound: number;
  causeAcceptable: number;
  causeFirst: number;
  withIp: number;
  ipRight: number;
}

const zero = (): Tally => ({ failureLines: 0, failureFound: 0, normalLines: 0, normalFlagged: 0, errorLines: 0, errorHidden: 0, failureEvents: 0, eventsFound: 0, causeAcceptable: 0, causeFirst: 0, withIp: 0, ipRight: 0 });

async function scoreCase(name: string): Promise<Tally> {
  const log = `${CASES}${name}.log`;
  const labels = (JSON.parse(readFileSync(`${CASES}${name}.labels.json`, 'utf8')) as { events: Label[] }).events;
  const lineCount = readFileSync(log, 'latin1').split('\n').length - (readFileSync(log, 'latin1').endsWith('\n') ? 1 : 0);
  const r = await runCli(['classify', log]);
  if (r.code !== 0) throw new Error(`${name}: exit ${r.code}: ${r.stderr}`);
  const events = r.stdout.toString().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Event);
  const t = zero();
  const kindOf = (no: number): Label['kind'] | 'normal' => labels.find((l) => no >= l.lines[0] && no <= l.lines[1])?.kind ?? 'normal';
  for (let no = 1; no <= lineCount; no++) {
    const kind = kindOf(no);
    const event = events.find((e) => covers(e, no));
    if (kind === 'failure') {
      t.failureLines++;
      if (event !== undefined) t.failureFound++;
    } else if (kind === 'error') {
      t.errorLines++;
      if (event !== undefined && event.group !== 'error') t.errorHidden++;
    } else {
      t.normalLines++;
      if (event !== undefined) t.normalFlagged++;
    }
  }
  for (const label of labels.filter((l) => l.kind === 'failure')) {
    t.failureEvents++;
    const found = events.filter((e) => overlaps(e, label.lines));
    if (found.length === 0) continue;
    t.eventsFound++;
    const causes = label.causes ?? [];
    if (found.some((e) => causes.includes(e.cause))) t.causeAcceptable++;
    if (found.some((e) => e.cause === causes[0])) t.causeFirst++;
    const want = label.ip === undefined ? null : (normalizeIp(label.ip) ?? label.ip);
    if (want !== null) {
      t.withIp++;
      if (found.some((e) => e.ip === want)) t.ipRight++;
    }
  }
  return t;
}

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`);

async function main(): Promise<void> {
  const names = readdirSync(CASES).filter((f) => f.endsWith('.log')).map((f) => f.slice(0, -4)).sort();
  const per: [string, Tally][] = [];
  for (const name of names) per.push([name, await scoreCase(name)]);
  const all = zero();
  for (const [, t] of per) for (const k of Object.keys(all) as (keyof Tally)[]) all[k] += t[k];
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ cases: names.length, ...all })}\n`);
    return;
  }
  if (process.argv.includes('--cases')) {
    for (const [name, t] of per) {
      process.stdout.write(`${name.padEnd(40)} failures ${t.failureFound}/${t.failureLines}  normal flagged ${t.normalFlagged}  errors hidden ${t.errorHidden}  cause ${t.causeAcceptable}/${t.eventsFound}  ip ${t.ipRight}/${t.withIp}\n`);
    }
    process.stdout.write('\n');
  }
  const rows = [
    ['failure lines found', `${all.failureFound} / ${all.failureLines}`, pct(all.failureFound, all.failureLines), '≥ 95 %'],
    ['normal lines flagged', `${all.normalFlagged} / ${all.normalLines}`, pct(all.normalFlagged, all.normalLines), '0'],
    ['error lines hidden', `${all.errorHidden} / ${all.errorLines}`, pct(all.errorHidden, all.errorLines), '0'],
    ['failure events found', `${all.eventsFound} / ${all.failureEvents}`, pct(all.eventsFound, all.failureEvents), ''],
    ['cause acceptable (of found)', `${all.causeAcceptable} / ${all.eventsFound}`, pct(all.causeAcceptable, all.eventsFound), '≥ 90 %'],
    ['most specific cause (of found)', `${all.causeFirst} / ${all.eventsFound}`, pct(all.causeFirst, all.eventsFound), '≥ 75 %'],
    ['address right (of found, where the line has one)', `${all.ipRight} / ${all.withIp}`, pct(all.ipRight, all.withIp), '≥ 95 %'],
  ];
  process.stdout.write(`Held-out set: ${names.length} cases\n\n| measure | count | share | bar |\n|---|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
}

await main();
