/**
 * The pod create path's shared defaults, each pinned to the behaviour it must keep: the
 * DefaultTolerationSeconds tolerations and the Pending status that PrepareForCreate sets are
 * deep-frozen constants every pod shares, and the trace digests a pod holding them exactly as one
 * holding its own copies.
 */
import { describe, expect, it } from 'vitest';
import type { KObject, Pod } from '../../../src/engine/api/types.ts';
import { deepClone } from '../../../src/engine/kernel/objects.ts';
import { Trace } from '../../../src/engine/kernel/trace.ts';
import { Simulation } from '../../../src/engine/simulation.ts';

const entry = { time: 0, rv: 1, type: 'ADDED' as const, resource: 'pods', namespace: 'default', name: 'p' };

function hashOf(object: unknown): string {
  const t = new Trace();
  t.record(entry, object);
  return t.hash();
}

function createPod(sim: Simulation, name: string, spec: Record<string, unknown> = {}, resources?: unknown): Pod {
  return sim.store.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...(resources ? { resources } : {}) }], ...spec },
  } as KObject);
}

const defaultToleration = (key: string) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
const NOT_READY = defaultToleration('node.kubernetes.io/not-ready');
const UNREACHABLE = defaultToleration('node.kubernetes.io/unreachable');

function isDeepFrozen(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (!Object.isFrozen(v)) return false;
  return Object.values(v).every(isDeepFrozen);
}

describe('the default tolerations every pod shares', () => {
  it('a pod without tolerations gets the one deep-frozen list of both', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    const a = createPod(sim, 'a');
    const b = createPod(sim, 'b');
    expect(a.spec.tolerations).toEqual([NOT_READY, UNREACHABLE]);
    expect(a.spec.tolerations).toBe(b.spec.tolerations);
    expect(isDeepFrozen(a.spec.tolerations)).toBe(true);
  });

  it('a pod with its own tolerations keeps them first and gets only the missing default, in a list of its own', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    const own = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 };
    const a = createPod(sim, 'a', { tolerations: [own] });
    const b = createPod(sim, 'b', { tolerations: [own] });
    expect(a.spec.tolerations).toEqual([own, UNREACHABLE]);
    expect(a.spec.tolerations).not.toBe(b.spec.tolerations);
    expect(a.spec.tolerations?.[1]).toBe(b.spec.tolerations?.[1]);
    const c = createPod(sim, 'c', { tolerations: [{ operator: 'Exists' }] });
    expect(c.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('updating a pod keeps its tolerations and leaves the shared list as it was', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    const pod = createPod(sim, 'a');
    const shared = pod.spec.tolerations;
    const updated = sim.store.update<Pod>({ ...pod, metadata: { ...pod.metadata, labels: { v: '1' } } });
    const added = { key: 'k', operator: 'Exists', effect: 'NoSchedule' };
    const patched = sim.store.patch<Pod>('pods', 'default', 'a', 'json', [{ op: 'add', path: '/spec/tolerations/-', value: added }]);
    expect(updated.spec.tolerations).toEqual([NOT_READY, UNREACHABLE]);
    expect(patched.spec.tolerations).toEqual([NOT_READY, UNREACHABLE, added]);
    expect(shared).toEqual([NOT_READY, UNREACHABLE]);
    expect(createPod(sim, 'b').spec.tolerations).toBe(shared);
  });
});

describe("a new pod's shared Pending status", () => {
  it('is one deep-frozen object per QoS class', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    const guaranteed = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };
    const burstable = { requests: { cpu: '100m' } };
    const statuses = [createPod(sim, 'a'), createPod(sim, 'b', {}, burstable), createPod(sim, 'c', {}, guaranteed)].map((p) => p.status);
    expect(statuses).toEqual([
      { phase: 'Pending', qosClass: 'BestEffort' },
      { phase: 'Pending', qosClass: 'Burstable' },
      { phase: 'Pending', qosClass: 'Guaranteed' },
    ]);
    expect(createPod(sim, 'd').status).toBe(statuses[0]);
    expect(createPod(sim, 'e', {}, burstable).status).toBe(statuses[1]);
    expect(createPod(sim, 'f', {}, guaranteed).status).toBe(statuses[2]);
    expect(statuses.every(isDeepFrozen)).toBe(true);
  });

  it('a status write replaces it and leaves the shared status as it was', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    const pod = createPod(sim, 'a');
    const written = sim.store.update<Pod>({ ...pod, status: { ...pod.status, phase: 'Running' } } as Pod, { subresource: 'status' });
    expect(written.status?.phase).toBe('Running');
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(createPod(sim, 'b').status).toBe(pod.status);
  });
});

describe('the trace and the shared defaults', () => {
  it('digests a pod holding them exactly as one holding its own copies', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    const pod = createPod(sim, 'a');
    const fresh = deepClone(pod);
    expect(fresh.spec.tolerations).not.toBe(pod.spec.tolerations);
    expect(fresh.status).not.toBe(pod.status);
    expect(hashOf({ ...pod, spec: { ...pod.spec } })).toBe(hashOf(fresh));
    // And a different toleration or status is told apart.
    const other = deepClone(pod);
    (other.spec.tolerations as { tolerationSeconds: number }[])[1].tolerationSeconds = 301;
    expect(hashOf(other)).not.toBe(hashOf(deepClone(pod)));
    const running = deepClone(pod);
    running.status = { phase: 'Running', qosClass: 'BestEffort' };
    expect(hashOf(running)).not.toBe(hashOf(deepClone(pod)));
  });
});
