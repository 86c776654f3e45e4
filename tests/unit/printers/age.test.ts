import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration, translateTimestampSince } from '../../../src/commands/printers/age.ts';
import { formatMicroTimestamp, formatTimestamp } from '../../../src/engine/kernel/time.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration (apimachinery duration.HumanDuration, reference §13.3)', () => {
  it.each([
    [1 * S, '1s'],
    [70 * S, '70s'],
    [119 * S + 999, '119s'],
    [2 * M, '2m'],
    [2 * M + 1 * S, '2m1s'],
    [190 * S, '3m10s'],
    [9 * M + 59 * S + 999, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 1 * S, '10m'],
    [70 * M, '70m'],
    [2 * H + 59 * M + 59 * S + 999, '179m'],
    [3 * H, '3h'],
    [3 * H + 1 * M, '3h1m'],
    [7 * H + 59 * M + 59 * S + 999, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 59 * M, '8h'],
    [47 * H, '47h'],
    [48 * H, '2d'],
    [49 * H, '2d1h'],
    [8 * D - 1, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 2 * H, '8d'],
    [367 * D, '367d'],
    [2 * Y - 1, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 1 * D, '2y1d'],
    [8 * Y - 1, '7y364d'],
    [8 * Y, '8y'],
    [150 * S, '2m30s'],
    [3 * H + 20 * M, '3h20m'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it.each([
    [0, '0s'],
    [999, '0s'],
    [-1 * S, '0s'],
    [-1999, '0s'],
    [-2 * S, '<invalid>'],
    [-1 * H, '<invalid>'],
  ])('small and negative %d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [59 * S, '59s'],
    [60 * S, '1m'],
    [59 * M, '59m'],
    [60 * M, '1h'],
    [23 * H, '23h'],
    [24 * H, '1d'],
    [364 * D, '364d'],
    [365 * D, '1y'],
    [-1 * S, '0s'],
    [-2 * S, '<invalid>'],
  ])('%d ms → %s', (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe('translateTimestampSince', () => {
  it('is <unknown> for a missing timestamp', () => {
    expect(translateTimestampSince(undefined, 0)).toBe('<unknown>');
    expect(translateTimestampSince(null, 0)).toBe('<unknown>');
    expect(translateTimestampSince('', 0)).toBe('<unknown>');
    expect(translateTimestampSince('not a time', 0)).toBe('<unknown>');
  });

  it('ages RFC 3339 and micro-time timestamps against simulated now', () => {
    expect(translateTimestampSince(formatTimestamp(10 * S), 15 * S)).toBe('5s');
    expect(translateTimestampSince(formatTimestamp(0), 3 * H + 20 * M)).toBe('3h20m');
    expect(translateTimestampSince(formatMicroTimestamp(1500), 3 * M + 1600)).toBe('3m');
  });
});
