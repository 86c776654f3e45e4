/**
 * VolumeBinding, as far as PersistentVolumeClaims exist in Podlab: PreFilter checks every claim
 * the pod names (missing, lost, being deleted, or unbound with Immediate binding → the pod is
 * unschedulable with kube-scheduler's words); Filter checks that a bound claim's volume may be
 * used from the node (the PV's required node affinity). Pods without claims Skip the plugin.
 * Binding unbound WaitForFirstConsumer claims belongs to the storage issue.
 */
import type { KObject, Pod } from '../../../api/types.ts';
import { unresolvable, SKIP, type FilterPlugin, type FrameworkHandle, type PluginFactory, type PreFilterPlugin, type Status } from '../framework/types.ts';
import { anyTermMatches, parseNodeSelector, type NodeSelector } from './node-affinity.ts';

export const NAME = 'VolumeBinding';
const STATE_KEY = 'PreFilter' + NAME;

interface Claim extends KObject {
  spec?: { volumeName?: string; storageClassName?: string };
  status?: { phase?: string };
}

interface Volume extends KObject {
  spec?: { nodeAffinity?: { required?: NodeSelector } };
}

/** The claim names a pod's volumes use (persistentVolumeClaim and generic ephemeral volumes). */
function claimNames(pod: Pod): { name: string; ephemeral: boolean }[] {
  const out: { name: string; ephemeral: boolean }[] = [];
  for (const v of (pod.spec.volumes as Record<string, unknown>[] | undefined) ?? []) {
    const pvc = v.persistentVolumeClaim as { claimName?: string } | undefined;
    if (pvc) out.push({ name: pvc.claimName ?? '', ephemeral: false });
    else if (v.ephemeral) out.push({ name: `${pod.metadata.name}-${String(v.name)}`, ephemeral: true });
  }
  return out;
}

/** podHasPVCs + GetPodVolumeClaims: the PreFilter verdict and the bound claims' volumes. */
function checkClaims(pod: Pod, handle: FrameworkHandle): Status | Volume[] | null {
  const names = claimNames(pod);
  if (names.length === 0) return null;
  const ns = pod.metadata.namespace ?? '';
  const claims: Claim[] = [];
  for (const { name, ephemeral } of names) {
    const pvc = handle.hasResource('persistentvolumeclaims') ? handle.get<Claim>('persistentvolumeclaims', ns, name) : undefined;
    if (!pvc) {
      return unresolvable(
        ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`,
      );
    }
    if (pvc.status?.phase === 'Lost') return unresolvable(`persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`);
    if (pvc.metadata.deletionTimestamp) return unresolvable(`persistentvolumeclaim "${name}" is being deleted`);
    claims.push(pvc);
  }
  const volumes: Volume[] = [];
  for (const pvc of claims) {
    const volumeName = pvc.spec?.volumeName;
    if (volumeName) {
      const pv = handle.hasResource('persistentvolumes') ? handle.get<Volume>('persistentvolumes', '', volumeName) : undefined;
      if (pv) volumes.push(pv);
      continue;
    }
    if (bindingMode(pvc, handle) === 'Immediate') return unresolvable('pod has unbound immediate PersistentVolumeClaims');
  }
  return volumes;
}

function bindingMode(pvc: Claim, handle: FrameworkHandle): string {
  const className = pvc.spec?.storageClassName ?? '';
  if (className === '' || !handle.hasResource('storageclasses')) return 'Immediate';
  const sc = handle.get<KObject & { volumeBindingMode?: string }>('storageclasses', '', className);
  return sc?.volumeBindingMode ?? 'Immediate';
}

export const volumeBinding: PluginFactory = (_args, handle): PreFilterPlugin & FilterPlugin => ({
  name: NAME,
  events: [
    { resource: 'Node', action: 'Add' },
    { resource: 'Node', action: 'UpdateNodeLabel' },
    { resource: 'PersistentVolumeClaim', action: 'All' },
    { resource: 'PersistentVolume', action: 'All' },
    { resource: 'StorageClass', action: 'All' },
  ],
  preFilter(state, pod) {
    const r = checkClaims(pod.pod, handle);
    if (r === null) return SKIP;
    if (!Array.isArray(r)) return r;
    state.write(STATE_KEY, r);
    return null;
  },
  filter(state, _pod, node) {
    const volumes = state.read<Volume[]>(STATE_KEY) ?? [];
    for (const pv of volumes) {
      const required = pv.spec?.nodeAffinity?.required;
      if (required && !anyTermMatches(parseNodeSelector(required), node.labels, node.name)) return unresolvable('node(s) had volume node affinity conflict');
    }
    return null;
  },
  explain(_pod, node) {
    return `a PersistentVolume the pod needs can only be used from other nodes than ${node.name}`;
  },
});
