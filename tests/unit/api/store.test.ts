import { describe, expect, it } from 'vitest';
import type { KEvent, KObject, WatchEvent } from '../../../src/engine/api/types.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { newConfigMap, newNamespace, newPod, thrownStatus } from '../../support/fixtures.ts';

function fresh(): Simulation {
  return Simulation.create(1, { nodes: 1 });
}

const statusOf = thrownStatus;

describe('ApiStore: create/get/list', () => {
  it('stamps uid, resourceVersion, creationTimestamp and freezes what it returns', () => {
    const sim = fresh();
    const before = Number(sim.store.resourceVersion);
    const pod = sim.store.create(newPod('web'));
    expect(pod.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number(pod.metadata.resourceVersion)).toBe(before + 1);
    expect(pod.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(Object.isFrozen(pod.metadata)).toBe(true);
    expect(sim.store.get('pods', 'default', 'web')).toBe(pod);
  });

  it('reports NotFound, AlreadyExists and a missing namespace in the API server words', () => {
    const sim = fresh();
    expect(statusOf(() => sim.store.get('pods', 'default', 'nope')).message).toBe('pods "nope" not found');
    sim.store.create(newPod('web'));
    expect(statusOf(() => sim.store.create(newPod('web'))).message).toBe('pods "web" already exists');
    const e = statusOf(() => sim.store.create(newPod('x', { namespace: 'ghost' })));
    expect([e.reason, e.message]).toEqual(['NotFound', 'namespaces "ghost" not found']);
  });

  it('lists sorted by namespace then name, filtered by labels and fields', () => {
    const sim = fresh();
    sim.store.create(newNamespace('b'));
    sim.store.create(newPod('z', { labels: { app: 'web' } }));
    sim.store.create(newPod('a', { labels: { app: 'db' } }));
    sim.store.create(newPod('m', { namespace: 'b', labels: { app: 'web' } }));
    const names = (o: { items: KObject[] }) => o.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    const outsideKubeSystem = (o: { items: KObject[] }) => names(o).filter((n) => !n.startsWith('kube-system/'));
    expect(outsideKubeSystem(sim.store.list('pods'))).toEqual(['b/m', 'default/a', 'default/z']);
    expect(names(sim.store.list('pods')).at(-1)).toMatch(/^kube-system\//);
    expect(names(sim.store.list('pods', { labelSelector: 'app=web' }))).toEqual(['b/m', 'default/z']);
    expect(names(sim.store.list('pods', { namespace: 'default', fieldSelector: 'metadata.name!=a' }))).toEqual(['default/z']);
    expect(names(sim.store.list('pods', { fieldSelector: 'status.phase=Pending' }))).toEqual(['b/m', 'default/a', 'default/z']);
    expect(statusOf(() => sim.store.list('pods', { fieldSelector: 'spec.bogus=1' })).message).toBe('field label not supported: spec.bogus');
  });

  it('generateName appends 5 characters from the no-vowel alphabet', () => {
    const sim = fresh();
    const pod = sim.store.create({ ...newPod(''), metadata: { generateName: 'web-', namespace: 'default' } });
    expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});

describe('ApiStore: update, patch, optimistic concurrency', () => {
  it('rejects a stale resourceVersion with Conflict', () => {
    const sim = fresh();
    const cm = sim.store.create(newConfigMap('c', { a: '1' }));
    sim.store.update({ ...cm, data: { a: '2' } });
    const e = statusOf(() => sim.store.update({ ...cm, data: { a: '3' } }));
    expect(e.reason).toBe('Conflict');
    expect(e.message).toBe(
      'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('does not bump resourceVersion for a no-op update', () => {
    const sim = fresh();
    const cm = sim.store.create(newConfigMap('c', { a: '1' }));
    const same = sim.store.update({ ...cm, data: { a: '1' } });
    expect(same.metadata.resourceVersion).toBe(cm.metadata.resourceVersion);
  });

  it('bumps generation only on spec changes for kinds that track it, and keeps status on main updates', () => {
    const sim = fresh();
    const dep = sim.store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    expect(dep.metadata.generation).toBe(1);
    const labelled = sim.store.update({ ...dep, metadata: { ...dep.metadata, labels: { x: 'y' } } });
    expect(labelled.metadata.generation).toBe(1);
    const scaled = sim.store.patch('deployments', 'default', 'web', 'merge', { spec: { replicas: 3 }, status: { replicas: 99 } });
    expect(scaled.metadata.generation).toBe(2);
    expect((scaled.status as { replicas?: number }).replicas).not.toBe(99);
    const status = sim.store.update({ ...scaled, status: { replicas: 3 } }, { subresource: 'status' });
    expect((status.status as { replicas?: number }).replicas).toBe(3);
    expect(status.metadata.generation).toBe(2);
  });

  it('applies JSON, merge and strategic-merge patches', () => {
    const sim = fresh();
    sim.store.create(newPod('p', { labels: { a: '1', b: '2' } }));
    const merged = sim.store.patch('pods', 'default', 'p', 'merge', { metadata: { labels: { a: null, c: '3' } } });
    expect(merged.metadata.labels).toEqual({ b: '2', c: '3' });
    const json = sim.store.patch('pods', 'default', 'p', 'json', [{ op: 'add', path: '/metadata/annotations', value: { n: 'v' } }]);
    expect(json.metadata.annotations).toEqual({ n: 'v' });
    const smp = sim.store.patch('pods', 'default', 'p', 'strategic', { spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } });
    const containers = (smp.spec as { containers: { name: string; image: string; imagePullPolicy?: string }[] }).containers;
    expect(containers).toHaveLength(1);
    expect(containers[0].image).toBe('nginx:1.28');
  });
});

describe('ApiStore: deletion', () => {
  it('deletes at once without finalizers, and waits for finalizers when present', () => {
    const sim = fresh();
    sim.store.create(newConfigMap('plain'));
    expect(sim.store.delete('configmaps', 'default', 'plain').deleted).toBe(true);
    expect(sim.store.tryGet('configmaps', 'default', 'plain')).toBeUndefined();
    sim.store.create({ ...newConfigMap('held'), metadata: { name: 'held', namespace: 'default', finalizers: ['example.com/hold'] } });
    const marked = sim.store.delete('configmaps', 'default', 'held');
    expect(marked.deleted).toBe(false);
    expect(marked.object.metadata.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    const live = sim.store.get('configmaps', 'default', 'held');
    sim.store.update({ ...live, metadata: { ...live.metadata, finalizers: [] } });
    expect(sim.store.tryGet('configmaps', 'default', 'held')).toBeUndefined();
  });

  it('marks a bound pod with a grace period instead of removing it', () => {
    const sim = fresh();
    sim.store.create(newPod('bound', { nodeName: 'node-1' }));
    const r = sim.store.delete('pods', 'default', 'bound');
    expect(r.deleted).toBe(false);
    expect(r.object.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(r.object.metadata.deletionTimestamp).toBe('2025-01-01T00:00:30Z');
    expect(sim.store.delete('pods', 'default', 'bound', { gracePeriodSeconds: 0 }).deleted).toBe(true);
  });

  it('refuses to delete the immortal namespaces and cleans up others through the namespace controller', () => {
    const sim = fresh();
    expect(statusOf(() => sim.store.delete('namespaces', '', 'default')).message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
    sim.store.create(newNamespace('team'));
    sim.store.create(newConfigMap('c', {}, 'team'));
    sim.store.delete('namespaces', '', 'team');
    expect((sim.store.get('namespaces', '', 'team').status as { phase: string }).phase).toBe('Terminating');
    const e = statusOf(() => sim.store.create(newConfigMap('d', {}, 'team')));
    expect(e.message).toBe('configmaps "d" is forbidden: unable to create new content in namespace team because it is being terminated');
    sim.advance(1);
    expect(sim.store.tryGet('configmaps', 'team', 'c')).toBeUndefined();
    expect(sim.store.tryGet('namespaces', '', 'team')).toBeUndefined();
  });
});

describe('ApiStore: watch', () => {
  it('sends the current state, then changes in resourceVersion order, including writes made by handlers', () => {
    const sim = fresh();
    sim.store.create(newConfigMap('first'));
    const seen: string[] = [];
    sim.store.watch(
      'configmaps',
      (e) => {
        seen.push(`${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`);
        if (e.type === 'ADDED' && e.object.metadata.name === 'second') sim.store.create(newConfigMap('third'));
      },
      { namespace: 'default', fieldSelector: 'metadata.name!=kube-root-ca.crt' },
    );
    sim.store.create(newConfigMap('second'));
    const rvs = seen.slice(1).map((s) => Number(s.split(' ')[2]));
    expect(seen.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['ADDED first', 'ADDED second', 'ADDED third']);
    expect(rvs[1]).toBeGreaterThan(rvs[0]);
  });

  it('turns selector transitions into ADDED/DELETED', () => {
    const sim = fresh();
    const events: string[] = [];
    sim.store.watch('pods', (e) => events.push(`${e.type} ${e.object.metadata.name}`), { labelSelector: 'app=web' });
    const p = sim.store.create(newPod('p', { labels: { app: 'db' } }));
    const q = sim.store.update({ ...p, metadata: { ...p.metadata, labels: { app: 'web' } } });
    sim.store.update({ ...q, metadata: { ...q.metadata, labels: { app: 'web', v: '2' } } });
    const r = sim.store.get('pods', 'default', 'p');
    sim.store.update({ ...r, metadata: { ...r.metadata, labels: { app: 'db' } } });
    expect(events).toEqual(['ADDED p', 'MODIFIED p', 'DELETED p']);
  });

  it('replays from a resourceVersion, and reports Expired when history is gone', () => {
    const sim = fresh();
    const rv = sim.store.resourceVersion;
    sim.store.create(newConfigMap('a'));
    sim.store.create(newConfigMap('b'));
    const replay: WatchEvent[] = [];
    sim.store.watch('configmaps', (e) => replay.push(e), { resourceVersion: rv });
    expect(replay.map((e) => e.object.metadata.name)).toEqual(['a', 'b']);
    const restored = Simulation.restore(sim.snapshot());
    expect(statusOf(() => restored.store.watch('configmaps', () => {}, { resourceVersion: '1' })).reason).toBe('Expired');
  });
});

describe('EventRecorder', () => {
  it('aggregates repeats into count and lastTimestamp, and expires events after an hour', () => {
    const sim = fresh();
    const pod = sim.store.create(newPod('web'));
    const spec = { involved: pod, type: 'Warning' as const, reason: 'BackOff', message: 'Back-off restarting failed container', component: 'kubelet', host: 'node-1' };
    const first = sim.events.record(spec)!;
    sim.advance(30_000);
    const second = sim.events.record(spec)!;
    expect(second.metadata.name).toBe(first.metadata.name);
    expect(second.count).toBe(2);
    expect([second.firstTimestamp, second.lastTimestamp]).toEqual(['2025-01-01T00:00:00Z', '2025-01-01T00:00:30Z']);
    expect(first.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
    expect(sim.store.list<KEvent>('events', { fieldSelector: 'reason=BackOff,involvedObject.name=web,type=Warning' }).items).toHaveLength(1);
    sim.advance(60 * 60 * 1000);
    expect(sim.store.list('events').items).toHaveLength(0);
  });
});

describe('ApiStore: a status write', () => {
  it('keeps the stored spec and metadata parts (shared, not copied) and owns the status it was given', () => {
    const sim = fresh();
    const pod = sim.store.create(newPod('web', { labels: { app: 'web' } })) as KObject & { spec: unknown; status?: Record<string, unknown> };
    const conditions = [{ type: 'Ready', status: 'False' }];
    const input = { ...pod, spec: { containers: [] }, status: { phase: 'Pending', conditions } };
    const written = sim.store.update(input, { subresource: 'status' }) as typeof pod;
    expect(written.spec).toBe(pod.spec); // the spec in the input is ignored for a status write
    expect(written.metadata.labels).toBe(pod.metadata.labels);
    expect(written.metadata.resourceVersion).not.toBe(pod.metadata.resourceVersion);
    expect(written.status).toEqual({ phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] });
    conditions[0].status = 'True'; // the caller's array is not the stored one
    expect(sim.store.get<typeof pod>('pods', 'default', 'web').status?.conditions).toEqual([{ type: 'Ready', status: 'False' }]);
    expect(Object.isFrozen(written.status?.conditions)).toBe(true);
  });
});
