/**
 * TaintToleration, as kube-scheduler v1.31 has it (`plugins/tainttoleration/taint_toleration.go`,
 * component-helpers `scheduling/corev1` FindMatchingUntoleratedTaint / TolerationsTolerateTaint).
 *
 * - Filter: the node's first NoSchedule or NoExecute taint (in spec order) that none of the pod's
 *   tolerations tolerates rejects it, UnschedulableAndUnresolvable, with the v1.31 reason
 *   `node(s) had untolerated taint {<key>: <value>}`. PreferNoSchedule taints never reject.
 * - PreScore keeps the pod's tolerations whose effect is PreferNoSchedule or empty; Score counts
 *   the node's PreferNoSchedule taints none of those tolerates; NormalizeScore reverses the count
 *   (`100 − count×100/max`, every node 100 when max is 0).
 *
 * A pod without tolerations on a node without taints costs one length check in Filter and Score.
 */
import type { Taint, Toleration } from '../../../api/types.ts';
import type { NodeColumns } from '../framework/node-columns.ts';
import {
  MAX_NODE_SCORE,
  toleratesTaint,
  unresolvable,
  type ClusterEvent,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type PluginFactory,
  type PodInfo,
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
  type ScoreList,
} from '../framework/types.ts';

export const NAME = 'TaintToleration';
const PRE_SCORE_KEY = `PreScore${NAME}`;
const NO_TOLERATIONS: readonly Toleration[] = [];

/** The v1.31 Filter reason (v1.35 makes it the generic `node(s) had untolerated taint(s)`). */
export const untoleratedTaintReason = (t: Taint): string => `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;

/**
 * v1.31 with SchedulerQueueingHints off (its default there): Node Add and UpdateNodeTaint. (With
 * hints on, v1.31 also registers Pod updates for the pod's own new tolerations.)
 */
const EVENTS: readonly ClusterEvent[] = [
  { resource: 'Node', action: 'Add' },
  { resource: 'Node', action: 'UpdateNodeTaint' },
];

/** TolerationsTolerateTaint: does any of the tolerations tolerate the taint? */
export function tolerationsTolerate(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i], taint)) return true;
  return false;
}

/** FindMatchingUntoleratedTaint with the DoNotSchedule filter: the first NoSchedule/NoExecute taint not tolerated. */
export function firstUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i];
    if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
    if (!tolerationsTolerate(tolerations, t)) return t;
  }
  return undefined;
}

/** getAllTolerationPreferNoSchedule: tolerations with effect PreferNoSchedule or empty (= every effect). */
export function preferNoScheduleTolerations(tolerations: readonly Toleration[] | undefined): readonly Toleration[] {
  if (!tolerations || tolerations.length === 0) return NO_TOLERATIONS;
  // Most pods carry only the NoExecute tolerations admission adds: no list to build for them.
  let any = false;
  for (let i = 0; i < tolerations.length && !any; i++) any = !tolerations[i].effect || tolerations[i].effect === 'PreferNoSchedule';
  if (!any) return NO_TOLERATIONS;
  return tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

/** countIntolerableTaintsPreferNoSchedule. */
export function countUntoleratedPreferNoSchedule(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  let n = 0;
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i];
    if (t.effect === 'PreferNoSchedule' && !tolerationsTolerate(tolerations, t)) n++;
  }
  return n;
}

/** kubectl's taint notation: `key=value:Effect`, `key:Effect` without a value. */
export const formatTaint = (t: Taint): string => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

function formatToleration(t: Toleration): string {
  const key = t.key || '<any key>';
  const match = t.operator === 'Exists' ? ' (any value)' : `=${t.value ?? ''}`;
  return `${key}${match}:${t.effect || '<any effect>'}`;
}

class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  readonly events = EVENTS;
  /** One rejection per taint object (taints come from frozen Node objects), so rejecting allocates once. */
  private readonly rejections = new WeakMap<Taint, Status>();

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const taints = node.taints;
    if (taints.length === 0) return null;
    const taint = firstUntoleratedTaint(taints, pod.pod.spec.tolerations ?? NO_TOLERATIONS);
    return taint === undefined ? null : this.rejection(taint);
  }

  filterNodes(_state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], from: number, to: number, out: (Status | null)[]): number {
    let rejected = 0;
    for (let j = from; j < to; j++) {
      const taints = nodes[j].taints;
      if (taints.length === 0 || out[j] !== null) continue;
      const taint = firstUntoleratedTaint(taints, pod.pod.spec.tolerations ?? NO_TOLERATIONS);
      if (taint !== undefined) {
        out[j] = this.rejection(taint);
        rejected++;
      }
    }
    return rejected;
  }

  filterSlots(_state: CycleState, pod: PodInfo, cols: NodeColumns, slots: Int32Array, from: number, to: number, out: (Status | null)[]): number {
    if (cols.taintedNodes === 0) return 0;
    const taintCount = cols.taintCount;
    let rejected = 0;
    for (let j = from; j < to; j++) {
      if (taintCount[slots[j]] === 0 || out[j] !== null) continue;
      const taint = firstUntoleratedTaint(cols.nodes[slots[j]].taints, pod.pod.spec.tolerations ?? NO_TOLERATIONS);
      if (taint !== undefined) {
        out[j] = this.rejection(taint);
        rejected++;
      }
    }
    return rejected;
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    state.write(PRE_SCORE_KEY, preferNoScheduleTolerations(pod.pod.spec.tolerations));
    return null;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const taints = node.taints;
    if (taints.length === 0) return 0;
    const tolerations = state.read<readonly Toleration[]>(PRE_SCORE_KEY) ?? preferNoScheduleTolerations(pod.pod.spec.tolerations);
    return countUntoleratedPreferNoSchedule(taints, tolerations);
  }

  scoreNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: ScoreList): void {
    let tolerations: readonly Toleration[] | undefined;
    for (let j = 0; j < nodes.length; j++) {
      const taints = nodes[j].taints;
      if (taints.length === 0) {
        out[j] = 0;
        continue;
      }
      tolerations ??= state.read<readonly Toleration[]>(PRE_SCORE_KEY) ?? preferNoScheduleTolerations(pod.pod.spec.tolerations);
      out[j] = countUntoleratedPreferNoSchedule(taints, tolerations);
    }
  }

  scoreSlots(state: CycleState, pod: PodInfo, cols: NodeColumns, slots: Int32Array, out: ScoreList): void {
    if (cols.taintedNodes === 0) {
      for (let j = 0; j < out.length; j++) out[j] = 0;
      return;
    }
    const taintCount = cols.taintCount;
    let tolerations: readonly Toleration[] | undefined;
    for (let j = 0; j < out.length; j++) {
      if (taintCount[slots[j]] === 0) {
        out[j] = 0;
        continue;
      }
      tolerations ??= state.read<readonly Toleration[]>(PRE_SCORE_KEY) ?? preferNoScheduleTolerations(pod.pod.spec.tolerations);
      out[j] = countUntoleratedPreferNoSchedule(cols.nodes[slots[j]].taints, tolerations);
    }
  }

  /** DefaultNormalizeScore(MaxNodeScore, reverse = true). */
  normalizeScore(_state: CycleState, _pod: PodInfo, scores: ScoreList): void {
    let max = 0;
    for (let i = 0; i < scores.length; i++) if (scores[i] > max) max = scores[i];
    for (let i = 0; i < scores.length; i++) {
      scores[i] = max === 0 ? MAX_NODE_SCORE : MAX_NODE_SCORE - Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
    }
  }

  explain(pod: PodInfo, node: NodeInfo): string {
    const tolerations = pod.pod.spec.tolerations ?? NO_TOLERATIONS;
    const taint = firstUntoleratedTaint(node.taints, tolerations);
    if (taint === undefined) return `the pod tolerates every NoSchedule and NoExecute taint of ${node.name}`;
    const what = `the node has taint ${formatTaint(taint)}`;
    if (tolerations.length === 0) return `${what} and the pod has no toleration for it`;
    const sameKey = tolerations.filter((t) => t.key === taint.key);
    if (sameKey.length === 0) return `${what} and none of the pod's ${tolerations.length} toleration(s) is for key ${taint.key}`;
    return `${what}; the pod's toleration(s) ${sameKey.map(formatToleration).join(', ')} do not match its value or effect`;
  }

  private rejection(taint: Taint): Status {
    let s = this.rejections.get(taint);
    if (s === undefined) {
      s = unresolvable(untoleratedTaintReason(taint));
      this.rejections.set(taint, s);
    }
    return s;
  }
}

export const taintToleration: PluginFactory = () => new TaintToleration();
