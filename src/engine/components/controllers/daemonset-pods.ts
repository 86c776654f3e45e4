/**
 * The DaemonSet controller's pure rules (pkg/controller/daemon/daemon_controller.go, update.go and
 * util/daemonset_util.go, v1.31): which nodes should run a daemon pod, the tolerations and node
 * affinity a daemon pod gets, which node a pod is meant for, whether a pod is up to date, what a
 * node with several pods keeps, and which pods a RollingUpdate replaces next. Plans, not effects:
 * the controller applies what these return.
 */
import type { Node, Pod, PodSpec, Taint, Toleration } from '../../api/types.ts';
import { anyTermMatches, requiredNodeAffinity } from '../scheduler/plugins/node-affinity.ts';
import { firstUntoleratedTaint, tolerationsTolerate } from '../scheduler/plugins/taint-toleration.ts';
import { REVISION_HASH_LABEL } from './history.ts';
import { isPodAvailable, isPodReady } from './util.ts';

/** extensions.DaemonSetTemplateGenerationKey */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/** The DaemonSet fields these rules read. */
export interface DaemonSetLike {
  metadata: { name?: string; namespace?: string; annotations?: Record<string, string> };
  spec: {
    template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
    minReadySeconds?: number;
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
  };
}

const nodeProblem = (key: string, effect: 'NoExecute' | 'NoSchedule'): Toleration => ({ key: `node.kubernetes.io/${key}`, operator: 'Exists', effect });

/**
 * AddOrUpdateDaemonPodTolerations: daemons survive node problems and cordons (not-ready and
 * unreachable without tolerationSeconds, so for ever); host-network daemons also tolerate a node
 * whose network is not set up yet.
 */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t = [
    nodeProblem('not-ready', 'NoExecute'),
    nodeProblem('unreachable', 'NoExecute'),
    nodeProblem('disk-pressure', 'NoSchedule'),
    nodeProblem('memory-pressure', 'NoSchedule'),
    nodeProblem('pid-pressure', 'NoSchedule'),
    nodeProblem('unschedulable', 'NoSchedule'),
  ];
  return hostNetwork ? [...t, nodeProblem('network-unavailable', 'NoSchedule')] : t;
}

const sameToleration = (a: Toleration, b: Toleration): boolean =>
  (a.key ?? '') === (b.key ?? '') && (a.effect ?? '') === (b.effect ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '');

/** AddOrUpdateTolerationInPodSpec for each daemon toleration: a matching one is replaced, else appended. */
export function withDaemonTolerations(spec: PodSpec): Toleration[] {
  const out = [...(spec.tolerations ?? [])];
  for (const t of daemonTolerations(spec.hostNetwork === true)) {
    const i = out.findIndex((o) => sameToleration(o, t));
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

/**
 * ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes the one term
 * `metadata.name In [node]` (any preferred terms stay), so the default scheduler can only bind the
 * pod to its node.
 */
export function nodeNameAffinity(affinity: unknown, nodeName: string): Record<string, unknown> {
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  const a = (affinity && typeof affinity === 'object' ? affinity : {}) as Record<string, unknown>;
  const na = (a.nodeAffinity && typeof a.nodeAffinity === 'object' ? a.nodeAffinity : {}) as Record<string, unknown>;
  return { ...a, nodeAffinity: { ...na, requiredDuringSchedulingIgnoredDuringExecution: required } };
}

/** Whether a node should run the daemon pod, and whether one already there may stay. */
export interface NodeVerdict {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

/**
 * NodeShouldRunDaemonPod: the template's nodeName (if any), its nodeSelector and required node
 * affinity must match the node; a NoSchedule/NoExecute taint the pod (with the daemon
 * tolerations) does not tolerate keeps new pods off, and only an untolerated NoExecute taint
 * evicts the ones already there.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSetLike): NodeVerdict {
  return daemonNodePredicate(ds)(node);
}

/**
 * nodeShouldRunDaemonPod for many nodes: the pod's tolerations and required affinity are worked
 * out once per DaemonSet rather than once per node.
 */
export function daemonNodePredicate(ds: DaemonSetLike): (node: Node) => NodeVerdict {
  const spec = ds.spec.template.spec;
  const tolerations = withDaemonTolerations(spec);
  const req = requiredNodeAffinity(spec);
  return (node) => {
    const name = node.metadata.name ?? '';
    if (spec.nodeName && spec.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
    if (!fitsNodeAffinity(req, node)) return { shouldRun: false, shouldContinueRunning: false };
    const taints: readonly Taint[] = node.spec?.taints ?? [];
    if (firstUntoleratedTaint(taints, tolerations) === undefined) return { shouldRun: true, shouldContinueRunning: true };
    const evicted = taints.some((t) => t.effect === 'NoExecute' && !tolerationsTolerate(tolerations, t));
    return { shouldRun: false, shouldContinueRunning: !evicted };
  };
}

/** GetRequiredNodeAffinity(pod).Match(node): nodeSelector and the required terms. */
function fitsNodeAffinity(req: ReturnType<typeof requiredNodeAffinity>, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (let i = 0; i < req.selectorKeys.length; i++) {
    if (!Object.hasOwn(labels, req.selectorKeys[i]) || labels[req.selectorKeys[i]] !== req.selectorValues[i]) return false;
  }
  return req.terms === null || anyTermMatches(req.terms, labels, node.metadata.name ?? '');
}

/**
 * GetTargetNodeName: the node a daemon pod is bound to, or — while it is pending — the one its
 * `metadata.name In [node]` affinity names; undefined when neither says.
 */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const affinity = (pod.spec.affinity ?? {}) as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: unknown[] } } };
  const terms = affinity.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms as { matchFields?: { key?: string; operator?: string; values?: string[] }[] }[]) {
    for (const f of term?.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

/** util.IsPodUpdated: the pod has the current revision hash or the current template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches = generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation);
  return (hash !== '' && labels[REVISION_HASH_LABEL] === hash) || templateMatches;
}

/** util.GetTemplateGeneration: the `deprecated.daemonset.template.generation` annotation. */
export function templateGeneration(ds: DaemonSetLike): number | undefined {
  const raw = ds.metadata.annotations?.['deprecated.daemonset.template.generation'];
  const n = Number(raw);
  return raw !== undefined && Number.isInteger(n) ? n : undefined;
}

/** podByCreationTimestampAndPhase: bound pods first, then oldest, then by name. */
export function byCreationAndPhase(a: Pod, b: Pod): number {
  const boundA = !!a.spec.nodeName;
  const boundB = !!b.spec.nodeName;
  if (boundA !== boundB) return boundA ? -1 : 1;
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** What a node with several running daemon pods keeps: the names to delete (podsShouldBeOnNode). */
export function surplusPods(running: readonly Pod[], allowsSurge: boolean, hash: string, minReadySeconds: number, nowMs: number): string[] {
  const sorted = [...running].sort(byCreationAndPhase);
  if (!allowsSurge) return sorted.slice(1).map((p) => p.metadata.name ?? '');
  // With surge, an old and a new pod may overlap until the new one is available.
  const out: string[] = [];
  let oldestNew: Pod | undefined;
  let oldestOld: Pod | undefined;
  for (const p of sorted) {
    const isNew = p.metadata.labels?.[REVISION_HASH_LABEL] === hash;
    if (isNew && !oldestNew) oldestNew = p;
    else if (!isNew && !oldestOld) oldestOld = p;
    else out.push(p.metadata.name ?? '');
  }
  if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReadySeconds, nowMs))) out.push(oldestOld.metadata.name ?? '');
  return out;
}

/**
 * findUpdatedPodsOnNode: the node's one new and one old pod (pods being deleted ignored);
 * `ok` false when there are two of either, which manage() sorts out first.
 */
export function findUpdatedPodsOnNode(pods: readonly Pod[], hash: string, generation: number | undefined): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (isPodUpdated(p, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = p;
    } else {
      if (oldPod) return { ok: false };
      oldPod = p;
    }
  }
  return { newPod, oldPod, ok: true };
}

/** GetValueFromIntOrPercent with rounding up (a percentage of the desired number). */
export function scaledValue(v: number | string | undefined, total: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) return Math.ceil((Number(v.slice(0, -1)) * total) / 100);
  if (typeof v === 'string' && /^[0-9]+$/.test(v)) return Number(v);
  return 0;
}

/** updatedDesiredNodeCounts' bounds: maxSurge and maxUnavailable, never both 0 (then 1 unavailable). */
export function rollingBounds(ds: DaemonSetLike, desired: number): { maxSurge: number; maxUnavailable: number } {
  const ru = ds.spec.updateStrategy?.rollingUpdate ?? {};
  const maxSurge = scaledValue(ru.maxSurge, desired);
  let maxUnavailable = scaledValue(ru.maxUnavailable, desired);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** One node's daemon pods, in the order the controller walks the nodes. */
export interface NodePods {
  node: string;
  pods: Pod[];
  /** NodeShouldRunDaemonPod's shouldRun for this node. */
  shouldRun: boolean;
}

/** What a rolling update step does: pods to delete and nodes to create a new pod on. */
export interface RollingPlan {
  deletePods: string[];
  createOn: string[];
}

/**
 * rollingUpdate without surge: old pods are deleted while fewer than maxUnavailable daemon pods
 * are unavailable; an old pod that is itself unavailable may always be replaced. Nodes with
 * nothing yet count as unavailable. Nodes are walked in `nodes` order (Go walks a map).
 */
export function planRollingUpdate(nodes: readonly NodePods[], hash: string, generation: number | undefined, maxUnavailable: number, minReadySeconds: number, nowMs: number): RollingPlan {
  let unavailable = 0;
  const replace: string[] = [];
  const candidates: string[] = [];
  for (const { pods } of nodes) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, hash, generation);
    if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
      unavailable++;
    } else if (newPod) {
      if (!isPodAvailable(newPod, minReadySeconds, nowMs)) unavailable++;
    } else if (oldPod) {
      if (!isPodAvailable(oldPod, minReadySeconds, nowMs)) replace.push(oldPod.metadata.name ?? '');
      else if (unavailable < maxUnavailable) candidates.push(oldPod.metadata.name ?? '');
    }
  }
  const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
  return { deletePods: [...replace, ...candidates.slice(0, room)], createOn: [] };
}

/**
 * rollingUpdate with surge: a new pod is created next to an old one (at most maxSurge at a time,
 * always where the old one is unavailable), and the old one deleted once the new one is available.
 */
export function planSurgeUpdate(nodes: readonly NodePods[], hash: string, generation: number | undefined, maxSurge: number, minReadySeconds: number, nowMs: number): RollingPlan {
  const deletePods: string[] = [];
  const allowed: string[] = [];
  const candidates: string[] = [];
  let surging = 0;
  for (const { node, pods, shouldRun } of nodes) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, hash, generation);
    if (!ok) {
      surging++;
    } else if (oldPod && !newPod) {
      if (isPodAvailable(oldPod, minReadySeconds, nowMs)) candidates.push(node);
      else if (!shouldRun) deletePods.push(oldPod.metadata.name ?? '');
      else allowed.push(node);
    } else if (oldPod && newPod) {
      if (isPodAvailable(newPod, minReadySeconds, nowMs)) deletePods.push(oldPod.metadata.name ?? '');
      else surging++;
    }
  }
  const room = Math.min(Math.max(0, maxSurge - surging), candidates.length);
  return { deletePods, createOn: [...allowed, ...candidates.slice(0, room)] };
}
