/**
 * The Job controller's sync (job.ts): a late part of the engine (engine/late.ts), since the default
 * cluster has no Job. Its methods are lent to the controller made at boot.
 */
import { isStatusError } from '../../api/errors.ts';
import type { Condition, KObject, Pod } from '../../api/types.ts';
import { deepClone } from '../../kernel/objects.ts';
import { formatTimestamp, parseTimestamp } from '../../kernel/time.ts';
import { type ReconcileResult } from '../workqueue.ts';
import { JOB_COMPLETION_INDEX, JOB_TRACKING_FINALIZER, hasTrackingFinalizer, isJobFinished, trueCondition, type Job } from './job-util.ts';
import { addCompletionIndexEnv, cleanUncounted, compactStatus, pastBackoffLimitOnFailure, completionIndex, countTerminating, ensureCondition, firstPendingIndexes, formatIndexes, isIndexed, isPodFailed, newCondition, nextBackoffRecord, onlyReplaceFailedPods, parseIndexes, remainingBackoffMs, removalOrder } from './job-util-sync.ts';
import { claimObjects } from './ref-manager.ts';
import { controllerOf, isPodActive, isPodReady, keyOf, newControllerRef, splitKey } from './util.ts';
import { JobController, JOB_CONTROLLER, MAX_POD_CREATE_DELETE_PER_SYNC, ORPHAN_PREFIX, type SyncCtx } from './job.ts';
import { lendMethods } from '../../late.ts';

class JobSync extends (Object as unknown as typeof JobController) {
  reconcileKey(key: string): ReconcileResult {
    if (key.startsWith(ORPHAN_PREFIX)) return this.syncOrphanPod(key.slice(ORPHAN_PREFIX.length));
    return this.syncJob(key);
  }

  /** syncOrphanPod: a pod whose Job is gone keeps no tracking finalizer. */
  private syncOrphanPod(podKey: string): ReconcileResult {
    const { namespace, name } = splitKey(podKey);
    const pod = this.ctx.store.tryGet<Pod>('pods', namespace, name);
    if (!pod || !hasTrackingFinalizer(pod)) return 'done';
    const ref = controllerOf(pod);
    const job = ref && this.ctx.store.tryGet<Job>('jobs', namespace, ref.name);
    if (job && job.metadata.uid === ref?.uid && !isJobFinished(job)) return 'done';
    return this.removeFinalizer(pod) ? 'done' : 'retry';
  }

  /** syncJob */
  private syncJob(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const { store, kernel } = this.ctx;
    const stored = store.tryGet<Job>('jobs', namespace, name);
    if (!stored || isJobFinished(stored)) {
      this.backoff.delete(key);
      if (!stored) this.expectations.forget(key);
      return 'done';
    }
    const mode = stored.spec.completionMode;
    if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
      this.event(stored, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown');
      return 'done';
    }
    const job = deepClone(stored) as Job;
    job.status = job.status ?? {};
    job.status.uncountedTerminatedPods ??= {};
    const satisfied = this.expectations.satisfied(key, kernel.now);
    const claim = claimObjects(store, 'pods', job, job.spec.selector, this.podsIn(namespace));
    if (claim.errors.length > 0) return 'retry';
    const c = this.newSyncCtx(key, job, claim.claimed);
    this.decideFailure(c);
    if (c.finished) this.terminateActive(c, satisfied);
    else this.manage(c, satisfied);
    const status = c.job.status!;
    const needsUpdate = c.activeCount !== (status.active ?? 0) || c.ready !== status.ready || c.terminating !== status.terminating;
    this.trackStatus(c, needsUpdate || c.suspendChanged);
    return c.requeueMs === undefined ? 'done' : Math.max(0, c.requeueMs);
  }

  private newSyncCtx(key: string, job: Job, pods: Pod[]): SyncCtx {
    const status = job.status!;
    const uncounted = status.uncountedTerminatedPods ?? {};
    const uncountedSucceeded = new Set(uncounted.succeeded ?? []);
    const uncountedFailed = new Set(uncounted.failed ?? []);
    const active = pods.filter(isPodActive);
    const valid = (p: Pod) => hasTrackingFinalizer(p) && !uncountedSucceeded.has(p.metadata.uid ?? '') && !uncountedFailed.has(p.metadata.uid ?? '') && this.validIndex(job, p);
    const newSucceeded = pods.filter((p) => valid(p) && p.status?.phase === 'Succeeded');
    const newFailed = pods.filter((p) => valid(p) && isPodFailed(p, job));
    if (!status.startTime && job.spec.suspend !== true) status.startTime = formatTimestamp(this.ctx.kernel.now);
    const c: SyncCtx = {
      job,
      key,
      pods,
      active,
      activeCount: active.length,
      suspendChanged: false,
      ready: active.filter(isPodReady).length,
      terminating: countTerminating(pods),
      uncountedSucceeded,
      uncountedFailed,
      succeeded: (status.succeeded ?? 0) + newSucceeded.length + uncountedSucceeded.size,
      failed: (status.failed ?? 0) + newFailed.length + uncountedFailed.size,
      backoff: nextBackoffRecord(this.backoff.get(key), newSucceeded, newFailed),
      prevSucceededIndexes: new Set(),
      succeededIndexes: new Set(),
    };
    if (isIndexed(job)) this.countIndexes(c);
    return c;
  }

  /** An Indexed Job's pods count only with a valid index below completions. */
  private validIndex(job: Job, p: Pod): boolean {
    if (!isIndexed(job)) return true;
    const ix = completionIndex(p);
    return ix !== undefined && ix < (job.spec.completions ?? 0);
  }

  /** calculateSucceededIndexes: the indexes in status plus those of succeeded, uncounted pods. */
  private countIndexes(c: SyncCtx): void {
    const completions = c.job.spec.completions ?? 0;
    c.prevSucceededIndexes = parseIndexes(c.job.status?.completedIndexes, completions);
    c.succeededIndexes = new Set(c.prevSucceededIndexes);
    for (const p of c.pods) {
      const ix = completionIndex(p);
      if (p.status?.phase === 'Succeeded' && ix !== undefined && ix < completions && hasTrackingFinalizer(p)) c.succeededIndexes.add(ix);
    }
    c.succeeded = c.succeededIndexes.size;
  }

  /** The failure checks of syncJob: a FailureTarget already set, the backoff limit, the deadline. */
  private decideFailure(c: SyncCtx): void {
    const { job } = c;
    const met = trueCondition(job, 'SuccessCriteriaMet');
    if (met) {
      c.finished = met;
      return;
    }
    const target = trueCondition(job, 'FailureTarget');
    if (target) {
      c.finished = newCondition('Failed', target.reason ?? '', target.message ?? '', this.ctx.kernel.now);
      return;
    }
    const now = this.ctx.kernel.now;
    const deadline = job.spec.activeDeadlineSeconds;
    const suspended = job.spec.suspend === true;
    if (c.failed > (job.spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, c.pods)) {
      c.finished = newCondition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
    } else if (deadline !== undefined && job.status?.startTime && !suspended) {
      const remaining = deadline * 1000 - (now - parseTimestamp(job.status.startTime));
      if (remaining <= 0) c.finished = newCondition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline', now);
      else this.requeue(c, remaining);
    }
  }

  private requeue(c: SyncCtx, delayMs: number): void {
    c.requeueMs = c.requeueMs === undefined ? delayMs : Math.min(c.requeueMs, delayMs);
  }

  /** A finishing Job deletes its active pods; it is finished only once they are all deleted. */
  private terminateActive(c: SyncCtx, satisfied: boolean): void {
    let deleted = 0;
    let deletedReady = 0;
    for (const p of c.active) {
      if (this.deletePod(c.job, p, false)) {
        deleted++;
        if (isPodReady(p)) deletedReady++;
      }
    }
    if (deleted !== c.active.length || !satisfied) c.finished = undefined;
    c.activeCount -= deleted;
    c.terminating += deleted;
    c.ready -= deletedReady;
  }

  /** The non-finishing branch of syncJob: manageJob, completion, suspension. */
  private manage(c: SyncCtx, satisfied: boolean): void {
    const { job } = c;
    let called = false;
    let active = c.active.length;
    if (satisfied && !job.metadata.deletionTimestamp) {
      active = this.manageJob(c);
      called = true;
    }
    const completions = job.spec.completions;
    const complete = completions === undefined ? c.succeeded > 0 && active === 0 : c.succeeded >= completions && active === 0;
    c.activeCount = active;
    if (complete) {
      c.finished = newCondition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', this.ctx.kernel.now);
      return;
    }
    if (!called) return;
    const conds = (job.status!.conditions ??= []);
    const now = this.ctx.kernel.now;
    if (job.spec.suspend === true) {
      if (ensureCondition(conds, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)) {
        c.suspendChanged = true;
        this.event(job, 'Normal', 'Suspended', 'Job suspended');
      }
    } else if (ensureCondition(conds, 'Suspended', 'False', 'JobResumed', 'Job resumed', now)) {
      c.suspendChanged = true;
      this.event(job, 'Normal', 'Resumed', 'Job resumed');
      job.status!.startTime = formatTimestamp(now);
    }
    if (conds.length === 0) delete job.status!.conditions;
  }

  /** manageJob: delete the surplus or create what is missing; returns the new active count. */
  private manageJob(c: SyncCtx): number {
    const { job, key } = c;
    const active = c.active.length;
    const now = this.ctx.kernel.now;
    if (job.spec.suspend === true) return active - this.deleteSurplus(c, [...c.active].sort(removalOrder));
    const parallelism = job.spec.parallelism ?? 1;
    let want: number;
    if (job.spec.completions === undefined) want = c.succeeded > 0 ? active : parallelism;
    else want = Math.max(0, Math.min(job.spec.completions - c.succeeded, parallelism));
    const surplus = this.podsForRemoval(c, active - want);
    if (surplus.length > 0) return active - this.deleteSurplus(c, surplus);
    const terminating = onlyReplaceFailedPods(job) ? c.terminating : 0;
    let diff = want - terminating - active;
    if (diff <= 0) return active;
    const wait = remainingBackoffMs(c.backoff, now);
    if (wait > 0) {
      this.requeue(c, wait);
      return 0;
    }
    diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
    let indexes: number[] = [];
    if (isIndexed(job)) {
      const activeIx = new Set(c.active.map(completionIndex).filter((i): i is number => i !== undefined));
      indexes = firstPendingIndexes(c.succeededIndexes, activeIx, diff, job.spec.completions ?? 0);
      diff = indexes.length;
    }
    this.expectations.expectCreations(key, diff, now);
    let created = 0;
    for (let batch = Math.min(diff, 1), left = diff; left > 0; batch = Math.min(2 * batch, left)) {
      let failed = false;
      for (let i = 0; i < batch; i++) {
        if (this.createPod(job, indexes.shift())) created++;
        else failed = true;
      }
      left -= batch;
      if (failed) {
        for (let i = 0; i < left; i++) this.expectations.creationObserved(key);
        break;
      }
    }
    return active + created;
  }

  /** activePodsForRemoval: the surplus (and, for Indexed Jobs, pods of succeeded or duplicate indexes). */
  private podsForRemoval(c: SyncCtx, rmAtLeast: number): Pod[] {
    const out: Pod[] = [];
    let rest = c.active;
    if (isIndexed(c.job)) {
      const seen = new Set<number>();
      rest = [];
      for (const p of [...c.active].sort((a, b) => (completionIndex(a) ?? -1) - (completionIndex(b) ?? -1))) {
        const ix = completionIndex(p);
        if (ix === undefined || ix >= (c.job.spec.completions ?? 0) || c.succeededIndexes.has(ix) || seen.has(ix)) out.push(p);
        else {
          seen.add(ix);
          rest.push(p);
        }
      }
    }
    const more = rmAtLeast - out.length;
    if (more > 0) out.push(...[...rest].sort(removalOrder).slice(0, more));
    return out.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
  }

  /** deleteJobPods: each loses its finalizer, then is deleted. Returns how many were deleted. */
  private deleteSurplus(c: SyncCtx, pods: Pod[]): number {
    this.expectations.expectDeletions(c.key, pods.map(keyOf), this.ctx.kernel.now);
    let removed = 0;
    for (const p of pods) {
      if (this.deletePod(c.job, p, true)) {
        removed++;
        if (!onlyReplaceFailedPods(c.job)) c.terminating++;
        if (isPodReady(p)) c.ready--;
      } else {
        this.expectations.deletionObserved(c.key, keyOf(p));
      }
    }
    return removed;
  }

  // ---- status tracking ---------------------------------------------------------------------------

  /**
   * trackJobStatusAndRemoveFinalizers: finished pods go into uncountedTerminatedPods (written
   * first), lose their finalizers, then move into the counters; the Job finishes when nothing
   * is uncounted or terminating any more.
   */
  private trackStatus(c: SyncCtx, needsUpdate: boolean): void {
    const { job } = c;
    const status = job.status!;
    status.active = c.activeCount;
    status.ready = c.ready;
    status.terminating = c.terminating;
    const withFinalizer = new Set(c.pods.filter(hasTrackingFinalizer).map((p) => p.metadata.uid ?? ''));
    let flush = needsUpdate;
    if (cleanUncounted(status, withFinalizer)) flush = true;
    const toRemove: Pod[] = [];
    const uncounted = status.uncountedTerminatedPods!;
    const newIndexes: number[] = [];
    for (const p of c.pods) {
      if (!hasTrackingFinalizer(p)) continue;
      const uid = p.metadata.uid ?? '';
      const failed = isPodFailed(p, job);
      if (!(c.finished || p.status?.phase === 'Succeeded' || failed || job.metadata.deletionTimestamp)) continue;
      toRemove.push(p);
      if (p.status?.phase === 'Succeeded' && !c.uncountedFailed.has(uid)) {
        if (isIndexed(job)) {
          const ix = completionIndex(p);
          if (ix !== undefined && ix < (job.spec.completions ?? 0) && !c.prevSucceededIndexes.has(ix)) newIndexes.push(ix);
        } else if (!c.uncountedSucceeded.has(uid)) {
          (uncounted.succeeded ??= []).push(uid);
          flush = true;
        }
      } else if (failed || (c.finished && c.finished.type !== 'SuccessCriteriaMet' && c.finished.type !== 'Complete')) {
        if (!c.uncountedFailed.has(uid) && this.validIndex(job, p)) {
          (uncounted.failed ??= []).push(uid);
          flush = true;
        }
      }
    }
    if (isIndexed(job)) flush = this.flushIndexes(c, newIndexes) || flush;
    flush = this.interimCondition(c) || flush;
    this.flushAndRemoveFinalizers(c, toRemove, withFinalizer, flush);
  }

  private flushIndexes(c: SyncCtx, newIndexes: number[]): boolean {
    const status = c.job.status!;
    for (const ix of newIndexes) c.succeededIndexes.add(ix);
    const text = formatIndexes(c.succeededIndexes);
    const changed = text !== (status.completedIndexes ?? '');
    status.succeeded = c.succeededIndexes.size;
    status.completedIndexes = text;
    return changed;
  }

  /** The interim FailureTarget / SuccessCriteriaMet conditions, written before finalizers go. */
  private interimCondition(c: SyncCtx): boolean {
    const f = c.finished;
    if (!f) return false;
    const conds = (c.job.status!.conditions ??= []);
    let changed = false;
    if (f.type === 'FailureTarget') {
      conds.push(f);
      changed = true;
      c.finished = newCondition('Failed', f.reason ?? '', f.message ?? '', this.ctx.kernel.now);
    } else if (f.type === 'SuccessCriteriaMet') {
      if (!trueCondition(c.job, 'SuccessCriteriaMet')) {
        conds.push(f);
        changed = true;
      }
      c.finished = newCondition('Complete', f.reason ?? '', f.message ?? '', this.ctx.kernel.now);
    }
    return changed;
  }

  /** flushUncountedAndRemoveFinalizers, then enactJobFinished and the final status write. */
  private flushAndRemoveFinalizers(c: SyncCtx, toRemove: Pod[], withFinalizer: Set<string>, flushFirst: boolean): void {
    let flush = flushFirst;
    if (flush) {
      if (!this.writeStatus(c)) return;
      this.backoff.set(c.key, c.backoff);
      flush = false;
    }
    for (const p of toRemove) if (this.removeFinalizer(p)) withFinalizer.delete(p.metadata.uid ?? '');
    if (cleanUncounted(c.job.status!, withFinalizer)) flush = true;
    const finished = this.enactFinished(c);
    if (finished) flush = true;
    if (!flush) return;
    if (!this.writeStatus(c)) return;
    if (finished && c.finished) this.recordFinished(c.job, c.finished);
  }

  /** enactJobFinished: the final condition once nothing is uncounted or terminating. */
  private enactFinished(c: SyncCtx): boolean {
    const f = c.finished;
    if (!f) return false;
    const u = c.job.status!.uncountedTerminatedPods ?? {};
    if ((u.succeeded?.length ?? 0) + (u.failed?.length ?? 0) > 0) return false;
    if (c.terminating > 0) return false;
    const conds = (c.job.status!.conditions ??= []);
    ensureCondition(conds, f.type, 'True', f.reason ?? '', f.message ?? '', this.ctx.kernel.now);
    if (f.type === 'Complete') c.job.status!.completionTime = conds.find((x) => x.type === 'Complete')?.lastTransitionTime;
    return true;
  }

  /** recordJobFinished */
  private recordFinished(job: Job, f: Condition): void {
    if (f.type === 'Complete') {
      const completions = job.spec.completions;
      if (completions !== undefined && (job.status?.succeeded ?? 0) > completions) {
        this.event(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
      }
      this.event(job, 'Normal', 'Completed', 'Job completed');
    } else {
      this.event(job, 'Warning', f.reason ?? '', f.message ?? '');
    }
  }

  private writeStatus(c: SyncCtx): boolean {
    const status = compactStatus(c.job.status!);
    try {
      const written = this.ctx.store.update<Job>({ ...c.job, status }, { subresource: 'status' });
      c.job = deepClone(written) as Job;
      c.job.status = c.job.status ?? {};
      c.job.status.uncountedTerminatedPods ??= {};
      return true;
    } catch (e) {
      if (isStatusError(e)) return false;
      throw e;
    }
  }

  // ---- pod writes --------------------------------------------------------------------------------

  /** The pod a Job creates: its template, the tracking finalizer, and for Indexed Jobs the index. */
  private podFor(job: Job, index: number | undefined): Pod {
    const t = deepClone(job.spec.template);
    const name = job.metadata.name ?? '';
    const meta: Pod['metadata'] = { generateName: `${name}-`, namespace: job.metadata.namespace };
    if (t.metadata?.labels) meta.labels = { ...t.metadata.labels };
    if (t.metadata?.annotations) meta.annotations = { ...t.metadata.annotations };
    meta.finalizers = [...(t.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER), JOB_TRACKING_FINALIZER];
    meta.ownerReferences = [newControllerRef(job)];
    const spec = t.spec;
    if (index !== undefined) {
      meta.generateName = `${name}-${index}-`;
      meta.annotations = { ...meta.annotations, [JOB_COMPLETION_INDEX]: String(index) };
      meta.labels = { ...meta.labels, [JOB_COMPLETION_INDEX]: String(index) };
      spec.hostname = `${name}-${index}`;
      addCompletionIndexEnv(spec.initContainers);
      addCompletionIndexEnv(spec.containers);
    }
    return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec, status: {} } as Pod;
  }

  private createPod(job: Job, index: number | undefined): boolean {
    try {
      const created = this.ctx.store.create<Pod>(this.podFor(job, index));
      this.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      return true;
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.event(job, 'Warning', 'FailedCreate', `Error creating: ${e.message}`);
      return false;
    }
  }

  /** DeletePod (optionally removing the finalizer first), with its events. */
  private deletePod(job: Job, pod: Pod, dropFinalizer: boolean): boolean {
    try {
      if (dropFinalizer && !this.removeFinalizer(pod)) return false;
      this.ctx.store.delete('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '');
      this.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      return true;
    } catch (e) {
      if (!isStatusError(e)) throw e;
      if (e.reason === 'NotFound') return true;
      this.event(job, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`);
      return false;
    }
  }

  /** removeTrackingFinalizerFromPods (a pod already gone counts as done). */
  private removeFinalizer(pod: Pod): boolean {
    const { store } = this.ctx;
    const cur = store.tryGet<Pod>('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '');
    if (!cur || cur.metadata.uid !== pod.metadata.uid) return true;
    if (!hasTrackingFinalizer(cur)) return true;
    const finalizers = (cur.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
    const metadata = { ...cur.metadata, finalizers };
    if (finalizers.length === 0) delete (metadata as { finalizers?: string[] }).finalizers;
    try {
      store.update({ ...cur, metadata });
      return true;
    } catch (e) {
      if (isStatusError(e, 'NotFound')) return true;
      if (isStatusError(e)) return false;
      throw e;
    }
  }

  private event(job: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const latest = this.ctx.store.tryGet<Job>('jobs', job.metadata.namespace ?? '', job.metadata.name ?? '') ?? job;
    this.ctx.events.record({ involved: latest, type, reason, message, component: JOB_CONTROLLER });
  }
}


/** The Job controller's sync of one queue key (JobController.reconcile). */
export function reconcileJob(c: JobController, key: string): ReconcileResult {
  lendMethods(JobController, JobSync);
  return (c as JobSync).reconcileKey(key);
}
