/**
 * Property tests over random sequences of API calls (fast-check, seeded: a failure prints the
 * seed and the shrunk sequence; pinned regression seeds run every time).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../../src/engine/api/errors.ts';
import type { KObject } from '../../src/engine/api/types.ts';
import { Simulation } from '../../src/engine/simulation.ts';
import { newConfigMap, newNamespace, newPod } from '../support/fixtures.ts';

const NAMESPACES = ['default', 'team-a', 'team-b'];
const NAMES = ['a', 'b', 'c', 'd'];

type Op =
  | { op: 'createNs'; ns: string }
  | { op: 'deleteNs'; ns: string }
  | { op: 'createCm'; ns: string; name: string; value: string }
  | { op: 'updateCm'; ns: string; name: string; value: string; stale: boolean }
  | { op: 'deleteCm'; ns: string; name: string }
  | { op: 'createPod'; ns: string; name: string; app: string; bound: boolean }
  | { op: 'labelPod'; ns: string; name: string; app: string }
  | { op: 'deletePod'; ns: string; name: string; grace: number | undefined }
  | { op: 'event'; ns: string; name: string; reason: string }
  | { op: 'advance'; ms: number };

const ns = fc.constantFrom(...NAMESPACES);
const name = fc.constantFrom(...NAMES);
const app = fc.constantFrom('web', 'db');

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('createNs' as const), ns: fc.constantFrom('team-a', 'team-b') }),
  fc.record({ op: fc.constant('deleteNs' as const), ns: fc.constantFrom('team-a', 'team-b') }),
  fc.record({ op: fc.constant('createCm' as const), ns, name, value: fc.string({ maxLength: 4 }) }),
  fc.record({ op: fc.constant('updateCm' as const), ns, name, value: fc.string({ maxLength: 4 }), stale: fc.boolean() }),
  fc.record({ op: fc.constant('deleteCm' as const), ns, name }),
  fc.record({ op: fc.constant('createPod' as const), ns, name, app, bound: fc.boolean() }),
  fc.record({ op: fc.constant('labelPod' as const), ns, name, app }),
  fc.record({ op: fc.constant('deletePod' as const), ns, name, grace: fc.option(fc.constantFrom(0, 5), { nil: undefined }) }),
  fc.record({ op: fc.constant('event' as const), ns, name, reason: fc.constantFrom('Pulled', 'BackOff') }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.constantFrom(0, 1, 500, 60_000, 3_600_000) }),
);

/** Applies one operation; expected API refusals are swallowed, anything else fails the test. */
function apply(sim: Simulation, o: Op): void {
  const s = sim.store;
  try {
    switch (o.op) {
      case 'createNs':
        s.create(newNamespace(o.ns));
        break;
      case 'deleteNs':
        s.delete('namespaces', '', o.ns);
        break;
      case 'createCm':
        s.create(newConfigMap(o.name, { v: o.value }, o.ns));
        break;
      case 'updateCm': {
        const cm = s.get('configmaps', o.ns, o.name);
        const rv = o.stale ? String(Number(cm.metadata.resourceVersion) - 1) : cm.metadata.resourceVersion;
        s.update({ ...cm, metadata: { ...cm.metadata, resourceVersion: rv }, data: { v: o.value } });
        break;
      }
      case 'deleteCm':
        s.delete('configmaps', o.ns, o.name);
        break;
      case 'createPod':
        s.create(newPod(o.name, { namespace: o.ns, labels: { app: o.app }, nodeName: o.bound ? 'node-1' : undefined }));
        break;
      case 'labelPod':
        s.patch('pods', o.ns, o.name, 'merge', { metadata: { labels: { app: o.app } } });
        break;
      case 'deletePod':
        s.delete('pods', o.ns, o.name, { gracePeriodSeconds: o.grace });
        break;
      case 'event':
        sim.events.record({ involved: s.get('pods', o.ns, o.name), type: 'Normal', reason: o.reason, message: 'm', component: 'kubelet' });
        break;
      case 'advance':
        sim.advance(o.ms);
        break;
    }
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
  }
}

const RESOURCES = ['namespaces', 'configmaps', 'pods', 'events'];

function listState(sim: Simulation, resource: string, selector?: string): string[] {
  return sim.store.list(resource, { labelSelector: selector }).items.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}@${o.metadata.resourceVersion}`);
}

const SETTINGS = { numRuns: 150, seed: 20250101 };
/** Each run builds whole clusters (kube-system and the kubelets run), so these take seconds. */
const CLUSTER_PROPERTY_TIMEOUT_MS = 120_000;
const PINNED_SEEDS = [1, 42, 1337];

describe('API store properties', () => {
  it('resourceVersion strictly increases across every committed change', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const sim = Simulation.create(3, { nodes: 1 });
        let last = Number(sim.store.resourceVersion);
        for (const r of RESOURCES) {
          sim.store.watch(r, (e) => {
            const rv = Number(e.object.metadata.resourceVersion);
            expect(rv).toBeGreaterThan(last);
            last = rv;
          }, { resourceVersion: sim.store.resourceVersion });
        }
        for (const o of ops) apply(sim, o);
      }),
      SETTINGS,
    );
  }, CLUSTER_PROPERTY_TIMEOUT_MS);

  it('a watch replayed from the start equals the list, with and without a label selector', () => {
    const run = (seed: number) =>
      fc.assert(
        fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
          const sim = Simulation.create(5, { nodes: 1 });
          const mirrors = new Map<string, Map<string, string>>();
          const watchInto = (resource: string, selector?: string) => {
            const mirror = new Map<string, string>();
            mirrors.set(`${resource}|${selector ?? ''}`, mirror);
            sim.store.watch(resource, (e) => {
              const k = `${e.object.metadata.namespace ?? ''}/${e.object.metadata.name}`;
              if (e.type === 'DELETED') mirror.delete(k);
              else mirror.set(k, `${k}@${e.object.metadata.resourceVersion}`);
            }, { labelSelector: selector });
          };
          for (const r of RESOURCES) watchInto(r);
          watchInto('pods', 'app=web');
          for (const o of ops) {
            apply(sim, o);
            for (const [key, mirror] of mirrors) {
              const [resource, selector] = key.split('|');
              expect([...mirror.values()].sort()).toEqual(listState(sim, resource, selector || undefined).sort());
            }
          }
        }),
        { numRuns: 100, seed },
      );
    run(SETTINGS.seed);
    for (const seed of PINNED_SEEDS) run(seed);
  }, CLUSTER_PROPERTY_TIMEOUT_MS);

  it('snapshot → restore → continue equals an uninterrupted run', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.array(opArb, { maxLength: 40 }), fc.integer({ min: 0, max: 1000 }), (before, after, seed) => {
        const straight = Simulation.create(seed, { nodes: 2 });
        const interrupted = Simulation.create(seed, { nodes: 2 });
        for (const o of before) {
          apply(straight, o);
          apply(interrupted, o);
        }
        const json = JSON.stringify(interrupted.snapshot());
        const restored = Simulation.restore(JSON.parse(json));
        expect(JSON.stringify(restored.snapshot())).toBe(json);
        for (const o of after) {
          apply(straight, o);
          apply(restored, o);
        }
        expect(restored.traceHash()).toBe(straight.traceHash());
        expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(straight.snapshot()));
      }),
      SETTINGS,
    );
  }, CLUSTER_PROPERTY_TIMEOUT_MS);

  it('objects read from the store cannot be mutated in place', () => {
    const sim = Simulation.create(1, { nodes: 1 });
    const pod: KObject = sim.store.create(newPod('p'));
    expect(() => {
      (pod.metadata as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });
});
