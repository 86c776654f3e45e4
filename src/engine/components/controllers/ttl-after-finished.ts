/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished, v1.31): a finished Job with
 * `spec.ttlSecondsAfterFinished` is deleted (foreground, so its pods go first) that many seconds
 * after it finished — its completionTime, or the transition time of its Failed condition.
 */
import { isStatusError } from '../../api/errors.ts';
import type { WatchEvent } from '../../api/types.ts';
import { parseTimestamp } from '../../kernel/time.ts';
import type { Component, ComponentContext } from '../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import { isJobFinished, trueCondition, type Job } from './job-util.ts';
import { keyOf, splitKey } from './util.ts';

export const TTL_AFTER_FINISHED_CONTROLLER = 'ttl-after-finished-controller';

/** When a finished Job expires (simulated ms), or undefined when it has no TTL or is not finished. */
export function jobExpiresAtMs(job: Job): number | undefined {
  const ttl = job.spec.ttlSecondsAfterFinished;
  if (ttl === undefined || !isJobFinished(job) || job.metadata.deletionTimestamp) return undefined;
  const finishedAt = job.status?.completionTime ?? trueCondition(job, 'Failed')?.lastTransitionTime ?? trueCondition(job, 'Complete')?.lastTransitionTime;
  if (!finishedAt) return undefined;
  return parseTimestamp(finishedAt) + ttl * 1000;
}

export class TtlAfterFinishedController implements Component {
  readonly name = TTL_AFTER_FINISHED_CONTROLLER;
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.sync(key));
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch('jobs', (e) => this.onJob(e), from);
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  private onJob(e: WatchEvent): void {
    if (e.type !== 'DELETED' && jobExpiresAtMs(e.object as Job) !== undefined) this.queue.add(keyOf(e.object));
  }

  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const job = this.ctx.store.tryGet<Job>('jobs', namespace, name);
    const at = job && jobExpiresAtMs(job);
    if (at === undefined) return 'done';
    if (at > this.ctx.kernel.now) return at - this.ctx.kernel.now;
    try {
      this.ctx.store.delete('jobs', namespace, name, { propagationPolicy: 'Foreground', preconditions: { uid: job?.metadata.uid } });
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
    return 'done';
  }
}
