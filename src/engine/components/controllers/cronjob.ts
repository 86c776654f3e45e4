/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go, v1.31). Each sync looks
 * at the CronJob's Jobs (those it controls), notes finished ones (SawCompletedJob, the last
 * successful time), works out the most recent unmet schedule time in simulated time (the
 * "too many missed start times" warning past 100, the startingDeadlineSeconds window, MissSchedule),
 * applies the concurrency policy (Allow, Forbid → JobAlreadyActive, Replace → the running Job is
 * deleted), creates `<cronjob>-<scheduled minutes since the Unix epoch>`, prunes history beyond
 * the limits, and asks to run again 100 ms after the next schedule time — so an idle day costs
 * only the runs.
 */
import type { KObject, ObjectReference, WatchEvent } from '../../api/types.ts';
import { EPOCH_UNIX_MS } from '../../kernel/time.ts';
import type { Component, ComponentContext } from '../component.ts';
import { late } from '../../late.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import { type Job } from './job-util.ts';
import { controllerOf, keyOf } from './util.ts';

/** The component and event source name. */
export const CRONJOB_CONTROLLER = 'cronjob-controller';
/** The annotation a CronJob's Job carries: its scheduled time, RFC 3339 in the CronJob's zone. */
export const CRONJOB_SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** nextScheduleDelta: the controller wakes this long after a schedule time. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** batch/v1 CronJob, as far as the controller reads it. */
export interface CronJob extends KObject {
  kind: 'CronJob';
  spec: {
    schedule: string;
    timeZone?: string;
    startingDeadlineSeconds?: number;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
    suspend?: boolean;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Job['spec'] };
  };
  status?: { active?: ObjectReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

export const toUnix = (simMs: number): number => simMs + EPOCH_UNIX_MS;
export const toSim = (unixMs: number): number => unixMs - EPOCH_UNIX_MS;

/** getJobName: `<cronjob>-<scheduled time in minutes since the Unix epoch>`. */
export function jobNameFor(cj: CronJob, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(toUnix(scheduledMs) / 60_000)}`;
}

export class CronJobController implements Component {
  readonly name = CRONJOB_CONTROLLER;
  protected readonly queue: WorkQueue;

  constructor(protected readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.sync(key));
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch('cronjobs', (e) => this.onCronJob(e), from);
    this.ctx.store.watch('jobs', (e) => this.onJob(e), from);
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  protected onCronJob(e: WatchEvent): void {
    if (e.type === 'DELETED') return;
    this.queue.add(keyOf(e.object));
  }

  /** A Job's change concerns the CronJob that controls it. */
  protected onJob(e: WatchEvent): void {
    const ref = controllerOf(e.object);
    if (!ref || ref.kind !== 'CronJob') return;
    const cj = this.ctx.store.tryGet<CronJob>('cronjobs', e.object.metadata.namespace ?? '', ref.name);
    if (cj && cj.metadata.uid === ref.uid) this.queue.add(keyOf(cj));
  }

  /** sync: syncCronJob, then cleanupFinishedJobs, one status write, and the next wake-up. */

  /** The CronJob controller's sync (cronjob-sync.ts, a late part: engine/late.ts). */
  protected sync(key: string): ReconcileResult {
    return late().syncCronJobKey(this, key);
  }
}
