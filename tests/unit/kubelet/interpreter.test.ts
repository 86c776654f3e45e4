/** What one-off interpreter scripts print: the Job example's pi, rounded as Math::BigFloat rounds. */
import { describe, expect, it } from 'vitest';
import { piDigits } from '../../../src/engine/components/kubelet/process.ts';

describe('perl -Mbignum=bpi: pi to N significant digits', () => {
  it.each([
    [1, '3'],
    [3, '3.14'],
    [5, '3.1416'],
    [10, '3.141592654'],
    [32, '3.1415926535897932384626433832795'],
  ])('bpi(%i) = %s', (n, pi) => {
    expect(piDigits(n)).toBe(pi);
  });

  it('1000 digits end as pi does at that place (…2164201989 rounds up to …216420199)', () => {
    const pi = piDigits(1000);
    expect(pi).toHaveLength(1001);
    expect(pi.endsWith('216420199')).toBe(true);
  });
});
