import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Trace } from '../../../src/engine/kernel/trace.ts';
import { cloneSharingFrozen, deepClone } from '../../../src/engine/kernel/objects.ts';

const entry = { time: 0, rv: 1, type: 'MODIFIED' as const, resource: 'pods', namespace: 'default', name: 'web' };

function hashOf(object: unknown): string {
  const t = new Trace();
  t.record(entry, object);
  return t.hash();
}

const pod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web' }, resourceVersion: '7' },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }], priority: 0 },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
});

describe('Trace: the digest of what was written', () => {
  it('is the same whether a subtree is shared with an earlier frozen version or written afresh', () => {
    const first = pod();
    hashOf(first); // freezes it, as the store does on commit
    const next = { ...first, metadata: { ...first.metadata, resourceVersion: '8' }, status: { ...first.status, phase: 'Succeeded' } };
    const fresh = deepClone(next);
    expect(next.spec).toBe(first.spec);
    expect(hashOf(next)).toBe(hashOf(fresh));
    // Asked twice (the second time from the shared digests), the answer does not change.
    expect(hashOf(next)).toBe(hashOf(deepClone(fresh)));
  });

  it('tells apart values that differ anywhere, including inside a shared subtree', () => {
    const a = pod();
    const b = pod();
    b.spec.containers[0].ports[0].containerPort = 81;
    expect(hashOf(a)).not.toBe(hashOf(b));
    expect(hashOf({ n: 1 })).not.toBe(hashOf({ n: '1' }));
    expect(hashOf({ n: 0 })).toBe(hashOf({ n: -0 })); // the same JSON text, as JSON.stringify writes -0
    expect(hashOf({ n: 2 ** 31 })).not.toBe(hashOf({ n: 0 }));
    expect(hashOf({ a: [1, 2] })).not.toBe(hashOf({ a: [[1, 2]] }));
    expect(hashOf({ a: 'x', b: 'y' })).not.toBe(hashOf({ b: 'y', a: 'x' })); // key order is JSON's order
    expect(hashOf({ a: undefined, b: 1 })).toBe(hashOf({ b: 1 })); // undefined is absent, as in JSON
  });

  it('deep-freezes what it digests', () => {
    const p = pod();
    hashOf(p);
    expect(Object.isFrozen(p.spec.containers[0].ports[0])).toBe(true);
    expect(Object.isFrozen(p.metadata.labels)).toBe(true);
  });

  it('keeps an own "__proto__" key through both clones (JSON.parse makes one; `out[key] =` would set the prototype)', () => {
    for (const y of [{ ['__proto__']: '' }, JSON.parse('{"__proto__":{"a":1}}') as object]) {
      for (const copy of [deepClone(y), cloneSharingFrozen(y)]) {
        expect(Object.keys(copy)).toEqual(['__proto__']);
        expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
        expect(JSON.stringify(copy)).toBe(JSON.stringify(y));
      }
    }
  });

  it('equal JSON gives an equal digest, sharing or not (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (x, y) => {
        const base = { x, y };
        hashOf(base);
        const shared = { x: base.x, y: cloneSharingFrozen(y), z: 1 };
        expect(hashOf(shared)).toBe(hashOf(deepClone({ x, y, z: 1 })));
      }),
      { numRuns: 200 },
    );
  });
});
