/**
 * `kubectl get persistentvolumes|persistentvolumeclaims|storageclasses` columns, following
 * printers.go (printPersistentVolume, printPersistentVolumeClaim, printStorageClass) as served by a
 * v1.31 API server: VOLUMEATTRIBUTESCLASS (`<unset>` when none) since v1.29, VOLUMEMODE under
 * `-o wide`, STATUS `Terminating` for an object being deleted, and `(default)` after the name of
 * the default StorageClass.
 */
import { accessModesShort, claimClass, isDefaultClass, volumeClass, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from '../../engine/api/storage.ts';
import { translateTimestampSince } from './age.ts';
import type { ResourcePrinter } from './column-types.ts';

const UNSET = '<unset>';

/** PersistentVolume table printer. */
export const persistentVolumePrinter: ResourcePrinter = {
  columns: [
    { name: 'Name' }, { name: 'Capacity' }, { name: 'Access Modes' }, { name: 'Reclaim Policy' }, { name: 'Status' }, { name: 'Claim' },
    { name: 'StorageClass' }, { name: 'VolumeAttributesClass' }, { name: 'Reason' }, { name: 'Age' }, { name: 'VolumeMode', priority: 1 },
  ],
  row(obj, ctx) {
    const pv = obj as PersistentVolume;
    const ref = pv.spec?.claimRef;
    return [
      pv.metadata.name ?? '',
      pv.spec?.capacity?.storage ?? '0',
      accessModesShort(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      volumeClass(pv),
      pv.spec?.volumeAttributesClassName ?? UNSET,
      pv.status?.reason ?? '',
      translateTimestampSince(pv.metadata.creationTimestamp, ctx.nowMs),
      pv.spec?.volumeMode ?? UNSET,
    ];
  },
};

/** PersistentVolumeClaim table printer: VOLUME, CAPACITY and ACCESS MODES only once bound. */
export const persistentVolumeClaimPrinter: ResourcePrinter = {
  columns: [
    { name: 'Name' }, { name: 'Status' }, { name: 'Volume' }, { name: 'Capacity' }, { name: 'Access Modes' }, { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' }, { name: 'Age' }, { name: 'VolumeMode', priority: 1 },
  ],
  row(obj, ctx) {
    const pvc = obj as PersistentVolumeClaim;
    const volumeName = pvc.spec?.volumeName ?? '';
    const vac = pvc.spec?.volumeAttributesClassName;
    return [
      pvc.metadata.name ?? '',
      pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      volumeName,
      volumeName ? (pvc.status?.capacity?.storage ?? '0') : '',
      volumeName ? accessModesShort(pvc.status?.accessModes) : '',
      claimClass(pvc),
      vac ? vac : UNSET,
      translateTimestampSince(pvc.metadata.creationTimestamp, ctx.nowMs),
      pvc.spec?.volumeMode ?? UNSET,
    ];
  },
};

/** StorageClass table printer. */
export const storageClassPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Provisioner' }, { name: 'ReclaimPolicy' }, { name: 'VolumeBindingMode' }, { name: 'AllowVolumeExpansion' }, { name: 'Age' }],
  row(obj, ctx) {
    const sc = obj as StorageClass;
    return [
      isDefaultClass(sc) ? `${sc.metadata.name ?? ''} (default)` : (sc.metadata.name ?? ''),
      sc.provisioner ?? '',
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      sc.allowVolumeExpansion === true ? 'true' : 'false',
      translateTimestampSince(sc.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};
