/**
 * DefaultPreemption (PostFilter), as kube-scheduler v1.31 runs it
 * (`plugins/defaultpreemption` + `framework/preemption`). When no node passed Filter, it looks
 * for a node where evicting lower-priority pods would let the pod fit:
 *
 *  1. Is the pod allowed to preempt? Not with `preemptionPolicy: Never`, and not while pods it
 *     already preempted on its nominated node are still terminating.
 *  2. Potential nodes: every node whose Filter status is not UnschedulableAndUnresolvable (taints,
 *     affinity... that no eviction can fix). Those are counted as `Preemption is not helpful for
 *     scheduling`.
 *  3. Dry run, from a random offset, until enough candidates are found
 *     (max(n × minCandidateNodesPercentage / 100, minCandidateNodesAbsolute), capped at n): on a
 *     copy of the node remove every lower-priority pod; if the pod still does not fit, the node
 *     keeps the Filter status of that try; otherwise put pods back one by one, the most important
 *     first (PDB-protected ones before the others), keeping each one that still lets the pod fit.
 *     Those not put back are the node's victims.
 *  4. Pick one node: fewest PDB violations, then the lowest "highest victim priority", then the
 *     smallest sum of priorities, then the fewest victims, then the latest start among the most
 *     important victims, then the first.
 *
 * The plugin only decides. The scheduler applies the result: it deletes the victims (after adding
 * the DisruptionTarget condition), records the `Preempted` events, sets the pod's
 * status.nominatedNodeName and clears lower-priority nominations on that node.
 */
import { labelSelectorRequirements, matchesLabels, type LabelRequirements } from '../../../api/selectors.ts';
import type { KObject, LabelSelector, Pod } from '../../../api/types.ts';
import { parseTimestamp } from '../../../kernel/time.ts';
import { fitErrorMessage } from '../framework/fit-error.ts';
import { addPod, cloneNodeInfo, removePod } from '../framework/node-info.ts';
import {
  Code,
  errorStatus,
  unresolvable,
  unschedulable,
  type CycleState,
  type FilteredStatuses,
  type FrameworkHandle,
  type NodeInfo,
  type PodInfo,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreemptionHandle,
  type Snapshot,
  type Status,
} from '../framework/types.ts';
import { DP_NAME, defaultPreemptionArgs } from './late-shells.ts';

/** The plugin's logic: a late part of the engine, built by its shell (late-shells.ts). */
export const NAME = DP_NAME;

/** Status reasons of v1.31, verbatim. */
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const NOT_ELIGIBLE_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';

// ---- args ------------------------------------------------------------------------------------

export interface DefaultPreemptionArgs {
  /** Share of the potential nodes to dry-run, at least (0–100). Default 10. */
  minCandidateNodesPercentage: number;
  /** Number of potential nodes to dry-run, at least. Default 100. */
  minCandidateNodesAbsolute: number;
}

export { defaultPreemptionArgs } from './late-shells.ts';

/** How many candidates the dry run looks for among `numNodes` potential nodes (integer maths). */
export function calculateNumCandidates(numNodes: number, args: DefaultPreemptionArgs): number {
  let n = Math.trunc((numNodes * args.minCandidateNodesPercentage) / 100);
  if (n < args.minCandidateNodesAbsolute) n = args.minCandidateNodesAbsolute;
  if (n > numNodes) n = numNodes;
  return n;
}

// ---- pod importance --------------------------------------------------------------------------

/** corev1helpers.PodPriority: spec.priority, 0 when unset. */
export const podPriority = (p: Pod): number => p.spec.priority ?? 0;

/**
 * util.GetPodStartTime in simulated ms: status.startTime, or "now" for a pod that has not started
 * (assumed and just-bound pods). Any started pod started before now, so "now" is +Infinity here.
 */
export function podStartTime(p: Pod): number {
  const t = p.status?.startTime;
  if (!t) return Number.POSITIVE_INFINITY;
  const ms = parseTimestamp(t);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** util.MoreImportantPod: higher priority first; at equal priority, the one that started earlier. */
export function moreImportantPod(a: Pod, b: Pod): boolean {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pa > pb;
  return podStartTime(a) < podStartTime(b);
}

const byImportance = (a: Pod, b: Pod): number => (moreImportantPod(a, b) ? -1 : moreImportantPod(b, a) ? 1 : 0);

/** Pods sorted from most to least important (the order victims are reprieved in). Stable. */
export function victimsOrder<T extends PodInfo | Pod>(pods: readonly T[]): T[] {
  const podOf = (x: T): Pod => ('pod' in x && 'key' in x ? (x as PodInfo).pod : (x as Pod));
  return [...pods].sort((a, b) => byImportance(podOf(a), podOf(b)));
}

// ---- PodDisruptionBudgets --------------------------------------------------------------------

/** The fields of a policy/v1 PodDisruptionBudget that preemption reads. */
export interface PodDisruptionBudget extends KObject {
  spec?: { selector?: LabelSelector | null; [k: string]: unknown };
  status?: { disruptionsAllowed?: number; disruptedPods?: Record<string, string>; [k: string]: unknown };
}

/**
 * filterPodsWithPDBViolation: splits pods (kept in order) into those whose eviction would take a
 * matching PDB below zero allowed disruptions and the others. Each matching PDB's budget is spent
 * as pods are walked; a pod listed in the PDB's disruptedPods is already accounted for. A PDB
 * matches pods of its namespace by its selector; a nil, empty or invalid selector matches nothing,
 * and a pod without labels matches no PDB.
 */
export function filterPodsWithPDBViolation<T extends PodInfo>(
  pods: readonly T[],
  pdbs: readonly PodDisruptionBudget[],
): { violating: T[]; nonViolating: T[] } {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map((p) => pdbSelector(p.spec?.selector));
  const violating: T[] = [];
  const nonViolating: T[] = [];
  for (const pi of pods) {
    const pod = pi.pod;
    const labels = pod.metadata.labels;
    let violated = false;
    if (labels && Object.keys(labels).length > 0) {
      for (let i = 0; i < pdbs.length; i++) {
        const pdb = pdbs[i];
        if ((pdb.metadata.namespace ?? '') !== (pod.metadata.namespace ?? '')) continue;
        const sel = selectors[i];
        if (!sel || !matchesLabels(sel, labels)) continue;
        if (pdb.status?.disruptedPods && Object.hasOwn(pdb.status.disruptedPods, pod.metadata.name ?? '')) continue;
        allowed[i]--;
        if (allowed[i] < 0) violated = true;
      }
    }
    (violated ? violating : nonViolating).push(pi);
  }
  return { violating, nonViolating };
}

/** metav1.LabelSelectorAsSelector, with "matches nothing" (nil, empty, invalid) as undefined. */
function pdbSelector(sel: LabelSelector | null | undefined): LabelRequirements | undefined {
  if (!sel) return undefined;
  for (const e of sel.matchExpressions ?? []) {
    const n = e.values?.length ?? 0;
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (n === 0) return undefined;
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (n > 0) return undefined;
    } else {
      return undefined;
    }
  }
  const reqs = labelSelectorRequirements(sel);
  return reqs.length === 0 ? undefined : reqs;
}

// ---- eligibility -----------------------------------------------------------------------------

/** The pod is being deleted because the scheduler preempted it (DisruptionTarget, PreemptionByScheduler). */
export function podTerminatingByPreemption(p: Pod): boolean {
  if (!p.metadata.deletionTimestamp) return false;
  for (const c of p.status?.conditions ?? []) {
    if (c.type === 'DisruptionTarget') return c.status === 'True' && c.reason === 'PreemptionByScheduler';
  }
  return false;
}

/**
 * PodEligibleToPreemptOthers. A pod with `preemptionPolicy: Never` never preempts. A pod already
 * nominated to a node waits while lower-priority pods there are terminating because of preemption
 * (its earlier victims), unless Filter found the nominated node UnschedulableAndUnresolvable.
 */
export function podEligibleToPreemptOthers(
  pod: Pod,
  nominatedNodeStatus: Status | undefined,
  snapshot: Snapshot,
): { eligible: boolean; message: string } {
  if (pod.spec.preemptionPolicy === 'Never') return { eligible: false, message: NOT_ELIGIBLE_NEVER };
  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    if (nominatedNodeStatus?.code === Code.UnschedulableAndUnresolvable) return { eligible: true, message: '' };
    const node = snapshot.get(nominated);
    if (node) {
      const prio = podPriority(pod);
      for (const p of node.pods) {
        if (podPriority(p.pod) < prio && podTerminatingByPreemption(p.pod)) return { eligible: false, message: NOT_ELIGIBLE_TERMINATING };
      }
    }
  }
  return { eligible: true, message: '' };
}

// ---- victims on one node ---------------------------------------------------------------------

export interface Victims {
  /** Most important first. */
  pods: Pod[];
  numPDBViolations: number;
}

export interface Candidate {
  nodeName: string;
  victims: Victims;
}

/**
 * SelectVictimsOnNode, on copies of `node` and `state` the caller owns: remove every pod of lower
 * priority (PreFilter extensions told); if Filter still fails, that status is returned; then
 * reprieve pods, the most important first — PDB-violating ones before the others — keeping each
 * one that still lets the pod fit. Victims come back most important first.
 */
export function selectVictimsOnNode(
  handle: PreemptionHandle,
  state: CycleState,
  pod: PodInfo,
  node: NodeInfo,
  pdbs: readonly PodDisruptionBudget[],
): { victims: Pod[]; numPDBViolations: number; status: Status | null } {
  const prio = podPriority(pod.pod);
  const potential = node.pods.filter((p) => podPriority(p.pod) < prio);
  const take = (p: PodInfo) => {
    removePod(node, p.key);
    handle.removePod(state, pod, p, node);
  };
  const putBack = (p: PodInfo) => {
    addPod(node, p);
    handle.addPod(state, pod, p, node);
  };
  for (const p of potential) take(p);
  if (potential.length === 0) return { victims: [], numPDBViolations: 0, status: unresolvable(NO_VICTIMS) };

  // Preemption does not try to satisfy affinity to the lower-priority pods it removed.
  const fits = handle.runFilters(state, pod, node);
  if (fits !== null && fits.code !== Code.Success) return { victims: [], numPDBViolations: 0, status: fits };

  const { violating, nonViolating } = filterPodsWithPDBViolation(victimsOrder(potential), pdbs);
  const victims: PodInfo[] = [];
  const reprieve = (p: PodInfo): boolean => {
    putBack(p);
    const s = handle.runFilters(state, pod, node);
    if (s === null || s.code === Code.Success) return true;
    take(p);
    victims.push(p);
    return false;
  };
  let numPDBViolations = 0;
  for (const p of violating) if (!reprieve(p)) numPDBViolations++;
  for (const p of nonViolating) reprieve(p);
  const ordered = violating.length > 0 && nonViolating.length > 0 ? victimsOrder(victims) : victims;
  return { victims: ordered.map((p) => p.pod), numPDBViolations, status: null };
}

// ---- choosing the node -----------------------------------------------------------------------

/** 2^31: added to every priority so that sums of (possibly negative) priorities grow with the count. */
const PRIORITY_OFFSET = 2 ** 31;

/**
 * The earliest start among the victims of the highest priority (util.GetEarliestPodStartTime).
 * Victims that have not started count as "now" (+Infinity).
 */
function earliestStartOfTopVictims(pods: readonly Pod[]): number {
  let top = podPriority(pods[0]);
  let earliest = podStartTime(pods[0]);
  for (const p of pods) {
    const pr = podPriority(p);
    if (pr === top) earliest = Math.min(earliest, podStartTime(p));
    else if (pr > top) {
      top = pr;
      earliest = podStartTime(p);
    }
  }
  return earliest;
}

/**
 * pickOneNodeForPreemption over candidates (victims ordered most important first). Each rule keeps
 * the best-scoring candidates and the next rule breaks their tie; the last tie goes to the first
 * candidate in the given order.
 */
export function pickOneNode(candidates: readonly Candidate[]): Candidate | undefined {
  if (candidates.length === 0) return undefined;
  const rules: ((c: Candidate) => number)[] = [
    // Fewest PDB violations.
    (c) => -c.victims.numPDBViolations,
    // Lowest priority of the most important victim.
    (c) => -podPriority(c.victims.pods[0]),
    // Smallest sum of priorities (each offset by 2^31 so that every term is >= 0).
    (c) => -c.victims.pods.reduce((sum, p) => sum + podPriority(p) + PRIORITY_OFFSET, 0),
    // Fewest victims.
    (c) => -c.victims.pods.length,
    // The latest start among the most important victims (they lose the least work).
    (c) => earliestStartOfTopVictims(c.victims.pods),
  ];
  let pool = [...candidates];
  for (const score of rules) {
    let best = Number.NEGATIVE_INFINITY;
    let kept: Candidate[] = [];
    for (const c of pool) {
      const s = score(c);
      if (s > best) {
        best = s;
        kept = [c];
      } else if (s === best) {
        kept.push(c);
      }
    }
    if (kept.length === 1) return kept[0];
    pool = kept;
  }
  return pool[0];
}

// ---- the plugin ------------------------------------------------------------------------------

/** Everything one preemption attempt worked out (for the decision trace and `sim explain`). */
export interface PreemptionOutcome {
  result?: PostFilterResult;
  status: Status | null;
  /** `preemption: ...` (empty on success), the text FitError appends. */
  message: string;
  eligible: boolean;
  /** Nodes the dry run could evict on, in the order found (non-PDB-violating ones first). */
  candidates: Candidate[];
  /** Per node, why preemption would not help there (the inner FitError's statuses). */
  nodeStatuses: Map<string, Status>;
  /** Random start among the potential nodes, and how many candidates were looked for. */
  offset: number;
  numCandidates: number;
}

export interface DefaultPreemptionPlugin extends PostFilterPlugin {
  readonly args: DefaultPreemptionArgs;
  /** PostFilter with the whole outcome. */
  preempt(state: CycleState, pod: PodInfo, filtered: FilteredStatuses): PreemptionOutcome;
}

/**
 * The factory. It is a PluginFactory (any FrameworkHandle) so the registry needs no cast; the
 * framework hands every plugin its PreemptionHandle, which preemption needs when it runs.
 */
export function defaultPreemption(rawArgs: Record<string, unknown> | undefined, frameworkHandle: FrameworkHandle): DefaultPreemptionPlugin {
  const args = defaultPreemptionArgs(rawArgs);
  let checked: PreemptionHandle | undefined;
  const preemptionHandle = (): PreemptionHandle => {
    if (checked) return checked;
    if (!isPreemptionHandle(frameworkHandle)) throw new Error('DefaultPreemption needs a PreemptionHandle (runFilters, removePod, addPod, randomInt)');
    return (checked = frameworkHandle);
  };

  const listPDBs = (handle: PreemptionHandle): readonly PodDisruptionBudget[] =>
    handle.hasResource('poddisruptionbudgets') ? handle.list<PodDisruptionBudget>('poddisruptionbudgets') : [];

  function preempt(state: CycleState, pod: PodInfo, filtered: FilteredStatuses): PreemptionOutcome {
    const handle = preemptionHandle();
    const outcome: PreemptionOutcome = {
      status: null,
      message: '',
      eligible: true,
      candidates: [],
      nodeStatuses: new Map(),
      offset: 0,
      numCandidates: 0,
    };
    const fail = (s: Status, message: string, result?: PostFilterResult): PreemptionOutcome => {
      outcome.status = s;
      outcome.message = message;
      outcome.result = result;
      return outcome;
    };

    // 1) May the pod preempt at all?
    const snapshot = handle.snapshot();
    const nominated = pod.pod.status?.nominatedNodeName;
    const eligibility = podEligibleToPreemptOthers(pod.pod, nominated ? filtered.get(nominated) : undefined, snapshot);
    if (!eligibility.eligible) {
      outcome.eligible = false;
      const message = `preemption: ${eligibility.message}`;
      return fail(unschedulable(message), message);
    }

    // 2) Potential nodes: all but the UnschedulableAndUnresolvable ones.
    const allNodes = snapshot.nodes;
    if (allNodes.length === 0) return fail(errorStatus('preemption: no nodes available'), 'preemption: no nodes available');
    const potential: NodeInfo[] = [];
    for (const n of allNodes) {
      if (filtered.get(n.name)?.code === Code.UnschedulableAndUnresolvable) outcome.nodeStatuses.set(n.name, unresolvable(NOT_HELPFUL));
      else potential.push(n);
    }

    // 3) Dry run from a random offset until enough candidates are found.
    const errors: string[] = [];
    if (potential.length > 0) {
      const pdbs = listPDBs(handle);
      outcome.offset = handle.randomInt(potential.length);
      outcome.numCandidates = calculateNumCandidates(potential.length, args);
      const nonViolating: Candidate[] = [];
      const violating: Candidate[] = [];
      for (let i = 0; i < potential.length; i++) {
        const node = potential[(outcome.offset + i) % potential.length];
        const copy = cloneNodeInfo(node);
        const { victims, numPDBViolations, status } = selectVictimsOnNode(handle, state.clone(), pod, copy, pdbs);
        if (status === null && victims.length > 0) {
          const list = numPDBViolations === 0 ? nonViolating : violating;
          if (list.length < outcome.numCandidates) list.push({ nodeName: node.name, victims: { pods: victims, numPDBViolations } });
          if (nonViolating.length > 0 && nonViolating.length + violating.length >= outcome.numCandidates) break;
          continue;
        }
        const s = status ?? errorStatus(`expected at least one victim pod on node "${node.name}"`);
        if (s.code === Code.Error) errors.push(s.reasons.join(', '));
        outcome.nodeStatuses.set(node.name, s);
      }
      outcome.candidates = [...nonViolating, ...violating];
    }

    if (outcome.candidates.length === 0) {
      if (errors.length > 0) {
        const message = `preemption: ${aggregateErrors(errors)}`;
        return fail(errorStatus(message), message);
      }
      // A FitError over the nodes preemption looked at; the pod's nomination (if any) is cleared.
      const message = `preemption: ${fitErrorMessage(outcome.nodeStatuses.size, outcome.nodeStatuses)}`;
      return fail(unschedulable(message), message, { nominatedNodeName: '' });
    }

    // 4) The best candidate.
    const best = outcome.candidates.length === 1 ? outcome.candidates[0] : pickOneNode(outcome.candidates)!;
    outcome.result = { nominatedNodeName: best.nodeName, victims: best.victims.pods };
    return outcome;
  }

  return {
    name: NAME,
    args,
    preempt,
    postFilter(state, pod, filtered) {
      const { result, status, message } = preempt(state, pod, filtered);
      return { result, status, message };
    },
  };
}

function isPreemptionHandle(h: FrameworkHandle): h is PreemptionHandle {
  const p = h as Partial<PreemptionHandle>;
  return typeof p.runFilters === 'function' && typeof p.removePod === 'function' && typeof p.addPod === 'function' && typeof p.randomInt === 'function';
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several (deduplicated) in brackets. */
function aggregateErrors(errors: readonly string[]): string {
  const seen = [...new Set(errors)];
  return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
}

// ---- plain words -----------------------------------------------------------------------------

/** "evicts db-1 (priority 0) on node-2 to make room", for the UI and `sim explain`. */
export function describePreemption(result: PostFilterResult | undefined): string {
  if (!result?.nominatedNodeName) return 'preemption found no node where evicting lower-priority pods would make room';
  const node = result.nominatedNodeName;
  const victims = result.victims ?? [];
  if (victims.length === 0) return `nominates ${node} without evicting any pod`;
  const names = victims.map((p) => `${p.metadata.name ?? ''} (priority ${podPriority(p)})`);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `evicts ${list} on ${node} to make room`;
}
