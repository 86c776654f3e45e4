/**
 * CronJob schedules: robfig/cron ParseStandard's errors, the next activation after a time (in
 * UTC and in zones), and the controller's view of missed schedules (mostRecentScheduleTime,
 * nextScheduleTimeDuration, job names) in simulated time.
 */
import { describe, expect, it } from 'vitest';
import { formatRfc3339In, loadLocation, nextActivation, parseGoDuration, parseStandard, type TimeZone } from '../../../src/engine/api/cron.ts';
import { jobNameFor, type CronJob } from '../../../src/engine/components/controllers/cronjob.ts';
import { mostRecentScheduleTime, nextScheduleDelayMs } from '../../../src/engine/components/controllers/cronjob-sync.ts';
import { EPOCH_UNIX_MS } from '../../../src/engine/kernel/time.ts';

const parseError = (spec: string): string => {
  try {
    parseStandard(spec);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('parseStandard errors (robfig/cron wording)', () => {
  it.each([
    ['', 'empty spec string'],
    ['foo', 'expected exactly 5 fields, found 1: [foo]'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * 13 *', 'end of range (13) above maximum (12): 13'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-2 * * * *', 'beginning of range (5) beyond end of range (2): 5-2'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['* * * foo *', 'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax'],
    ['@often', 'unrecognized descriptor: @often'],
    ['@every soon', 'failed to parse duration @every soon: time: invalid duration "soon"'],
    ['TZ=Mars/Base * * * * *', 'provided bad location Mars/Base: unknown time zone Mars/Base'],
  ])('%j → %s', (spec, message) => {
    expect(parseError(spec)).toBe(message);
  });

  it.each(['*/1 * * * *', '0 9-17 * * mon-fri', '15,45 */2 1 jan,JUL ?', '@hourly', '@daily', '@midnight', '@weekly', '@monthly', '@yearly', '@annually', '@every 1h30m', 'TZ=UTC 0 0 * * *'])(
    'accepts %j',
    (spec) => expect(parseError(spec)).toBe(''),
  );
});

const utc = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string => (ms === undefined ? 'none' : new Date(ms).toISOString().replace('.000Z', 'Z'));

describe('nextActivation (SpecSchedule.Next)', () => {
  it.each([
    ['*/1 * * * *', '2025-01-01T00:00:00Z', '2025-01-01T00:01:00Z'],
    ['*/1 * * * *', '2025-01-01T00:00:59.500Z', '2025-01-01T00:01:00Z'],
    ['*/15 * * * *', '2025-01-01T00:14:59Z', '2025-01-01T00:15:00Z'],
    ['*/15 * * * *', '2025-01-01T00:15:00Z', '2025-01-01T00:30:00Z'],
    ['0 * * * *', '2025-01-01T10:30:00Z', '2025-01-01T11:00:00Z'],
    ['@hourly', '2025-01-01T23:59:00Z', '2025-01-02T00:00:00Z'],
    ['@daily', '2025-01-31T12:00:00Z', '2025-02-01T00:00:00Z'],
    ['@weekly', '2025-01-01T00:00:00Z', '2025-01-05T00:00:00Z'], // 2025-01-01 is a Wednesday
    ['@monthly', '2025-01-15T00:00:00Z', '2025-02-01T00:00:00Z'],
    ['@yearly', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    ['30 9 * * mon-fri', '2025-01-03T10:00:00Z', '2025-01-06T09:30:00Z'], // Friday after 9:30 → Monday
    ['0 0 13 * 5', '2025-01-01T00:00:00Z', '2025-01-03T00:00:00Z'], // day-of-month OR Friday
    ['0 0 13 * *', '2025-01-01T00:00:00Z', '2025-01-13T00:00:00Z'],
    ['0 0 */10 * *', '2025-01-01T00:00:00Z', '2025-01-11T00:00:00Z'],
    ['0 12 29 feb *', '2025-01-01T00:00:00Z', '2028-02-29T12:00:00Z'],
    ['0 0 30 2 *', '2025-01-01T00:00:00Z', 'none'],
    ['5 4 * * sun', '2025-01-01T00:00:00Z', '2025-01-05T04:05:00Z'],
    ['@every 90s', '2025-01-01T00:00:00.250Z', '2025-01-01T00:01:30Z'],
  ])('%j after %s → %s', (spec, from, want) => {
    expect(iso(nextActivation(parseStandard(spec), utc(from)))).toBe(want);
  });

  it('runs on the wall clock of the schedule’s zone', () => {
    const tokyo = loadLocation('Asia/Tokyo') as TimeZone;
    const ny = loadLocation('America/New_York') as TimeZone;
    expect(iso(nextActivation(parseStandard('0 9 * * *', tokyo), utc('2025-01-01T00:00:00Z')))).toBe('2025-01-02T00:00:00Z');
    expect(iso(nextActivation(parseStandard('0 9 * * *', ny), utc('2025-01-01T00:00:00Z')))).toBe('2025-01-01T14:00:00Z');
    expect(iso(nextActivation(parseStandard('0 9 * * *', ny), utc('2025-07-01T00:00:00Z')))).toBe('2025-07-01T13:00:00Z');
    expect(iso(nextActivation(parseStandard('TZ=Europe/Berlin 0 9 * * *'), utc('2025-07-01T00:00:00Z')))).toBe('2025-07-01T07:00:00Z');
  });

  it('formats the scheduled-timestamp annotation in the zone', () => {
    expect(formatRfc3339In(utc('2025-01-01T00:00:00Z'), loadLocation('') as TimeZone)).toBe('2025-01-01T00:00:00Z');
    expect(formatRfc3339In(utc('2025-01-01T00:00:00Z'), loadLocation('Asia/Kolkata') as TimeZone)).toBe('2025-01-01T05:30:00+05:30');
    expect(formatRfc3339In(utc('2025-01-01T15:00:00Z'), loadLocation('America/New_York') as TimeZone)).toBe('2025-01-01T10:00:00-05:00');
    expect(loadLocation('Mars/Base')).toBe('unknown time zone Mars/Base');
  });

  it.each([
    ['1h30m', 5400e9],
    ['90s', 90e9],
    ['1.5h', 5400e9],
    ['250ms', 250e6],
    ['1h', 3600e9],
    ['', undefined],
    ['1', undefined],
    ['h', undefined],
  ])('time.ParseDuration(%j) = %s ns', (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });
});

/** A CronJob created at `createdIso`, with what status and spec the case needs. */
function cronJob(schedule: string, createdIso: string, extra: { last?: string; deadline?: number } = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default', creationTimestamp: createdIso },
    spec: { schedule, startingDeadlineSeconds: extra.deadline, jobTemplate: { spec: { template: { spec: { containers: [] } } } } },
    status: extra.last ? { lastScheduleTime: extra.last } : {},
  };
}

const sim = (isoTime: string): number => utc(isoTime) - EPOCH_UNIX_MS;
const simIso = (ms: number | undefined): string => (ms === undefined ? 'none' : iso(ms + EPOCH_UNIX_MS));

describe('mostRecentScheduleTime (missed schedules)', () => {
  it.each([
    // schedule, created, last, now, deadline → most recent, missed
    ['*/1 * * * *', '2025-01-01T00:00:00Z', undefined, '2025-01-01T00:00:30Z', undefined, 'none', 'none'],
    ['*/1 * * * *', '2025-01-01T00:00:00Z', undefined, '2025-01-01T00:01:00.100Z', undefined, '2025-01-01T00:01:00Z', 'none'],
    ['*/1 * * * *', '2025-01-01T00:00:00Z', '2025-01-01T00:01:00Z', '2025-01-01T00:05:30Z', undefined, '2025-01-01T00:05:00Z', 'few'],
    ['*/1 * * * *', '2025-01-01T00:00:00Z', undefined, '2025-01-01T03:00:00Z', undefined, '2025-01-01T03:00:00Z', 'many'],
    ['*/1 * * * *', '2025-01-01T00:00:00Z', undefined, '2025-01-01T03:00:00Z', 200, '2025-01-01T03:00:00Z', 'few'],
    ['0 * * * *', '2025-01-01T00:00:00Z', undefined, '2025-01-03T00:30:00Z', undefined, '2025-01-03T00:00:00Z', 'few'],
    ['0 * * * *', '2025-01-01T00:00:00Z', undefined, '2025-01-06T00:30:00Z', undefined, '2025-01-06T00:00:00Z', 'many'],
    ['30 6-16/4 * * 1-5', '2025-01-01T00:00:00Z', undefined, '2025-01-08T12:00:00Z', undefined, '2025-01-08T10:30:00Z', 'few'],
  ])('%s created %s, last %s, at %s (deadline %s) → %s, %s missed', (schedule, created, last, now, deadline, want, missed) => {
    const cj = cronJob(schedule, created, { last, deadline });
    const r = mostRecentScheduleTime(cj, sim(now), parseStandard(schedule), true);
    expect(simIso(r.mostRecentMs)).toBe(want);
    expect(r.missed).toBe(missed);
  });

  it('wakes 100 ms after the next schedule time', () => {
    const cj = cronJob('*/1 * * * *', '2025-01-01T00:00:00Z', { last: '2025-01-01T00:01:00Z' });
    expect(nextScheduleDelayMs(cj, sim('2025-01-01T00:01:00.100Z'), parseStandard('*/1 * * * *'))).toBe(60_000);
    expect(nextScheduleDelayMs(cj, sim('2025-01-01T00:01:30Z'), parseStandard('*/1 * * * *'))).toBe(30_100);
  });

  it('names Jobs by the scheduled minute since the Unix epoch', () => {
    const cj = cronJob('*/1 * * * *', '2025-01-01T00:00:00Z');
    expect(jobNameFor(cj, sim('2025-01-01T00:01:00Z'))).toBe('hello-28928161');
    expect(jobNameFor(cj, sim('2025-01-15T10:00:00Z'))).toBe('hello-28948920');
  });
});
