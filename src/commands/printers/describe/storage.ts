/**
 * `kubectl describe pv|pvc|storageclass` (describe.go PersistentVolumeDescriber,
 * PersistentVolumeClaimDescriber, StorageClassDescriber, kubectl v1.31): the claim shows the pods
 * using it ("Used By"), the volume its node affinity and source, the class whether it is the
 * default. Each ends with its events.
 */
import { accessModesShort, claimClass, isDefaultClass, volumeClass, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from '../../../engine/api/storage.ts';
import type { KObject, Pod } from '../../../engine/api/types.ts';
import { translateTimestampSince } from '../age.ts';
import { formatLabels } from '../selector.ts';
import { describeEvents, searchEvents } from './events.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, printAnnotationsMultiline, printLabelsMultiline, str, tabbedString, type PrefixWriter } from './writer.ts';

const goSlice = (xs: readonly string[] | undefined): string => `[${(xs ?? []).join(' ')}]`;

function events(ctx: DescribeContext, obj: KObject, w: PrefixWriter): void {
  if (!ctx.showEvents) return;
  const found = searchEvents(ctx, { name: obj.metadata.name ?? '', namespace: obj.metadata.namespace ?? '', kind: obj.kind, uid: obj.metadata.uid });
  describeEvents(found, w, ctx.nowMs);
}

function status(obj: KObject, phase: string | undefined, nowMs: number): string {
  const deleting = obj.metadata.deletionTimestamp;
  return deleting ? `Terminating (lasts ${translateTimestampSince(deleting, nowMs)})` : str(phase);
}

interface Requirement {
  key?: string;
  operator?: string;
  values?: string[];
}

/** printNodeAffinity: the required terms, one `key op [values]` per expression. */
function printNodeAffinity(w: PrefixWriter, affinity: { required?: unknown } | undefined): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  const required = affinity?.required as { nodeSelectorTerms?: { matchExpressions?: Requirement[] }[] } | undefined;
  if (!required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms = required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const reqs = term.matchExpressions ?? [];
    if (reqs.length === 0) w.writeLine('<none>');
    reqs.forEach((r, j) => {
      if (j !== 0) w.write(LEVEL_2, '\t');
      const values = r.values && r.values.length > 0 ? ` [${r.values.join(', ')}]` : '';
      w.write(LEVEL_0, `${str(r.key)} ${str(r.operator).toLowerCase()}${values}\n`);
    });
  });
}

function printSource(w: PrefixWriter, pv: PersistentVolume): void {
  w.write(LEVEL_0, 'Source:\n');
  const hostPath = pv.spec?.hostPath;
  if (hostPath) {
    const type = hostPath.type === undefined || hostPath.type === null ? '<none>' : hostPath.type;
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(hostPath.path)}\n    HostPathType:\t${type}\n`);
  } else if (pv.spec?.local) {
    w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${str(pv.spec.local.path)}\n`);
  }
}

export function describePersistentVolumeObject(ctx: DescribeContext, obj: KObject): string {
  const pv = obj as PersistentVolume;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pv.metadata.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', pv.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goSlice(pv.metadata.finalizers)}\n`);
    w.write(LEVEL_0, `StorageClass:\t${volumeClass(pv)}\n`);
    w.write(LEVEL_0, `Status:\t${status(pv, pv.status?.phase, ctx.nowMs)}\n`);
    const ref = pv.spec?.claimRef;
    w.write(LEVEL_0, `Claim:\t${ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : ''}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${str(pv.spec?.persistentVolumeReclaimPolicy)}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesShort(pv.spec?.accessModes)}\n`);
    if (pv.spec?.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${pv.spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${pv.spec?.capacity?.storage ?? '0'}\n`);
    printNodeAffinity(w, pv.spec?.nodeAffinity);
    w.write(LEVEL_0, `Message:\t${str(pv.status?.message)}\n`);
    printSource(w, pv);
    events(ctx, pv, w);
  });
}

/** printPersistentVolumeClaim (isFullPVC): also what StatefulSet templates print, without name and status. */
function printClaim(w: PrefixWriter, pvc: PersistentVolumeClaim, nowMs: number): void {
  w.write(LEVEL_0, `Name:\t${pvc.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `StorageClass:\t${claimClass(pvc)}\n`);
  w.write(LEVEL_0, `Status:\t${status(pvc, pvc.status?.phase, nowMs)}\n`);
  const volumeName = pvc.spec?.volumeName ?? '';
  w.write(LEVEL_0, `Volume:\t${volumeName}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(pvc.metadata.finalizers)}\n`);
  w.write(LEVEL_0, `Capacity:\t${volumeName ? (pvc.status?.capacity?.storage ?? '0') : ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${volumeName ? accessModesShort(pvc.status?.accessModes) : ''}\n`);
  if (pvc.spec?.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
}

/** getPodsForPVC: the pods of the claim's namespace that mount it (sorted by name). */
function podsUsing(ctx: DescribeContext, pvc: PersistentVolumeClaim): string[] {
  const pods = ctx.store.list<Pod>('pods', { namespace: pvc.metadata.namespace }).items;
  const name = pvc.metadata.name ?? '';
  const using = pods.filter((p) =>
    ((p.spec.volumes ?? []) as { name?: string; persistentVolumeClaim?: { claimName?: string }; ephemeral?: unknown }[]).some(
      (v) => v.persistentVolumeClaim?.claimName === name || (v.ephemeral !== undefined && `${p.metadata.name}-${v.name}` === name),
    ),
  );
  return using.map((p) => p.metadata.name ?? '').sort();
}

export function describePersistentVolumeClaimObject(ctx: DescribeContext, obj: KObject): string {
  const pvc = obj as PersistentVolumeClaim;
  return tabbedString((w) => {
    printClaim(w, pvc, ctx.nowMs);
    const users = podsUsing(ctx, pvc);
    w.write(LEVEL_0, 'Used By:\t');
    if (users.length === 0) w.writeLine('<none>');
    users.forEach((name, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      w.write(LEVEL_0, `${name}\n`);
    });
    events(ctx, pvc, w);
  });
}

export function describeStorageClassObject(ctx: DescribeContext, obj: KObject): string {
  const sc = obj as StorageClass;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sc.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultClass(sc) ? 'Yes' : 'No'}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${str(sc.provisioner)}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    const expansion = sc.allowVolumeExpansion;
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${expansion === undefined || expansion === null ? '<unset>' : expansion ? 'True' : 'False'}\n`);
    const mountOptions = sc.mountOptions ?? [];
    w.write(LEVEL_0, `MountOptions:\t${mountOptions.length === 0 ? '<none>' : ''}\n`);
    for (const o of mountOptions) w.write(LEVEL_1, `${o}\n`);
    if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    events(ctx, sc, w);
  });
}
