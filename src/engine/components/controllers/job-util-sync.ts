/**
 * The pure parts of the Job controller's sync (job-util.ts has the rest): a late part of the
 * engine (engine/late.ts), read only by the syncs of Jobs and CronJobs (job-sync.ts, cronjob-sync.ts).
 */
import type { Condition, Pod } from '../../api/types.ts';
import { formatTimestamp, parseTimestamp } from '../../kernel/time.ts';
import { JOB_COMPLETION_INDEX, MAX_POD_FAILURE_BACKOFF_MS, POD_FAILURE_BACKOFF_MS, type BackoffRecord, type Job, type JobStatus } from './job-util.ts';

export const isIndexed = (job: Job): boolean => job.spec.completionMode === 'Indexed';

/** onlyReplaceFailedPods: a replacement waits for the old pod to be fully terminated. */
export const onlyReplaceFailedPods = (job: Job): boolean => job.spec.podReplacementPolicy === 'Failed' || job.spec.podFailurePolicy != null;

const isTerminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** isPodFailed: Failed, or (replacing terminating pods) deleted before it succeeded. */
export function isPodFailed(p: Pod, job: Job): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return p.metadata.deletionTimestamp !== undefined && p.status?.phase !== 'Succeeded';
}

/** controller.CountTerminatingPods */
export const countTerminating = (pods: readonly Pod[]): number => pods.filter((p) => p.metadata.deletionTimestamp !== undefined && !isTerminal(p)).length;

/** newCondition: both times are now. */
export function newCondition(type: string, reason: string, message: string, nowMs: number): Condition {
  const t = formatTimestamp(nowMs);
  const c: Condition = { type, status: 'True', lastProbeTime: t, lastTransitionTime: t };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/**
 * ensureJobConditionStatus: updates a condition of the type (new times only when the status
 * changes), or appends it — but never appends one whose status is False.
 */
export function ensureCondition(conds: Condition[], type: string, status: 'True' | 'False', reason: string, message: string, nowMs: number): boolean {
  const i = conds.findIndex((c) => c.type === type);
  const t = formatTimestamp(nowMs);
  if (i >= 0) {
    const c = conds[i];
    if (c.status === status && c.reason === reason && c.message === message) return false;
    conds[i] = { ...c, status, reason, message, lastProbeTime: t, lastTransitionTime: c.status !== status ? t : c.lastTransitionTime };
    return true;
  }
  if (status === 'False') return false;
  conds.push({ type, status, lastProbeTime: t, lastTransitionTime: t, reason, message });
  return true;
}

// ---- pod failure back-off ---------------------------------------------------------------------

/** getFinishedTime: the last container to finish, else Ready=False's transition, else the deletion, else creation. */
export function finishedTimeMs(p: Pod): number {
  let latest: number | undefined;
  let all = (p.status?.containerStatuses ?? []).length > 0;
  for (const cs of p.status?.containerStatuses ?? []) {
    const at = cs.state?.terminated?.finishedAt;
    if (typeof at !== 'string') {
      all = false;
      break;
    }
    latest = Math.max(latest ?? -Infinity, parseTimestamp(at));
  }
  if (all && latest !== undefined) return latest;
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'False' && ready.lastTransitionTime) return parseTimestamp(ready.lastTransitionTime);
  if (p.metadata.deletionTimestamp) return parseTimestamp(p.metadata.deletionTimestamp) - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return parseTimestamp(p.metadata.creationTimestamp ?? '');
}

/** newBackoffRecord: failures since the last success, and when the last of them finished. */
export function nextBackoffRecord(prev: BackoffRecord | undefined, newSucceeded: readonly Pod[], newFailed: readonly Pod[]): BackoffRecord {
  const rec: BackoffRecord = { failuresAfterLastSuccess: prev?.failuresAfterLastSuccess ?? 0, lastFailureTimeMs: prev?.lastFailureTimeMs };
  const failedTimes = newFailed.map(finishedTimeMs).sort((a, b) => a - b);
  if (newSucceeded.length === 0) {
    if (failedTimes.length === 0) return rec;
    return { failuresAfterLastSuccess: rec.failuresAfterLastSuccess + failedTimes.length, lastFailureTimeMs: failedTimes[failedTimes.length - 1] };
  }
  const lastSuccess = Math.max(...newSucceeded.map(finishedTimeMs));
  const out: BackoffRecord = { failuresAfterLastSuccess: 0 };
  for (let i = failedTimes.length - 1; i >= 0 && failedTimes[i] > lastSuccess; i--) {
    out.lastFailureTimeMs ??= failedTimes[i];
    out.failuresAfterLastSuccess++;
  }
  return out;
}

/** The back-off after `failures` consecutive failures: 10 s, 20 s, 40 s, … capped at 10 min. */
export function backoffDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  let d = POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= MAX_POD_FAILURE_BACKOFF_MS) return MAX_POD_FAILURE_BACKOFF_MS;
  }
  return d;
}

/** getRemainingTime: how long pod creation must still wait. */
export function remainingBackoffMs(rec: BackoffRecord, nowMs: number): number {
  if (rec.failuresAfterLastSuccess === 0 || rec.lastFailureTimeMs === undefined) return 0;
  const delay = backoffDelayMs(rec.failuresAfterLastSuccess);
  const elapsed = nowMs - rec.lastFailureTimeMs;
  return delay < elapsed ? 0 : delay - elapsed;
}

// ---- completion indexes -----------------------------------------------------------------------

/** The completion index a pod carries, or undefined. */
export function completionIndex(p: Pod): number | undefined {
  const v = p.metadata.annotations?.[JOB_COMPLETION_INDEX];
  if (v === undefined || !/^[0-9]+$/.test(v)) return undefined;
  return Number(v);
}

/** parseIndexesFromString: `1,3-5` → {1,3,4,5} (indexes at or past `completions` dropped). */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    if (part === '') continue;
    const [a, b] = part.split('-').map(Number);
    for (let i = a; i <= (b ?? a) && i < completions; i++) if (Number.isInteger(i)) out.add(i);
  }
  return out;
}

/** orderedIntervals.String(): sorted indexes as `0,2-4,7`. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** firstPendingIndexes: the lowest `count` indexes neither succeeded nor running. */
export function firstPendingIndexes(succeeded: ReadonlySet<number>, active: ReadonlySet<number>, count: number, completions: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!succeeded.has(i) && !active.has(i)) out.push(i);
  return out;
}

/**
 * The order active pods are removed in (controller.ActivePods): unscheduled before scheduled,
 * pending before running, not ready before ready, then the newest first.
 */
export function removalOrder(a: Pod, b: Pod): number {
  const rank = (p: Pod): number[] => [
    p.spec.nodeName ? 1 : 0,
    p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Unknown' ? 1 : 2,
    p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 1 : 0,
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta > tb ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** pastBackoffLimitOnFailure: with OnFailure, container restarts of running pods count as failures. */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec.template.spec.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...(p.status.initContainerStatuses ?? []), ...(p.status.containerStatuses ?? [])]) restarts += s.restartCount;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** cleanUncountedPodsWithoutFinalizers: uncounted pods that lost their finalizer are counted. */
export function cleanUncounted(status: JobStatus, withFinalizer: ReadonlySet<string>): boolean {
  const u = (status.uncountedTerminatedPods ??= {});
  let changed = false;
  for (const kind of ['succeeded', 'failed'] as const) {
    const list = u[kind] ?? [];
    const keep = list.filter((uid) => withFinalizer.has(uid));
    if (keep.length === list.length) continue;
    status[kind] = (status[kind] ?? 0) + list.length - keep.length;
    if (keep.length > 0) u[kind] = keep;
    else delete u[kind];
    changed = true;
  }
  return changed;
}

/** The status as the API serialises it: zero counters with omitempty dropped. */
export function compactStatus(s: JobStatus): JobStatus {
  const out: JobStatus = { ...s, uncountedTerminatedPods: { ...s.uncountedTerminatedPods } };
  for (const k of ['active', 'succeeded', 'failed'] as const) if (!out[k]) delete out[k];
  if (!out.completedIndexes) delete out.completedIndexes;
  const u = out.uncountedTerminatedPods!;
  if (u.succeeded?.length === 0) delete u.succeeded;
  if (u.failed?.length === 0) delete u.failed;
  if (out.conditions?.length === 0) delete out.conditions;
  return out;
}

/** addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX from the pod's index annotation. */
export function addCompletionIndexEnv(containers: Pod['spec']['containers'] | undefined): void {
  for (const c of containers ?? []) {
    if ((c.env ?? []).some((e) => e.name === 'JOB_COMPLETION_INDEX')) continue;
    c.env = [...(c.env ?? []), { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX}']` } } }];
  }
}
