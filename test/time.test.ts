import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logTimeMs, parseLogTime } from '../src/classify/time.js';
import { lineTimeMs } from '../src/records/record-time.js';
import { runCli } from './support/cli.js';

const cases: [string, string, string | null][] = [
  ['2026-11-20 10:00:00,123', 'UTC', '2026-11-20T10:00:00.123+00:00'],
  ['2026-11-20 10:00:00,123', 'Europe/Berlin', '2026-11-20T10:00:00.123+01:00'],
  ['2026-07-20 10:00:00', 'Europe/Berlin', '2026-07-20T10:00:00.000+02:00'],
  ['2026-11-20T10:00:00.123456Z', 'Asia/Tokyo', '2026-11-20T10:00:00.123+00:00'],
  ['2026-11-20T10:00:00+05:30', 'UTC', '2026-11-20T10:00:00.000+05:30'],
  ['2026-03-24 16:03:06,872Z', 'Europe/Berlin', '2026-03-24T16:03:06.872+00:00'],
  ['2023-05-01 15:38:03 +0000', 'Asia/Tokyo', '2023-05-01T15:38:03.000+00:00'],
  ['20/Nov/2026:10:00:00 +0100', 'UTC', '2026-11-20T10:00:00.000+01:00'],
  ['2026/11/20 10:00:00', 'America/New_York', '2026-11-20T10:00:00.000-05:00'],
  ['20/Nov/2026:10:00:00.123', 'Europe/Berlin', '2026-11-20T10:00:00.123+01:00'],
  ['1796153392.4459164', 'Asia/Tokyo', '2026-12-01T19:29:52.445+00:00'],
  ['1796153392', 'UTC', '2026-12-01T19:29:52.000+00:00'],
  ['2026-03-29 02:30:00', 'Europe/Berlin', '2026-03-29T02:30:00.000+01:00'],
  ['2026-10-25 02:30:00', 'Europe/Berlin', '2026-10-25T02:30:00.000+02:00'],
  ['2026-10-25 03:30:00', 'Europe/Berlin', '2026-10-25T03:30:00.000+01:00'],
  ['yesterday', 'UTC', null],
  ['2026-11-20 10:00:00,', 'UTC', null],
  ['2026-02-31 10:00:00', 'UTC', null],
  ['2026-02-29 10:00:00,000', 'UTC', null],
  ['2028-02-29 10:00:00,000', 'UTC', '2028-02-29T10:00:00.000+00:00'],
  ['2100-02-29T10:00:00Z', 'UTC', null],
  ['2000-02-29T10:00:00Z', 'UTC', '2000-02-29T10:00:00.000+00:00'],
  ['2026-04-31T10:00:00+02:00', 'UTC', null],
  ['2026-11-20 24:00:00', 'UTC', null],
  ['2026-11-20 10:60:00', 'UTC', null],
  ['2026-11-20 10:00:60', 'UTC', null],
  ['2026-13-01 10:00:00', 'UTC', null],
  ['2026-00-10 10:00:00', 'UTC', null],
  ['31/Jun/2026:10:00:00 +0000', 'UTC', null],
  ['2026/11/00 10:00:00', 'UTC', null],
  // Tornado's LogFormatter: yymmdd, no zone
  ['261201 19:26:08', 'UTC', '2026-12-01T19:26:08.000+00:00'],
  ['261201 19:26:08', 'Europe/Berlin', '2026-12-01T19:26:08.000+01:00'],
  ['260701 19:26:08', 'America/New_York', '2026-07-01T19:26:08.000-04:00'],
  ['260329 02:30:00', 'Europe/Berlin', '2026-03-29T02:30:00.000+01:00'],
  ['261025 02:30:00', 'Europe/Berlin', '2026-10-25T02:30:00.000+02:00'],
  ['991231 23:59:59', 'UTC', '2099-12-31T23:59:59.000+00:00'],
  ['000229 12:00:00', 'UTC', '2000-02-29T12:00:00.000+00:00'],
  ['260229 12:00:00', 'UTC', null],
  ['260431 12:00:00', 'UTC', null],
  ['261301 12:00:00', 'UTC', null],
  ['261201 24:00:00', 'UTC', null],
  ['261201 19:26:08,123', 'UTC', null],
  ['2612O1 19:26:08', 'UTC', null],
  // Tomcat JULI's OneLineFormatter: English month names, no zone
  ['01-Dec-2026 19:27:17.626', 'UTC', '2026-12-01T19:27:17.626+00:00'],
  ['01-Dec-2026 19:27:17.626', 'Asia/Tokyo', '2026-12-01T19:27:17.626+09:00'],
  ['15-Jul-2026 08:00:00.000', 'Europe/Berlin', '2026-07-15T08:00:00.000+02:00'],
  ['25-Oct-2026 02:30:00.500', 'Europe/Berlin', '2026-10-25T02:30:00.500+02:00'],
  ['01-Dec-2026 19:27:17', 'UTC', '2026-12-01T19:27:17.000+00:00'],
  ['29-Feb-2028 10:00:00.000', 'UTC', '2028-02-29T10:00:00.000+00:00'],
  ['31-Feb-2026 10:00:00.000', 'UTC', null],
  ['29-Feb-2026 10:00:00.000', 'UTC', null],
  ['31-Apr-2026 10:00:00.000', 'UTC', null],
  ['00-Dec-2026 10:00:00.000', 'UTC', null],
  ['01-Dec-2026 19:61:17.626', 'UTC', null],
  ['01-DEC-2026 19:27:17.626', 'UTC', null],
  ['01-dec-2026 19:27:17.626', 'UTC', null],
  ['01-Dez-2026 19:27:17.626', 'UTC', null],
  ['01-Dec-2026 19:27:17.', 'UTC', null],
  ['01-Dec-2026 19:27:17.626 INFO', 'UTC', null],
  ['1-Dec-2026 19:27:17.626', 'UTC', null],
];

for (const [raw, zone, iso] of cases) {
  test(`time ${raw} in ${zone}`, () => {
    assert.equal(parseLogTime(raw, zone), iso);
    assert.equal(logTimeMs(raw, zone), iso === null ? null : Date.parse(iso));
  });
}

test('every month name of a JULI time', () => {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  names.forEach((name, i) => {
    const mm = String(i + 1).padStart(2, '0');
    assert.equal(parseLogTime(`28-${name}-2026 12:00:00.000`, 'UTC'), `2026-${mm}-28T12:00:00.000+00:00`, name);
  });
});

test("a line's time for --since/--until: Tornado's prefix (after its colour code too) and JULI's, in --tz", () => {
  const now = Date.parse('2026-12-02T00:00:00Z');
  const lines: [string, string, string | null][] = [
    ['[E 261201 19:26:08 web:1820] Uncaught exception GET /ws (127.0.0.20)', 'UTC', '2026-12-01T19:26:08Z'],
    ['[W 261201 19:26:03 web:2271] 400 GET /ws (127.0.0.4) 0.39ms', 'Europe/Berlin', '2026-12-01T19:26:03.000+01:00'],
    ['\u001b[2;33m[W 261201 19:26:03 web:2293]\u001b(B\u001b[m 400 GET /ws (127.0.0.4) 0.39ms', 'UTC', '2026-12-01T19:26:03Z'],
    ['01-Dec-2026 19:27:17.626 INFO [http-nio-8080-exec-1] org.apache.coyote.http11.Http11Processor.service Error parsing HTTP request header', 'America/New_York', '2026-12-01T19:27:17.626-05:00'],
    ['01-Dec-2026 19:27:17.626 SEVERE [main] x', 'UTC', '2026-12-01T19:27:17.626Z'],
    ['ab-cde-fghi - - [20/Nov/2026:10:00:00 +0000] "GET /ws HTTP/1.1" 426 0', 'Asia/Tokyo', '2026-11-20T10:00:00Z'],
    ['[X 261201 19:26:08 web:1820] not a level', 'UTC', null],
    ['[W 261301 19:26:03 web:2293] no 13th month', 'UTC', null],
    ['31-Feb-2026 10:00:00.000 INFO [main] no 31 February', 'UTC', null],
    ['[W 261201 19:26:03', 'UTC', null],
    ['[', 'UTC', null],
  ];
  for (const [line, zone, iso] of lines) assert.equal(lineTimeMs(line, zone, now), iso === null ? null : Date.parse(iso), line);
});

test('times later in the same hour are read as the first one was (a cached hour)', () => {
  for (const zone of ['UTC', 'Europe/Berlin']) {
    const first = logTimeMs('2026-11-20 10:00:00,123', zone)!;
    assert.equal(logTimeMs('2026-11-20 10:00:59,9', zone), first - 123 + 59_900);
    assert.equal(logTimeMs('2026-11-20 10:00:07', zone), first - 123 + 7000);
    assert.equal(logTimeMs('2026-11-20 10:01:00,000', zone), first - 123 + 60_000);
  }
  assert.equal(logTimeMs('2026-11-20 10:00:07', 'Asia/Tokyo'), Date.parse('2026-11-20T10:00:07+09:00'));
  logTimeMs('2026-11-20 10:00:00', 'UTC');
  assert.equal(logTimeMs('2026-11-20 10:00:61', 'UTC'), null, 'a second that does not exist, in the cached hour');
  logTimeMs('2026-11-20 10:00:00', 'UTC');
  assert.equal(logTimeMs('2026-11-20 10:60:00', 'UTC'), null, 'a minute that does not exist, in the cached hour');
});

test("nginx's times in a cached minute, between Python logging's, keep their own offset", () => {
  const times: [string, string][] = [
    ['20/Nov/2026:10:00:00 +0100', '2026-11-20T10:00:00+01:00'],
    ['2026-11-20 10:00:01,500', '2026-11-20T10:00:01.500Z'],
    ['20/Nov/2026:10:00:30 +0100', '2026-11-20T10:00:30+01:00'],
    ['20/Nov/2026:10:00:31 -0500', '2026-11-20T10:00:31-05:00'],
    ['2026-11-20 10:00:02', '2026-11-20T10:00:02Z'],
    ['20/Nov/2026:10:00:32 -0500', '2026-11-20T10:00:32-05:00'],
    ['20/Nov/2026:10:00:33.250 -0500', '2026-11-20T10:00:33.250-05:00'],
    ['20/Nov/2026:10:01:00 -0500', '2026-11-20T10:01:00-05:00'],
  ];
  for (const [raw, iso] of times) assert.equal(logTimeMs(raw, 'UTC'), Date.parse(iso), raw);
  assert.equal(logTimeMs('20/Nov/2026:10:01:60 -0500', 'UTC'), null, 'a second that does not exist, in the cached minute');
});

test("the machine's zone (no --tz) reads times as --tz with that zone does, across changes of offset", async () => {
  const times = ['2026-03-29 02:30:00,000', '2026-10-25 02:30:00,000', '2026-04-05 01:45:00,000', '2026-11-01 01:30:00,000', '2026-07-01 12:00:00,250'];
  const stdin = times.map((t) => `${t} INFO websockets.server: connection failed (400 Bad Request)\n`).join('');
  for (const zone of ['Europe/Berlin', 'America/St_Johns', 'Australia/Lord_Howe']) {
    const machine = await runCli(['classify'], { stdin, env: { TZ: zone } });
    const named = await runCli(['classify', '--tz', zone], { stdin });
    assert.equal(machine.code, 0, machine.stderr);
    assert.equal(machine.stdout.toString(), named.stdout.toString(), zone);
    assert.equal(machine.stdout.toString().split('\n').length, times.length + 1);
  }
});

test('a cached hour is read as a fresh parse reads it, through changes of offset on the hour, the half hour and at :45', () => {
  const two = (n: number): string => String(n).padStart(2, '0');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  // Berlin springs forward and falls back on the hour, Lord Howe by half an hour, Chatham at 2:45.
  const around: [string, number][] = [
    ['Europe/Berlin', Date.UTC(2026, 2, 29, 0)],
    ['Europe/Berlin', Date.UTC(2026, 9, 25, 0)],
    ['Australia/Lord_Howe', Date.UTC(2026, 3, 5, 0)],
    ['Pacific/Chatham', Date.UTC(2026, 8, 27, 0)],
    ['UTC', Date.UTC(2026, 10, 20, 9)],
  ];
  for (const [zone, start] of around) {
    for (let t = start; t < start + 6 * 3_600_000; t += 7 * 60_000 + 13_000) {
      const d = new Date(t);
      const wall = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())},250`;
      const nginx = `${two(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0530`;
      const fresh = parseLogTime(wall, zone);
      assert.equal(logTimeMs(wall, zone), fresh === null ? null : Date.parse(fresh), `${wall} in ${zone}`);
      assert.equal(logTimeMs(nginx, zone), Date.parse(parseLogTime(nginx, zone)!), nginx);
    }
  }
});
