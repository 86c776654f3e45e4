/**
 * The CronJob controller's sync (cronjob.ts): a late part of the engine (engine/late.ts), since the default
 * cluster never runs it. Its methods are lent to the controller made at boot.
 */
import { CronError, formatRfc3339In, loadLocation, nextActivation, parseStandard, type CronSchedule } from '../../api/cron.ts';
import { isStatusError } from '../../api/errors.ts';
import type { ObjectReference } from '../../api/types.ts';
import { deepClone, deepEqual } from '../../kernel/objects.ts';
import { formatTimestamp, parseTimestamp } from '../../kernel/time.ts';
import { type ReconcileResult } from '../workqueue.ts';
import { isJobFinished, trueCondition, type Job } from './job-util.ts';
import { controllerOf, newControllerRef, splitKey } from './util.ts';
import { CronJobController, CRONJOB_CONTROLLER, CRONJOB_SCHEDULED_TIMESTAMP, NEXT_SCHEDULE_DELTA_MS, type CronJob, jobNameFor, toSim, toUnix } from './cronjob.ts';
import { lendMethods } from '../../late.ts';

/** More missed schedules than this are not walked one by one (and are warned about). */
const MANY_MISSED = 100;

/** The result of mostRecentScheduleTime, in simulated ms. */
export interface RecentSchedule {
  earliestMs: number;
  mostRecentMs?: number;
  missed: 'none' | 'few' | 'many';
  error?: string;
}

/**
 * mostRecentScheduleTime: from the last schedule time (or creation, or the starting deadline's
 * window), the latest schedule time not after now and a rough count of the ones missed.
 */
export function mostRecentScheduleTime(cj: CronJob, nowMs: number, sched: CronSchedule, withDeadline: boolean): RecentSchedule {
  let earliest = parseTimestamp(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? '');
  if (withDeadline && cj.spec.startingDeadlineSeconds !== undefined) {
    earliest = Math.max(earliest, nowMs - cj.spec.startingDeadlineSeconds * 1000);
  }
  const next = (t: number) => {
    const n = nextActivation(sched, toUnix(t));
    return n === undefined ? Infinity : toSim(n);
  };
  const t1 = next(earliest);
  const t2 = next(t1);
  if (nowMs < t1) return { earliestMs: earliest, missed: 'none' };
  if (nowMs < t2) return { earliestMs: earliest, mostRecentMs: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (!(between >= 1)) return { earliestMs: earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const missedCount = Math.floor(Math.floor((nowMs - t1) / 1000) / between) + 1;
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  for (let t = next(potentialEarliest); t <= nowMs; t = next(t)) mostRecent = t;
  const missed = missedCount > MANY_MISSED ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliestMs: earliest, mostRecentMs: mostRecent, missed };
}

/** nextScheduleTimeDuration: how long until 100 ms after the next schedule time. */
export function nextScheduleDelayMs(cj: CronJob, nowMs: number, sched: CronSchedule): number {
  const r = mostRecentScheduleTime(cj, nowMs, sched, false);
  const from = r.error !== undefined ? nowMs : (r.mostRecentMs ?? r.earliestMs);
  const n = nextActivation(sched, toUnix(from));
  if (n === undefined) return Infinity;
  return toSim(n) + NEXT_SCHEDULE_DELTA_MS - nowMs;
}

class CronJobSync extends (Object as unknown as typeof CronJobController) {
  syncKey(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const stored = this.ctx.store.tryGet<CronJob>('cronjobs', namespace, name);
    if (!stored) return 'done';
    const cj = deepClone(stored) as CronJob;
    cj.status = cj.status ?? {};
    const jobs = this.ctx.store.list<Job>('jobs', { namespace }).items.filter((j) => controllerOf(j)?.uid === cj.metadata.uid);
    const before = deepClone(cj.status);
    const requeueMs = this.syncCronJob(cj, jobs);
    this.cleanupFinishedJobs(cj, jobs);
    if (!deepEqual(before, cj.status)) {
      try {
        this.ctx.store.update({ ...cj, status: compact(cj.status) }, { subresource: 'status' });
      } catch (e) {
        if (!isStatusError(e)) throw e;
        return 'retry';
      }
    }
    return requeueMs === undefined || !Number.isFinite(requeueMs) ? 'done' : Math.max(0, requeueMs);
  }

  /** The first half of syncCronJob: the active list against the Jobs that exist. */
  private reconcileActive(cj: CronJob, jobs: readonly Job[]): void {
    const status = cj.status!;
    const uids = new Set(jobs.map((j) => j.metadata.uid));
    for (const j of jobs) {
      const found = (status.active ?? []).some((r) => r.uid === j.metadata.uid);
      if (!found && !isJobFinished(j)) {
        this.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      } else if (found && isJobFinished(j)) {
        const cond = trueCondition(j, 'Complete') ? 'Complete' : 'Failed';
        status.active = (status.active ?? []).filter((r) => r.uid !== j.metadata.uid);
        this.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${cond}`);
      } else if (trueCondition(j, 'Complete') && j.status?.completionTime) {
        const last = status.lastSuccessfulTime;
        if (!last || parseTimestamp(j.status.completionTime) > parseTimestamp(last)) status.lastSuccessfulTime = j.status.completionTime;
      }
    }
    for (const r of [...(status.active ?? [])]) {
      if (uids.has(r.uid)) continue;
      if (this.ctx.store.tryGet('jobs', r.namespace ?? '', r.name ?? '')) continue;
      this.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${r.name}`);
      status.active = (status.active ?? []).filter((x) => x.uid !== r.uid);
    }
  }

  /** syncCronJob: returns when to look again (ms from now), if at all. */
  private syncCronJob(cj: CronJob, jobs: readonly Job[]): number | undefined {
    this.reconcileActive(cj, jobs);
    if (cj.metadata.deletionTimestamp) return undefined;
    const zone = loadLocation(cj.spec.timeZone ?? '');
    if (typeof zone === 'string') {
      this.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(cj.spec.timeZone)}: ${zone}`);
      return undefined;
    }
    if (cj.spec.suspend === true) return undefined;
    let sched: CronSchedule;
    try {
      sched = parseStandard(cj.spec.schedule, zone);
    } catch (e) {
      if (!(e instanceof CronError)) throw e;
      this.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec.schedule)} : ${e.message}`);
      return undefined;
    }
    const now = this.ctx.kernel.now;
    const recent = mostRecentScheduleTime(cj, now, sched, true);
    if (recent.error !== undefined) {
      this.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${recent.error}`);
      return undefined;
    }
    const scheduled = recent.mostRecentMs;
    if (scheduled === undefined || scheduled > now) return nextScheduleDelayMs(cj, now, sched);
    if (recent.missed === 'many') {
      this.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    return this.startJob(cj, scheduled, sched, zone);
  }

  /** The rest of syncCronJob for an unmet schedule time: deadline, dedup, concurrency, create. */
  private startJob(cj: CronJob, scheduled: number, sched: CronSchedule, zone: Exclude<ReturnType<typeof loadLocation>, string>): number {
    const now = this.ctx.kernel.now;
    const status = cj.status!;
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined && scheduled + deadline * 1000 < now) {
      this.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return nextScheduleDelayMs(cj, now, sched);
    }
    const jobName = jobNameFor(cj, scheduled);
    const lastScheduled = status.lastScheduleTime !== undefined && parseTimestamp(status.lastScheduleTime) === scheduled;
    if ((status.active ?? []).some((r) => r.name === jobName) || lastScheduled) return nextScheduleDelayMs(cj, now, sched);
    if (cj.spec.concurrencyPolicy === 'Forbid' && (status.active ?? []).length > 0) {
      this.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return nextScheduleDelayMs(cj, now, sched);
    }
    if (cj.spec.concurrencyPolicy === 'Replace') {
      for (const r of [...(status.active ?? [])]) {
        const job = this.ctx.store.tryGet<Job>('jobs', r.namespace ?? '', r.name ?? '');
        if (job) this.deleteJob(cj, job);
      }
    }
    const created = this.createJob(cj, this.jobFromTemplate(cj, scheduled, zone));
    if (!created) return nextScheduleDelayMs(cj, now, sched);
    status.active = [...(status.active ?? []), jobRef(created)];
    status.lastScheduleTime = formatTimestamp(scheduled);
    return nextScheduleDelayMs(cj, now, sched);
  }

  /** getJobFromTemplate2 */
  private jobFromTemplate(cj: CronJob, scheduled: number, zone: Exclude<ReturnType<typeof loadLocation>, string>): Job {
    const t = cj.spec.jobTemplate;
    const annotations = { ...(t.metadata?.annotations ?? {}), [CRONJOB_SCHEDULED_TIMESTAMP]: formatRfc3339In(toUnix(scheduled), zone) };
    const metadata: Job['metadata'] = { name: jobNameFor(cj, scheduled), namespace: cj.metadata.namespace, annotations, ownerReferences: [newControllerRef(cj)] };
    if (t.metadata?.labels) metadata.labels = { ...t.metadata.labels };
    return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: deepClone(t.spec) } as Job;
  }

  /** CreateJob; an existing Job of that name that is ours and already listed is not an error. */
  private createJob(cj: CronJob, job: Job): Job | undefined {
    try {
      const created = this.ctx.store.create<Job>(job);
      this.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
      return created;
    } catch (e) {
      if (!isStatusError(e)) throw e;
      if (e.reason === 'AlreadyExists') {
        const existing = this.ctx.store.tryGet<Job>('jobs', job.metadata.namespace ?? '', job.metadata.name ?? '');
        if (!existing || controllerOf(existing)?.uid !== cj.metadata.uid) return undefined;
        if ((cj.status?.active ?? []).some((r) => r.uid === existing.metadata.uid)) return undefined;
        return existing;
      }
      this.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e.message}`);
      return undefined;
    }
  }

  /** cleanupFinishedJobs: keep the newest successful and failed Jobs within the history limits. */
  private cleanupFinishedJobs(cj: CronJob, jobs: readonly Job[]): void {
    const succeeded = jobs.filter((j) => trueCondition(j, 'Complete'));
    const failed = jobs.filter((j) => trueCondition(j, 'Failed'));
    if (cj.spec.successfulJobsHistoryLimit !== undefined) this.removeOldest(cj, succeeded, cj.spec.successfulJobsHistoryLimit);
    if (cj.spec.failedJobsHistoryLimit !== undefined) this.removeOldest(cj, failed, cj.spec.failedJobsHistoryLimit);
  }

  private removeOldest(cj: CronJob, jobs: Job[], max: number): void {
    const n = jobs.length - max;
    if (n <= 0) return;
    for (const j of [...jobs].sort(byStartTime).slice(0, n)) {
      if (this.ctx.store.tryGet('jobs', j.metadata.namespace ?? '', j.metadata.name ?? '')) this.deleteJob(cj, j);
    }
  }

  /** deleteJob: background deletion, then out of the active list. */
  private deleteJob(cj: CronJob, job: Job): boolean {
    try {
      this.ctx.store.delete('jobs', job.metadata.namespace ?? '', job.metadata.name ?? '');
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${e.message}`);
      return false;
    }
    if (cj.status) cj.status.active = (cj.status.active ?? []).filter((r) => r.uid !== job.metadata.uid);
    this.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
    return true;
  }

  private event(cj: CronJob, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const latest = this.ctx.store.tryGet<CronJob>('cronjobs', cj.metadata.namespace ?? '', cj.metadata.name ?? '') ?? cj;
    this.ctx.events.record({ involved: latest, type, reason, message, component: CRONJOB_CONTROLLER });
  }
}


/** CronJobController.sync: The CronJob controller's sync. */
export function syncCronJobKey(c: CronJobController, key: string): ReconcileResult {
  lendMethods(CronJobController, CronJobSync);
  return (c as CronJobSync).syncKey(key);
}


/** byJobStartTime: started before not started, earlier first, then by name. */
function byStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (!sa && sb) return 1;
  if (sa && !sb) return -1;
  if (sa && sb && sa !== sb) return parseTimestamp(sa) - parseTimestamp(sb);
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** ref.GetReference of a Job, as the active list holds it. */
function jobRef(job: Job): ObjectReference {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: job.metadata.name,
    namespace: job.metadata.namespace,
    resourceVersion: job.metadata.resourceVersion,
    uid: job.metadata.uid,
  };
}

function compact(s: NonNullable<CronJob['status']>): CronJob['status'] {
  const out = { ...s };
  if (out.active?.length === 0) delete out.active;
  return out;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
function rfc1123z(simMs: number): string {
  const d = new Date(toUnix(simMs));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
