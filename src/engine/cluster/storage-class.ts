/**
 * The default StorageClass a kind cluster comes with: `standard`, served by kind's
 * local-path-provisioner (rancher.io/local-path), WaitForFirstConsumer so a volume is made on the
 * node its first pod is scheduled to, and marked default so claims that name no class use it.
 */
import { DEFAULT_CLASS_ANNOTATION, LOCAL_PATH_PROVISIONER } from '../api/storage.ts';
import type { KObject } from '../api/types.ts';
import { newUid } from '../api/names.ts';
import { Prng } from '../kernel/prng.ts';

export const DEFAULT_STORAGE_CLASS = 'standard';

/**
 * The `standard` StorageClass, as the bootstrap creates it through the store. With a seed, its UID
 * comes from a PRNG of its own (see storageClassAdmission), leaving the simulation's untouched.
 */
export function standardStorageClass(seed?: number): KObject {
  const uid = seed === undefined ? undefined : newUid(new Prng((seed ^ 0x5c1a55) >>> 0));
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: DEFAULT_STORAGE_CLASS, annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' }, ...(uid ? { uid } : {}) },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}
