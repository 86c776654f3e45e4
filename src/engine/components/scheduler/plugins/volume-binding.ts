/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding, v1.31).
 *
 * PreFilter sorts the pod's claims (GetPodVolumeClaims): a missing, lost or deleting claim, or an
 * unbound claim whose class binds Immediately (or that names its volume but is not yet bound), makes
 * the pod unschedulable with kube-scheduler's words. Filter (FindPodVolumes) checks per node that
 * every bound volume's node affinity admits it and that every WaitForFirstConsumer claim can get
 * a volume there: a matching Available volume, or provisioning by its class (not the
 * no-provisioner class, not another node already selected, within allowedTopologies). PreBind
 * (BindPodVolumes) decides the API writes — claimRef on a chosen volume, the selected-node
 * annotation on a claim to provision — which the scheduler applies before the pod's binding
 * ({@link bindPodVolumes}); the PV controller and the provisioner finish the job.
 */
import type { ApiStore } from '../../../api/store.ts';
import {
  claimClass,
  NO_PROVISIONER,
  SELECTED_NODE_ANNOTATION,
  BIND_COMPLETED_ANNOTATION,
  podClaimNames,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from '../../../api/storage.ts';
import type { Pod } from '../../../api/types.ts';
import { findMatchingVolume, volumeNodeAffinityMatches, type MatchNode } from '../../controllers/persistentvolume/matching.ts';
import {
  unresolvable,
  SKIP,
  type CycleState,
  type FilterPlugin,
  type FrameworkHandle,
  type PluginFactory,
  type PreBindPlugin,
  type PreFilterPlugin,
  type Status,
} from '../framework/types.ts';
import { anyTermMatches, parseNodeSelector, type NodeSelector } from './node-affinity.ts';
import { VB_EVENTS, VB_NAME } from './late-shells.ts';

/** The plugin's logic: a late part of the engine, built by its shell (late-shells.ts). */
export const NAME = VB_NAME;
const STATE_KEY = 'PreFilter' + NAME;
const PLAN_KEY = 'PreBind' + NAME;

export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
const ERR_REASON_MISSING_PV = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

/** What PreFilter found: volumes of bound claims (undefined when missing), claims to bind late. */
interface PodVolumeClaims {
  bound: (PersistentVolume | undefined)[];
  delayed: PersistentVolumeClaim[];
}

/** The API writes PreBind decided for the chosen node (applied by the scheduler). */
export interface VolumeBindingPlan {
  /** Static volumes to pre-bind: the volume, and the claim it goes to. */
  staticBindings: { pv: PersistentVolume; pvc: PersistentVolumeClaim }[];
  /** Claims to provision on the node (selected-node annotation). */
  provisions: PersistentVolumeClaim[];
  node: string;
}

/** A lister read that tolerates an API without the kind (handles in tests may serve fewer kinds). */
function lookup<T extends PersistentVolume | PersistentVolumeClaim | StorageClass>(handle: FrameworkHandle, resource: string, ns: string, name: string): T | undefined {
  return handle.hasResource(resource) ? handle.get<T>(resource, ns, name) : undefined;
}

const isFullyBound = (pvc: PersistentVolumeClaim): boolean => !!pvc.spec?.volumeName && pvc.metadata.annotations?.[BIND_COMPLETED_ANNOTATION] !== undefined;

/** GetPodVolumeClaims: the PreFilter verdict, or the claims sorted. */
function podVolumeClaims(pod: Pod, handle: FrameworkHandle): Status | PodVolumeClaims | null {
  const names = podClaimNames(pod);
  if (names.length === 0) return null;
  const ns = pod.metadata.namespace ?? '';
  const ephemeral = new Set(((pod.spec.volumes ?? []) as { name?: string; ephemeral?: unknown }[]).filter((v) => v.ephemeral).map((v) => `${pod.metadata.name}-${v.name}`));
  const out: PodVolumeClaims = { bound: [], delayed: [] };
  let immediate = false;
  for (const name of names) {
    const pvc = lookup<PersistentVolumeClaim>(handle, 'persistentvolumeclaims', ns, name);
    if (!pvc) {
      return unresolvable(ephemeral.has(name) ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`);
    }
    if (pvc.metadata.deletionTimestamp) return unresolvable(`persistentvolumeclaim "${name}" is being deleted`);
    if (pvc.status?.phase === 'Lost') return unresolvable(`persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`);
    if (isFullyBound(pvc)) out.bound.push(lookup<PersistentVolume>(handle, 'persistentvolumes', '', pvc.spec.volumeName ?? ''));
    else if (!pvc.spec?.volumeName && bindingMode(pvc, handle) === 'WaitForFirstConsumer') out.delayed.push(pvc);
    else immediate = true;
  }
  if (immediate) return unresolvable(ERR_REASON_UNBOUND_IMMEDIATE);
  return out;
}

/** IsDelayBindingMode: a missing class binds Immediately. */
function bindingMode(pvc: PersistentVolumeClaim, handle: FrameworkHandle): string {
  const className = claimClass(pvc);
  if (className === '') return 'Immediate';
  return lookup<StorageClass>(handle, 'storageclasses', '', className)?.volumeBindingMode ?? 'Immediate';
}

/** checkVolumeProvisions for one claim: can its class make a volume on this node? */
function canProvision(pvc: PersistentVolumeClaim, node: MatchNode, handle: FrameworkHandle): boolean {
  const selected = pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
  if (selected !== undefined && selected !== node.name) return false;
  const sc = lookup<StorageClass>(handle, 'storageclasses', '', claimClass(pvc));
  if (!sc || !sc.provisioner || sc.provisioner === NO_PROVISIONER) return false;
  const topologies = (sc.allowedTopologies ?? []) as { matchLabelExpressions?: { key: string; values: string[] }[] }[];
  if (topologies.length === 0) return true;
  const terms = topologies.map((t) => ({ matchExpressions: (t.matchLabelExpressions ?? []).map((e) => ({ key: e.key, operator: 'In' as const, values: e.values })) }));
  return anyTermMatches(parseNodeSelector({ nodeSelectorTerms: terms } as NodeSelector), node.labels, node.name);
}

/** FindPodVolumes for one node: the plan, or the reasons the node cannot take the pod's volumes. */
function findPodVolumes(claims: PodVolumeClaims, node: MatchNode, handle: FrameworkHandle): VolumeBindingPlan | string[] {
  const reasons: string[] = [];
  for (const pv of claims.bound) {
    if (!pv) return [ERR_REASON_MISSING_PV];
    if (!volumeNodeAffinityMatches(pv, node)) reasons.push(ERR_REASON_NODE_CONFLICT);
  }
  const plan: VolumeBindingPlan = { staticBindings: [], provisions: [], node: node.name };
  if (claims.delayed.length > 0) {
    const volumes = handle.list<PersistentVolume>('persistentvolumes');
    const chosen = new Set<string>();
    let satisfied = true;
    for (const pvc of claims.delayed) {
      const pv = findMatchingVolume(pvc, volumes, node, true, chosen);
      if (pv) {
        chosen.add(pv.metadata.name ?? '');
        plan.staticBindings.push({ pv, pvc });
      } else if (canProvision(pvc, node, handle)) plan.provisions.push(pvc);
      else satisfied = false;
    }
    if (!satisfied) reasons.push(ERR_REASON_BIND_CONFLICT);
  }
  return reasons.length > 0 ? [...new Set(reasons)] : plan;
}

export const volumeBinding: PluginFactory = (_args, handle): PreFilterPlugin & FilterPlugin & PreBindPlugin => ({
  name: NAME,
  events: VB_EVENTS,
  preFilter(state, pod) {
    const r = podVolumeClaims(pod.pod, handle);
    if (r === null) return SKIP;
    if ('code' in r) return r;
    state.write(STATE_KEY, r);
    return null;
  },
  filter(state, _pod, node) {
    const claims = state.read<PodVolumeClaims>(STATE_KEY);
    if (!claims) return null;
    const r = findPodVolumes(claims, { name: node.name, labels: node.labels }, handle);
    return Array.isArray(r) ? unresolvable(...r) : null;
  },
  preBind(state, _pod, nodeName) {
    const claims = state.read<PodVolumeClaims>(STATE_KEY);
    if (!claims || claims.delayed.length === 0) return null;
    const node = handle.snapshot().get(nodeName);
    const r = findPodVolumes(claims, { name: nodeName, labels: node?.labels ?? {} }, handle);
    if (Array.isArray(r)) return unresolvable(...r);
    state.write(PLAN_KEY, r);
    return null;
  },
  explain(_pod, node, status) {
    if (status.reasons.includes(ERR_REASON_BIND_CONFLICT)) return `no PersistentVolume the pod's claims could use is available on ${node.name}, and no provisioner can make one there`;
    return `a PersistentVolume the pod needs can only be used from other nodes than ${node.name}`;
  },
});

/**
 * BindPodVolumes' API writes for the plan PreBind left in the cycle state: pre-bind each chosen
 * static volume to its claim (claimRef), and mark each claim to provision with the node. Called by
 * the scheduler between the binding cycle and the pod's binding.
 */
export function bindPodVolumes(store: ApiStore, state: CycleState): void {
  const plan = state.read<VolumeBindingPlan>(PLAN_KEY);
  if (!plan) return;
  for (const { pv, pvc } of plan.staticBindings) {
    const live = store.tryGet<PersistentVolume>('persistentvolumes', '', pv.metadata.name ?? '');
    if (!live || live.spec.claimRef) continue;
    const claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: pvc.metadata.namespace, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid };
    store.update({ ...live, metadata: { ...live.metadata, annotations: { ...(live.metadata.annotations ?? {}), 'pv.kubernetes.io/bound-by-controller': 'yes' } }, spec: { ...live.spec, claimRef } });
  }
  for (const pvc of plan.provisions) {
    const live = store.tryGet<PersistentVolumeClaim>('persistentvolumeclaims', pvc.metadata.namespace ?? '', pvc.metadata.name ?? '');
    if (!live || live.metadata.annotations?.[SELECTED_NODE_ANNOTATION] === plan.node) continue;
    store.update({ ...live, metadata: { ...live.metadata, annotations: { ...(live.metadata.annotations ?? {}), [SELECTED_NODE_ANNOTATION]: plan.node } } });
  }
}
