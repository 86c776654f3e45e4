import { describe, expect, it } from 'vitest';
import { humanSize, ramInBytes } from '../../../src/engine/docker/units.ts';
import { canonicalJson, sha256Digest } from '../../../src/engine/docker/digest.ts';

describe('go-units', () => {
  it.each([
    [0, '0B'],
    [93, '93B'],
    [1234, '1.23kB'],
    [187_500_000, '188MB'],
    [45_230_000, '45.2MB'],
    [7_800_000, '7.8MB'],
    [999_700, '1e+03kB'],
    [1_500_000_000, '1.5GB'],
  ])('HumanSizeWithPrecision(%i, 3) = %s', (bytes, text) => {
    expect(humanSize(bytes)).toBe(text);
  });

  it.each([
    ['256m', 268_435_456],
    ['256M', 268_435_456],
    ['1g', 1_073_741_824],
    ['512k', 524_288],
    ['100', 100],
    ['1.5g', 1_610_612_736],
    ['256mb', 268_435_456],
  ])('RAMInBytes(%s) = %i', (text, bytes) => {
    expect(ramInBytes(text)).toBe(bytes);
  });

  it('refuses what RAMInBytes refuses', () => {
    expect(ramInBytes('lots')).toBeUndefined();
  });
});

describe('digests', () => {
  it('is SHA-256 of the text', () => {
    expect(sha256Digest('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Digest('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});
