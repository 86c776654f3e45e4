import { describe, expect, it } from 'vitest';
import { EPOCH_UNIX_MS, formatMicroTimestamp, formatTimestamp, HOUR_MS } from '../../../src/engine/kernel/time.ts';

/** The straightforward formatting formatMicroTimestamp must stay identical to. */
const reference = (t: number): string => new Date(EPOCH_UNIX_MS + t).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

const DAY_MS = 24 * HOUR_MS;

describe('formatMicroTimestamp', () => {
  it.each([
    [0, '2025-01-01T00:00:00.000000Z'],
    [1, '2025-01-01T00:00:00.001000Z'],
    [9, '2025-01-01T00:00:00.009000Z'],
    [10, '2025-01-01T00:00:00.010000Z'],
    [99, '2025-01-01T00:00:00.099000Z'],
    [100, '2025-01-01T00:00:00.100000Z'],
    [999, '2025-01-01T00:00:00.999000Z'],
    [1000, '2025-01-01T00:00:01.000000Z'],
    [1001, '2025-01-01T00:00:01.001000Z'],
    [59_999, '2025-01-01T00:00:59.999000Z'],
    [60_000, '2025-01-01T00:01:00.000000Z'],
    [HOUR_MS + 250, '2025-01-01T01:00:00.250000Z'],
    [DAY_MS - 1, '2025-01-01T23:59:59.999000Z'],
    [DAY_MS, '2025-01-02T00:00:00.000000Z'],
    [59 * DAY_MS + 12_345, '2025-03-01T00:00:12.345000Z'],
    [365 * DAY_MS + 7, '2026-01-01T00:00:00.007000Z'],
    [-1, '2024-12-31T23:59:59.999000Z'],
    [-1000, '2024-12-31T23:59:59.000000Z'],
    [-1001, '2024-12-31T23:59:58.999000Z'],
    [1.9, '2025-01-01T00:00:00.001000Z'],
    [999.5, '2025-01-01T00:00:00.999000Z'],
  ])('formats %s as %s, like Date', (t, want) => {
    expect(formatMicroTimestamp(t)).toBe(want);
    expect(reference(t)).toBe(want);
  });

  it('matches Date across consecutive and interleaved calls in the same and other seconds', () => {
    // The per-second cache must never hand one second's prefix to another second.
    const times = [5_000, 5_001, 5_999, 6_000, 5_500, 5_500, 123_456_789, 6_001, 0, -1, 999, 1000, 86_399_999, 86_400_000];
    for (const t of times) expect(formatMicroTimestamp(t), String(t)).toBe(reference(t));
    for (let t = 0; t < 3 * 1000 + 10; t += 7) expect(formatMicroTimestamp(t)).toBe(reference(t));
    for (let t = -2_500; t < 0; t += 13) expect(formatMicroTimestamp(t)).toBe(reference(t));
  });

  it('does not disturb formatTimestamp when calls alternate', () => {
    for (const t of [1_500, 2_500, 1_499, 60_001, 1_500]) {
      expect(formatMicroTimestamp(t)).toBe(reference(t));
      expect(formatTimestamp(t)).toBe(new Date(EPOCH_UNIX_MS + Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
    }
  });

  it('throws for a time Date cannot represent, like Date', () => {
    expect(() => reference(Number.NaN)).toThrow(RangeError);
    expect(() => formatMicroTimestamp(Number.NaN)).toThrow(RangeError);
    expect(() => formatMicroTimestamp(9e15)).toThrow(RangeError);
    expect(() => reference(9e15)).toThrow(RangeError);
  });
});
