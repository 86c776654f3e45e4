/**
 * Which PersistentVolume a claim may bind to, as pkg/controller/volume/persistentvolume/util
 * decides it (FindMatchingVolume, CheckVolumeSatisfyClaim): pure functions over the objects, shared
 * by the PV controller (no node) and the scheduler's VolumeBinding (a candidate node).
 */
import { compareQuantity, parseQuantity } from '../../../api/quantity.ts';
import { claimClass, volumeClass, type PersistentVolume, type PersistentVolumeClaim } from '../../../api/storage.ts';
import type { LabelSelector } from '../../../api/types.ts';
import { anyTermMatches, parseNodeSelector, type NodeSelector } from '../../scheduler/plugins/node-affinity.ts';
import { selectorMatches } from '../util.ts';

/** A node as volume matching sees it. */
export interface MatchNode {
  name: string;
  labels: Readonly<Record<string, string>>;
}

const quantity = (s: string | undefined): ReturnType<typeof parseQuantity> => parseQuantity(s && s !== '' ? s : '0');

/** IsVolumeBoundToClaim: the volume's claimRef names this claim (and its uid, once set). */
export function isVolumeBoundToClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const ref = pv.spec.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata.name || ref.namespace !== pvc.metadata.namespace) return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

/** Every mode the claim asks for is one the volume offers (CheckAccessModes). */
export function accessModesMatch(pvc: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  const offered = pv.spec.accessModes ?? [];
  return (pvc.spec.accessModes ?? []).every((m) => offered.includes(m));
}

/** CheckNodeAffinity: the volume's required node affinity admits the node (none admits all). */
export function volumeNodeAffinityMatches(pv: PersistentVolume, node: MatchNode): boolean {
  const required = pv.spec.nodeAffinity?.required as NodeSelector | undefined;
  if (!required) return true;
  return anyTermMatches(parseNodeSelector(required), node.labels, node.name);
}

const volumeModeOf = (mode: string | undefined): string => mode ?? 'Filesystem';

/**
 * FindMatchingVolume: the volume pre-bound to the claim, else the smallest Available volume of
 * the claim's class with the access modes, selector, capacity and (with a node) node affinity.
 * With delayed binding and no node, only a pre-bound volume counts: the scheduler binds the rest.
 */
export function findMatchingVolume(pvc: PersistentVolumeClaim, volumes: readonly PersistentVolume[], node: MatchNode | undefined, delayBinding: boolean, excluded?: ReadonlySet<string>): PersistentVolume | undefined {
  const requested = quantity(pvc.spec.resources?.requests?.storage);
  const className = claimClass(pvc);
  let smallest: PersistentVolume | undefined;
  for (const pv of volumes) {
    if (excluded?.has(pv.metadata.name ?? '')) continue;
    if (!accessModesMatch(pvc, pv)) continue;
    if (volumeModeOf(pv.spec.volumeMode) !== volumeModeOf(pvc.spec.volumeMode)) continue;
    if (pv.metadata.deletionTimestamp) continue;
    const affinityOk = node === undefined || volumeNodeAffinityMatches(pv, node);
    if (isVolumeBoundToClaim(pv, pvc)) return affinityOk ? pv : undefined;
    if (node === undefined && delayBinding) continue;
    if (pv.status?.phase !== 'Available' || pv.spec.claimRef) continue;
    if (pvc.spec.selector && !selectorMatches(pvc.spec.selector as LabelSelector, pv.metadata.labels)) continue;
    if (volumeClass(pv) !== className || !affinityOk) continue;
    const size = quantity(pv.spec.capacity?.storage);
    if (compareQuantity(size, requested) < 0) continue;
    if (!smallest || compareQuantity(quantity(smallest.spec.capacity?.storage), size) > 0) smallest = pv;
  }
  return smallest;
}

/** checkVolumeSatisfyClaim: why a claim cannot take the volume it names, or undefined. */
export function volumeSatisfyError(pv: PersistentVolume, pvc: PersistentVolumeClaim): string | undefined {
  if (compareQuantity(quantity(pv.spec.capacity?.storage), quantity(pvc.spec.resources?.requests?.storage)) < 0) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(pvc)) return 'storageClassName does not match';
  if (volumeModeOf(pv.spec.volumeMode) !== volumeModeOf(pvc.spec.volumeMode)) return 'incompatible volumeMode';
  if (!accessModesMatch(pvc, pv)) return 'incompatible accessMode';
  return undefined;
}
