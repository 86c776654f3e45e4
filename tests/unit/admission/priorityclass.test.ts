/**
 * PriorityClass admission as a v1.31 API server applies it: SetDefaults_PriorityClass, the wire
 * form, ValidatePriorityClass / ValidatePriorityClassUpdate (pkg/apis/scheduling/validation), the
 * Priority plugin's single-default rule (plugin/pkg/admission/priority), the system classes
 * (pkg/apis/scheduling/v1/helpers.go), and how pod admission resolves priorities through them.
 */
import { describe, expect, it } from 'vitest';
import { priorityClassAdmission } from '../../../src/engine/api/admission/priorityclass.ts';
import { StatusError } from '../../../src/engine/api/errors.ts';
import { resolveResourceName, resourceForKind, RESOURCE_TYPES } from '../../../src/engine/api/resources.ts';
import { ApiStore } from '../../../src/engine/api/store.ts';
import type { KObject, Pod } from '../../../src/engine/api/types.ts';
import { systemPriorityClasses } from '../../../src/engine/cluster/priority-classes.ts';
import { Kernel } from '../../../src/engine/kernel/kernel.ts';
import { errorMessage } from '../../../src/commands/kubectl/errors.ts';
import { admit, makeCtx } from './helpers.ts';

function pc(name: string, extra: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: 1000, ...extra };
}

/** A store holding the two system classes, as the bootstrap creates them. */
function storeWithSystemClasses(): ApiStore {
  const store = new ApiStore(new Kernel(1));
  for (const o of systemPriorityClasses()) store.create(o);
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
  return store;
}

function thrown(f: () => unknown): StatusError {
  try {
    f();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

const errorsOf = (o: KObject) => admit(priorityClassAdmission, o).errors;

describe('PriorityClass registration', () => {
  it('is scheduling.k8s.io/v1 priorityclasses, cluster-scoped, short name pc, after policy and before coordination', () => {
    const rt = resolveResourceName('pc');
    expect(rt).toMatchObject({ kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', plural: 'priorityclasses', singular: 'priorityclass', namespaced: false, hasStatus: false, categories: [] });
    expect(resolveResourceName('priorityclasses.scheduling.k8s.io')).toBe(rt);
    expect(resourceForKind('scheduling.k8s.io/v1', 'PriorityClass')).toBe(rt);
    const plurals = RESOURCE_TYPES.map((r) => r.plural);
    // Discovery's group order: policy, rbac.authorization.k8s.io, storage.k8s.io, scheduling.k8s.io, coordination.k8s.io.
    expect(plurals.slice(plurals.indexOf('poddisruptionbudgets'), plurals.indexOf('leases') + 1)).toEqual([
      'poddisruptionbudgets',
      'clusterrolebindings',
      'clusterroles',
      'rolebindings',
      'roles',
      'storageclasses',
      'priorityclasses',
      'leases',
    ]);
  });
});

describe('PriorityClass defaults', () => {
  it('preemptionPolicy PreemptLowerPriority; globalDefault false and an empty description are not served', () => {
    const { obj, errors } = admit(priorityClassAdmission, pc('high', { globalDefault: false, description: '' }));
    expect(errors).toEqual([]);
    expect(obj).toEqual({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, preemptionPolicy: 'PreemptLowerPriority' });
  });

  it('keeps a given policy; an absent value is Go’s zero', () => {
    const { obj } = admit(priorityClassAdmission, pc('never', { preemptionPolicy: 'Never', value: undefined, globalDefault: true }));
    expect(obj).toMatchObject({ value: 0, preemptionPolicy: 'Never', globalDefault: true });
  });

  it('refuses to decode a value that is not an int32', () => {
    const decode = (value: unknown) => thrown(() => admit(priorityClassAdmission, pc('x', { value }))).message;
    expect(decode('high')).toBe('PriorityClass in version "v1" cannot be handled as a PriorityClass: json: cannot unmarshal string into Go struct field PriorityClass.value of type int32');
    expect(decode(1.5)).toBe('PriorityClass in version "v1" cannot be handled as a PriorityClass: json: cannot unmarshal number 1.5 into Go struct field PriorityClass.value of type int32');
    expect(decode(3000000000)).toBe(
      'PriorityClass in version "v1" cannot be handled as a PriorityClass: json: cannot unmarshal number 3000000000 into Go struct field PriorityClass.value of type int32',
    );
    expect(thrown(() => admit(priorityClassAdmission, pc('x', { globalDefault: 'yes' }))).message).toBe(
      'PriorityClass in version "v1" cannot be handled as a PriorityClass: json: cannot unmarshal string into Go struct field PriorityClass.globalDefault of type bool',
    );
  });
});

describe('ValidatePriorityClass', () => {
  it('user classes may go up to HighestUserDefinablePriority', () => {
    expect(errorsOf(pc('top', { value: 1000000000 }))).toEqual([]);
    expect(errorsOf(pc('negative', { value: -5 }))).toEqual([]);
    expect(errorsOf(pc('over', { value: 1000000001 }))).toEqual(['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']);
  });

  it('names with the system- prefix are reserved', () => {
    expect(errorsOf(pc('system-foo'))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-foo is not a known system priority class",
    ]);
    // A system- name is judged by the system rule alone, whatever its value.
    expect(errorsOf(pc('system-foo', { value: 2000000000 }))).toHaveLength(1);
    expect(errorsOf(pc('system-node-critical', { value: 5 }))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000",
    ]);
    expect(errorsOf(pc('system-cluster-critical', { value: 2000000000, globalDefault: true }))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: globalDefault of system-cluster-critical PriorityClass must be false",
    ]);
    expect(errorsOf(pc('system-cluster-critical', { value: 2000000000 }))).toEqual([]);
  });

  it('preemptionPolicy must be PreemptLowerPriority or Never', () => {
    expect(errorsOf(pc('x', { preemptionPolicy: 'Always' }))).toEqual(['preemptionPolicy: Unsupported value: "Always": supported values: "PreemptLowerPriority", "Never"']);
    expect(errorsOf(pc('x', { preemptionPolicy: '' }))).toEqual(['preemptionPolicy: Required value']);
  });

  it('names are DNS subdomains; the class is cluster-scoped', () => {
    expect(errorsOf(pc('High'))[0]).toMatch(/^metadata\.name: Invalid value: "High": a lowercase RFC 1123 subdomain must consist of/);
    const namespaced = pc('x');
    namespaced.metadata.namespace = 'default';
    expect(errorsOf(namespaced)).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
  });
});

describe('ValidatePriorityClassUpdate', () => {
  const stored = (extra: Record<string, unknown> = {}): KObject => {
    const { obj } = admit(priorityClassAdmission, pc('high', extra));
    return { ...obj, metadata: { ...obj.metadata, uid: 'u-1', creationTimestamp: '2025-01-01T00:00:00Z', generation: 1, resourceVersion: '3' } };
  };
  const update = (old: KObject, next: KObject) => admit(priorityClassAdmission, next, makeCtx({ operation: 'UPDATE', objects: { priorityclasses: [old] } }), old).errors;

  it('value and preemptionPolicy are immutable; description and globalDefault are not', () => {
    const old = stored();
    expect(update(old, { ...old, value: 2000 })).toEqual(['value: Forbidden: may not be changed in an update.']);
    expect(update(old, { ...old, preemptionPolicy: 'Never' })).toEqual(['preemptionPolicy: Invalid value: "Never": field is immutable']);
    expect(update(old, { ...old, description: 'important', globalDefault: true })).toEqual([]);
  });

  it('an omitted policy is defaulted again, so removing Never is a change', () => {
    const old = stored({ preemptionPolicy: 'Never' });
    const { preemptionPolicy: _dropped, ...rest } = old;
    expect(update(old, rest as KObject)).toEqual(['preemptionPolicy: Invalid value: "PreemptLowerPriority": field is immutable']);
  });

  it('is not re-checked against the create rules (value limit, enum)', () => {
    const old = stored({ value: 5 });
    const bad = { ...old, value: 2000000000 };
    expect(update(old, bad)).toEqual(['value: Forbidden: may not be changed in an update.']);
  });
});

describe('Priority admission: only one global default', () => {
  it('a second default is Forbidden, on create and when another class is marked default', () => {
    const store = storeWithSystemClasses();
    store.create(pc('low', { value: 10, globalDefault: true }));
    const e = thrown(() => store.create(pc('other', { value: 20, globalDefault: true })));
    expect([e.reason, e.message]).toEqual(['Forbidden', 'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass low is already marked as default. Only one default can exist']);
    expect(errorMessage(e)).toBe('Error from server (Forbidden): priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass low is already marked as default. Only one default can exist');
    const other = store.create(pc('other', { value: 20 }));
    expect(thrown(() => store.update({ ...other, globalDefault: true })).reason).toBe('Forbidden');
    // The default itself may be updated and stay default.
    const low = store.get('priorityclasses', '', 'low');
    expect(store.update({ ...low, description: 'the default' })).toMatchObject({ globalDefault: true, description: 'the default' });
  });

  it('field validation answers first (Invalid before Forbidden)', () => {
    const store = storeWithSystemClasses();
    store.create(pc('low', { value: 10, globalDefault: true }));
    const e = thrown(() => store.create(pc('over', { value: 1000000001, globalDefault: true })));
    expect(errorMessage(e)).toBe('The PriorityClass "over" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000');
  });
});

describe('system priority classes', () => {
  it('are the two classes the API server creates, with their real descriptions', () => {
    expect(systemPriorityClasses()).toEqual([
      {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name: 'system-node-critical' },
        value: 2000001000,
        description: 'Used for system critical pods that must not be moved from their current node.',
      },
      {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name: 'system-cluster-critical' },
        value: 2000000000,
        description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
      },
    ]);
  });

  it('pass validation through the store, get generation 1 and the default policy; a second copy already exists', () => {
    const store = storeWithSystemClasses();
    const node = store.get('priorityclasses', '', 'system-node-critical');
    expect(node).toMatchObject({ value: 2000001000, preemptionPolicy: 'PreemptLowerPriority', metadata: { generation: 1 } });
    expect(node).not.toHaveProperty('globalDefault');
    const again = thrown(() => store.create(systemPriorityClasses()[1]));
    expect(again.message).toBe('priorityclasses.scheduling.k8s.io "system-cluster-critical" already exists');
    // Updates never move the generation (the strategy keeps it).
    expect(store.update({ ...node, description: 'changed' }).metadata.generation).toBe(1);
  });

  it('pod admission resolves priorities through them and through user classes', () => {
    const store = storeWithSystemClasses();
    store.create(pc('batch', { value: 500, preemptionPolicy: 'Never' }));
    const pod = (name: string, ns: string, priorityClassName?: string) =>
      store.create<Pod>({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: ns },
        spec: { containers: [{ name: 'c', image: 'busybox:1.36' }], ...(priorityClassName ? { priorityClassName } : {}) },
      }).spec;
    expect(pod('dns', 'kube-system', 'system-cluster-critical')).toMatchObject({ priority: 2000000000, preemptionPolicy: 'PreemptLowerPriority' });
    expect(pod('proxy', 'kube-system', 'system-node-critical')).toMatchObject({ priority: 2000001000 });
    expect(pod('job', 'default', 'batch')).toMatchObject({ priority: 500, preemptionPolicy: 'Never' });
    expect(pod('plain', 'default')).toMatchObject({ priority: 0 });
    store.create(pc('everyone', { value: 7, globalDefault: true }));
    expect(pod('later', 'default')).toMatchObject({ priority: 7, priorityClassName: 'everyone' });
    expect(errorMessage(thrown(() => pod('lost', 'default', 'nope')))).toBe(
      'Error from server (Forbidden): pods "lost" is forbidden: no PriorityClass with name nope was found',
    );
  });
});
