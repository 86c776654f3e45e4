import { describe, expect, it } from 'vitest';
import { fieldErrorString } from '../../../src/engine/api/errors.ts';
import {
  deepEqual,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  labelSelectorAsSelector,
  nameIsDNSSubdomain,
  parseIP,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validatePathSegmentName,
} from '../../../src/engine/api/validation.ts';

const strings = (errs: Parameters<typeof fieldErrorString>[0][]): string[] => errs.map(fieldErrorString);

describe('string formats', () => {
  it('DNS-1123 subdomain message is verbatim', () => {
    expect(isDNS1123Subdomain('Web_App')).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
    expect(isDNS1123Subdomain('my-app.example')).toEqual([]);
  });

  it('DNS-1123 label keeps Go\'s double space before "or"', () => {
    expect(isDNS1123Label('Web')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('x'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });

  it('DNS-1035 label (service names)', () => {
    expect(isDNS1035Label('1web')).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDNS1035Label('web-1')).toEqual([]);
  });

  it.each([
    ['app', []],
    ['example.com/app', []],
    ['/app', ['prefix part must be non-empty']],
    [
      'a/b/c',
      [
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
    ],
    [
      '-app',
      [
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    ],
  ] as const)('isQualifiedName(%j)', (input, want) => {
    expect(isQualifiedName(input)).toEqual(want);
  });

  it('label values', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('bad value')).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });

  it('config keys, env names, port names', () => {
    expect(isConfigMapKey('..data')).toEqual(["must not start with '..'"]);
    expect(isConfigMapKey('a b')[0]).toContain("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name'");
    expect(isEnvVarName('1ABC')[0]).toContain('must not start with a digit');
    expect(isValidPortName('HTTP')).toEqual(['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']);
    expect(isValidPortName('http--web')).toEqual(['must not contain consecutive hyphens']);
  });

  it('IP parsing', () => {
    expect(parseIP('10.96.0.1')?.v4).toBe(0x0a600001);
    expect(parseIP('010.096.000.001')?.family).toBe('IPv4');
    expect(parseIP('2001:db8::1')?.family).toBe('IPv6');
    expect(parseIP('::')?.family).toBe('IPv6');
    expect(parseIP(':::')).toBeUndefined();
    expect(parseIP('256.1.1.1')).toBeUndefined();
    expect(parseIP('abc')).toBeUndefined();
  });

  it('path segment names', () => {
    expect(validatePathSegmentName('..', false)).toEqual(["may not be '..'"]);
    expect(validatePathSegmentName('a/b%c', false)).toEqual(["may not contain '/'", "may not contain '%'"]);
  });
});

describe('validateObjectMeta', () => {
  it('requires a name (or generateName) and a namespace for namespaced kinds', () => {
    expect(strings(validateObjectMeta({}, true, nameIsDNSSubdomain, 'metadata'))).toEqual([
      'metadata.name: Required value: name or generateName is required',
      'metadata.namespace: Required value',
    ]);
    expect(validateObjectMeta({ generateName: 'web-', namespace: 'default' }, true, nameIsDNSSubdomain, 'metadata')).toEqual([]);
  });

  it('forbids a namespace on cluster-scoped kinds', () => {
    expect(strings(validateObjectMeta({ name: 'n1', namespace: 'default' }, false, nameIsDNSSubdomain, 'metadata'))).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
  });

  it('reports label errors on the labels map', () => {
    const errs = strings(validateObjectMeta({ name: 'x', namespace: 'd', labels: { 'app!': 'ok', tier: 'not ok' } }, true, nameIsDNSSubdomain, 'metadata'));
    expect(errs[0]).toMatch(/^metadata\.labels: Invalid value: "app!": name part must consist of/);
    expect(errs[1]).toMatch(/^metadata\.labels: Invalid value: "not ok": a valid label must be an empty string/);
  });

  it('validates names and generateName with Go\'s wording', () => {
    expect(strings(validateObjectMeta({ name: 'Web', namespace: 'default' }, true, nameIsDNSSubdomain, 'metadata'))[0]).toBe(
      'metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
    );
    expect(validateObjectMeta({ generateName: 'web-', namespace: 'd' }, true, nameIsDNSSubdomain, 'metadata')).toEqual([]);
  });

  it('checks finalizer names', () => {
    expect(strings(validateObjectMeta({ name: 'x', namespace: 'd', finalizers: ['foo'] }, true, nameIsDNSSubdomain, 'metadata'))).toEqual([
      'metadata.finalizers[0]: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it('update: immutable identity', () => {
    const old = { name: 'a', namespace: 'd', uid: 'u1', creationTimestamp: '2024-05-01T10:00:00Z' };
    const errs = strings(validateObjectMetaUpdate({ ...old, name: 'b', uid: 'u2', creationTimestamp: '2024-05-02T10:00:00Z' }, old, 'metadata'));
    expect(errs).toEqual([
      'metadata.name: Invalid value: "b": field is immutable',
      'metadata.uid: Invalid value: "u2": field is immutable',
      'metadata.creationTimestamp: Invalid value: 2024-05-02 10:00:00 +0000 UTC: field is immutable',
    ]);
  });
});

describe('label selectors', () => {
  it('validates requirements', () => {
    const errs = strings(
      validateLabelSelector({ matchExpressions: [{ key: 'app', operator: 'In' }, { key: 'x', operator: 'Exists', values: ['a'] }, { key: 'y', operator: 'Like' }] }, 'spec.selector'),
    );
    expect(errs).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Like": not a valid selector operator',
    ]);
  });

  it('matches like labels.Selector', () => {
    const sel = labelSelectorAsSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] });
    expect(sel?.matches({ app: 'web' })).toBe(true);
    expect(sel?.matches({ app: 'web', tier: 'db' })).toBe(false);
    expect(labelSelectorAsSelector(undefined)?.matches({})).toBe(false);
    expect(labelSelectorAsSelector({})?.empty).toBe(true);
    expect(labelSelectorAsSelector({ matchLabels: { app: 'bad value' } })).toBeUndefined();
  });

  it('deepEqual treats nil and empty lists alike', () => {
    expect(deepEqual({ a: [], b: undefined }, {})).toBe(true);
    expect(deepEqual({ a: { x: 1 } }, { a: { x: 2 } })).toBe(false);
  });
});
