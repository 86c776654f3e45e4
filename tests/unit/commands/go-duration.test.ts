/**
 * Go's time.ParseDuration as pflag's Duration flags use it (`kubectl wait --timeout`): values in
 * milliseconds, and Go's error wording (the three errors were recorded from kubectl v1.31 in
 * wait.test.ts; the rest follow time.ParseDuration's rules).
 */
import { describe, expect, it } from 'vitest';
import { GoDurationError, parseGoDuration } from '../../../src/commands/go-duration.ts';

describe('parseGoDuration', () => {
  it.each([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['-1s', -1000],
    ['+2m', 120_000],
    ['0', 0],
    ['-0', 0],
    ['.5s', 500],
    ['1.s', 1000],
    ['250ms', 250],
    ['1500us', 1.5],
    ['2000000ns', 2],
    ['1h0m0s', 3_600_000],
  ])('%s = %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it.each([
    ['abc', 'time: invalid duration "abc"'],
    ['', 'time: invalid duration ""'],
    ['-', 'time: invalid duration "-"'],
    ['.s', 'time: invalid duration ".s"'],
    ['5', 'time: missing unit in duration "5"'],
    ['1h5', 'time: missing unit in duration "1h5"'],
    ['5x', 'time: unknown unit "x" in duration "5x"'],
    ['5 s', 'time: unknown unit " s" in duration "5 s"'],
  ])('%j is rejected: %s', (text, message) => {
    expect(() => parseGoDuration(text)).toThrow(new GoDurationError(message));
  });
});
