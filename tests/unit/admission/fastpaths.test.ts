/**
 * The shortcuts admission takes on its hot path (checks before building messages, shared arrays,
 * memoized parsing) must answer exactly as the plain computations they stand in for.
 */
import { describe, expect, it } from 'vitest';
import { dicts, normalizeResourceList } from '../../../src/engine/api/admission/common.ts';
import { podQOSClass, validateResourceRequirements } from '../../../src/engine/api/admission/resources.ts';
import { fieldErrorString, StatusError } from '../../../src/engine/api/errors.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import {
  byteLength,
  exceedsBytes,
  isQualifiedName,
  isValidLabelValue,
  labelValueIsValid,
  qualifiedNameIsValid,
  validateLabels,
} from '../../../src/engine/api/validation.ts';

/** UTF-8 length the slow, obvious way. */
const utf8Length = (s: string): number => {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
};

describe('byte lengths', () => {
  it.each(['', 'abc', 'é', '€', '😀', 'a😀b', '\ud800', '\ud800a', 'a\udc00', '\udc00\ud800', 'é\u0301'])('byteLength(%j)', (s) => {
    expect(byteLength(s)).toBe(utf8Length(s));
  });

  it.each([
    ['x'.repeat(63), 63, false],
    ['x'.repeat(64), 63, true],
    ['é'.repeat(31), 63, false],
    ['é'.repeat(32), 63, true],
    ['😀'.repeat(15), 63, false],
    ['😀'.repeat(16), 63, true],
    ['€'.repeat(21), 63, false],
    ['€'.repeat(22), 63, true],
  ] as const)('exceedsBytes(%j, %d) is %s', (s, max, want) => {
    expect(exceedsBytes(s, max)).toBe(want);
    expect(exceedsBytes(s, max)).toBe(utf8Length(s) > max);
  });
});

describe('validity checks agree with the message lists', () => {
  it.each(['app', 'example.com/app', 'Bad Key', '/x', 'a/', 'a/b/c', 'x'.repeat(64), `e.com/${'y'.repeat(63)}`, ''])('qualified name %j', (s) => {
    expect(qualifiedNameIsValid(s)).toBe(isQualifiedName(s).length === 0);
  });

  it.each(['', 'v', 'a-b', 'x'.repeat(63), 'x'.repeat(64), 'bad value', '-a', 'é'.repeat(31), 'é'.repeat(32)])('label value %j', (s) => {
    expect(labelValueIsValid(s)).toBe(isValidLabelValue(s).length === 0);
  });

  it('validateLabels reports key then value errors, both at the map path', () => {
    expect(validateLabels({ ok: 'v', 'bad key': 'bad value', n: 5 }, 'metadata.labels').map(fieldErrorString)).toEqual([
      `metadata.labels: Invalid value: "bad key": ${isQualifiedName('bad key')[0]}`,
      `metadata.labels: Invalid value: "bad value": ${isValidLabelValue('bad value')[0]}`,
    ]);
  });
});

describe('dicts', () => {
  it('returns an all-dict array itself, and filters anything else', () => {
    const all = [{ a: 1 }, { b: 2 }];
    expect(dicts(all)).toBe(all);
    expect(dicts([{ a: 1 }, 5, null, [], { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    // eslint-disable-next-line no-sparse-arrays
    const holey = [{ a: 1 }, , { b: 2 }];
    expect(dicts(holey)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(dicts(holey)).toHaveLength(2);
    expect(dicts(undefined)).toEqual([]);
    expect(dicts({ a: 1 })).toEqual([]);
  });
});

describe('resource lists', () => {
  const owner = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } as KObject;

  it('are normalized in place, keeping key order', () => {
    const list: Record<string, unknown> = { memory: '128Mi', cpu: 1.5, 'ephemeral-storage': ' 2Gi ', x: '0.1m' };
    normalizeResourceList(owner, list);
    expect(Object.entries(list)).toEqual([
      ['memory', '128Mi'],
      ['cpu', '1500m'],
      ['ephemeral-storage', '2Gi'],
      ['x', '1m'],
    ]);
  });

  it('still refuse a quantity that does not parse, every time', () => {
    for (let i = 0; i < 2; i++) {
      expect(() => normalizeResourceList(owner, { cpu: 'abc' })).toThrow(StatusError);
      expect(() => normalizeResourceList(owner, { cpu: true })).toThrow('quantities must be strings or numbers');
    }
  });

  it('report name errors, then quantity errors, then the limit check, per entry', () => {
    const errs = validateResourceRequirements(
      { limits: { 'bad name': '1', cpu: '1', pods: '1.5' }, requests: { cpu: '2', 'hugepages-2Mi': '-1' } },
      'c',
    ).map(fieldErrorString);
    expect(errs).toEqual([
      `c.limits[bad name]: Invalid value: "bad name": ${isQualifiedName('bad name')[0]}`,
      'c.limits[pods]: Invalid value: "pods": must be a standard resource for containers',
      'c.limits[pods]: Invalid value: resource.Quantity{i:resource.int64Amount{value:15, scale:-1}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:"DecimalSI"}: must be an integer',
      'c.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
      'c.requests[hugepages-2Mi]: Invalid value: "-1": must be greater than or equal to 0',
      'c.limits: Required value: Limit must be set for non overcommitable resources',
    ]);
  });
});

describe('pod QoS class', () => {
  const spec = (containers: unknown[], initContainers?: unknown[]): Record<string, unknown> => ({ containers, initContainers });
  const res = (requests?: object, limits?: object) => ({ name: 'c', resources: { requests, limits } });

  it.each([
    ['no resources', spec([{ name: 'c' }]), 'BestEffort'],
    ['zero and unparsable quantities', spec([res({ cpu: '0', memory: 'abc' })]), 'BestEffort'],
    ['requests only', spec([res({ cpu: '100m' })]), 'Burstable'],
    ['limits equal requests', spec([res({ cpu: '1', memory: '1Gi' }, { cpu: '1000m', memory: '1024Mi' })]), 'Guaranteed'],
    // Defaulting copies limits into missing requests before the class is computed.
    ['limits without requests', spec([res(undefined, { cpu: '1', memory: '1Gi' })]), 'Burstable'],
    ['limits above requests', spec([res({ cpu: '1', memory: '1Gi' }, { cpu: '2', memory: '1Gi' })]), 'Burstable'],
    ['memory not limited', spec([res({ cpu: '1' }, { cpu: '1' })]), 'Burstable'],
    ['sums over containers', spec([res({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), res({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })]), 'Guaranteed'],
    ['sums that differ', spec([res({ cpu: '2', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), res({ cpu: '0', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })]), 'Guaranteed'],
    ['an init container without limits', spec([res({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })], [{ name: 'i' }]), 'Burstable'],
    ['numbers', spec([res({ cpu: 1, memory: 1024 }, { cpu: 1, memory: '1Ki' })]), 'Guaranteed'],
  ])('%s', (_, s, want) => {
    expect(podQOSClass(s)).toBe(want);
  });
});
