/**
 * pod-template-hash (reference §7.7): FNV-32a, SafeEncodeString's alphabet, the collision count,
 * and the revision annotations of §7.6.
 */
import { describe, expect, test } from 'vitest';
import { equalIgnoreHash, setNewReplicaSetAnnotations } from '../../../src/engine/components/controllers/deployment/annotations.ts';
import { computeHash, fnv32aBytes, safeEncodeString, templateHashValue, utf8Bytes } from '../../../src/engine/components/controllers/deployment/hash.ts';
import { newDeployment } from './deployment-fixtures.ts';

describe('FNV-32a', () => {
  test.each([
    { text: '', want: 0x811c9dc5 },
    { text: 'a', want: 0xe40c292c },
    { text: 'foobar', want: 0xbf9cf968 },
  ])('"$text"', ({ text, want }) => {
    expect(fnv32aBytes(utf8Bytes(text))).toBe(want);
  });
});

describe('SafeEncodeString (§7.7)', () => {
  test('digits map to 4 5 6 7 8 9 b c d f', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  test('1234567890 → 56789bcdf4', () => {
    expect(safeEncodeString('1234567890')).toBe('56789bcdf4');
  });

  test('any character goes into the 27-letter alphabet', () => {
    // 'a' is 97, and 97 % 27 = 16: the 17th letter.
    expect(safeEncodeString('abc')).toBe('vwx');
  });
});

describe('ComputeHash', () => {
  const template = newDeployment().spec.template;

  test('a hash is the safe-encoded decimal of the 32-bit sum', () => {
    const hash = computeHash(template);
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    expect(hash).toBe(safeEncodeString(String(templateHashValue(template))));
  });

  test('key order does not matter, content does', () => {
    const reordered = { spec: template.spec, metadata: template.metadata };
    expect(computeHash(reordered)).toBe(computeHash(template));
    const changed = { ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } };
    expect(computeHash(changed)).not.toBe(computeHash(template));
  });

  test('the collision count (even 0) is hashed in as 8 little-endian bytes', () => {
    const base = templateHashValue(template);
    expect(templateHashValue(template, 0)).toBe(fnv32aBytes([0, 0, 0, 0, 0, 0, 0, 0], base));
    expect(templateHashValue(template, 1)).toBe(fnv32aBytes([1, 0, 0, 0, 0, 0, 0, 0], base));
    expect(computeHash(template, 1)).not.toBe(computeHash(template, 0));
  });
});

describe('revision annotations (§7.6)', () => {
  test('a new ReplicaSet gets the revision and the replica annotations', () => {
    const ann: Record<string, string> = {};
    expect(setNewReplicaSetAnnotations(newDeployment({ replicas: 10 }), ann, 1, false)).toBe(true);
    expect(ann).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '10',
      'deployment.kubernetes.io/max-replicas': '13',
    });
  });

  test('a re-used ReplicaSet (rollback) remembers its old revisions', () => {
    const d = newDeployment();
    const ann: Record<string, string> = { 'deployment.kubernetes.io/revision': '1' };
    setNewReplicaSetAnnotations(d, ann, 3, true);
    expect(ann['deployment.kubernetes.io/revision']).toBe('3');
    expect(ann['deployment.kubernetes.io/revision-history']).toBe('1');
    setNewReplicaSetAnnotations(d, ann, 5, true);
    expect(ann['deployment.kubernetes.io/revision-history']).toBe('1,3');
    expect(setNewReplicaSetAnnotations(d, ann, 5, true)).toBe(false);
  });

  test('Deployment annotations are copied, except the skipped ones', () => {
    const d = newDeployment();
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'image 1.26', 'deployment.kubernetes.io/revision': '7', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    const ann: Record<string, string> = {};
    setNewReplicaSetAnnotations(d, ann, 2, true);
    expect(ann).toEqual({ 'kubernetes.io/change-cause': 'image 1.26', 'deployment.kubernetes.io/revision': '2' });
  });

  test('EqualIgnoreHash ignores only the pod-template-hash label', () => {
    const a = { metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } }, spec: { containers: [] } };
    expect(equalIgnoreHash(a, { metadata: { labels: { app: 'web' } }, spec: { containers: [] } })).toBe(true);
    expect(equalIgnoreHash(a, { metadata: { labels: { app: 'api' } }, spec: { containers: [] } })).toBe(false);
  });
});
