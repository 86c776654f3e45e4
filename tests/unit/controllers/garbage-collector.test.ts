/**
 * The garbage collector and the API server's side of propagationPolicy, against a real store with
 * no kubelet: background (dependents of a gone owner are deleted), foreground (the owner waits,
 * with the foregroundDeletion finalizer, for its blocking dependents), orphan (references removed,
 * then the orphan finalizer), and the finalizers the store sets for each policy.
 */
import { describe, expect, it } from 'vitest';
import { EventRecorder } from '../../../src/engine/api/events.ts';
import { ApiStore, type PropagationPolicy } from '../../../src/engine/api/store.ts';
import type { KObject, OwnerReference } from '../../../src/engine/api/types.ts';
import { GarbageCollector } from '../../../src/engine/components/controllers/garbage-collector.ts';
import { Kernel } from '../../../src/engine/kernel/kernel.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { newConfigMap, newPod } from '../../support/fixtures.ts';

function bed() {
  const kernel = new Kernel(1);
  const store = new ApiStore(kernel);
  const events = new EventRecorder(store, kernel);
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
  const gc = new GarbageCollector({ kernel, store, events });
  gc.start(false);
  const settle = () => kernel.runUntil(kernel.now);
  const exists = (resource: string, name: string, ns = 'default') => store.tryGet(resource, ns, name) !== undefined;
  return { kernel, store, gc, settle, exists };
}

const ref = (owner: KObject, o: Partial<OwnerReference> = {}): OwnerReference => ({
  apiVersion: owner.apiVersion,
  kind: owner.kind,
  name: owner.metadata.name ?? '',
  uid: owner.metadata.uid ?? '',
  ...o,
});

function owned<T extends KObject>(obj: T, ...refs: OwnerReference[]): T {
  return { ...obj, metadata: { ...obj.metadata, ownerReferences: refs } };
}

describe('propagationPolicy on the API server (deletionFinalizersForGarbageCollection)', () => {
  it.each<[PropagationPolicy | undefined, string[] | undefined, boolean, string[] | undefined]>([
    // [policy, finalizers before, gone at once, finalizers after]
    [undefined, undefined, true, undefined],
    ['Background', undefined, true, undefined],
    ['Orphan', undefined, false, ['orphan']],
    ['Foreground', undefined, false, ['foregroundDeletion']],
    ['Foreground', ['example.com/keep'], false, ['example.com/keep', 'foregroundDeletion']],
    // An explicit policy replaces a GC finalizer already on the object.
    ['Background', ['orphan'], true, undefined],
    ['Foreground', ['orphan'], false, ['foregroundDeletion']],
    // No policy: a GC finalizer the object already carries is honoured.
    [undefined, ['orphan'], false, ['orphan']],
    [undefined, ['foregroundDeletion'], false, ['foregroundDeletion']],
  ])('policy %s with finalizers %j: deleted at once %s, finalizers then %j', (policy, before, gone, after) => {
    const kernel = new Kernel(1);
    const store = new ApiStore(kernel);
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    const cm = newConfigMap('cm');
    if (before) cm.metadata.finalizers = before;
    store.create(cm);
    const r = store.delete('configmaps', 'default', 'cm', policy ? { propagationPolicy: policy } : {});
    expect(r.deleted).toBe(gone);
    if (!gone) {
      expect(r.object.metadata.finalizers).toEqual(after);
      expect(r.object.metadata.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
      expect(r.object.metadata.deletionGracePeriodSeconds).toBe(0);
    }
  });

  it('a second delete with another policy swaps the finalizer on an object already being deleted', () => {
    const b = bed();
    b.store.create({ ...newConfigMap('cm'), metadata: { name: 'cm', namespace: 'default', finalizers: ['example.com/keep'] } });
    b.store.delete('configmaps', 'default', 'cm', { propagationPolicy: 'Orphan' });
    const r = b.store.delete('configmaps', 'default', 'cm', { propagationPolicy: 'Foreground' });
    expect(r.object.metadata.finalizers).toEqual(['example.com/keep', 'foregroundDeletion']);
  });
});

describe('garbage collector: background', () => {
  it('deletes the dependents of a deleted owner, and their dependents in turn', () => {
    const b = bed();
    const owner = b.store.create(newConfigMap('owner'));
    const child = b.store.create(owned(newConfigMap('child'), ref(owner)));
    b.store.create(owned(newConfigMap('grandchild'), ref(child)));
    b.store.create(newConfigMap('bystander'));
    b.settle();
    expect(b.exists('configmaps', 'child')).toBe(true);
    b.store.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Background' });
    b.settle();
    expect(['owner', 'child', 'grandchild', 'bystander'].map((n) => b.exists('configmaps', n))).toEqual([false, false, false, true]);
  });

  it('deletes an object created with an owner that does not exist, or whose UID differs', () => {
    const b = bed();
    const real = b.store.create(newConfigMap('owner'));
    b.store.create(owned(newConfigMap('no-owner'), { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'ghost-uid' }));
    b.store.create(owned(newConfigMap('wrong-uid'), ref(real, { uid: 'stale-uid' })));
    b.store.create(owned(newConfigMap('good'), ref(real)));
    b.settle();
    expect(['no-owner', 'wrong-uid', 'good'].map((n) => b.exists('configmaps', n))).toEqual([false, false, true]);
  });

  it('only removes the reference to a gone owner while another owner remains', () => {
    const b = bed();
    const a = b.store.create(newConfigMap('a'));
    const c = b.store.create(newConfigMap('c'));
    b.store.create(owned(newConfigMap('shared'), ref(a), ref(c)));
    b.store.delete('configmaps', 'default', 'a');
    b.settle();
    expect(b.store.get('configmaps', 'default', 'shared').metadata.ownerReferences).toEqual([ref(c)]);
  });

  it('leaves alone objects whose owner kind the API does not serve, and cluster-scoped dependents of namespaced kinds', () => {
    const b = bed();
    b.store.create(owned(newConfigMap('crd-owned'), { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'w-uid' }));
    b.store.create(owned({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }, { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: 'x-uid' }));
    b.settle();
    expect(b.exists('configmaps', 'crd-owned')).toBe(true);
    expect(b.exists('nodes', 'n1', '')).toBe(true);
  });

  it('looks a cluster-scoped owner up without a namespace (a Node owning a pod)', () => {
    const b = bed();
    const node = b.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    b.store.create(owned(newPod('mirror'), ref(node, { controller: true })));
    b.settle();
    expect(b.exists('pods', 'mirror')).toBe(true);
    b.store.delete('nodes', '', 'n1');
    b.settle();
    expect(b.exists('pods', 'mirror')).toBe(false);
  });
});

describe('garbage collector: foreground', () => {
  it('keeps the owner (foregroundDeletion) until its blocking dependents are gone', () => {
    const b = bed();
    b.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    const owner = b.store.create(newConfigMap('owner'));
    // A pod bound to a node goes gracefully (30 s) and, without a kubelet here, stays Terminating.
    b.store.create(owned(newPod('blocker', { nodeName: 'n1' }), ref(owner, { blockOwnerDeletion: true })));
    b.store.create(owned(newConfigMap('loose'), ref(owner)));
    b.settle();
    b.store.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Foreground' });
    b.settle();
    const held = b.store.get('configmaps', 'default', 'owner');
    expect(held.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(held.metadata.deletionTimestamp).toBeDefined();
    // Every dependent is being deleted; the non-blocking one is already gone.
    expect(b.exists('configmaps', 'loose')).toBe(false);
    expect(b.store.get('pods', 'default', 'blocker').metadata.deletionTimestamp).toBe('2025-01-01T00:00:30Z');
    // The kubelet's final delete of the pod lets the owner go.
    b.store.delete('pods', 'default', 'blocker', { gracePeriodSeconds: 0 });
    b.settle();
    expect(b.exists('configmaps', 'owner')).toBe(false);
  });

  it('deletes a dependent that has dependents of its own in foreground too', () => {
    const b = bed();
    b.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    const top = b.store.create(newConfigMap('top'));
    const mid = b.store.create(owned(newConfigMap('mid'), ref(top, { blockOwnerDeletion: true })));
    b.store.create(owned(newPod('leaf', { nodeName: 'n1' }), ref(mid, { blockOwnerDeletion: true })));
    b.store.delete('configmaps', 'default', 'top', { propagationPolicy: 'Foreground' });
    b.settle();
    expect(b.store.get('configmaps', 'default', 'mid').metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(b.exists('configmaps', 'top')).toBe(true);
    b.store.delete('pods', 'default', 'leaf', { gracePeriodSeconds: 0 });
    b.settle();
    expect(['top', 'mid'].map((n) => b.exists('configmaps', n))).toEqual([false, false]);
  });

  it('an owner stops waiting for a dependent that drops its reference', () => {
    const b = bed();
    const owner = b.store.create(newConfigMap('owner'));
    const dep = b.store.create(owned(newConfigMap('dep'), ref(owner, { blockOwnerDeletion: true })));
    b.store.update({ ...dep, metadata: { ...dep.metadata, finalizers: ['example.com/keep'] } });
    b.store.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Foreground' });
    b.settle();
    expect(b.exists('configmaps', 'owner')).toBe(true);
    const live = b.store.get('configmaps', 'default', 'dep');
    b.store.update({ ...live, metadata: { ...live.metadata, ownerReferences: [] } });
    b.settle();
    expect(b.exists('configmaps', 'owner')).toBe(false);
  });
});

describe('garbage collector: orphan', () => {
  it('removes the owner reference from every dependent, then the orphan finalizer', () => {
    const b = bed();
    const owner = b.store.create(newConfigMap('owner'));
    const other = b.store.create(newConfigMap('other'));
    b.store.create(owned(newPod('p1'), ref(owner, { controller: true, blockOwnerDeletion: true })));
    b.store.create(owned(newPod('p2'), ref(owner), ref(other)));
    b.settle();
    b.store.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Orphan' });
    b.settle();
    expect(b.exists('configmaps', 'owner')).toBe(false);
    expect(b.store.get('pods', 'default', 'p1').metadata.ownerReferences).toBeUndefined();
    expect(b.store.get('pods', 'default', 'p2').metadata.ownerReferences).toEqual([ref(other)]);
  });
});

describe('garbage collector in a new cluster', () => {
  it('deletes nothing the bootstrap created (owners all exist), and rebuilds its graph after a restore', () => {
    const sim = Simulation.create(1);
    const count = () => sim.store.count('pods') + sim.store.count('replicasets') + sim.store.count('leases');
    const before = count();
    sim.advance(1000);
    expect(count()).toBe(before);
    const labels = { app: 'web' };
    sim.store.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } },
    });
    sim.advance(5000);
    const restored = Simulation.restore(JSON.parse(JSON.stringify(sim.snapshot())));
    restored.store.delete('replicasets', 'default', 'web', { propagationPolicy: 'Orphan' });
    restored.settle();
    const pods = restored.store.list('pods', { namespace: 'default', labelSelector: 'app=web' }).items;
    expect(pods).toHaveLength(2);
    expect(pods.map((p) => p.metadata.ownerReferences)).toEqual([undefined, undefined]);
    expect(restored.store.tryGet('replicasets', 'default', 'web')).toBeUndefined();
  });
});
