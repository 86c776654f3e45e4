/**
 * What the Workloads tab charts, recorded in the worker over simulated time: per Deployment,
 * ReplicaSet and StatefulSet the desired vs ready replicas, the faults that hit its pods, and per
 * Deployment its ReplicaSets' replicas with the rollout fenceposts; and the controllers' actions
 * followed through the loop (watch event → controller → API call → scheduler → kubelet).
 *
 * Everything comes from the API store's watch stream (the writes the kernel trace records, with
 * their resourceVersions) and from the Events the components record about them: the Event's
 * source component says who acted (`replicaset-controller`, `default-scheduler`, `kubelet`). A
 * write with no Event is attributed by what it changed (a pod's nodeName is a binding, which only
 * the scheduler makes; a pod's Ready condition is the kubelet's status).
 *
 * Samples are taken on change (one per write to the workload that changed what it shows) into
 * bounded logs keyed by resourceVersion, so time travel needs no copies: a replay of recorded
 * history writes the same resourceVersions again and is skipped, a fork cuts the logs above the
 * point it forked at (`cutAbove`), and a report shows only what was written up to the store's
 * resourceVersion — the moment the cluster shows.
 *
 * Pure and synchronous: no timers, no DOM. LiveCluster feeds it the session's simulation.
 */
import type { Deployment, KEvent, Node, OwnerReference, Pod, ReplicaSet } from '../engine/api/types.ts';
import type { StatefulSet } from '../engine/components/controllers/statefulset-control.ts';
import { CHANGE_CAUSE_ANNOTATION, REVISION_ANNOTATION } from '../engine/components/controllers/deployment/annotations.ts';
import { isRollingUpdate, maxSurge, maxUnavailable } from '../engine/components/controllers/deployment/replicas.ts';
import { DEPLOYMENT_CONTROLLER } from '../engine/components/controllers/deployment/sync.ts';
import { DAEMONSET_CONTROLLER } from '../engine/components/controllers/daemonset.ts';
import { JOB_CONTROLLER } from '../engine/components/controllers/job.ts';
import { NODE_CONTROLLER } from '../engine/components/controllers/node-lifecycle.ts';
import { REPLICASET_CONTROLLER } from '../engine/components/controllers/replicaset.ts';
import { STATEFULSET_CONTROLLER } from '../engine/components/controllers/statefulset.ts';
import type { Simulation } from '../engine/simulation.ts';
import type {
  FaultKind,
  FaultMarker,
  FlowRecord,
  FlowStage,
  FlowStep,
  ObjectRef,
  ReplicaSample,
  RevisionView,
  RolloutSample,
  WorkloadDetail,
  WorkloadKind,
  WorkloadsReport,
  WorkloadSummary,
} from './protocol.ts';

export interface WorkloadHistoryOptions {
  /** Samples kept per workload (replica history and rollout lanes each). */
  samplesMax?: number;
  /** Fault markers kept per workload. */
  markersMax?: number;
  /** Controller actions kept in all. */
  flowsMax?: number;
  /** Workloads followed at most (the least recently changed are forgotten first). */
  workloadsMax?: number;
}

const DEFAULTS: Required<WorkloadHistoryOptions> = { samplesMax: 240, markersMax: 60, flowsMax: 120, workloadsMax: 300 };
/** A report lists this many workloads and flows at most. */
export const REPORT_WORKLOADS_MAX = 200;
export const REPORT_FLOWS_MAX = 24;

/**
 * A bounded log ordered by resourceVersion. History is deterministic, so an entry whose
 * resourceVersion is not above the newest one is a replay of what is already known and is skipped.
 */
export class RvLog<T extends { rv: number }> {
  private items: T[] = [];

  constructor(private readonly cap: number) {}

  /** Appends unless the log already reached `item.rv`; returns whether it was kept. */
  put(item: T): boolean {
    const last = this.items[this.items.length - 1];
    if (last !== undefined && last.rv >= item.rv) return false;
    this.items.push(item);
    if (this.items.length > this.cap) this.items.splice(0, this.items.length - this.cap);
    return true;
  }

  /** The newest entry at or below `rv`. */
  latest(rv = Number.POSITIVE_INFINITY): T | undefined {
    for (let i = this.items.length - 1; i >= 0; i--) if (this.items[i].rv <= rv) return this.items[i];
    return undefined;
  }

  /** Entries at or below `rv`, oldest first. */
  upTo(rv: number): T[] {
    let end = this.items.length;
    while (end > 0 && this.items[end - 1].rv > rv) end--;
    return end === this.items.length ? this.items.slice() : this.items.slice(0, end);
  }

  /** Forgets the entries above `rv` (a fork discarded that future). */
  cutAbove(rv: number): void {
    while (this.items.length > 0 && this.items[this.items.length - 1].rv > rv) this.items.pop();
  }

  /** Takes the entries above `rv` out; the function returned puts them back if nothing was added since. */
  stashAbove(rv: number): () => void {
    let i = this.items.length;
    while (i > 0 && this.items[i - 1].rv > rv) i--;
    const stashed = this.items.splice(i);
    const length = this.items.length;
    return () => {
      if (this.items.length === length) this.items.push(...stashed);
    };
  }

  get size(): number {
    return this.items.length;
  }
}

/** The controller that creates a pod for each owner kind, as its Events name it. */
const POD_CREATORS: Record<string, string> = {
  ReplicaSet: REPLICASET_CONTROLLER,
  StatefulSet: STATEFULSET_CONTROLLER,
  DaemonSet: DAEMONSET_CONTROLLER,
  Job: JOB_CONTROLLER,
};

/** Event reasons that say who deleted a pod and what kind of fault it was (undefined: a routine delete). */
const DELETE_REASONS: Record<string, FaultKind | undefined> = {
  SuccessfulDelete: undefined,
  TaintManagerEviction: 'eviction',
  Evicted: 'eviction',
  Preempted: 'eviction',
};

/** What the recorder remembers of a pod between its writes. */
interface PodMemo {
  namespace: string;
  name: string;
  /** `Kind/ns/name` of the controller owner ('' for none) and of its Deployment ('' for none). */
  owner: string;
  top: string;
  node: string;
  ready: boolean;
  deleting: boolean;
  restarts: number;
}

interface WorkloadLog {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  samples: RvLog<ReplicaSample>;
  markers: RvLog<FaultMarker>;
  rollout?: RvLog<RolloutSample>;
  /** The resourceVersion of its latest change: the least recently changed are forgotten first. */
  touched: number;
}

/** The last change a controller may be reacting to, per workload. */
interface Trigger {
  at: number;
  rv: number;
  text: string;
}

export function workloadKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export class WorkloadHistory {
  private readonly opts: Required<WorkloadHistoryOptions>;
  private logs = new Map<string, WorkloadLog>();
  private flows: RvLog<{ rv: number; record: FlowRecord }>;
  private flowById = new Map<string, FlowRecord>();
  /** Pod deletes of the current instant that no controller's Event has claimed yet, by pod name. */
  private pendingDeletes = new Map<string, { uid: string; memo: PodMemo; rv: number; at: number }>();
  /** Controller Events about a pod's delete that came before the delete itself, by pod name. */
  private claims = new Map<string, { component: string; text: string; at: number }>();
  private pods = new Map<string, PodMemo>();
  /** Pod uid by `namespace/name`: Events name pods, not uids. */
  private podUids = new Map<string, string>();
  private rsReplicas = new Map<string, { replicas: number; available: number; owner: string }>();
  private generations = new Map<string, number>();
  private nodeReady = new Map<string, string>();
  private triggers = new Map<string, Trigger>();
  private sim: Simulation | undefined;
  private stops: (() => void)[] = [];
  /** True while a new watch lists what exists: those ADDED are not creations. */
  private listing = false;

  constructor(opts: WorkloadHistoryOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
    this.flows = new RvLog(this.opts.flowsMax);
  }

  /** Starts following `sim`; returns this. */
  following(sim: Simulation): this {
    this.attach(sim);
    return this;
  }

  /** Follows `sim` (a no-op when it already does): after a seek or restore, the session's new simulation. */
  attach(sim: Simulation): void {
    if (sim === this.sim) return;
    for (const stop of this.stops) stop();
    this.sim = sim;
    this.pods.clear();
    this.podUids.clear();
    this.rsReplicas.clear();
    this.generations.clear();
    this.nodeReady.clear();
    this.triggers.clear();
    this.pendingDeletes.clear();
    this.claims.clear();
    const store = sim.store;
    this.listing = true;
    try {
      const watches = [
        store.watch('nodes', (e) => this.onNode(e.type, e.object as Node)),
        store.watch('deployments', (e) => this.onDeployment(e.type, e.object as Deployment)),
        store.watch('replicasets', (e) => this.onReplicaSet(e.type, e.object as ReplicaSet)),
        store.watch('statefulsets', (e) => this.onStatefulSet(e.type, e.object as StatefulSet)),
        store.watch('pods', (e) => this.onPod(e.type, e.object as Pod)),
        // Events already written say nothing new: watch from now on (no list of thousands).
        store.watch(
          'events',
          (e) => {
            if (e.type !== 'DELETED' && !this.listing) this.onEvent(e.object as KEvent);
          },
          { resourceVersion: store.resourceVersion },
        ),
      ];
      this.stops = watches.map((w) => () => w.stop());
    } finally {
      this.listing = false;
    }
    // Now that every ReplicaSet is known: a first rollout sample (skipped when it is the one recorded).
    const rv = Number(store.resourceVersion);
    for (const d of store.list<Deployment>('deployments').items) this.sampleRollout(d, rv);
  }

  /** A new cluster (`sim cluster`): everything recorded belongs to the old one. */
  reset(sim: Simulation): void {
    this.logs.clear();
    this.flows = new RvLog(this.opts.flowsMax);
    this.flowById.clear();
    this.sim = undefined;
    this.attach(sim);
  }

  /** A command typed in the past forked at `rv`: the future recorded after it is gone. */
  cutAbove(rv: number): void {
    for (const log of this.logs.values()) {
      log.samples.cutAbove(rv);
      log.markers.cutAbove(rv);
      log.rollout?.cutAbove(rv);
    }
    this.flows.cutAbove(rv);
    for (const [id, record] of this.flowById) {
      record.steps = record.steps.filter((s) => s.rv <= rv);
      if (record.steps.length === 0) this.flowById.delete(id);
    }
  }

  /**
   * Before a command runs while the past is shown: the recorded future is set aside, so the
   * command's writes are recorded as new. The function returned puts it back — for a command that
   * changed nothing and so did not fork.
   */
  setFutureAside(rv: number): () => void {
    const restores: (() => void)[] = [];
    for (const log of this.logs.values()) {
      restores.push(log.samples.stashAbove(rv), log.markers.stashAbove(rv));
      if (log.rollout) restores.push(log.rollout.stashAbove(rv));
    }
    restores.push(this.flows.stashAbove(rv));
    return () => {
      for (const restore of restores) restore();
    };
  }

  // ---- recording -----------------------------------------------------------------------------

  private get now(): number {
    return this.sim?.now ?? 0;
  }

  private log(kind: WorkloadKind, namespace: string, name: string): WorkloadLog {
    const key = workloadKey(kind, namespace, name);
    let log = this.logs.get(key);
    if (!log) {
      log = { kind, namespace, name, samples: new RvLog(this.opts.samplesMax), markers: new RvLog(this.opts.markersMax), touched: 0 };
      if (kind === 'Deployment') log.rollout = new RvLog(this.opts.samplesMax);
      this.logs.set(key, log);
      this.forgetOldest();
    }
    return log;
  }

  private forgetOldest(): void {
    if (this.logs.size <= this.opts.workloadsMax) return;
    let oldest: string | undefined;
    let touched = Number.POSITIVE_INFINITY;
    for (const [key, log] of this.logs) {
      if (log.touched < touched) {
        touched = log.touched;
        oldest = key;
      }
    }
    if (oldest !== undefined) this.logs.delete(oldest);
  }

  /** Samples desired vs ready unless they are what the log shows already. */
  private sample(kind: WorkloadKind, obj: Deployment | ReplicaSet | StatefulSet, type: string): void {
    if (type === 'DELETED') return;
    const rv = Number(obj.metadata.resourceVersion);
    const log = this.log(kind, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
    const desired = obj.spec?.replicas ?? 1;
    const ready = obj.status?.readyReplicas ?? 0;
    const last = log.samples.latest();
    if (last && last.desired === desired && last.ready === ready) return;
    if (log.samples.put({ at: this.now, rv, desired, ready })) log.touched = rv;
  }

  private onNode(type: string, node: Node): void {
    const name = node.metadata.name ?? '';
    if (type === 'DELETED') {
      this.nodeReady.delete(name);
      return;
    }
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
    const before = this.nodeReady.get(name);
    this.nodeReady.set(name, ready);
    if (this.listing || before === undefined || before === ready) return;
    const rv = Number(node.metadata.resourceVersion);
    const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute').map((t) => t.key);
    const watch = ready === 'True' ? `node/${name} posts Ready again` : `node/${name} stopped posting status (Lease not renewed)`;
    const api = `PATCH nodes/${name} status: Ready=${ready}${taints.length > 0 ? `, taint ${taints.join(', ')}:NoExecute` : ''}`;
    this.addFlow({ id: `node/${name}/${rv}`, at: this.now, action: 'node', subject: `node/${name}`, workload: '' }, [
      this.step('watch', rv, 'kubelet', watch),
      this.step('controller', rv, NODE_CONTROLLER, `marks node/${name} ${ready === 'True' ? 'Ready' : 'NotReady'}`),
      this.step('api', rv, NODE_CONTROLLER, api),
    ]);
    this.triggers.set(`Node//${name}`, { at: this.now, rv, text: `MODIFIED node/${name}: Ready=${ready}` });
  }

  private onDeployment(type: string, d: Deployment): void {
    const key = workloadKey('Deployment', d.metadata.namespace ?? '', d.metadata.name ?? '');
    const generation = d.metadata.generation ?? 0;
    const before = this.generations.get(key);
    if (type === 'DELETED') this.generations.delete(key);
    else this.generations.set(key, generation);
    if (!this.listing && before !== undefined && before !== generation) {
      this.triggers.set(key, { at: this.now, rv: Number(d.metadata.resourceVersion), text: `MODIFIED deployment/${d.metadata.name}: spec changed (generation ${generation})` });
    } else if (!this.listing && type === 'ADDED') {
      this.triggers.set(key, { at: this.now, rv: Number(d.metadata.resourceVersion), text: `ADDED deployment/${d.metadata.name}` });
    }
    this.sample('Deployment', d, type);
    if (type !== 'DELETED' && !this.listing) this.sampleRollout(d, Number(d.metadata.resourceVersion));
  }

  private onReplicaSet(type: string, rs: ReplicaSet): void {
    const ns = rs.metadata.namespace ?? '';
    const name = rs.metadata.name ?? '';
    const key = workloadKey('ReplicaSet', ns, name);
    const ref = controllerRef(rs.metadata.ownerReferences);
    const owner = ref?.kind === 'Deployment' ? workloadKey('Deployment', ns, ref.name) : '';
    const replicas = rs.spec?.replicas ?? 1;
    const available = rs.status?.availableReplicas ?? 0;
    const before = this.rsReplicas.get(key);
    if (type === 'DELETED') this.rsReplicas.delete(key);
    else this.rsReplicas.set(key, { replicas, available, owner });
    this.sample('ReplicaSet', rs, type);
    if (this.listing) return;
    const rv = Number(rs.metadata.resourceVersion);
    if (type !== 'DELETED' && (before === undefined || before.replicas !== replicas)) {
      const text = before === undefined ? `ADDED replicaset/${name}: replicas ${replicas}` : `MODIFIED replicaset/${name}: replicas ${before.replicas}→${replicas}`;
      this.triggers.set(key, { at: this.now, rv, text });
      if (owner) this.scaleFlow(owner, key, rv, before === undefined ? `POST replicasets/${name} (replicas ${replicas})` : `PATCH replicasets/${name} replicas ${before.replicas}→${replicas}`);
    }
    if (owner && before !== undefined && before.available !== available) {
      this.triggers.set(owner, { at: this.now, rv, text: `MODIFIED replicaset/${name}: available ${before.available}→${available}` });
    }
    if (owner && type !== 'DELETED') {
      const d = this.sim?.store.tryGet<Deployment>('deployments', ns, ref!.name);
      if (d) this.sampleRollout(d, rv);
    }
  }

  private onStatefulSet(type: string, set: StatefulSet): void {
    const key = workloadKey('StatefulSet', set.metadata.namespace ?? '', set.metadata.name ?? '');
    const generation = set.metadata.generation ?? 0;
    const before = this.generations.get(key);
    if (type !== 'DELETED') this.generations.set(key, generation);
    if (!this.listing && (before === undefined || before !== generation)) {
      this.triggers.set(key, { at: this.now, rv: Number(set.metadata.resourceVersion), text: `${before === undefined ? 'ADDED' : 'MODIFIED'} statefulset/${set.metadata.name}: replicas ${set.spec?.replicas ?? 1}` });
    }
    this.sample('StatefulSet', set, type);
  }

  /** A rollout sample: the Deployment's ReplicaSets' replicas and its fenceposts, when they changed. */
  private sampleRollout(d: Deployment, rv: number): void {
    const ns = d.metadata.namespace ?? '';
    const name = d.metadata.name ?? '';
    const log = this.log('Deployment', ns, name);
    const key = workloadKey('Deployment', ns, name);
    const sets: RolloutSample['sets'] = [];
    let available = 0;
    for (const [rsKey, memo] of this.rsReplicas) {
      if (memo.owner !== key) continue;
      const rsName = rsKey.slice(rsKey.lastIndexOf('/') + 1);
      const rs = this.sim?.store.tryGet<ReplicaSet>('replicasets', ns, rsName);
      sets.push({ name: rsName, revision: rs?.metadata.annotations?.[REVISION_ANNOTATION] ?? '', replicas: memo.replicas });
      available += memo.available;
    }
    sets.sort((a, b) => Number(a.revision) - Number(b.revision) || (a.name < b.name ? -1 : 1));
    const { surge, unavailable } = fenceposts(d);
    const desired = d.spec?.replicas ?? 1;
    const sample: RolloutSample = { at: this.now, rv, desired, surge, unavailable, available, sets };
    const last = log.rollout!.latest();
    if (last && sameRollout(last, sample)) return;
    if (log.rollout!.put(sample)) log.touched = sample.rv;
  }

  private onPod(type: string, pod: Pod): void {
    const uid = pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`;
    const before = this.pods.get(uid);
    const memo = this.podMemo(pod, before);
    if (type === 'DELETED') {
      this.pods.delete(uid);
      this.podUids.delete(`${memo.namespace}/${memo.name}`);
    } else {
      this.pods.set(uid, memo);
      this.podUids.set(`${memo.namespace}/${memo.name}`, uid);
    }
    if (this.listing) return;
    this.settleDeletes();
    const rv = Number(pod.metadata.resourceVersion);
    if (type === 'ADDED') this.podCreated(uid, memo, rv);
    if (before === undefined) return;
    if (!before.node && memo.node) this.extend(`pod/${uid}`, this.step('scheduler', rv, pod.spec?.schedulerName ?? 'default-scheduler', `binds pod/${memo.name} → node/${memo.node}`));
    if (!before.ready && memo.ready) this.extend(`pod/${uid}`, this.step('kubelet', rv, `kubelet (${memo.node})`, `pod/${memo.name} Running, Ready`));
    if (!before.deleting && (memo.deleting || type === 'DELETED')) this.podDeleting(uid, memo, rv);
    if (type === 'DELETED') this.extend(`delete/${uid}`, this.step('kubelet', rv, memo.node ? `kubelet (${memo.node})` : 'kube-apiserver', `pod/${memo.name} stopped and removed`));
    if (memo.restarts > before.restarts && type !== 'DELETED') this.podRestarted(pod, memo, rv);
  }

  private podMemo(pod: Pod, before: PodMemo | undefined): PodMemo {
    const ns = pod.metadata.namespace ?? '';
    let owner = before?.owner;
    let top = before?.top;
    if (owner === undefined || top === undefined) {
      const ref = controllerRef(pod.metadata.ownerReferences);
      owner = ref ? workloadKey(ref.kind, ns, ref.name) : '';
      top = ref?.kind === 'ReplicaSet' ? (this.rsReplicas.get(owner)?.owner ?? '') : '';
    }
    return {
      namespace: ns,
      name: pod.metadata.name ?? '',
      owner,
      top: top || owner,
      node: pod.spec?.nodeName ?? '',
      ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
      deleting: Boolean(pod.metadata.deletionTimestamp),
      restarts: (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
    };
  }

  private podCreated(uid: string, memo: PodMemo, rv: number): void {
    if (!memo.owner) return;
    const kind = memo.owner.slice(0, memo.owner.indexOf('/'));
    const actor = POD_CREATORS[kind] ?? `${kind.toLowerCase()}-controller`;
    const trigger = this.triggers.get(memo.owner);
    const steps = [
      this.step('watch', trigger?.rv ?? rv, 'kube-apiserver', trigger?.text ?? `${kind.toLowerCase()}/${memo.owner.slice(memo.owner.lastIndexOf('/') + 1)} has fewer pods than replicas`),
      this.step('controller', rv, actor, `creates a pod for ${kind.toLowerCase()}/${memo.owner.slice(memo.owner.lastIndexOf('/') + 1)}`),
      this.step('api', rv, actor, `POST pods/${memo.name}`),
    ];
    steps[0].at = trigger?.at ?? this.now;
    this.addFlow({ id: `pod/${uid}`, at: this.now, action: 'create', subject: `pod/${memo.name}`, workload: memo.top }, steps);
  }

  private podDeleting(uid: string, memo: PodMemo, rv: number): void {
    const nodeTrigger = memo.node ? this.triggers.get(`Node//${memo.node}`) : undefined;
    const ownerTrigger = memo.owner ? this.triggers.get(memo.owner) : undefined;
    const nodeDown = memo.node !== '' && this.nodeReady.get(memo.node) !== 'True';
    const trigger = nodeDown ? nodeTrigger : ownerTrigger;
    const watch = this.step('watch', trigger?.rv ?? rv, 'kube-apiserver', trigger?.text ?? `pod/${memo.name} is to go`);
    watch.at = trigger?.at ?? this.now;
    // Who deleted it is settled by the Event that follows at this instant (onEvent); until then it is the API's client.
    this.addFlow({ id: `delete/${uid}`, at: this.now, action: 'delete', subject: `pod/${memo.name}`, workload: memo.top }, [
      watch,
      this.step('controller', rv, 'kubectl', `deletes pod/${memo.name}`),
      this.step('api', rv, 'kubectl', `DELETE pods/${memo.name}`),
    ]);
    if (memo.owner) this.triggers.set(memo.owner, { at: this.now, rv, text: memo.deleting ? `MODIFIED pod/${memo.name}: terminating` : `DELETED pod/${memo.name}` });
    // A delete with no controller Event is a person's (kubectl delete): a fault the ReplicaSet heals.
    this.pendingDeletes.set(memo.name, { uid, memo, rv, at: this.now });
    const claim = this.claims.get(memo.name);
    if (claim && claim.at === this.now) this.claimDelete(memo.name, claim.component, claim.text);
  }

  private podRestarted(pod: Pod, memo: PodMemo, rv: number): void {
    for (const cs of pod.status?.containerStatuses ?? []) {
      const term = cs.lastState?.terminated;
      if (!term) continue;
      const kind: FaultKind = term.reason === 'OOMKilled' ? 'oom' : 'kill';
      this.mark(memo, { at: this.now, rv, kind, label: `${term.reason ?? 'Terminated'} pod/${memo.name}: container ${cs.name} exited with code ${term.exitCode ?? '?'} and was restarted` });
      return;
    }
  }

  private onEvent(ev: KEvent): void {
    this.settleDeletes();
    const reason = ev.reason ?? '';
    const component = ev.source?.component ?? ev.reportingComponent ?? '';
    const obj = ev.involvedObject;
    const rv = Number(ev.metadata.resourceVersion);
    if (reason === 'SuccessfulCreate' && obj.kind !== 'Pod') {
      const name = /^Created pod: (\S+)/.exec(ev.message ?? '')?.[1];
      if (name) this.confirmActor('pod', obj.namespace ?? '', name, component);
      return;
    }
    if (reason === 'ScalingReplicaSet') {
      this.confirmScaleActor(workloadKey('Deployment', obj.namespace ?? '', obj.name ?? ''), component);
      return;
    }
    if (reason === 'SuccessfulDelete' || (obj.kind === 'Pod' && reason in DELETE_REASONS)) {
      const name = reason === 'SuccessfulDelete' ? /^Deleted pod: (\S+)/.exec(ev.message ?? '')?.[1] : obj.name;
      if (name) this.attributeDelete(name, component, reason, ev, rv);
      return;
    }
    if (obj.kind !== 'Pod' || (reason !== 'NodeNotReady' && reason !== 'Killing')) return;
    const memo = this.podByName(obj.namespace ?? '', obj.name ?? '');
    if (!memo) return;
    if (reason === 'NodeNotReady') this.mark(memo, { at: this.now, rv, kind: 'node', label: `NodeNotReady pod/${memo.name}: node/${memo.node} is not ready (${ev.message ?? ''})` });
    else if (reason === 'Killing' && memo.deleting) {
      const actor = ev.source?.host ? `${component} (${ev.source.host})` : component || 'kubelet';
      this.extendByName(memo, this.step('kubelet', rv, actor, `${reason}: ${ev.message ?? ''}`));
    }
  }

  /** The Event of a delete names who made it: a controller, else it stays a person's `kubectl delete`. */
  private attributeDelete(name: string, component: string, reason: string, ev: KEvent, rv: number): void {
    const pending = this.pendingDeletes.get(name);
    const text = `${reason}: ${ev.message ?? `deletes pod/${name}`}`;
    if (!this.claimDelete(name, component, text)) this.claims.set(name, { component, text, at: this.now });
    const kind = DELETE_REASONS[reason];
    const memo = pending?.memo ?? this.podByName(ev.involvedObject.namespace ?? '', name);
    if (kind && memo) this.mark(memo, { at: this.now, rv, kind, label: `${reason} pod/${name}: ${ev.message ?? ''}` });
  }

  /** Puts the claiming component on the pod's delete record of this instant; false when there is none yet. */
  private claimDelete(name: string, component: string, text: string): boolean {
    const pending = this.pendingDeletes.get(name);
    const record = pending ? this.flowById.get(`delete/${pending.uid}`) : undefined;
    if (!pending || !record || pending.at !== this.now) return false;
    for (const s of record.steps) if (s.stage === 'controller' || s.stage === 'api') s.actor = component;
    const controller = record.steps.find((s) => s.stage === 'controller');
    if (controller) controller.text = text;
    this.pendingDeletes.delete(name);
    this.claims.delete(name);
    return true;
  }

  /** Deletes no controller claimed by the end of their instant were a person's: fault markers. */
  private settleDeletes(): void {
    if (this.pendingDeletes.size === 0 && this.claims.size === 0) return;
    for (const [name, p] of this.pendingDeletes) {
      if (p.at === this.now) continue;
      this.pendingDeletes.delete(name);
      this.mark(p.memo, { at: p.at, rv: p.rv, kind: 'delete', label: `pod/${name} deleted by a client (kubectl delete)` });
    }
    for (const [name, c] of this.claims) if (c.at !== this.now) this.claims.delete(name);
  }

  private confirmActor(kind: 'pod', namespace: string, name: string, component: string): void {
    const uid = this.podUids.get(`${namespace}/${name}`);
    const record = uid === undefined ? undefined : this.flowById.get(`${kind}/${uid}`);
    if (record) for (const s of record.steps) if (s.stage === 'controller' || s.stage === 'api') s.actor = component;
  }

  private confirmScaleActor(deployment: string, component: string): void {
    const records = this.flows.upTo(Number.POSITIVE_INFINITY);
    for (let i = records.length - 1; i >= 0; i--) {
      const r = records[i].record;
      if (r.at !== this.now) break;
      if (r.action === 'scale' && r.workload === deployment) for (const s of r.steps) if (s.stage === 'controller' || s.stage === 'api') s.actor = component;
    }
  }

  private scaleFlow(deployment: string, rsKey: string, rv: number, api: string): void {
    const trigger = this.triggers.get(deployment);
    const watch = this.step('watch', trigger?.rv ?? rv, 'kube-apiserver', trigger?.text ?? `${deployment.split('/')[2]}: replicas differ from the plan`);
    watch.at = trigger?.at ?? this.now;
    const rsName = rsKey.slice(rsKey.lastIndexOf('/') + 1);
    this.addFlow({ id: `scale/${rsKey}/${rv}`, at: this.now, action: 'scale', subject: `replicaset/${rsName}`, workload: deployment }, [
      watch,
      this.step('controller', rv, DEPLOYMENT_CONTROLLER, `rolls deployment/${deployment.split('/')[2]} toward its plan`),
      this.step('api', rv, DEPLOYMENT_CONTROLLER, api),
    ]);
  }

  private step(stage: FlowStage, rv: number, actor: string, text: string): FlowStep {
    return { stage, at: this.now, rv, actor, text };
  }

  private addFlow(head: Omit<FlowRecord, 'steps'>, steps: FlowStep[]): void {
    this.settleDeletes();
    const rv = Math.max(...steps.map((s) => s.rv));
    const record: FlowRecord = { ...head, steps };
    if (!this.flows.put({ rv, record })) return;
    this.flowById.set(record.id, record);
    // Records the log dropped are let go of in batches.
    if (this.flowById.size > this.opts.flowsMax * 2) this.flowById = new Map(this.flows.upTo(Number.POSITIVE_INFINITY).map((e) => [e.record.id, e.record]));
  }

  /** Adds a later step to a record (a replay of known history leaves it as it is). */
  private extend(id: string, step: FlowStep): void {
    const record = this.flowById.get(id);
    if (!record) return;
    const last = record.steps[record.steps.length - 1];
    if (last.rv >= step.rv || record.steps.some((s) => s.stage === step.stage && s.stage !== 'kubelet')) return;
    if (step.stage === 'kubelet' && record.steps.some((s) => s.stage === 'kubelet') && record.action === 'create') return;
    record.steps.push(step);
  }

  private extendByName(memo: PodMemo, step: FlowStep): void {
    const uid = this.podUids.get(`${memo.namespace}/${memo.name}`);
    if (uid !== undefined) this.extend(`delete/${uid}`, step);
  }

  private podByName(namespace: string, name: string): PodMemo | undefined {
    const uid = this.podUids.get(`${namespace}/${name}`);
    const memo = uid === undefined ? undefined : this.pods.get(uid);
    if (memo) return memo;
    const pending = this.pendingDeletes.get(name);
    return pending?.memo.namespace === namespace ? pending.memo : undefined;
  }

  /** A fault marker on the pod's owner and on the owner's Deployment. */
  private mark(memo: PodMemo, marker: FaultMarker): void {
    for (const key of new Set([memo.owner, memo.top])) {
      if (!key) continue;
      const [kind, ns, name] = key.split('/');
      if (kind !== 'Deployment' && kind !== 'ReplicaSet' && kind !== 'StatefulSet') continue;
      const log = this.log(kind, ns, name);
      const last = log.markers.latest();
      if (last && last.kind === marker.kind && last.label === marker.label) continue;
      log.markers.put({ ...marker });
    }
  }

  // ---- reporting -----------------------------------------------------------------------------

  /** What the Workloads tab shows for `select` (or the first Deployment) at the moment the cluster shows. */
  report(select?: ObjectRef): WorkloadsReport {
    const sim = this.sim;
    if (!sim) return { now: 0, workloads: [], flows: [] };
    this.settleDeletes();
    const rv = Number(sim.store.resourceVersion);
    const workloads = this.summaries(sim);
    const chosen = this.choose(sim, workloads, select);
    const detail = chosen ? this.detail(sim, chosen, rv) : undefined;
    const related = chosen ? relatedTo(chosen) : undefined;
    const flows: FlowRecord[] = [];
    const all = this.flows.upTo(rv);
    for (let i = all.length - 1; i >= 0 && flows.length < REPORT_FLOWS_MAX; i--) {
      const r = all[i].record;
      if (related && !related(r)) continue;
      const steps = r.steps.filter((s) => s.rv <= rv);
      if (steps.length > 0) flows.push({ ...r, steps: steps.map((s) => ({ ...s })) });
    }
    flows.reverse();
    return { now: sim.now, workloads, ...(detail ? { detail } : {}), flows };
  }

  private summaries(sim: Simulation): WorkloadSummary[] {
    const out: WorkloadSummary[] = [];
    const add = (kind: WorkloadKind, o: Deployment | ReplicaSet | StatefulSet, owner: string) =>
      out.push({ kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '', desired: o.spec?.replicas ?? 1, ready: o.status?.readyReplicas ?? 0, owner });
    for (const d of sim.store.list<Deployment>('deployments').items) add('Deployment', d, '');
    for (const s of sim.store.list<StatefulSet>('statefulsets').items) add('StatefulSet', s, '');
    for (const rs of sim.store.list<ReplicaSet>('replicasets').items) {
      const ref = controllerRef(rs.metadata.ownerReferences);
      // Old ReplicaSets of a rollout (0 replicas) are drawn in their Deployment's lanes.
      if (ref?.kind === 'Deployment' && (rs.spec?.replicas ?? 1) === 0) continue;
      add('ReplicaSet', rs, ref?.kind === 'Deployment' ? ref.name : '');
    }
    const order = (w: WorkloadSummary) => (w.namespace === 'kube-system' ? 1 : 0);
    out.sort((a, b) => order(a) - order(b) || (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.name < b.name ? -1 : 1));
    return out.slice(0, REPORT_WORKLOADS_MAX);
  }

  /** The workload for a selection: itself, or a pod's top owner; else the first Deployment listed. */
  private choose(sim: Simulation, workloads: WorkloadSummary[], select: ObjectRef | undefined): WorkloadSummary | undefined {
    let ref = select;
    if (ref?.kind === 'Pod') {
      const pod = sim.store.tryGet<Pod>('pods', ref.namespace, ref.name);
      const owner = pod ? controllerRef(pod.metadata.ownerReferences) : undefined;
      ref = owner ? { kind: owner.kind, namespace: ref.namespace, name: owner.name } : undefined;
    }
    if (ref?.kind === 'ReplicaSet') {
      const rs = sim.store.tryGet<ReplicaSet>('replicasets', ref.namespace, ref.name);
      const owner = rs ? controllerRef(rs.metadata.ownerReferences) : undefined;
      if (owner?.kind === 'Deployment' && select?.kind === 'Pod') ref = { kind: 'Deployment', namespace: ref.namespace, name: owner.name };
    }
    if (ref && (ref.kind === 'Deployment' || ref.kind === 'ReplicaSet' || ref.kind === 'StatefulSet')) {
      const o = sim.store.tryGet<Deployment>(PLURALS[ref.kind], ref.namespace, ref.name);
      if (o) return { kind: ref.kind, namespace: ref.namespace, name: ref.name, desired: o.spec?.replicas ?? 1, ready: o.status?.readyReplicas ?? 0, owner: '' };
    }
    return workloads.find((w) => w.kind === 'Deployment') ?? workloads[0];
  }

  private detail(sim: Simulation, w: WorkloadSummary, rv: number): WorkloadDetail {
    const log = this.logs.get(workloadKey(w.kind, w.namespace, w.name));
    const detail: WorkloadDetail = {
      kind: w.kind,
      namespace: w.namespace,
      name: w.name,
      samples: log?.samples.upTo(rv) ?? [],
      markers: log?.markers.upTo(rv) ?? [],
    };
    if (detail.samples.length === 0) detail.samples = [{ at: sim.now, rv, desired: w.desired, ready: w.ready }];
    if (w.kind === 'Deployment') {
      const d = sim.store.tryGet<Deployment>('deployments', w.namespace, w.name);
      if (d) detail.rollout = rolloutDetail(sim, d, log?.rollout?.upTo(rv) ?? []);
    }
    return detail;
  }
}

const KIND_ORDER: Record<WorkloadKind, number> = { Deployment: 0, StatefulSet: 1, ReplicaSet: 2 };
const PLURALS: Record<WorkloadKind, string> = { Deployment: 'deployments', ReplicaSet: 'replicasets', StatefulSet: 'statefulsets' };

/** The fenceposts exactly as the deployment controller resolves them (0/0 for Recreate; 0 for a bad value). */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  try {
    return { surge: maxSurge(d), unavailable: maxUnavailable(d) };
  } catch {
    return { surge: 0, unavailable: 0 };
  }
}

function sameRollout(a: RolloutSample, b: RolloutSample): boolean {
  if (a.desired !== b.desired || a.surge !== b.surge || a.unavailable !== b.unavailable || a.available !== b.available || a.sets.length !== b.sets.length) return false;
  return a.sets.every((s, i) => s.name === b.sets[i].name && s.replicas === b.sets[i].replicas && s.revision === b.sets[i].revision);
}

/** The Deployment's revisions from its ReplicaSets' annotations, newest first, and its samples. */
function rolloutDetail(sim: Simulation, d: Deployment, samples: RolloutSample[]): NonNullable<WorkloadDetail['rollout']> {
  const ns = d.metadata.namespace ?? '';
  const current = Number(d.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
  const revisions: RevisionView[] = [];
  for (const rs of sim.store.list<ReplicaSet>('replicasets', { namespace: ns }).items) {
    const ref = controllerRef(rs.metadata.ownerReferences);
    if (ref?.kind !== 'Deployment' || ref.name !== d.metadata.name) continue;
    const revision = Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? NaN);
    if (!Number.isFinite(revision)) continue;
    revisions.push({
      revision,
      replicaSet: rs.metadata.name ?? '',
      images: (rs.spec?.template?.spec?.containers ?? []).map((c) => `${c.name}=${c.image ?? ''}`),
      changeCause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '',
      replicas: rs.spec?.replicas ?? 1,
      current: revision === current,
    });
  }
  revisions.sort((a, b) => b.revision - a.revision);
  const ru = d.spec?.strategy?.rollingUpdate;
  return {
    strategy: isRollingUpdate(d) ? 'RollingUpdate' : 'Recreate',
    maxSurge: String(ru?.maxSurge ?? ''),
    maxUnavailable: String(ru?.maxUnavailable ?? ''),
    currentRevision: current,
    samples,
    revisions,
  };
}

/** Whether a flow belongs to the chosen workload (its own, its Deployment's, or its ReplicaSets'). */
function relatedTo(w: WorkloadSummary): (r: FlowRecord) => boolean {
  const key = workloadKey(w.kind, w.namespace, w.name);
  return (r) => r.action === 'node' || r.workload === key || (w.kind === 'ReplicaSet' && r.subject.startsWith(`pod/${w.name}-`));
}

function controllerRef(refs: readonly OwnerReference[] | undefined): OwnerReference | undefined {
  return refs?.find((r) => r.controller === true);
}

