/**
 * The DaemonSet controller (pkg/controller/daemon, v1.31): one daemon pod on every node that
 * should run it. Each sync keeps the DaemonSet's ControllerRevisions (the current one carries the
 * `controller-revision-hash` pods are labelled with), claims the pods its selector matches, groups
 * them by the node they are meant for, creates the missing ones in slow-start batches (1, 2, 4, …;
 * at most 250 per sync) — pinned to their node by `metadata.name` node affinity, so that the
 * default scheduler binds them — and deletes surplus, misscheduled, finished or failed ones
 * (failed ones with a back-off), then runs a RollingUpdate step (OnDelete does nothing), prunes old
 * revisions, and writes the status counters.
 */
import { isStatusError } from '../../api/errors.ts';
import type { KObject, LabelSelector, Node, Pod, WatchEvent } from '../../api/types.ts';
import { deepClone, deepEqual } from '../../kernel/objects.ts';
import type { Component, ComponentContext } from '../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import {
  byCreationAndPhase,
  isPodUpdated,
  daemonNodePredicate,
  nodeNameAffinity,
  planRollingUpdate,
  planSurgeUpdate,
  rollingBounds,
  surplusPods,
  targetNodeName,
  templateGeneration,
  TEMPLATE_GENERATION_LABEL,
  withDaemonTolerations,
  type DaemonSetLike,
  type NodePods,
  type NodeVerdict,
} from './daemonset-pods.ts';
import { maxRevision, newRevision, ownedRevisions, REVISION_HASH_LABEL, revisionHash, revisionMatches, sortRevisions, type ControllerRevision } from './history.ts';
import { claimObjects } from './ref-manager.ts';
import { slowStartBatch } from './replicaset.ts';
import { controllerOf, isPodAvailable, isPodReady, keyOf, newControllerRef, podAvailableAtMs, selectorMatches, splitKey } from './util.ts';

/** The component and event source name. */
export const DAEMONSET_CONTROLLER = 'daemonset-controller';
/** dsc.burstReplicas: creations or deletions per sync. */
export const DAEMONSET_BURST_REPLICAS = 250;
/** failedPodsBackoff: 1 s doubling to 15 min per DaemonSet and node. */
const FAILED_BACKOFF_INITIAL_MS = 1000;
const FAILED_BACKOFF_MAX_MS = 15 * 60 * 1000;

/** A stored DaemonSet. */
export interface DaemonSet extends KObject, DaemonSetLike {
  kind: 'DaemonSet';
  metadata: KObject['metadata'];
  spec: DaemonSetLike['spec'] & { selector?: LabelSelector; revisionHistoryLimit?: number };
  status?: Record<string, unknown> & { collisionCount?: number };
}

interface Backoff {
  delayMs: number;
  lastMs: number;
}

/** The controller's saved state: its queue and the failed-pod back-offs. */
export interface DaemonSetControllerState {
  queue: WorkQueueState;
  backoff: [string, Backoff][];
}

export class DaemonSetController implements Component {
  readonly name = DAEMONSET_CONTROLLER;
  private readonly queue: WorkQueue;
  private readonly backoff = new Map<string, Backoff>();
  /** Node name → what of it decides placement (labels, taints), to ignore heartbeat updates. */
  private readonly nodeShapes = new Map<string, string>();

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.sync(key));
  }

  start(resume: boolean): void {
    const { store } = this.ctx;
    if (resume) for (const n of store.list<Node>('nodes').items) this.nodeShapes.set(n.metadata.name ?? '', nodeShape(n));
    const from = resume ? { resourceVersion: store.resourceVersion } : {};
    store.watch('daemonsets', (e) => this.queue.add(keyOf(e.object)), from);
    store.watch('pods', (e) => this.onPod(e), from);
    store.watch('nodes', (e) => this.onNode(e), from);
  }

  save(): DaemonSetControllerState {
    return { queue: this.queue.save(), backoff: [...this.backoff.entries()] };
  }

  load(state: unknown): void {
    const s = state as DaemonSetControllerState;
    this.queue.load(s.queue);
    this.backoff.clear();
    for (const [k, b] of s.backoff) this.backoff.set(k, b);
  }

  // ---- watch handlers: only keys -----------------------------------------------------------------

  /** A daemon pod changed: its DaemonSet looks again; an orphan interests every DaemonSet selecting it. */
  private onPod(e: WatchEvent): void {
    const pod = e.object as Pod;
    const ref = controllerOf(pod);
    if (ref) {
      if (ref.kind === 'DaemonSet') this.queue.add(`${pod.metadata.namespace ?? ''}/${ref.name}`);
      return;
    }
    if (e.type === 'DELETED') return;
    for (const ds of this.ctx.store.list<DaemonSet>('daemonsets', { namespace: pod.metadata.namespace }).items) {
      if (selectorMatches(ds.spec.selector, pod.metadata.labels)) this.queue.add(keyOf(ds));
    }
  }

  /** A node added, removed, relabelled or (un)tainted: every DaemonSet looks again. */
  private onNode(e: WatchEvent): void {
    const node = e.object as Node;
    const name = node.metadata.name ?? '';
    const shape = nodeShape(node);
    if (e.type === 'MODIFIED' && this.nodeShapes.get(name) === shape) return;
    if (e.type === 'DELETED') this.nodeShapes.delete(name);
    else this.nodeShapes.set(name, shape);
    for (const ds of this.ctx.store.list<DaemonSet>('daemonsets').items) this.queue.add(keyOf(ds));
  }

  // ---- sync ------------------------------------------------------------------------------------

  /** syncDaemonSet */
  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const ds = this.ctx.store.tryGet<DaemonSet>('daemonsets', namespace, name);
    if (!ds) return 'done';
    const sel = ds.spec.selector ?? {};
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      this.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return 'done';
    }
    if (ds.metadata.deletionTimestamp) return 'done';
    const { hash, old } = this.constructHistory(ds);
    const shouldRun = daemonNodePredicate(ds);
    const nodes = this.ctx.store.list<Node>('nodes').items.map((node) => ({ node, verdict: shouldRun(node) }));
    const waits: number[] = [];
    let byNode = this.nodeToPods(ds);
    // Like the expectations upstream: a sync that created or deleted pods leaves the rolling
    // update to the next one, which the pods' own watch events bring.
    let acted = this.manage(ds, nodes, byNode, hash, waits);
    if (!acted && ds.spec.updateStrategy?.type === 'RollingUpdate') acted = this.rollingUpdate(ds, nodes, byNode, hash);
    if (acted) byNode = this.nodeToPods(ds);
    this.cleanupHistory(ds, old, byNode);
    this.updateStatus(ds, nodes, byNode, hash, waits);
    return waits.length > 0 ? Math.max(1, Math.min(...waits) - this.ctx.kernel.now) : 'done';
  }

  /** The DaemonSet's pods (claimed), grouped by the node each is meant for. */
  private nodeToPods(ds: DaemonSet): Map<string, Pod[]> {
    const all = this.ctx.store.list<Pod>('pods', { namespace: ds.metadata.namespace }).items;
    const { claimed } = claimObjects(this.ctx.store, 'pods', ds, ds.spec.selector, all);
    const byNode = new Map<string, Pod[]>();
    for (const pod of claimed) {
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      if (terminal && pod.metadata.deletionTimestamp) continue;
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      const list = byNode.get(node) ?? [];
      list.push(pod);
      byNode.set(node, list);
    }
    return byNode;
  }

  /** manage: the pods each node needs and the pods that must go; true when it wrote anything. */
  private manage(ds: DaemonSet, nodes: readonly NodeAndVerdict[], byNode: ReadonlyMap<string, Pod[]>, hash: string, waits: number[]): boolean {
    const create: string[] = [];
    const remove: string[] = [];
    for (const { node, verdict } of nodes) {
      const name = node.metadata.name ?? '';
      const pods = byNode.get(name);
      if (verdict.shouldRun && !pods) create.push(name);
      else if (verdict.shouldContinueRunning && pods) remove.push(...this.podsToReplaceOnNode(ds, name, pods, hash, waits));
      else if (!verdict.shouldContinueRunning && pods) remove.push(...pods.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name ?? ''));
    }
    // Pending pods meant for nodes that no longer exist are never bound: nobody else removes them.
    const known = new Set(nodes.map((n) => n.node.metadata.name ?? ''));
    for (const [node, pods] of byNode) {
      if (!known.has(node)) remove.push(...pods.filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp).map((p) => p.metadata.name ?? ''));
    }
    return this.syncNodes(ds, remove, create, hash);
  }

  /** The shouldContinueRunning case of podsShouldBeOnNode: finished, failed (backed off) and surplus pods. */
  private podsToReplaceOnNode(ds: DaemonSet, node: string, pods: readonly Pod[], hash: string, waits: number[]): string[] {
    const out: string[] = [];
    const running: Pod[] = [];
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      if (pod.status?.phase === 'Failed') {
        const retryAtMs = this.failedPodBackoff(ds, node);
        if (retryAtMs !== undefined) {
          waits.push(retryAtMs);
          continue;
        }
        this.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node}, will try to kill it`);
        out.push(pod.metadata.name ?? '');
      } else if (pod.status?.phase === 'Succeeded') out.push(pod.metadata.name ?? '');
      else running.push(pod);
    }
    const surge = rollingBounds(ds, 1).maxSurge > 0 && ds.spec.updateStrategy?.type === 'RollingUpdate';
    if (running.length > 1) out.push(...surplusPods(running, surge, hash, ds.spec.minReadySeconds ?? 0, this.ctx.kernel.now));
    return out;
  }

  /**
   * failedPodsBackoff: undefined when a failed pod may be killed now (the back-off then doubles),
   * else the moment it may.
   */
  private failedPodBackoff(ds: DaemonSet, node: string): number | undefined {
    const key = `${ds.metadata.uid ?? ''}/${String(ds.status?.observedGeneration ?? 0)}/${node}`;
    const now = this.ctx.kernel.now;
    const b = this.backoff.get(key);
    if (b && now - b.lastMs < b.delayMs) return b.lastMs + b.delayMs;
    const expired = !b || now - b.lastMs > 2 * FAILED_BACKOFF_MAX_MS;
    this.backoff.set(key, { delayMs: expired ? FAILED_BACKOFF_INITIAL_MS : Math.min(2 * b.delayMs, FAILED_BACKOFF_MAX_MS), lastMs: now });
    return undefined;
  }

  /** syncNodes: creations in slow-start batches, then deletions, each capped at the burst. */
  private syncNodes(ds: DaemonSet, remove: readonly string[], create: readonly string[], hash: string): boolean {
    const toCreate = create.slice(0, DAEMONSET_BURST_REPLICAS);
    const toDelete = remove.slice(0, DAEMONSET_BURST_REPLICAS);
    const template = this.podTemplate(ds, hash);
    let i = 0;
    slowStartBatch(toCreate.length, 1, () => this.createPod(ds, template, toCreate[i++]));
    for (const name of toDelete) this.deletePod(ds, name);
    return toCreate.length + toDelete.length > 0;
  }

  /** CreatePodTemplate: the template with the daemon tolerations, generation and hash labels. */
  private podTemplate(ds: DaemonSet, hash: string): DaemonSet['spec']['template'] {
    const t = deepClone(ds.spec.template);
    const labels: Record<string, string> = { ...(t.metadata?.labels ?? {}) };
    const generation = templateGeneration(ds);
    if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = String(generation);
    if (hash !== '') labels[REVISION_HASH_LABEL] = hash;
    t.metadata = { ...(t.metadata ?? {}), labels };
    t.spec.tolerations = withDaemonTolerations(t.spec);
    return t;
  }

  private createPod(ds: DaemonSet, template: DaemonSet['spec']['template'], node: string): void {
    const meta = (template.metadata ?? {}) as KObject['metadata'];
    const metadata: KObject['metadata'] = { generateName: `${ds.metadata.name}-`, namespace: ds.metadata.namespace, labels: { ...(meta.labels ?? {}) } };
    if (meta.annotations) metadata.annotations = { ...meta.annotations };
    if (meta.finalizers) metadata.finalizers = [...meta.finalizers];
    metadata.ownerReferences = [newControllerRef(ds)];
    const spec = { ...deepClone(template.spec), affinity: nodeNameAffinity(template.spec.affinity, node) };
    try {
      const created = this.ctx.store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
      this.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    } catch (e) {
      // A terminating namespace takes the DaemonSet with it: nothing to report.
      if (isStatusError(e, 'Forbidden') && /because it is being terminated/.test(e.message)) return;
      this.event(ds, 'Warning', 'FailedCreate', `Error creating: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }

  private deletePod(ds: DaemonSet, name: string): void {
    try {
      this.ctx.store.delete('pods', ds.metadata.namespace ?? '', name);
      this.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
    } catch (e) {
      if (isStatusError(e, 'NotFound')) return;
      this.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** rollingUpdate: one step of replacing out-of-date pods within the surge/unavailability bounds. */
  private rollingUpdate(ds: DaemonSet, nodes: readonly NodeAndVerdict[], byNode: ReadonlyMap<string, Pod[]>, hash: string): boolean {
    const walk: NodePods[] = [];
    for (const { node, verdict } of nodes) {
      const name = node.metadata.name ?? '';
      const shouldRun = verdict.shouldRun;
      const pods = byNode.get(name);
      if (pods || shouldRun) walk.push({ node: name, pods: pods ?? [], shouldRun });
    }
    const desired = walk.filter((n) => n.shouldRun).length;
    const { maxSurge, maxUnavailable } = rollingBounds(ds, desired);
    const generation = templateGeneration(ds);
    const minReady = ds.spec.minReadySeconds ?? 0;
    const now = this.ctx.kernel.now;
    const plan = maxSurge === 0 ? planRollingUpdate(walk, hash, generation, maxUnavailable, minReady, now) : planSurgeUpdate(walk, hash, generation, maxSurge, minReady, now);
    return this.syncNodes(ds, plan.deletePods, plan.createOn, hash);
  }

  // ---- history -----------------------------------------------------------------------------------

  /** constructHistory: the current revision (created or renumbered as needed) and the old ones. */
  private constructHistory(ds: DaemonSet): { hash: string; old: ControllerRevision[] } {
    const revs = ownedRevisions(this.ctx.store, ds);
    const current = revs.filter((r) => revisionMatches(ds, r));
    const old = revs.filter((r) => !revisionMatches(ds, r));
    const next = maxRevision(old) + 1;
    let cur: ControllerRevision | undefined;
    if (current.length === 0) cur = this.snapshot(ds, next);
    else {
      cur = this.dedupCurrent(ds, current);
      if (cur.revision < next) cur = this.ctx.store.update<ControllerRevision>({ ...cur, revision: next });
    }
    return { hash: cur?.metadata.labels?.[REVISION_HASH_LABEL] ?? '', old };
  }

  /** snapshot: a new revision `<ds>-<hash>`; a name taken by another template bumps collisionCount. */
  private snapshot(ds: DaemonSet, revision: number): ControllerRevision | undefined {
    const hash = revisionHash(ds, ds.status?.collisionCount);
    const name = `${ds.metadata.name}-${hash}`;
    const existing = this.ctx.store.tryGet<ControllerRevision>('controllerrevisions', ds.metadata.namespace ?? '', name);
    if (existing) {
      if (revisionMatches(ds, existing)) return existing;
      const status = { ...(ds.status ?? {}), collisionCount: (ds.status?.collisionCount ?? 0) + 1 };
      this.ctx.store.update({ ...ds, status }, { subresource: 'status' });
      return undefined;
    }
    return this.ctx.store.create<ControllerRevision>(newRevision(ds, name, hash, revision));
  }

  /** dedupCurHistories: keep the highest revision; pods of the duplicates are relabelled to it. */
  private dedupCurrent(ds: DaemonSet, current: readonly ControllerRevision[]): ControllerRevision {
    const sorted = sortRevisions(current);
    const keep = sorted[sorted.length - 1];
    const keepHash = keep.metadata.labels?.[REVISION_HASH_LABEL] ?? '';
    for (const dup of sorted.slice(0, -1)) {
      const dupHash = dup.metadata.labels?.[REVISION_HASH_LABEL];
      for (const pods of this.nodeToPods(ds).values()) {
        for (const p of pods.filter((x) => x.metadata.labels?.[REVISION_HASH_LABEL] === dupHash)) {
          this.ctx.store.update({ ...p, metadata: { ...p.metadata, labels: { ...p.metadata.labels, [REVISION_HASH_LABEL]: keepHash } } });
        }
      }
      this.ctx.store.delete('controllerrevisions', dup.metadata.namespace ?? '', dup.metadata.name ?? '');
    }
    return keep;
  }

  /** cleanupHistory: old revisions beyond revisionHistoryLimit go, oldest first, unless a pod still has their hash. */
  private cleanupHistory(ds: DaemonSet, old: readonly ControllerRevision[], byNode: ReadonlyMap<string, Pod[]>): void {
    let toKill = old.length - (ds.spec.revisionHistoryLimit ?? 10);
    if (toKill <= 0) return;
    const live = new Set<string>();
    for (const pods of byNode.values()) for (const p of pods) live.add(p.metadata.labels?.[REVISION_HASH_LABEL] ?? '');
    for (const rev of sortRevisions(old)) {
      if (toKill <= 0) break;
      if (live.has(rev.metadata.labels?.[REVISION_HASH_LABEL] ?? '')) continue;
      this.ctx.store.delete('controllerrevisions', rev.metadata.namespace ?? '', rev.metadata.name ?? '');
      toKill--;
    }
  }

  // ---- status ------------------------------------------------------------------------------------

  /** updateDaemonSetStatus: the counters over the oldest pod of each node that should run one. */
  private updateStatus(ds: DaemonSet, nodes: readonly NodeAndVerdict[], byNode: ReadonlyMap<string, Pod[]>, hash: string, waits: number[]): void {
    const fresh = this.ctx.store.tryGet<DaemonSet>('daemonsets', ds.metadata.namespace ?? '', ds.metadata.name ?? '');
    if (!fresh) return;
    const status = daemonSetStatus(fresh, nodes, byNode, hash, this.ctx.kernel.now);
    const minReady = fresh.spec.minReadySeconds ?? 0;
    if (minReady > 0) {
      for (const pods of byNode.values()) {
        for (const p of pods) {
          const at = podAvailableAtMs(p, minReady);
          if (at !== undefined && at > this.ctx.kernel.now) waits.push(at);
        }
      }
    }
    if (deepEqual(fresh.status, status)) return;
    this.ctx.store.update({ ...fresh, status }, { subresource: 'status' });
  }

  private event(ds: DaemonSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record({ involved: ds, type, reason, message, component: DAEMONSET_CONTROLLER });
  }
}

/**
 * The DaemonSet status the controller writes: desired/current/misscheduled/ready counts (always
 * present), updated/available/unavailable (omitted when 0), observedGeneration and any
 * collisionCount or conditions already there.
 */
export function daemonSetStatus(ds: DaemonSet, nodes: readonly (Node | NodeAndVerdict)[], byNode: ReadonlyMap<string, Pod[]>, hash: string, nowMs: number): Record<string, unknown> {
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let updated = 0;
  let available = 0;
  const generation = templateGeneration(ds);
  const shouldRun = daemonNodePredicate(ds);
  for (const entry of nodes) {
    const node = isNodeAndVerdict(entry) ? entry.node : entry;
    const verdict = isNodeAndVerdict(entry) ? entry.verdict : shouldRun(node);
    const pods = byNode.get(node.metadata.name ?? '') ?? [];
    if (!verdict.shouldRun) {
      if (pods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    if (pods.length === 0) continue;
    current++;
    const pod = [...pods].sort(byCreationAndPhase)[0];
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, ds.spec.minReadySeconds ?? 0, nowMs)) available++;
    }
    if (isPodUpdated(pod, hash, generation)) updated++;
  }
  const status: Record<string, unknown> = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 0,
  };
  if (updated > 0) status.updatedNumberScheduled = updated;
  if (available > 0) status.numberAvailable = available;
  if (desired - available > 0) status.numberUnavailable = desired - available;
  if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
  if (ds.status?.conditions !== undefined) status.conditions = ds.status.conditions;
  return status;
}

/** A node and what NodeShouldRunDaemonPod says of it, worked out once per sync. */
export interface NodeAndVerdict {
  node: Node;
  verdict: NodeVerdict;
}

const isNodeAndVerdict = (e: Node | NodeAndVerdict): e is NodeAndVerdict => (e as { kind?: string }).kind !== 'Node';

/** What of a node decides where daemons run: its name, labels and taints. */
function nodeShape(n: Node): string {
  return JSON.stringify([n.metadata.labels ?? {}, n.spec?.taints ?? []]);
}
