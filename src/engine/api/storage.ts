/**
 * Storage object shapes (PersistentVolume, PersistentVolumeClaim, StorageClass) and the names
 * Kubernetes gives their annotations, finalizers and phases — one place for the constants the
 * admission, the PV controller, the scheduler's VolumeBinding, the kubelet and kubectl share.
 */
import type { KObject, ObjectMeta } from './types.ts';

/** storage.kubernetes.io/is-default-class (and its beta spelling, still honoured). */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
/** The claim's class before spec.storageClassName existed (still read by the controller). */
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
/** Set by the scheduler on a WaitForFirstConsumer claim: the node its pod goes to. */
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';
export const STORAGE_PROVISIONER_ANNOTATION = 'volume.kubernetes.io/storage-provisioner';
export const BETA_STORAGE_PROVISIONER_ANNOTATION = 'volume.beta.kubernetes.io/storage-provisioner';
export const BIND_COMPLETED_ANNOTATION = 'pv.kubernetes.io/bind-completed';
export const BOUND_BY_CONTROLLER_ANNOTATION = 'pv.kubernetes.io/bound-by-controller';
export const PROVISIONED_BY_ANNOTATION = 'pv.kubernetes.io/provisioned-by';
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
/** The provisioner name of a class that never provisions (local volumes made by hand). */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** What kind's local-path-provisioner is called, and where it keeps volumes on the node. */
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
export const LOCAL_PATH_ROOT = '/var/local-path-provisioner';

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
export const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
export const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

/** A PersistentVolumeClaim, as far as Podlab reads it. */
export interface PersistentVolumeClaim extends KObject {
  metadata: ObjectMeta;
  spec: {
    accessModes?: string[];
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
    selector?: unknown;
    storageClassName?: string;
    volumeName?: string;
    volumeMode?: string;
    volumeAttributesClassName?: string;
    [other: string]: unknown;
  };
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string>; [other: string]: unknown };
}

export interface ClaimRef {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
}

/** A PersistentVolume, as far as Podlab reads it (the volume source stays as written). */
export interface PersistentVolume extends KObject {
  metadata: ObjectMeta;
  spec: {
    accessModes?: string[];
    capacity?: Record<string, string>;
    claimRef?: ClaimRef;
    storageClassName?: string;
    persistentVolumeReclaimPolicy?: string;
    volumeMode?: string;
    hostPath?: { path?: string; type?: string };
    local?: { path?: string };
    nodeAffinity?: { required?: unknown };
    volumeAttributesClassName?: string;
    [other: string]: unknown;
  };
  status?: { phase?: string; reason?: string; message?: string; lastPhaseTransitionTime?: string };
}

/** A StorageClass (storage.k8s.io/v1): no spec, its fields sit at the top level. */
export interface StorageClass extends KObject {
  provisioner?: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
  mountOptions?: string[];
  allowedTopologies?: unknown[];
}

/** storageutil.IsDefaultAnnotation: the class is marked default (GA or beta annotation). */
export function isDefaultClass(sc: KObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

/**
 * The default class admission picks (storageutil.GetDefaultClass): among classes marked default,
 * the newest; on a tie in creation time, the name that sorts last (its sort compares with `>`).
 */
export function defaultClass(classes: readonly KObject[]): KObject | undefined {
  let best: KObject | undefined;
  for (const sc of classes) {
    if (!isDefaultClass(sc)) continue;
    if (!best) best = sc;
    else {
      const a = sc.metadata.creationTimestamp ?? '';
      const b = best.metadata.creationTimestamp ?? '';
      if (a > b || (a === b && (sc.metadata.name ?? '') > (best.metadata.name ?? ''))) best = sc;
    }
  }
  return best;
}

/** v1helper.GetPersistentVolumeClaimClass: the beta annotation wins over the field. */
export function claimClass(pvc: PersistentVolumeClaim): string {
  const beta = pvc.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (beta !== undefined) return beta;
  return pvc.spec?.storageClassName ?? '';
}

/** v1helper.GetPersistentVolumeClass. */
export function volumeClass(pv: PersistentVolume): string {
  const beta = pv.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (beta !== undefined) return beta;
  return pv.spec?.storageClassName ?? '';
}

/** kubectl's access-mode abbreviations (storageutil.GetAccessModesAsString), in its fixed order. */
export function accessModesShort(modes: readonly string[] | undefined): string {
  const list = modes ?? [];
  const out: string[] = [];
  if (list.includes('ReadWriteOnce')) out.push('RWO');
  if (list.includes('ReadOnlyMany')) out.push('ROX');
  if (list.includes('ReadWriteMany')) out.push('RWX');
  if (list.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** The claims (by name) a pod's volumes use; generic ephemeral volumes name `<pod>-<volume>`. */
export function podClaimNames(pod: { metadata: ObjectMeta; spec?: unknown }): string[] {
  const volumes = ((pod.spec as { volumes?: Record<string, unknown>[] } | undefined)?.volumes ?? []) as Record<string, unknown>[];
  const out: string[] = [];
  for (const v of volumes) {
    const pvc = v.persistentVolumeClaim as { claimName?: string } | undefined;
    if (pvc) out.push(pvc.claimName ?? '');
    else if (v.ephemeral) out.push(`${pod.metadata.name ?? ''}-${String(v.name)}`);
  }
  return out;
}
