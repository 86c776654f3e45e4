/**
 * The Job controller (pkg/controller/job/job_controller.go, v1.31). For each Job it claims the pods
 * its selector matches, creates pods (with the `batch.kubernetes.io/job-tracking` finalizer) up to
 * min(parallelism, completions − succeeded) — waiting out the pod-failure back-off (10 s, 20 s, …)
 * after failures —, counts finished pods through status.uncountedTerminatedPods before removing
 * their finalizers, and finishes the Job: SuccessCriteriaMet then Complete when enough pods
 * succeeded, FailureTarget then Failed (BackoffLimitExceeded, DeadlineExceeded) once the failing
 * Job's pods have terminated. Indexed Jobs give each pod a completion index. Pod events reach a
 * Job's sync batched by one second, as upstream.
 */
import type { Condition, Pod, WatchEvent } from '../../api/types.ts';
import type { Component, ComponentContext } from '../component.ts';
import { late } from '../../late.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import { Expectations, type ExpectationsState } from './expectations.ts';
import { SYNC_JOB_BATCH_PERIOD_MS, hasTrackingFinalizer, type BackoffRecord, type Job } from './job-util.ts';
import { controllerOf, keyOf } from './util.ts';

/** The component and event source name. */
export const JOB_CONTROLLER = 'job-controller';
/** MaxPodCreateDeletePerSync */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
export const ORPHAN_PREFIX = 'orphan-pod:';

/** The controller's saved state. */
export interface JobControllerState {
  queue: WorkQueueState;
  expectations: ExpectationsState;
  backoff: [string, BackoffRecord][];
  batchedAtMs: [string, number][];
}

/** What one sync works on (syncJobCtx). */
export interface SyncCtx {
  job: Job;
  key: string;
  pods: Pod[];
  active: Pod[];
  /** What status.active becomes. */
  activeCount: number;
  suspendChanged: boolean;
  ready: number;
  terminating: number;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  succeeded: number;
  failed: number;
  backoff: BackoffRecord;
  finished?: Condition;
  prevSucceededIndexes: Set<number>;
  succeededIndexes: Set<number>;
  /** The earliest moment the sync asked to look again. */
  requeueMs?: number;
}

export class JobController implements Component {
  readonly name = JOB_CONTROLLER;
  protected readonly queue: WorkQueue;
  protected readonly expectations = new Expectations();
  protected readonly backoff = new Map<string, BackoffRecord>();
  /** Job key → when its batched sync is due (enqueueSyncJobBatched's AddAfter). */
  protected readonly batchedAtMs = new Map<string, number>();
  protected readonly pods = new Map<string, Map<string, Pod>>();

  constructor(protected readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.reconcile(key));
    ctx.kernel.on(`${this.name}.batched`, (key) => this.batchedDue(key as string));
  }

  start(resume: boolean): void {
    const { store } = this.ctx;
    if (resume) for (const p of store.list<Pod>('pods').items) this.cache(p);
    const from = resume ? { resourceVersion: store.resourceVersion } : {};
    store.watch('jobs', (e) => this.onJob(e), from);
    store.watch('pods', (e) => this.onPod(e), from);
  }

  save(): JobControllerState {
    return {
      queue: this.queue.save(),
      expectations: this.expectations.save(),
      backoff: [...this.backoff.entries()].map(([k, v]) => [k, { ...v }]),
      batchedAtMs: [...this.batchedAtMs.entries()],
    };
  }

  load(state: unknown): void {
    const s = state as JobControllerState;
    this.queue.load(s.queue);
    this.expectations.load(s.expectations);
    this.backoff.clear();
    for (const [k, v] of s.backoff) this.backoff.set(k, { ...v });
    this.batchedAtMs.clear();
    for (const [k, t] of s.batchedAtMs) this.batchedAtMs.set(k, t);
  }

  // ---- watch handlers ----------------------------------------------------------------------------

  protected onJob(e: WatchEvent): void {
    const job = e.object as Job;
    const key = keyOf(job);
    if (e.type === 'DELETED') {
      this.expectations.forget(key);
      // deleteJob: the pods of a deleted Job lose their tracking finalizers.
      for (const p of this.podsIn(job.metadata.namespace ?? '')) {
        if (hasTrackingFinalizer(p) && controllerOf(p)?.uid === job.metadata.uid) this.queue.add(ORPHAN_PREFIX + keyOf(p));
      }
    }
    this.queue.add(key);
  }

  protected onPod(e: WatchEvent): void {
    const pod = e.object as Pod;
    if (e.type === 'DELETED') this.uncache(pod);
    else this.cache(pod);
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'Job' || ref.apiVersion.split('/')[0] !== 'batch') return;
    const job = this.ctx.store.tryGet<Job>('jobs', pod.metadata.namespace ?? '', ref.name);
    if (!job || job.metadata.uid !== ref.uid) {
      if (e.type !== 'DELETED' && hasTrackingFinalizer(pod)) this.queue.add(ORPHAN_PREFIX + keyOf(pod));
      return;
    }
    const key = keyOf(job);
    if (e.type === 'ADDED' && !pod.metadata.deletionTimestamp) this.expectations.creationObserved(key);
    if (e.type === 'DELETED' || pod.metadata.deletionTimestamp) this.expectations.deletionObserved(key, keyOf(pod));
    this.enqueueBatched(key);
  }

  /** enqueueSyncJobBatched: at most one sync per second for pod events. */
  protected enqueueBatched(key: string): void {
    const due = this.ctx.kernel.now + SYNC_JOB_BATCH_PERIOD_MS;
    const pending = this.batchedAtMs.get(key);
    if (pending !== undefined && pending <= due) return;
    this.batchedAtMs.set(key, due);
    this.ctx.kernel.schedule(SYNC_JOB_BATCH_PERIOD_MS, `${this.name}.batched`, key);
  }

  protected batchedDue(key: string): void {
    const due = this.batchedAtMs.get(key);
    if (due === undefined || due > this.ctx.kernel.now) return;
    this.batchedAtMs.delete(key);
    this.queue.add(key);
  }

  protected cache(pod: Pod): void {
    const ns = pod.metadata.namespace ?? '';
    let m = this.pods.get(ns);
    if (!m) this.pods.set(ns, (m = new Map()));
    m.set(pod.metadata.name ?? '', pod);
  }

  protected uncache(pod: Pod): void {
    this.pods.get(pod.metadata.namespace ?? '')?.delete(pod.metadata.name ?? '');
  }

  protected podsIn(namespace: string): Pod[] {
    const pods = [...(this.pods.get(namespace)?.values() ?? [])];
    return pods.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  }

  // ---- sync --------------------------------------------------------------------------------------

  /** syncJob or syncOrphanPod (job-sync.ts, a late part: engine/late.ts). */
  protected reconcile(key: string): ReconcileResult {
    return late().reconcileJob(this, key);
  }
}
