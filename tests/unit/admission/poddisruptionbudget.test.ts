/**
 * PodDisruptionBudget (policy/v1) admission as a v1.31 API server applies it: the empty status on
 * create, generation, and ValidatePodDisruptionBudgetSpec's field errors in kubectl's wording.
 */
import { describe, expect, it } from 'vitest';
import { StatusError } from '../../../src/engine/api/errors.ts';
import { resolveResourceName } from '../../../src/engine/api/resources.ts';
import { ApiStore } from '../../../src/engine/api/store.ts';
import type { KObject, PodDisruptionBudget } from '../../../src/engine/api/types.ts';
import { Kernel } from '../../../src/engine/kernel/kernel.ts';
import { errorMessage } from '../../../src/commands/kubectl/errors.ts';

function store(): ApiStore {
  const s = new ApiStore(new Kernel(1));
  s.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return s;
}

const pdb = (spec: Record<string, unknown>): KObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'default' }, spec });

function createError(spec: Record<string, unknown>): string {
  try {
    store().create(pdb(spec));
  } catch (e) {
    if (e instanceof StatusError) return errorMessage(e);
    throw e;
  }
  throw new Error('expected an error');
}

describe('PodDisruptionBudget admission', () => {
  it('is policy/v1 poddisruptionbudgets, short name pdb', () => {
    const rt = resolveResourceName('pdb');
    expect([rt?.apiVersion, rt?.plural, rt?.namespaced, rt?.hasStatus]).toEqual(['policy/v1', 'poddisruptionbudgets', true, true]);
  });

  it('starts with the zero status and generation 1; a spec change bumps the generation', () => {
    const s = store();
    const created = s.create<PodDisruptionBudget>(pdb({ minAvailable: 1, selector: { matchLabels: { app: 'web' } } }));
    expect(created.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    expect(created.metadata.generation).toBe(1);
    const updated = s.update<PodDisruptionBudget>({ ...created, spec: { ...created.spec, minAvailable: 2 } });
    expect(updated.metadata.generation).toBe(2);
    expect(updated.status).toEqual(created.status);
  });

  it.each([
    {
      name: 'both minAvailable and maxUnavailable',
      spec: { minAvailable: 1, maxUnavailable: 1 },
      want: 'The PodDisruptionBudget "p" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000a1b2c0), Selector:(*v1.LabelSelector)(nil), MaxUnavailable:(*intstr.IntOrString)(0xc000a1b2c0), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set',
    },
    { name: 'a negative minAvailable', spec: { minAvailable: -1 }, want: 'The PodDisruptionBudget "p" is invalid: spec.minAvailable: Invalid value: -1: must be greater than or equal to 0' },
    {
      name: 'a percentage over 100',
      spec: { maxUnavailable: '120%' },
      want: 'The PodDisruptionBudget "p" is invalid: spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    },
    {
      name: 'an unknown unhealthyPodEvictionPolicy',
      spec: { minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' },
      want: 'The PodDisruptionBudget "p" is invalid: spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
    },
  ])('refuses $name', ({ spec, want }) => {
    expect(createError(spec)).toBe(want);
  });
});
