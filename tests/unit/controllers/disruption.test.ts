/**
 * The disruption controller's PDB status and the eviction API, on a small simulated cluster:
 * expectedPods / desiredHealthy / disruptionsAllowed for integer and percentage budgets, the
 * DisruptionAllowed condition, UnmanagedPods, and the eviction subresource's 429, its spending of
 * the budget (disruptedPods) and the DisruptionTarget condition it leaves on the pod.
 */
import { describe, expect, it } from 'vitest';
import { isStatusError } from '../../../src/engine/api/errors.ts';
import type { KEvent, Pod, PodDisruptionBudget } from '../../../src/engine/api/types.ts';
import { scaledValue } from '../../../src/engine/components/controllers/disruption.ts';
import { Simulation } from '../../../src/engine/simulation.ts';

function deployment(replicas: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  };
}

function pdb(spec: Record<string, unknown>) {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } };
}

function cluster(replicas: number, budget: Record<string, unknown>): Simulation {
  const sim = Simulation.create(7);
  sim.store.create(deployment(replicas));
  sim.store.create(pdb(budget));
  sim.advance(30_000);
  return sim;
}

const status = (sim: Simulation) => sim.store.get<PodDisruptionBudget>('poddisruptionbudgets', 'default', 'web-pdb').status;
const webPods = (sim: Simulation) => sim.store.list<Pod>('pods', { namespace: 'default', labelSelector: 'app=web' }).items;

describe('scaledValue (GetScaledValueFromIntOrPercent, rounding up)', () => {
  it.each([
    { v: 2, total: 5, want: 2 },
    { v: '50%', total: 5, want: 3 },
    { v: '34%', total: 3, want: 2 },
    { v: '100%', total: 4, want: 4 },
    { v: '0%', total: 9, want: 0 },
  ])('$v of $total → $want', ({ v, total, want }) => {
    expect(scaledValue(v, total, true)).toBe(want);
  });
});

describe('PodDisruptionBudget status', () => {
  it.each([
    { name: 'minAvailable 2 of 3', budget: { minAvailable: 2 }, want: { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 }, reason: 'SufficientPods' },
    { name: 'minAvailable 3 of 3', budget: { minAvailable: 3 }, want: { expectedPods: 3, desiredHealthy: 3, currentHealthy: 3, disruptionsAllowed: 0 }, reason: 'InsufficientPods' },
    { name: 'minAvailable 50% of 3 (rounds up)', budget: { minAvailable: '50%' }, want: { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 }, reason: 'SufficientPods' },
    { name: 'maxUnavailable 1 of 3', budget: { maxUnavailable: 1 }, want: { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 }, reason: 'SufficientPods' },
    { name: 'maxUnavailable 0', budget: { maxUnavailable: 0 }, want: { expectedPods: 3, desiredHealthy: 3, currentHealthy: 3, disruptionsAllowed: 0 }, reason: 'InsufficientPods' },
  ])('$name', ({ budget, want, reason }) => {
    const sim = cluster(3, budget);
    const s = status(sim);
    expect({ expectedPods: s.expectedPods, desiredHealthy: s.desiredHealthy, currentHealthy: s.currentHealthy, disruptionsAllowed: s.disruptionsAllowed }).toEqual(want);
    expect(s.observedGeneration).toBe(1);
    expect(s.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([['DisruptionAllowed', reason === 'SufficientPods' ? 'True' : 'False', reason, '']]);
  });

  it('a budget over bare pods with a percentage reports UnmanagedPods', () => {
    const sim = Simulation.create(7);
    sim.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    sim.store.create(pdb({ maxUnavailable: '50%' }));
    sim.advance(10_000);
    const events = sim.store.list<KEvent>('events', { namespace: 'default' }).items.filter((e) => e.involvedObject.name === 'web-pdb');
    expect(events.map((e) => [e.type, e.reason, e.source?.component])).toContainEqual(['Warning', 'UnmanagedPods', 'controllermanager']);
    expect(events.find((e) => e.reason === 'UnmanagedPods')?.message).toBe(
      'Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    );
  });

  it('a budget that selects nothing records NoPods and allows nothing', () => {
    const sim = Simulation.create(7);
    sim.store.create(pdb({ minAvailable: 1 }));
    sim.advance(1_000);
    expect(status(sim).disruptionsAllowed).toBe(0);
    const reasons = sim.store.list<KEvent>('events', { namespace: 'default' }).items.map((e) => [e.reason, e.message]);
    expect(reasons).toContainEqual(['NoPods', 'No matching pods found']);
  });
});

describe('the eviction API', () => {
  it('refuses with 429 when the budget allows no disruption', () => {
    const sim = cluster(3, { minAvailable: 3 });
    const pod = webPods(sim)[0];
    let error: unknown;
    try {
      sim.store.evict('default', pod.metadata.name ?? '');
    } catch (e) {
      error = e;
    }
    expect(isStatusError(error, 'TooManyRequests')).toBe(true);
    const err = error as { message: string; code: number; details: { causes?: { reason: string; message: string }[] } };
    expect(err.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    expect(err.code).toBe(429);
    expect(err.details.causes).toEqual([{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb needs 3 healthy pods and has 3 currently', field: '' }]);
    expect(sim.store.tryGet<Pod>('pods', 'default', pod.metadata.name ?? '')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('spends the budget: disruptionsAllowed 0, the pod noted in disruptedPods, deleted with DisruptionTarget', () => {
    const sim = cluster(3, { maxUnavailable: 1 });
    const [first, second] = webPods(sim);
    sim.store.evict('default', first.metadata.name ?? '');
    const s = status(sim);
    expect(s.disruptionsAllowed).toBe(0);
    expect(Object.keys(s.disruptedPods ?? {})).toEqual([first.metadata.name]);
    expect(s.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' });
    const evicted = sim.store.get<Pod>('pods', 'default', first.metadata.name ?? '');
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(evicted.status.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'EvictionByEvictionAPI',
      message: 'Eviction API: evicting',
    });
    // A second eviction right away is refused: the first pod has not been replaced yet.
    expect(() => sim.store.evict('default', second.metadata.name ?? '')).toThrow("Cannot evict pod as it would violate the pod's disruption budget.");
  });

  it('a pod already terminating is deleted without asking the budget', () => {
    const sim = cluster(3, { minAvailable: 3 });
    const pod = webPods(sim)[0];
    sim.store.delete('pods', 'default', pod.metadata.name ?? '');
    expect(() => sim.store.evict('default', pod.metadata.name ?? '')).not.toThrow();
  });

  it('an unknown pod is NotFound', () => {
    const sim = Simulation.create(7);
    expect(() => sim.store.evict('default', 'nope')).toThrow('pods "nope" not found');
  });
});
