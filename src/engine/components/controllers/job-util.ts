/**
 * The pure parts of the Job controller (pkg/controller/job, v1.31): the Job's shape, which pods
 * count as finished, succeeded or terminating, the pod-failure back-off (backoff_utils.go),
 * completion indexes as interval lists (indexed_job_utils.go), the conditions, and the status
 * bookkeeping (uncounted pods moving into the counters, the serialised status). What the
 * controller made at boot reads is here; the rest, which only a sync reads, is job-util-sync.ts
 * (a late part of the engine: engine/late.ts).
 */
import type { Condition, KObject, LabelSelector, Pod, PodTemplateSpec } from '../../api/types.ts';

/** The finalizer the controller puts on every pod it creates, until the pod is counted. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** Annotation and label holding an Indexed Job pod's completion index. */
export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
/** DefaultJobPodFailureBackOff */
export const POD_FAILURE_BACKOFF_MS = 10_000;
/** MaxJobPodFailureBackOff (the v1.31 code caps at 10 minutes; the docs say six). */
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
/** syncJobBatchPeriod: pod events reach a Job's sync at most once a second. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;

/** batch/v1 Job, as far as the controller reads it. */
export interface Job extends KObject {
  kind: 'Job';
  spec: {
    parallelism?: number;
    completions?: number;
    activeDeadlineSeconds?: number;
    backoffLimit?: number;
    ttlSecondsAfterFinished?: number;
    completionMode?: 'NonIndexed' | 'Indexed';
    suspend?: boolean;
    podReplacementPolicy?: string;
    podFailurePolicy?: unknown;
    selector?: LabelSelector;
    manualSelector?: boolean;
    template: PodTemplateSpec;
  };
  status?: JobStatus;
}

/** batch/v1 JobStatus (counters with omitempty are left out when 0). */
export interface JobStatus {
  conditions?: Condition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  ready?: number;
  completedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}

/** The back-off bookkeeping kept per Job between syncs (backoffRecord). */
export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTimeMs?: number;
}

export const hasTrackingFinalizer = (p: Pod): boolean => (p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);

/** The condition of a type with status True, if any. */
export function trueCondition(job: Job, type: string): Condition | undefined {
  return job.status?.conditions?.find((c) => c.type === type && c.status === 'True');
}

/** util.IsJobFinished: Complete or Failed is True. */
export const isJobFinished = (job: Job): boolean => trueCondition(job, 'Complete') !== undefined || trueCondition(job, 'Failed') !== undefined;
