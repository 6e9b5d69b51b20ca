import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logTimeMs, parseLogTime } from '../src/classify/time.js';
import { runCli } from './support/cli.js';

const cases: [string, string, string | null][] = [
  ['2026-11-20 10:00:00,123', 'UTC', '2026-11-20T10:00:00.123+00:00'],
  ['2026-11-20 10:00:00,123', 'Europe/Berlin', '2026-11-20T10:00:00.123+01:00'],
  ['2026-07-20 10:00:00', 'Europe/Berlin', '2026-07-20T10:00:00+02:00'],
  ['2026-11-20T10:00:00.123456Z', 'Asia/Tokyo', '2026-11-20T10:00:00.123456+00:00'],
  ['2026-11-20T10:00:00+05:30', 'UTC', '2026-11-20T10:00:00+05:30'],
  ['2026-03-24 16:03:06,872Z', 'Europe/Berlin', '2026-03-24T16:03:06.872+00:00'],
  ['2023-05-01 15:38:03 +0000', 'Asia/Tokyo', '2023-05-01T15:38:03+00:00'],
  ['20/Nov/2026:10:00:00 +0100', 'UTC', '2026-11-20T10:00:00+01:00'],
  ['2026/11/20 10:00:00', 'America/New_York', '2026-11-20T10:00:00-05:00'],
  ['20/Nov/2026:10:00:00.123', 'Europe/Berlin', '2026-11-20T10:00:00.123+01:00'],
  ['1796153392.4459164', 'Asia/Tokyo', '2026-12-01T19:29:52.4459164+00:00'],
  ['1796153392', 'UTC', '2026-12-01T19:29:52+00:00'],
  ['2026-03-29 02:30:00', 'Europe/Berlin', '2026-03-29T02:30:00+01:00'],
  ['2026-10-25 02:30:00', 'Europe/Berlin', '2026-10-25T02:30:00+02:00'],
  ['2026-10-25 03:30:00', 'Europe/Berlin', '2026-10-25T03:30:00+01:00'],
  ['yesterday', 'UTC', null],
  ['2026-11-20 10:00:00,', 'UTC', null],
  ['2026-02-31 10:00:00', 'UTC', null],
  ['2026-02-29 10:00:00,000', 'UTC', null],
  ['2028-02-29 10:00:00,000', 'UTC', '2028-02-29T10:00:00.000+00:00'],
  ['2100-02-29T10:00:00Z', 'UTC', null],
  ['2000-02-29T10:00:00Z', 'UTC', '2000-02-29T10:00:00+00:00'],
  ['2026-04-31T10:00:00+02:00', 'UTC', null],
  ['2026-11-20 24:00:00', 'UTC', null],
  ['2026-11-20 10:60:00', 'UTC', null],
  ['2026-11-20 10:00:60', 'UTC', null],
  ['2026-13-01 10:00:00', 'UTC', null],
  ['2026-00-10 10:00:00', 'UTC', null],
  ['31/Jun/2026:10:00:00 +0000', 'UTC', null],
  ['2026/11/00 10:00:00', 'UTC', null],
];

for (const [raw, zone, iso] of cases) {
  test(`time ${raw} in ${zone}`, () => {
    assert.equal(parseLogTime(raw, zone), iso);
    assert.equal(logTimeMs(raw, zone), iso === null ? null : Date.parse(iso));
  });
}

test('times later in the same minute are read as the first one was (a cached minute)', () => {
  for (const zone of ['UTC', 'Europe/Berlin']) {
    const first = logTimeMs('2026-11-20 10:00:00,123', zone)!;
    assert.equal(logTimeMs('2026-11-20 10:00:59,9', zone), first - 123 + 59_900);
    assert.equal(logTimeMs('2026-11-20 10:00:07', zone), first - 123 + 7000);
    assert.equal(logTimeMs('2026-11-20 10:01:00,000', zone), first - 123 + 60_000);
  }
  assert.equal(logTimeMs('2026-11-20 10:00:07', 'Asia/Tokyo'), Date.parse('2026-11-20T10:00:07+09:00'));
  logTimeMs('2026-11-20 10:00:00', 'UTC');
  assert.equal(logTimeMs('2026-11-20 10:00:61', 'UTC'), null, 'a second that does not exist, in the cached minute');
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
