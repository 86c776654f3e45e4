import { describe, expect, it } from 'vitest';
import {
  QUANTITY_ERR_FORMAT,
  QUANTITY_ERR_NUMERIC,
  QUANTITY_ERR_SUFFIX,
  QuantityError,
  bytesToQuantity,
  canonicalQuantity,
  cpuMilli,
  formatQuantity,
  memoryBytes,
  milliToCpuQuantity,
  normalizeResourceQuantity,
  parseExactQuantity,
  parseQuantity,
  type QuantityFormat,
} from '../../../src/engine/api/quantity.ts';

/** Value × 10^exp in nano-units, like upstream's decQuantity(value, exp, format). */
const nanoOf = (value: bigint, exp: number): bigint => (exp + 9 >= 0 ? value * 10n ** BigInt(exp + 9) : value / 10n ** BigInt(-(exp + 9)));

describe('parseQuantity: upstream TestQuantityParse vectors', () => {
  const table: [string, bigint, number, QuantityFormat][] = [
    ['0', 0n, 0, 'DecimalSI'],
    ['0n', 0n, 0, 'DecimalSI'],
    ['0Ki', 0n, 0, 'BinarySI'],
    ['1', 1n, 0, 'DecimalSI'],
    ['1Ki', 1024n, 0, 'BinarySI'],
    ['7Mi', 7n * 1024n * 1024n, 0, 'BinarySI'],
    ['3Ei', 3n * 1024n ** 6n, 0, 'BinarySI'],
    ['5n', 5n, -9, 'DecimalSI'],
    ['4u', 4n, -6, 'DecimalSI'],
    ['3m', 3n, -3, 'DecimalSI'],
    ['50k', 5n, 4, 'DecimalSI'],
    ['300T', 3n, 14, 'DecimalSI'],
    ['1E', 1n, 18, 'DecimalSI'],
    ['1E-3', 1n, -3, 'DecimalExponent'],
    ['1e9', 1n, 9, 'DecimalExponent'],
    ['100.035k', 100035n, 0, 'DecimalSI'],
    ['0.0005k', 5n, -1, 'DecimalSI'],
    ['0.5e-2', 5n, -3, 'DecimalExponent'],
    ['10.035M', 10035n, 3, 'DecimalSI'],
    ['1.3E+6', 13n, 5, 'DecimalExponent'],
    ['6.987654321G', 6987654321n, 0, 'DecimalSI'],
    ['1.01E', 101n, 16, 'DecimalSI'],
    ['3.001n', 4n, -9, 'DecimalSI'],
    ['1.1E-9', 2n, -9, 'DecimalExponent'],
    ['0.0000000001', 1n, -9, 'DecimalSI'],
    ['0.00000012345', 124n, -9, 'DecimalSI'],
    ['12E', 12n, 18, 'DecimalSI'],
    ['100.035Ki', 10243584n, -2, 'BinarySI'],
    ['0.5Mi', 524288n, 0, 'BinarySI'],
    ['0.025Ti', 274877906944n, -1, 'BinarySI'],
    ['0.000000000001Ki', 2n, -9, 'DecimalSI'],
    ['.001', 1n, -3, 'DecimalSI'],
    ['.0001k', 100n, -3, 'DecimalSI'],
    ['1.', 1n, 0, 'DecimalSI'],
    ['1.G', 1n, 9, 'DecimalSI'],
  ];
  it.each(table)('%s', (input, value, exp, format) => {
    const q = parseExactQuantity(input);
    expect(q.nano).toBe(nanoOf(value, exp));
    expect(q.format).toBe(format);
    expect(parseExactQuantity(`-${input}`).nano).toBe(-nanoOf(value, exp));
    expect(parseExactQuantity(`+${input}`).nano).toBe(nanoOf(value, exp));
  });

  it('caps BinarySI at 2^63-1 like maxAllowed', () => {
    expect(parseExactQuantity('9Ei').nano).toBe(((1n << 63n) - 1n) * 1_000_000_000n);
    expect(parseExactQuantity('9223372036854775807Ki').nano).toBe(((1n << 63n) - 1n) * 1_000_000_000n);
  });
});

describe('parseQuantity: rejected input and its messages', () => {
  it.each([
    ['', QUANTITY_ERR_FORMAT],
    ['1.1.M', QUANTITY_ERR_FORMAT],
    ['1+1.0M', QUANTITY_ERR_FORMAT],
    ['0.1mi', QUANTITY_ERR_SUFFIX],
    ['0.1am', QUANTITY_ERR_FORMAT],
    ['aoeu', QUANTITY_ERR_FORMAT],
    ['.5i', QUANTITY_ERR_SUFFIX],
    ['1i', QUANTITY_ERR_SUFFIX],
    ['-3.01i', QUANTITY_ERR_SUFFIX],
    ['-3.01e-', QUANTITY_ERR_SUFFIX],
    [' 1', QUANTITY_ERR_FORMAT],
    ['1 ', QUANTITY_ERR_FORMAT],
    ['abc', QUANTITY_ERR_FORMAT],
    ['192i', QUANTITY_ERR_SUFFIX],
    ['1K', QUANTITY_ERR_SUFFIX],
    ['.e-20', QUANTITY_ERR_NUMERIC],
  ])('%j', (input, message) => {
    expect(() => parseQuantity(input)).toThrow(QuantityError);
    expect(() => parseQuantity(input)).toThrow(message);
  });

  it('prints the regular expression Kubernetes prints', () => {
    expect(QUANTITY_ERR_FORMAT).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
});

describe('formatQuantity: upstream TestQuantityString vectors', () => {
  const table: [bigint, number, QuantityFormat, string, string][] = [
    [1024n * 1024n * 1024n, 0, 'BinarySI', '1Gi', '1024Mi'],
    [300n * 1024n * 1024n, 0, 'BinarySI', '300Mi', '307200Ki'],
    [6n * 1024n, 0, 'BinarySI', '6Ki', ''],
    [1001n * 1024n ** 3n, 0, 'BinarySI', '1001Gi', '1025024Mi'],
    [1024n ** 4n, 0, 'BinarySI', '1Ti', '1024Gi'],
    [5n, 0, 'BinarySI', '5', '5000m'],
    [500n, -3, 'BinarySI', '500m', '0.5'],
    [1n, 9, 'DecimalSI', '1G', '1000M'],
    [1000n, 6, 'DecimalSI', '1G', '0.001T'],
    [1n, -3, 'DecimalSI', '1m', '1000u'],
    [80n, -3, 'DecimalSI', '80m', ''],
    [1080n, -3, 'DecimalSI', '1080m', '1.08'],
    [108n, -2, 'DecimalSI', '1080m', '1080000000n'],
    [300n, 6, 'DecimalSI', '300M', ''],
    [1n, 18, 'DecimalSI', '1E', ''],
    [1234567n, 6, 'DecimalSI', '1234567M', ''],
    [1234567n, -3, 'BinarySI', '1234567m', ''],
    [3n, 3, 'DecimalSI', '3k', ''],
    [1025n, 0, 'BinarySI', '1025', ''],
    [0n, 0, 'DecimalSI', '0', ''],
    [0n, 0, 'BinarySI', '0', ''],
    [1n, 9, 'DecimalExponent', '1e9', '.001e12'],
    [1n, -3, 'DecimalExponent', '1e-3', '0.001e0'],
    [1n, -9, 'DecimalExponent', '1e-9', '1000e-12'],
    [80n, -3, 'DecimalExponent', '80e-3', ''],
    [300n, 6, 'DecimalExponent', '300e6', ''],
    [3n, 3, 'DecimalExponent', '3e3', ''],
    [0n, 0, 'DecimalExponent', '0', '00'],
    [1n, -9, 'DecimalSI', '1n', ''],
    [1080n, -9, 'DecimalSI', '1080n', ''],
    [108n, -8, 'DecimalSI', '1080n', ''],
    [1n, -6, 'DecimalSI', '1u', ''],
    [1080n, -6, 'DecimalSI', '1080u', ''],
  ];
  it.each(table)('%s×10^%s %s → %s', (value, exp, format, expect_, alternate) => {
    const nano = nanoOf(value, exp);
    expect(canonicalQuantity(nano, format)).toBe(expect_);
    expect(canonicalQuantity(-nano, format)).toBe(nano === 0n ? '0' : `-${expect_}`);
    const parsed = parseQuantity(expect_);
    expect(formatQuantity(parsed)).toBe(expect_);
    expect(parsed.text).toBe(expect_);
    if (alternate) {
      const alt = parseQuantity(alternate);
      expect(alt.text).toBeUndefined();
      expect(formatQuantity(alt)).toBe(expect_);
    }
  });

  it.each([
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    ['1.5', '1500m'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['3996Mi', '3996Mi'],
    ['129e6', '129e6'],
    ['1.5e3', '1500'],
    ['+1', '+1'],
    ['100m', '100m'],
    ['2', '2'],
    ['4Gi', '4Gi'],
  ])('TestQuantityParseEmit %s → %s', (input, out) => {
    expect(formatQuantity(parseQuantity(input))).toBe(out);
  });
});

describe('resource-list helpers', () => {
  it.each([
    ['0.1m', '1m'],
    ['100u', '1m'],
    ['1.5', '1500m'],
    ['1000m', '1'],
    ['250m', '250m'],
    ['1024Mi', '1Gi'],
    ['64Mi', '64Mi'],
    ['1e3', '1e3'],
    ['500000n', '1m'],
  ])('normalizeResourceQuantity(%s) = %s', (input, out) => {
    expect(normalizeResourceQuantity(input)).toBe(out);
  });

  it.each([
    ['100m', 100],
    ['1', 1000],
    ['0.5', 500],
    ['1.5', 1500],
    ['0.1m', 1],
    ['2', 2000],
  ])('cpuMilli(%s) = %d', (s, m) => expect(cpuMilli(s)).toBe(m));

  it.each([
    ['1Ki', 1024],
    ['128Mi', 134217728],
    ['1G', 1e9],
    ['1.5Gi', 1610612736],
    ['500m', 1],
    ['200Mi', 209715200],
  ])('memoryBytes(%s) = %d', (s, b) => expect(memoryBytes(s)).toBe(b));

  it('builds quantities that print like Kubernetes', () => {
    expect(formatQuantity(bytesToQuantity(4 * 2 ** 30))).toBe('4Gi');
    expect(formatQuantity(bytesToQuantity(4190208 * 1024))).toBe('4092Mi');
    expect(formatQuantity(bytesToQuantity(1500))).toBe('1500');
    expect(formatQuantity(milliToCpuQuantity(1500))).toBe('1500m');
    expect(formatQuantity(milliToCpuQuantity(2000))).toBe('2');
    expect(formatQuantity(milliToCpuQuantity(100))).toBe('100m');
    expect(parseQuantity('1.5Gi').milli).toBe(1610612736000);
    expect(parseQuantity('5n').milli).toBeCloseTo(0.000005, 12);
    expect(formatQuantity(parseQuantity('5n'))).toBe('5n');
  });
});
