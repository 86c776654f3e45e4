/**
 * The performance shortcuts of the pod create path, each pinned to the behaviour it must keep:
 * the one deep-frozen token volume source every pod shares (and the trace's recorded hash input
 * for it), the admission context's cached lists and direct lookups, and validateVolumeSource's
 * one-source fast path.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KObject, Pod } from '../../../src/engine/api/types.ts';
import { tokenVolumeSource } from '../../../src/engine/api/admission/serviceaccount.ts';
import { validatePodSpec } from '../../../src/engine/api/admission/podspec-validation.ts';
import { fieldErrorString } from '../../../src/engine/api/errors.ts';
import { Hasher, HashTape } from '../../../src/engine/kernel/hash.ts';
import { deepClone } from '../../../src/engine/kernel/objects.ts';
import { Trace, sharedConstant } from '../../../src/engine/kernel/trace.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { thrownStatus } from '../../support/fixtures.ts';

const entry = { time: 0, rv: 1, type: 'ADDED' as const, resource: 'pods', namespace: 'default', name: 'p' };

function hashOf(object: unknown): string {
  const t = new Trace();
  t.record(entry, object);
  return t.hash();
}

function createPod(sim: Simulation, name: string, spec: Record<string, unknown> = {}): Pod {
  return sim.store.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
  } as KObject);
}

type TokenVolume = { name: string; projected: Record<string, unknown> };
const volumesOf = (pod: Pod): TokenVolume[] => (pod.spec.volumes ?? []) as unknown as TokenVolume[];
const tokenVolume = (pod: Pod): TokenVolume => volumesOf(pod).find((v) => v.name.startsWith('kube-api-access-'))!;

function isDeepFrozen(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (!Object.isFrozen(v)) return false;
  return Object.values(v).every(isDeepFrozen);
}

describe('the shared token volume source', () => {
  it('every pod gets the same deep-frozen projected source, equal to TokenVolumeSource()', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    const a = tokenVolume(createPod(sim, 'a'));
    const b = tokenVolume(createPod(sim, 'b'));
    expect(a.name).not.toBe(b.name);
    expect(a.projected).toBe(b.projected);
    expect(isDeepFrozen(a.projected)).toBe(true);
    expect(a.projected).toEqual(tokenVolumeSource());
    expect(JSON.stringify(a.projected)).toBe(JSON.stringify(tokenVolumeSource()));
  });

  it('writing a pod back through the API makes new objects and leaves the shared source as it was', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    const pod = createPod(sim, 'a');
    const shared = tokenVolume(pod).projected;
    const before = JSON.stringify(shared);
    // An update (defaulting runs again on the volumes) and a patch of the stored pod.
    const updated = sim.store.update<Pod>({ ...pod, metadata: { ...pod.metadata, labels: { v: '1' } } });
    const patched = sim.store.patch<Pod>('pods', 'default', 'a', 'merge', { metadata: { labels: { v: '2' } } });
    for (const p of [updated, patched]) {
      expect(tokenVolume(p).projected).toEqual(tokenVolumeSource());
      expect(isDeepFrozen(p)).toBe(true);
    }
    // A pod created from a stored pod's spec (the source arrives frozen in the input) is a copy.
    const name = tokenVolume(pod).name;
    const copy = createPod(sim, 'copy', { ...deepClone(pod.spec), volumes: [{ name, projected: shared }] });
    expect(volumesOf(copy).map((v) => v.name)).toEqual([name]);
    expect(volumesOf(copy)[0].projected).not.toBe(shared);
    expect(JSON.stringify(shared)).toBe(before);
    expect(() => ((shared as { defaultMode: number }).defaultMode = 0)).toThrow(TypeError);
  });

  it('the trace digests a pod with the shared source exactly as one with its own copy', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    const pod = createPod(sim, 'a');
    expect(tokenVolume(pod).projected).toBe(tokenVolume(createPod(sim, 'b')).projected);
    const fresh = deepClone(pod);
    expect(tokenVolume(fresh).projected).not.toBe(tokenVolume(pod).projected);
    expect(hashOf({ ...pod, spec: { ...pod.spec, volumes: [...volumesOf(pod)] } })).toBe(hashOf(fresh));
    // And a different source is told apart.
    const other = deepClone(pod);
    volumesOf(other)[0].projected.defaultMode = 0o600;
    expect(hashOf(other)).not.toBe(hashOf(deepClone(pod)));
  });

  it('a registered constant hashes as the same value walked afresh, anywhere in an object (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (x, y) => {
        const constant = sharedConstant({ x, list: [x, y] });
        const copy = deepClone(constant);
        expect(hashOf({ a: constant, b: [y, constant] })).toBe(hashOf({ a: copy, b: [deepClone(y), deepClone(constant)] }));
        expect(hashOf(constant)).toBe(hashOf(copy));
      }),
      { numRuns: 100 },
    );
  });

  it('HashTape.replay leaves a Hasher as the calls it recorded do (property)', () => {
    const op = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 32 }).map((n) => ({ code: n })), fc.string({ unit: 'binary', maxLength: 12 }).map((s) => ({ text: s })));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 20 }), fc.string(), (ops, prefix) => {
        const direct = new Hasher().update(prefix);
        const replayed = new Hasher().update(prefix);
        const tape = new HashTape();
        for (const o of ops) {
          if ('code' in o) {
            direct.mixCode(o.code);
            tape.mixCode(o.code);
          } else {
            direct.mixString(o.text);
            tape.mixString(o.text);
          }
        }
        replayed.replay(tape.seal());
        expect(replayed.state()).toEqual(direct.state());
      }),
      { numRuns: 100 },
    );
  });
});

describe("the admission context's cached lists and lookups", () => {
  it('a PriorityClass created after a pod was refused is seen by the next pod (the list is renewed on write)', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    expect(thrownStatus(() => createPod(sim, 'a', { priorityClassName: 'high' })).message).toContain('no PriorityClass with name high was found');
    sim.store.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as KObject);
    expect(createPod(sim, 'a', { priorityClassName: 'high' }).spec.priority).toBe(1000);
    sim.store.delete('priorityclasses', '', 'high');
    expect(thrownStatus(() => createPod(sim, 'b', { priorityClassName: 'high' })).message).toContain('no PriorityClass with name high was found');
  });

  it('a ServiceAccount is found by namespace and name, and only there', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    sim.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    sim.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'team' } });
    const refused = thrownStatus(() => createPod(sim, 'a', { serviceAccountName: 'robot' }));
    expect(refused.message).toBe('pods "a" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found');
    sim.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'default' }, automountServiceAccountToken: false } as KObject);
    const pod = createPod(sim, 'a', { serviceAccountName: 'robot' });
    expect(pod.spec.serviceAccountName).toBe('robot');
    expect(pod.spec.volumes).toBeUndefined();
  });
});

describe('validateVolumeSource', () => {
  const errors = (volumes: unknown[]): string[] =>
    validatePodSpec({ containers: [{ name: 'c', image: 'i', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }], terminationGracePeriodSeconds: 30, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', volumes }, 'spec', {
      resourceIsPod: true,
    }).map(fieldErrorString);

  it('reports the second and later sources in the Go order of the sources, whatever the key order', () => {
    const expected = ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type', 'spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type'];
    expect(errors([{ name: 'v', emptyDir: {}, hostPath: { path: '/x' }, configMap: { name: 'c' } }])).toEqual(expected);
    expect(errors([{ name: 'v', configMap: { name: 'c' }, hostPath: { path: '/x' }, emptyDir: {} }])).toEqual(expected);
  });

  it("checks one source's required fields, ignores null sources and keys that are no source, and wants one", () => {
    expect(errors([{ name: 'v', hostPath: {} }])).toEqual(['spec.volumes[0].hostPath.path: Required value']);
    expect(errors([{ name: 'v', emptyDir: null, configMap: { name: '' }, other: {} }])).toEqual(['spec.volumes[0].configMap.name: Required value']);
    expect(errors([{ name: 'v', emptyDir: null }])).toEqual(['spec.volumes[0]: Required value: must specify a volume type']);
    expect(errors([{ name: 'v', projected: { sources: [] } }])).toEqual([]);
  });
});

describe('isDNS1123Label (the scan that passes valid labels before the regex)', () => {
  const RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  it('accepts exactly what the regex accepts, up to 63 characters (property)', async () => {
    const { isDNS1123Label } = await import('../../../src/engine/api/validation.ts');
    const chars = fc.constantFrom('a', 'z', '0', '9', '-', '.', 'A', '_', 'é', ' ');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 70 }).map((a) => a.join('')), (s) => {
        expect(isDNS1123Label(s).length === 0).toBe(RE.test(s) && s.length <= 63);
      }),
      { numRuns: 300 },
    );
    expect(isDNS1123Label('kube-api-access-x2jqk')).toEqual([]);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1123Label('-a')).toHaveLength(1);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
  });
});

describe('deletion writes share the stored frozen spec and status', () => {
  it('a graceful delete and the final removal copy only the metadata; the earlier versions are untouched', () => {
    const sim = Simulation.create(1, { nodes: 1 });
    createPod(sim, 'a', { nodeName: 'node-1' });
    sim.advance(30_000);
    const running = sim.store.get<Pod>('pods', 'default', 'a');
    expect(running.status?.phase).toBe('Running');
    const seen: { type: string; object: Pod }[] = [];
    sim.store.watch('pods', (e) => seen.push(e as { type: string; object: Pod }), { resourceVersion: sim.store.resourceVersion });
    const marked = sim.store.delete('pods', 'default', 'a', { gracePeriodSeconds: 5 });
    expect(marked.deleted).toBe(false);
    const terminating = marked.object as Pod;
    expect(terminating.spec).toBe(running.spec);
    expect(terminating.status).toBe(running.status);
    expect(terminating.metadata).not.toBe(running.metadata);
    expect(terminating.metadata.deletionGracePeriodSeconds).toBe(5);
    expect(running.metadata.deletionTimestamp).toBeUndefined();
    expect(Object.isFrozen(terminating) && Object.isFrozen(terminating.metadata)).toBe(true);
    // A forced delete of the stored (terminating) version: the DELETED object has its own
    // resourceVersion; the version it replaces keeps its own.
    const stored = sim.store.get<Pod>('pods', 'default', 'a');
    const gone = sim.store.delete('pods', 'default', 'a', { gracePeriodSeconds: 0 });
    expect(gone.deleted).toBe(true);
    const final = seen.find((e) => e.type === 'DELETED')!.object;
    expect(final).not.toBe(stored);
    expect(final.spec).toBe(stored.spec);
    expect(Number(final.metadata.resourceVersion)).toBeGreaterThan(Number(stored.metadata.resourceVersion));
    expect(stored.metadata.resourceVersion).not.toBe(final.metadata.resourceVersion);
    expect(JSON.stringify({ ...final, metadata: { ...final.metadata, resourceVersion: stored.metadata.resourceVersion } })).toBe(JSON.stringify(stored));
    expect(sim.store.tryGet('pods', 'default', 'a')).toBeUndefined();
  });
});

describe("the scheduler's PodInfo: the non-zero requests reuse the requests when every container names cpu and memory", () => {
  it('is the plain sum with both named, and counts 100m / 200Mi for a missing one (also in an init container)', async () => {
    const { podInfo } = await import('../../../src/engine/components/scheduler/framework/pod-info.ts');
    const pod = (containers: unknown[], initContainers?: unknown[]): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers, initContainers } }) as unknown as Pod;
    const both = podInfo(pod([{ name: 'a', resources: { requests: { cpu: '250m', memory: '64Mi' } } }]));
    expect([both.nonZeroMilliCPU, both.nonZeroMemory]).toEqual([250, 64 * 2 ** 20]);
    const noMemory = podInfo(pod([{ name: 'a', resources: { requests: { cpu: '250m' } } }]));
    expect([noMemory.requests.memory, noMemory.nonZeroMilliCPU, noMemory.nonZeroMemory]).toEqual([0, 250, 200 * 2 ** 20]);
    const initWithout = podInfo(pod([{ name: 'a', resources: { requests: { cpu: '50m', memory: '1Mi' } } }], [{ name: 'i' }]));
    expect([initWithout.requests.milliCPU, initWithout.nonZeroMilliCPU, initWithout.nonZeroMemory]).toEqual([50, 100, 200 * 2 ** 20]);
  });
});
