/**
 * One node's kubelet and container runtime. It syncs each pod bound to its node the way the
 * kubelet's pod workers do: admit, mount volumes, create the sandbox, pull images, run init
 * containers in order, start app containers, probe them, restart them with back-off, and stop
 * them gracefully on deletion — then reports the status through the API.
 *
 * Each pod has at most one live timer: a sync computes the earliest moment anything about the
 * pod can change (a pull finishing, a process waking, a probe, a back-off expiring) and asks to
 * be woken then. Nothing ticks while nothing happens.
 */
import { isStatusError } from '../../api/errors.ts';
import type { Container, Node, Pod } from '../../api/types.ts';
import type { ComponentContext } from '../component.ts';
import { ContainerRunner } from './containers.ts';
import { notKubeletOwned, podStatus } from './pod-status.ts';
import { admitPod, podRequestsMilli } from './admission.ts';
import { mountVolumes } from './volumes.ts';
import type { ContainerRecord, NodeRecord, PodRecord } from './state.ts';
import { FIRST_POD_HOST, SANDBOX_CREATE_MS } from './timing.ts';
import { deepEqual } from '../../kernel/objects.ts';
import { formatTimestamp } from '../../kernel/time.ts';
import { containerSpecHash } from './spec-hash.ts';
import { keyOf } from '../controllers/util.ts';

export interface KubeletHooks {
  /** Schedules the pod's sync at `at`; returns the timer's sequence number. */
  wake(node: string, key: string, at: number): number;
  /** Schedules the node's intake of newly bound pods (now). */
  intake(node: string): void;
}

export const KUBELET_COMPONENT = 'kubelet';

export class Kubelet {
  readonly runner: ContainerRunner;
  /** Bumped whenever a container starts or stops: derived usage caches compare against it. */
  usageEpoch = 0;
  memoryCache?: { epoch: number; total: number; steadyFrom: number };
  /** The pod whose status is being written right now. */
  private writing?: string;

  constructor(
    readonly ctx: ComponentContext,
    readonly node: NodeRecord,
    private readonly hooks: KubeletHooks,
  ) {
    this.runner = new ContainerRunner(this);
  }

  get now(): number {
    return this.ctx.kernel.now;
  }

  nodeObject(): Node | undefined {
    return this.ctx.store.tryGet<Node>('nodes', '', this.node.name);
  }

  hostIP(): string {
    const addr = this.nodeObject()?.status?.addresses?.find((a) => a.type === 'InternalIP');
    return addr?.address ?? '';
  }

  /**
   * A pod bound to this node was added or changed: sync it now. A pod the kubelet does not know
   * yet goes through intake first (the kubelet's config source hands new pods over in batches),
   * which admits it in the same instant.
   */
  podChanged(pod: Pod, added = false): void {
    if (!this.node.up) return;
    const key = keyOf(pod);
    // A pod just created has a UID no record can hold yet: the lookup is skipped for it (a
    // 150,000-pod cluster being filled makes this the kubelets' hottest line).
    const known = added ? undefined : this.node.pods[key];
    if (known && known.uid === pod.metadata.uid) {
      // The echo of the kubelet's own status write is not a reason to sync again.
      if (this.writing !== key && pod.metadata.resourceVersion !== known.writtenRv) this.requestSync(known, this.now);
      return;
    }
    const pending = (this.node.pending ??= []);
    if (!pending.includes(key)) pending.push(key);
    if (pending.length === 1) this.hooks.intake(this.node.name);
  }

  /** Admits the pods bound since the last intake and syncs each. */
  intake(): void {
    const keys = this.node.pending ?? [];
    delete this.node.pending; // deleted, not undefined: a restored record must list its keys in the same order
    if (!this.node.up) return;
    for (const key of keys) {
      const [namespace, name] = key.split('/');
      const pod = this.ctx.store.tryGet<Pod>('pods', namespace, name);
      if (!pod || pod.spec.nodeName !== this.node.name) continue;
      const known = this.node.pods[key];
      if (known && known.uid === pod.metadata.uid) continue;
      if (known) this.forget(key);
      const rec = (this.node.pods[key] = this.newRecord(pod));
      this.sync(rec);
    }
  }

  /** The pod object is gone from the API: whatever still runs is torn down at once. */
  podDeleted(pod: Pod): void {
    const key = keyOf(pod);
    const rec = this.node.pods[key];
    if (rec && rec.uid === pod.metadata.uid) this.forget(key);
  }

  /** Asks for a sync no later than `at` (an earlier pending timer already covers it). */
  requestSync(rec: PodRecord, at: number): void {
    if (!Number.isFinite(at)) return;
    const when = Math.max(at, this.now);
    if (rec.timer && rec.timer.at <= when) return;
    rec.timer = { at: when, seq: this.hooks.wake(this.node.name, rec.key, when) };
  }

  /** A pod timer fired; stale ones (superseded by an earlier wake) are ignored. */
  onTimer(key: string, seq: number): void {
    const rec = this.node.pods[key];
    if (!rec || rec.timer?.seq !== seq || !this.node.up) return;
    rec.timer = undefined;
    this.sync(rec);
  }

  sync(rec: PodRecord): void {
    const pod = this.ctx.store.tryGet<Pod>('pods', rec.namespace, rec.name);
    if (!pod || pod.metadata.uid !== rec.uid) {
      this.forget(rec.key);
      return;
    }
    const next = this.syncPod(pod, rec);
    if (!this.node.pods[rec.key]) return; // the pod was finished and removed during the sync
    this.writeStatus(pod, rec);
    this.requestSync(rec, next);
  }

  private syncPod(pod: Pod, rec: PodRecord): number {
    if (rec.rejected) return Infinity;
    if (pod.metadata.deletionTimestamp) return this.runner.terminatePod(pod, rec);
    const mountWake = mountVolumes(this, pod, rec);
    if (mountWake !== undefined) return mountWake;
    if (!rec.sandbox) {
      if (rec.sandboxAt === undefined) rec.sandboxAt = this.now + SANDBOX_CREATE_MS;
      if (this.now < rec.sandboxAt) return rec.sandboxAt;
      this.createSandbox(pod, rec);
    }
    return this.runner.syncContainers(pod, rec);
  }

  private newRecord(pod: Pod): PodRecord {
    const waitingReason = defaultWaitingReason(pod.spec.initContainers !== undefined && pod.spec.initContainers.length > 0);
    const containers = (list: Container[] | undefined, init: boolean): ContainerRecord[] =>
      (list ?? []).map((c) => ({
        name: c.name,
        init,
        restartCount: 0,
        ready: false,
        started: false,
        waiting: { reason: waitingReason },
        specHash: containerSpecHash(c),
      }));
    const rec: PodRecord = {
      key: keyOf(pod),
      uid: pod.metadata.uid ?? '',
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      admittedAt: this.now,
      requests: podRequestsMilli(pod),
      containers: [...containers(pod.spec.initContainers, true), ...containers(pod.spec.containers, false)],
    };
    const rejection = admitPod(this, pod);
    if (rejection) this.reject(pod, rec, rejection.reason, rejection.message, 'Pod was rejected: ');
    return rec;
  }

  /** Pod-level failure the kubelet reports without running anything (admission, eviction). */
  reject(pod: Pod, rec: PodRecord, reason: string, message: string, statusPrefix = '', disruption = false): void {
    rec.rejected = { reason, message: statusPrefix + message, ...(disruption ? { disruption } : {}) };
    this.event(pod, 'Warning', reason, message);
  }

  private createSandbox(pod: Pod, rec: PodRecord): void {
    const hostNetwork = pod.spec.hostNetwork === true;
    const ip = hostNetwork ? this.hostIP() : this.allocatePodIp();
    const netns = hostNetwork ? HOST_NS.net : this.nsId();
    rec.sandbox = {
      id: this.runtimeId(),
      pausePid: this.nextPid(),
      createdAt: this.now,
      ip,
      ns: {
        net: netns,
        ipc: pod.spec.hostIPC ? HOST_NS.ipc : this.nsId(),
        uts: hostNetwork ? HOST_NS.uts : this.nsId(),
        // One pid namespace for the whole pod only with shareProcessNamespace (the pause process is its PID 1).
        ...(pod.spec.shareProcessNamespace ? { pid: this.nsId() } : {}),
      },
      ready: true,
    };
  }

  private allocatePodIp(): string {
    const cidr = this.nodeObject()?.spec?.podCIDR ?? '10.244.0.0/24';
    const base = cidr.split('/')[0].split('.').slice(0, 3).join('.');
    const used = new Set(Object.values(this.node.pods).map((p) => p.sandbox?.ip));
    for (let tries = 0; tries < 253; tries++) {
      const host = FIRST_POD_HOST + ((this.node.nextPodIp + tries) % 253);
      const ip = `${base}.${host}`;
      if (!used.has(ip)) {
        this.node.nextPodIp = (this.node.nextPodIp + tries + 1) % 253;
        return ip;
      }
    }
    return `${base}.254`;
  }

  /** A 64-hex-digit id for a sandbox or container, as containerd makes them (from the seeded PRNG). */
  runtimeId(): string {
    const prng = this.ctx.kernel.prng;
    let id = '';
    for (let i = 0; i < 8; i++) id += (prng.nextInt(0x10000) * 0x10000 + prng.nextInt(0x10000)).toString(16).padStart(8, '0');
    return id;
  }

  nsId(): number {
    return 4026531840 + 1000 + this.node.nextNsId++;
  }

  nextPid(): number {
    return this.node.nextPid++;
  }

  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    this.ctx.events.record({ involved: pod, type, reason, message, component: KUBELET_COMPONENT, host: this.node.name, fieldPath });
  }

  private writeStatus(pod: Pod, rec: PodRecord): void {
    const status = rec.rejected ? rejectedStatus(pod, rec, this.hostIP(), this.now) : podStatus(pod, rec, this.hostIP(), this.now);
    if (deepEqual(status, pod.status)) return;
    this.writing = rec.key; // watch events may be delivered inside the update
    try {
      const written = this.ctx.store.update({ ...pod, status }, { subresource: 'status' });
      rec.writtenRv = written.metadata.resourceVersion;
    } catch (e) {
      if (!isStatusError(e)) throw e; // the pod went away meanwhile
    } finally {
      this.writing = undefined;
    }
  }

  /** Deletes the pod object once everything in it has stopped (the kubelet's final delete). */
  finishDeletion(rec: PodRecord): void {
    this.forget(rec.key);
    try {
      this.ctx.store.delete('pods', rec.namespace, rec.name, { gracePeriodSeconds: 0, preconditions: { uid: rec.uid } });
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  /**
   * The machine came back after `sim node fail`: every container died with it (terminated,
   * reason Unknown, exit 255, as the runtime reports after a reboot) and sandboxes are gone;
   * the kubelet syncs every pod bound to it again.
   */
  reboot(): void {
    for (const rec of Object.values(this.node.pods)) {
      for (const c of rec.containers) {
        // containerd finds them dead when it starts again and stamps that moment (cri restart.go).
        if (c.current && c.current.finishedAt === undefined) this.runner.finish(c, c.current, 255, 'Unknown', this.now);
      }
      rec.sandbox = undefined;
      rec.sandboxAt = undefined;
      rec.timer = undefined;
      this.requestSync(rec, this.now);
    }
    for (const pod of this.ctx.store.list<Pod>('pods', { fieldSelector: `spec.nodeName=${this.node.name}` }).items) this.podChanged(pod);
  }

  forget(key: string): void {
    this.usageEpoch++;
    delete this.node.pods[key];
  }
}

/** Status of a pod the kubelet refused or evicted: phase Failed with the reason and message. */
function rejectedStatus(pod: Pod, rec: PodRecord, hostIP: string, now: number): Pod['status'] {
  const ran = rec.sandbox !== undefined || rec.containers.some((c) => c.current);
  const base = ran ? podStatus(pod, rec, hostIP, now) : {};
  const status: Pod['status'] = {
    ...base,
    phase: 'Failed',
    reason: rec.rejected!.reason,
    message: rec.rejected!.message,
    qosClass: pod.status?.qosClass,
    startTime: pod.status?.startTime ?? base.startTime,
  };
  if (rec.rejected!.disruption) {
    // v1.31 eviction manager: the pod is marked as disrupted by the kubelet, with the same message.
    const target = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: formatTimestamp(now), reason: 'TerminationByKubelet', message: rec.rejected!.message };
    const old = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    // An earlier DisruptionTarget is already among the conditions the kubelet keeps.
    const kept = status.conditions ?? notKubeletOwned(pod.status?.conditions);
    status.conditions = old ? kept : [...kept, target as NonNullable<Pod['status']['conditions']>[number]];
  }
  return status;
}

/** kubelet_pods.go: every container starts as waiting ContainerCreating, or PodInitializing in a pod with init containers. */
export function defaultWaitingReason(hasInitContainers: boolean): string {
  return hasInitContainers ? 'PodInitializing' : 'ContainerCreating';
}

/** The host's own namespaces (what hostNetwork/hostIPC pods join), as `lsns` numbers them. */
export const HOST_NS = { net: 4026531840, ipc: 4026531839, uts: 4026531838, pid: 4026531836, mnt: 4026531841, cgroup: 4026531835 };
