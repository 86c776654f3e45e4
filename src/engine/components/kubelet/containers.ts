/**
 * Containers of one pod through their lives (kuberuntime_manager SyncPod): init containers in
 * order, then app containers; restarts by restartPolicy with CrashLoopBackOff; OOM kills at
 * memory.max; probes; postStart hooks; and graceful stops (SIGTERM, then SIGKILL when the grace
 * period ends).
 * Every function returns the next time something can change, so the pod sleeps until then.
 */
import type { Container, Pod } from '../../api/types.ts';
import { crashLoopDecision, crashLoopMessage } from '../../node/backoff.ts';
import { EXIT_CODE_SIGKILL } from '../../node/probes.ts';
import type { Kubelet } from './kubelet.ts';
import { ensureImage } from './image-puller.ts';
import { resolveEnv } from './env.ts';
import { containerSpecHash } from './spec-hash.ts';
import { runProbes, resetProbes } from './probes.ts';
import { MINIMUM_GRACE_SECONDS, runHook } from './lifecycle-hooks.ts';
import { instanceIo, newInstance } from './instance.ts';
import { oomAt, procDeliverTerm, procOnTerm, procWakeAt, stepProc } from './process.ts';
import type { ContainerRecord, InstanceRecord, PodRecord, PostStartRecord } from './state.ts';
import { PLEG_RELIST_MS, POD_SYNC_RETRY_MS } from './timing.ts';
import { tmpfsOverLimit } from './storage-volumes.ts';
import { memoryUsageBytes } from './usage.ts';

export class ContainerRunner {
  constructor(private readonly k: Kubelet) {}

  private get now(): number {
    return this.k.now;
  }

  syncContainers(pod: Pod, rec: PodRecord): number {
    let wake = Infinity;
    for (const c of rec.containers) {
      if (isRunning(c)) wake = Math.min(wake, this.stepRunning(pod, rec, c));
    }
    // The pod worker is inside startContainer until a postStart hook (and a kill after it failed)
    // is over: nothing else of the pod starts or restarts meanwhile.
    if (rec.containers.some((c) => c.postStart !== undefined)) return wake;
    for (const c of rec.containers) {
      if (!c.init) continue;
      if (isSucceeded(c)) continue;
      if (c.done) return wake; // failed for good (restartPolicy Never): the pod has failed
      return Math.min(wake, this.progress(pod, rec, c));
    }
    for (const c of rec.containers) {
      if (c.init) continue;
      wake = Math.min(wake, this.progress(pod, rec, c));
      if (c.postStart) break; // the next containers start once its hook is over
    }
    return wake;
  }

  /** A container that is not running: start it, wait out its back-off, or leave it finished. */
  private progress(pod: Pod, rec: PodRecord, c: ContainerRecord): number {
    if (isRunning(c) || c.done) return Infinity;
    const spec = containerSpec(pod, c.name);
    if (!spec) return Infinity;
    const i = c.current;
    if (i?.finishedAt !== undefined && !c.restartApproved) {
      if (!shouldRestart(pod, c, i)) {
        c.done = true;
        // Not to be restarted, it reports how it terminated rather than the start error.
        if (c.waiting?.reason === 'PostStartHookError') c.waiting = undefined;
        return Infinity;
      }
      if (this.now < i.finishedAt + PLEG_RELIST_MS) return i.finishedAt + PLEG_RELIST_MS;
      const key = backoffKey(rec, c);
      const decision = crashLoopDecision(this.k.node.backoff[key], i.finishedAt, this.now);
      if (decision.kind === 'wait') {
        const message = crashLoopMessage(decision.backoffMs, c.name, rec);
        if (c.waiting?.reason !== 'CrashLoopBackOff' || c.waiting.message !== message) {
          this.k.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${rec.name}_${rec.namespace}(${rec.uid})`, fieldPath(c));
        }
        c.waiting = { reason: 'CrashLoopBackOff', message };
        return decision.retryAtMs;
      }
      this.k.node.backoff[key] = decision.entry;
      c.restartApproved = true; // a pull or a config error may still delay the start itself
    }
    if (c.notBefore !== undefined && this.now < c.notBefore) return c.notBefore;
    return this.start(pod, rec, c, spec);
  }

  private start(pod: Pod, rec: PodRecord, c: ContainerRecord, spec: Container): number {
    const image = ensureImage(this.k, pod, rec, c, spec);
    if (image.kind === 'wait') return image.at;
    const env = resolveEnv(this.k, pod, rec, spec);
    if (typeof env === 'string') {
      c.waiting = { reason: 'CreateContainerConfigError', message: env };
      this.k.event(pod, 'Warning', 'Failed', `Error: ${env}`, fieldPath(c));
      c.notBefore = this.now + POD_SYNC_RETRY_MS;
      return c.notBefore;
    }
    c.notBefore = undefined;
    c.restartApproved = undefined;
    const shown: PostStartRecord['shown'] = { waiting: c.waiting, restartCount: c.restartCount, current: c.current, previous: c.previous };
    const instance = newInstance(this.k, pod, rec, c, spec, image.image, env);
    if (c.current) {
      c.previous = c.current;
      c.restartCount++;
    }
    c.current = instance;
    c.waiting = undefined;
    this.k.usageEpoch++;
    c.specHash = containerSpecHash(spec);
    resetProbes(c, spec, this.now);
    this.k.event(pod, 'Normal', 'Created', `Created container ${c.name}`, fieldPath(c));
    if (instance.finishedAt !== undefined) {
      // The runtime could not start the process (no such executable): StartError, exit 128.
      this.k.event(pod, 'Warning', 'Failed', `Error: ${instance.startError}`, fieldPath(c));
      return instance.finishedAt + PLEG_RELIST_MS;
    }
    this.k.event(pod, 'Normal', 'Started', `Started container ${c.name}`, fieldPath(c));
    // The postStart hook runs right after the start (stepPostStart), once the process has begun.
    if (spec.lifecycle?.postStart !== undefined) c.postStart = { ran: false, ok: true, message: '', shown };
    else this.markStarted(c, spec);
    return this.stepRunning(pod, rec, c);
  }

  /** Started (when it has no startup probe) and ready (when it has no readiness probe either). */
  private markStarted(c: ContainerRecord, spec: Container): void {
    c.started = spec.startupProbe === undefined;
    c.ready = c.started && spec.readinessProbe === undefined && !c.init;
  }

  /**
   * The postStart hook (kuberuntime startContainer): run at the container's first step, its time
   * holds the Running state back. When it returns the container runs on or — when it failed —
   * FailedPostStartHook and killContainer (its preStop hook, then the stop signal); it then waits
   * to be restarted as PostStartHookError.
   */
  private stepPostStart(pod: Pod, rec: PodRecord, c: ContainerRecord, i: InstanceRecord, hook: PostStartRecord): void {
    if (hook.failed || i.stopping) return;
    const handler = containerSpec(pod, c.name)?.lifecycle?.postStart;
    if (!hook.ran && handler) {
      // No time limit: handlers.go runs an exec hook without a timeout, so a hung hook holds the container.
      const run = runHook(this.k, pod, rec, c, i, handler, Infinity);
      Object.assign(hook, { ran: true, ok: run.ok, message: run.message });
      if (run.elapsedMs !== Infinity) hook.doneAt = this.now + run.elapsedMs;
    }
    if (hook.doneAt === undefined || this.now < hook.doneAt) return;
    if (hook.ok) {
      c.postStart = undefined;
      const spec = containerSpec(pod, c.name);
      if (spec) this.markStarted(c, spec);
      return;
    }
    hook.failed = true;
    // The handler's message is kept out of the event (it may hold secrets); the status shows it.
    this.k.event(pod, 'Warning', 'FailedPostStartHook', 'PostStartHook failed', fieldPath(c));
    this.k.event(pod, 'Normal', 'Killing', 'FailedPostStartHook', fieldPath(c));
    this.stop(pod, rec, c, i, 'postStart');
  }

  /** Runs a live container up to now: its process, OOM, its postStart hook, probes, a pending SIGKILL. */
  private stepRunning(pod: Pod, rec: PodRecord, c: ContainerRecord): number {
    const i = c.current!;
    if (i.stopping?.termAt !== undefined && this.now >= i.stopping.termAt) {
      // The preStop hook is over: the stop signal goes now.
      const { why, killAt } = i.stopping;
      i.stopping = undefined;
      this.signal(pod, rec, c, i, why, (killAt - this.now) / 1000);
      if (i.finishedAt !== undefined) return this.now + PLEG_RELIST_MS;
    }
    if (i.stopping && this.now >= i.stopping.killAt) {
      this.finish(c, i, EXIT_CODE_SIGKILL, 'Error', this.now);
      return this.now + PLEG_RELIST_MS;
    }
    const oom = oomAt(i.proc, i.cgroup, i.startedAt);
    if (oom !== undefined && this.now >= oom) {
      this.finish(c, i, EXIT_CODE_SIGKILL, 'OOMKilled', oom);
      return this.now + PLEG_RELIST_MS;
    }
    // Files in a medium: Memory emptyDir are charged to the container's memory (storage-volumes.ts).
    if (i.cgroup.memoryMax !== 'max' && tmpfsOverLimit(pod, rec, c.name, i.cgroup.memoryMax, memoryUsageBytes(i, this.now))) {
      this.finish(c, i, EXIT_CODE_SIGKILL, 'OOMKilled', this.now);
      return this.now + PLEG_RELIST_MS;
    }
    if (procWakeAt(i.proc) <= this.now) {
      const result = stepProc(i.proc, instanceIo(this.k, pod, rec, c, i), this.now);
      if (result.exitCode !== undefined) {
        this.finish(c, i, result.exitCode, undefined, this.now);
        return this.now + PLEG_RELIST_MS;
      }
    }
    if (c.postStart) {
      this.stepPostStart(pod, rec, c, i, c.postStart);
      if (i.finishedAt !== undefined) return this.now + PLEG_RELIST_MS;
    }
    // Probes start once the status says Running: after the postStart hook.
    const probeWake = i.stopping || c.postStart ? Infinity : runProbes(this.k, pod, rec, c, i, (why) => this.stop(pod, rec, c, i, why));
    // A probe may just have stopped the container: read its state after the probes ran.
    if (i.finishedAt !== undefined) return this.now + PLEG_RELIST_MS;
    if (i.stopping) return Math.min(procWakeAt(i.proc), i.stopping.termAt ?? i.stopping.killAt);
    return Math.min(procWakeAt(i.proc), oom ?? Infinity, probeWake, c.postStart?.doneAt ?? Infinity);
  }

  finish(c: ContainerRecord, i: InstanceRecord, exitCode: number, reason: string | undefined, at: number): void {
    this.k.usageEpoch++;
    i.finishedAt = at;
    i.exitCode = exitCode;
    i.reason = reason ?? (exitCode === 0 ? 'Completed' : 'Error');
    i.stopping = undefined;
    c.ready = false;
    c.started = false;
    if (c.postStart) {
      // startContainer returns ErrPostStartHook: the container waits as PostStartHookError.
      if (c.postStart.failed) c.waiting = { reason: 'PostStartHookError', message: c.postStart.message };
      c.postStart = undefined;
    }
  }

  /**
   * killContainer: the preStop hook first (lifecycle-hooks.ts), within the grace period and taking
   * its time out of it; then the stop signal — the process exits (a shell may run its TERM trap),
   * or is killed when the grace period ends, which is never less than 2 s (even at
   * terminationGracePeriodSeconds 0).
   */
  stop(pod: Pod, rec: PodRecord, c: ContainerRecord, i: InstanceRecord, why: NonNullable<InstanceRecord['stopping']>['why'], graceSeconds?: number): void {
    if (i.finishedAt !== undefined || i.stopping) return;
    let grace = graceSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    if (why === 'delete' || why === 'evict') this.k.event(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, fieldPath(c));
    const preStop = containerSpec(pod, c.name)?.lifecycle?.preStop;
    let hookMs = 0;
    if (preStop !== undefined && grace > 0) {
      const hook = runHook(this.k, pod, rec, c, i, preStop, grace * 1000);
      if (!hook.ok) this.k.event(pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', fieldPath(c));
      // The time it took comes out of the grace period, in whole seconds.
      hookMs = hook.elapsedMs;
      grace -= Math.floor(hookMs / 1000);
    }
    // "always give containers a minimal shutdown window to avoid unnecessary SIGKILLs"
    grace = Math.max(MINIMUM_GRACE_SECONDS, grace);
    if (hookMs > 0) {
      i.stopping = { termAt: this.now + hookMs, killAt: this.now + hookMs + grace * 1000, why };
      return;
    }
    this.signal(pod, rec, c, i, why, grace);
  }

  /** SIGTERM now, SIGKILL after `grace` seconds (at once when it is 0). */
  private signal(pod: Pod, rec: PodRecord, c: ContainerRecord, i: InstanceRecord, why: NonNullable<InstanceRecord['stopping']>['why'], grace: number): void {
    const term = procOnTerm(i.proc);
    if (term === 'trap') {
      // A shell's TERM trap runs at once: it exits (often 143), or the script goes on until SIGKILL.
      const r = procDeliverTerm(i.proc, instanceIo(this.k, pod, rec, c, i), this.now);
      if (r.exitCode !== undefined) return this.finish(c, i, r.exitCode, undefined, this.now);
    }
    if (typeof term === 'number') return this.finish(c, i, term, undefined, this.now);
    if (grace > 0) {
      i.stopping = { killAt: this.now + grace * 1000, why };
      return;
    }
    this.finish(c, i, EXIT_CODE_SIGKILL, undefined, this.now);
  }

  /** The pod was deleted: stop every container gracefully, then delete the pod object. */
  terminatePod(pod: Pod, rec: PodRecord): number {
    const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    if (!rec.terminating) {
      rec.terminating = true;
      for (const c of rec.containers) {
        c.pull = undefined;
        if (isRunning(c)) this.stop(pod, rec, c, c.current!, 'delete', grace);
      }
    }
    let wake = Infinity;
    for (const c of rec.containers) {
      if (isRunning(c)) wake = Math.min(wake, this.stepRunning(pod, rec, c));
    }
    if (wake === Infinity || rec.containers.every((c) => !isRunning(c))) {
      this.k.finishDeletion(rec);
      return Infinity;
    }
    return wake;
  }
}

export function isRunning(c: ContainerRecord): boolean {
  return c.current !== undefined && c.current.finishedAt === undefined;
}

function isSucceeded(c: ContainerRecord): boolean {
  return c.current?.finishedAt !== undefined && c.current.exitCode === 0 && c.waiting === undefined;
}

function shouldRestart(pod: Pod, c: ContainerRecord, i: InstanceRecord): boolean {
  const policy = pod.spec.restartPolicy ?? 'Always';
  if (c.init) return i.exitCode !== 0 && policy !== 'Never';
  if (policy === 'Always') return true;
  return policy === 'OnFailure' && i.exitCode !== 0;
}

/** The key of a container's CrashLoopBackOff entry (kuberuntime's GetStableKey, with the spec hash). */
export function backoffKey(rec: PodRecord, c: ContainerRecord): string {
  return `${rec.name}_${rec.namespace}_${rec.uid}_${c.name}_${c.specHash}`;
}

export function containerSpec(pod: Pod, name: string): Container | undefined {
  return pod.spec.containers.find((c) => c.name === name) ?? pod.spec.initContainers?.find((c) => c.name === name);
}

export function fieldPath(c: ContainerRecord): string {
  return `${c.init ? 'spec.initContainers' : 'spec.containers'}{${c.name}}`;
}
