/**
 * Storage admission as a v1.31 API server applies it: PersistentVolumeClaim defaults (volumeMode,
 * phase, the pvc-protection finalizer, the DefaultStorageClass plugin), PersistentVolume defaults,
 * StorageClass defaults, and the validation messages kubectl shows for each kind.
 */
import { describe, expect, it } from 'vitest';
import { StatusError } from '../../../src/engine/api/errors.ts';
import { ApiStore } from '../../../src/engine/api/store.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { standardStorageClass } from '../../../src/engine/cluster/storage-class.ts';
import { Kernel } from '../../../src/engine/kernel/kernel.ts';
import { errorMessage } from '../../../src/commands/kubectl/errors.ts';

function newStore(withDefaultClass = true): ApiStore {
  const store = new ApiStore(new Kernel(1));
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  if (withDefaultClass) store.create(standardStorageClass());
  return store;
}

function claim(name: string, spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  };
}

function volume(name: string, spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, hostPath: { path: '/mnt/data' }, ...spec },
  };
}

function failure(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof StatusError) return errorMessage(e);
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('PersistentVolumeClaim admission', () => {
  it.each([
    ['no class named: the default class is filled in', {}, 'standard'],
    ['an explicit class is kept', { storageClassName: 'fast' }, 'fast'],
    ['"" means no class and stays ""', { storageClassName: '' }, ''],
  ])('%s', (_title, spec, want) => {
    const pvc = newStore().create(claim('c', spec)) as KObject & { spec: { storageClassName?: string } };
    expect(pvc.spec.storageClassName).toBe(want);
  });

  it('without a default class the claim keeps no class at all', () => {
    const pvc = newStore(false).create(claim('c')) as KObject & { spec: Record<string, unknown> };
    expect('storageClassName' in pvc.spec).toBe(false);
  });

  it('defaults volumeMode, phase Pending and the pvc-protection finalizer', () => {
    const pvc = newStore().create(claim('c')) as KObject & { spec: Record<string, unknown>; status: unknown };
    expect(pvc.spec.volumeMode).toBe('Filesystem');
    expect(pvc.status).toEqual({ phase: 'Pending' });
    expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
  });

  it.each([
    ['no access modes', { accessModes: [] }, 'The PersistentVolumeClaim "c" is invalid: spec.accessModes: Required value: at least 1 access mode is required'],
    ['no storage request', { resources: {} }, 'The PersistentVolumeClaim "c" is invalid: spec.resources[storage]: Required value'],
    [
      'an unknown access mode',
      { accessModes: ['ReadWriteSometimes'] },
      'The PersistentVolumeClaim "c" is invalid: spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    ],
  ])('rejects %s', (_title, spec, want) => {
    const store = newStore();
    expect(failure(() => store.create(claim('c', spec)))).toBe(want);
  });

  it('the spec is immutable except requests of bound claims', () => {
    const store = newStore();
    const pvc = store.create(claim('c')) as KObject & { spec: Record<string, unknown> };
    const msg = failure(() => store.update({ ...pvc, spec: { ...pvc.spec, accessModes: ['ReadWriteMany'] } }));
    expect(msg.split('\n')[0]).toBe(
      'The PersistentVolumeClaim "c" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
    expect(msg).toContain('core.PersistentVolumeClaimSpec{');
    // The PV controller may set volumeName once.
    expect(() => store.update({ ...pvc, spec: { ...pvc.spec, volumeName: 'pv-1' } })).not.toThrow();
  });
});

describe('PersistentVolume admission', () => {
  it('defaults reclaim policy Retain, volumeMode, phase Pending and the pv-protection finalizer', () => {
    const pv = newStore().create(volume('v')) as KObject & { spec: Record<string, unknown>; status: { phase: string } };
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(pv.spec.volumeMode).toBe('Filesystem');
    expect(pv.status.phase).toBe('Pending');
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });

  it.each([
    ['no access modes', { accessModes: [] }, 'The PersistentVolume "v" is invalid: spec.accessModes: Required value: must specify at least 1 access mode'],
    ['no volume source', { hostPath: undefined }, 'The PersistentVolume "v" is invalid: spec: Required value: must specify a volume type'],
    [
      'a bad reclaim policy',
      { persistentVolumeReclaimPolicy: 'Keep' },
      'The PersistentVolume "v" is invalid: spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"',
    ],
  ])('rejects %s', (_title, spec, want) => {
    const store = newStore();
    expect(failure(() => store.create(volume('v', spec)))).toBe(want);
  });
});

describe('StorageClass admission', () => {
  it('defaults reclaimPolicy Delete and volumeBindingMode Immediate', () => {
    const sc = newStore().create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'example.com/x' }) as KObject;
    expect([sc.reclaimPolicy, sc.volumeBindingMode]).toEqual(['Delete', 'Immediate']);
  });

  it('the provisioner cannot change', () => {
    const store = newStore();
    const sc = store.get('storageclasses', '', 'standard');
    expect(failure(() => store.update({ ...sc, provisioner: 'other.io/x' }))).toBe('The StorageClass "standard" is invalid: provisioner: Forbidden: updates to provisioner are forbidden.');
  });

  it('the bootstrap\'s default class takes its UID from its own PRNG, not the simulation\'s', () => {
    const kernel = new Kernel(7);
    const store = new ApiStore(kernel);
    const before = kernel.prng.state();
    const sc = store.create(standardStorageClass(7));
    expect(kernel.prng.state()).toEqual(before);
    expect(sc.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('needs a provisioner', () => {
    const store = newStore();
    expect(failure(() => store.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'x' } }))).toBe(
      'The StorageClass "x" is invalid: provisioner: Required value',
    );
  });
});
