/**
 * The pod status the kubelet reports (kubelet_pods.go generateAPIPodStatus / getPhase and
 * kuberuntime's container statuses), computed from the node's records. Pure: the same records
 * give the same status, so the kubelet writes only when something really changed.
 */
import type { Container, ContainerStatus, Pod, PodStatus } from '../../api/types.ts';
import { formatTimestamp } from '../../kernel/time.ts';
import type { ContainerRecord, InstanceRecord, PodRecord } from './state.ts';

type Condition = NonNullable<PodStatus['conditions']>[number];

export function containerIdUri(id: string): string {
  return `containerd://${id}`;
}

function terminatedState(i: InstanceRecord): Record<string, unknown> {
  return {
    containerID: containerIdUri(i.id),
    exitCode: i.exitCode ?? 0,
    finishedAt: formatTimestamp(i.finishedAt ?? i.startedAt),
    reason: i.reason ?? (i.exitCode === 0 ? 'Completed' : 'Error'),
    startedAt: formatTimestamp(i.startedAt),
  };
}

function currentState(c: ContainerRecord): ContainerStatus['state'] {
  const i = c.current;
  if (i && i.finishedAt === undefined) return { running: { startedAt: formatTimestamp(i.startedAt) } };
  if (i && c.waiting === undefined) return { terminated: terminatedState(i) };
  const waiting: Record<string, unknown> = { reason: c.waiting?.reason ?? 'ContainerCreating' };
  if (c.waiting?.message) waiting.message = c.waiting.message;
  return { waiting };
}

function lastState(c: ContainerRecord): ContainerStatus['lastState'] {
  // While waiting to restart, the instance that exited is the last state.
  const last = c.waiting !== undefined && c.current?.finishedAt !== undefined ? c.current : c.previous;
  return last && last.finishedAt !== undefined ? { terminated: terminatedState(last) } : {};
}

/**
 * The record as the kubelet reports it: while a postStart hook runs, the pod worker is still inside
 * startContainer, so the status is the one from before this start (not running, not ready).
 */
function reported(c: ContainerRecord): ContainerRecord {
  return c.postStart ? { ...c, ...c.postStart.shown, ready: false, started: false } : c;
}

function containerStatus(spec: Container, record: ContainerRecord, imageFallback: string): ContainerStatus {
  const c = reported(record);
  const shown = c.current ?? c.previous;
  const status: ContainerStatus = {
    containerID: shown ? containerIdUri(shown.id) : undefined,
    image: shown?.image ?? imageFallback,
    imageID: shown?.imageId ?? '',
    lastState: lastState(c),
    name: spec.name,
    ready: c.ready,
    restartCount: c.restartCount,
    started: c.started,
    state: currentState(c),
  };
  if (status.containerID === undefined) delete status.containerID;
  const mounts = volumeMountStatus(spec);
  if (mounts) (status as unknown as Record<string, unknown>).volumeMounts = mounts;
  return status;
}

/** v1.31 reports each mount back (RecursiveReadOnlyMounts): read-only ones with `recursiveReadOnly: Disabled`. */
function volumeMountStatus(spec: Container): Record<string, unknown>[] | undefined {
  const mounts = spec.volumeMounts as { name: string; mountPath: string; readOnly?: boolean }[] | undefined;
  if (!mounts || mounts.length === 0) return undefined;
  return mounts.map((m) => ({
    mountPath: m.mountPath,
    name: m.name,
    ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
  }));
}

/** getPhase (kubelet_pods.go): counts app containers by the state they report. */
export function podPhase(pod: Pod, rec: PodRecord, initDone: boolean): PodStatus['phase'] {
  if (rec.containers.some((c) => c.init && c.done && c.current?.exitCode !== 0)) return 'Failed';
  if (!initDone) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of rec.containers) {
    if (c.init) continue;
    const state = currentState(reported(c)) ?? {};
    if (state.running) running++;
    else if (state.terminated) {
      stopped++;
      if (state.terminated.exitCode === 0) succeeded++;
    } else if (lastState(reported(c))?.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  const policy = pod.spec.restartPolicy ?? 'Always';
  if (policy === 'Always') return 'Running';
  if (stopped === succeeded) return 'Succeeded';
  return policy === 'Never' ? 'Failed' : 'Running';
}

function condition(type: string, ok: boolean, at: string, reason?: string, message?: string): Condition {
  const c: Condition = { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at } as Condition;
  if (!ok && reason) Object.assign(c, { reason, message });
  return c;
}

function keepTransition(prev: PodStatus['conditions'], next: Condition): Condition {
  const old = prev?.find((c) => c.type === next.type);
  return old && old.status === next.status ? { ...next, lastTransitionTime: old.lastTransitionTime } : next;
}

function unready(names: string[], what: string): string {
  return `containers with ${what} status: [${names.join(' ')}]`;
}

function conditions(pod: Pod, rec: PodRecord, phase: PodStatus['phase'], now: string): Condition[] {
  const inits = rec.containers.filter((c) => c.init);
  const pendingInit = inits.filter((c) => !(c.current?.exitCode === 0 && c.current.finishedAt !== undefined) && !c.done).map((c) => c.name);
  const apps = rec.containers.filter((c) => !c.init);
  const done = phase === 'Succeeded' || phase === 'Failed';
  const notReady = apps.filter((c) => !c.ready).map((c) => c.name);
  const initOk = pendingInit.length === 0 || done;
  const ready = notReady.length === 0 && !done;
  const readyReason = done ? 'PodCompleted' : 'ContainersNotReady';
  const readyMsg = done ? undefined : unready(notReady, 'unready');
  const list = [
    condition('PodReadyToStartContainers', rec.sandbox !== undefined && !done, now),
    condition('Initialized', initOk, now, 'ContainersNotInitialized', unready(pendingInit, 'incomplete')),
    condition('Ready', ready, now, readyReason, readyMsg),
    condition('ContainersReady', ready, now, readyReason, readyMsg),
    condition('PodScheduled', true, now),
  ];
  if (done) for (const c of list.slice(1, 4)) if (c.status === 'False' && c.type !== 'Initialized') delete (c as { message?: string }).message;
  // mergePodStatus: conditions the kubelet does not own (DisruptionTarget set by the scheduler's
  // preemption, readiness gates) are kept, ahead of the kubelet's own.
  return [...notKubeletOwned(pod.status?.conditions), ...list.map((c) => keepTransition(pod.status?.conditions, c))];
}

/** kubetypes.PodConditionByKubelet. */
const KUBELET_CONDITIONS: ReadonlySet<string> = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers']);

export const notKubeletOwned = (conditions: readonly Condition[] | undefined): Condition[] =>
  (conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type));

/** The whole status the kubelet would report for the pod now. */
export function podStatus(pod: Pod, rec: PodRecord, hostIP: string, now: number): PodStatus {
  const at = formatTimestamp(now);
  const specs = new Map<string, Container>();
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) specs.set(c.name, c);
  const initDone = rec.containers.every((c) => !c.init || c.done || (c.current?.finishedAt !== undefined && c.current.exitCode === 0));
  const phase = podPhase(pod, rec, initDone);
  const status: PodStatus = {
    phase,
    conditions: conditions(pod, rec, phase, at),
    hostIP,
    ...({ hostIPs: [{ ip: hostIP }] } as object),
    qosClass: pod.status?.qosClass,
    startTime: pod.status?.startTime ?? formatTimestamp(rec.admittedAt),
  };
  if (rec.sandbox) {
    status.podIP = rec.sandbox.ip;
    Object.assign(status, { podIPs: [{ ip: rec.sandbox.ip }] });
  }
  const statusOf = (c: ContainerRecord) => containerStatus(specs.get(c.name)!, c, specs.get(c.name)?.image ?? '');
  const inits = rec.containers.filter((c) => c.init).map(statusOf);
  if (inits.length > 0) status.initContainerStatuses = inits;
  status.containerStatuses = rec.containers.filter((c) => !c.init).map(statusOf);
  if (status.qosClass === undefined) delete status.qosClass;
  return status;
}
