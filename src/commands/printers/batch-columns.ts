/**
 * `kubectl get jobs` and `kubectl get cronjobs` columns, following printers.go `printJob` (v1.31,
 * with its STATUS column) and `printCronJob`.
 */
import type { LabelSelector } from '../../engine/api/types.ts';
import { parseTimestamp } from '../../engine/kernel/time.ts';
import { humanDuration, translateTimestampSince } from './age.ts';
import { asArray, asNumber, asRecord, asString, type ResourcePrinter } from './column-types.ts';
import { formatLabelSelector } from './selector.ts';
import { containerCells } from './workload-columns.ts';

/** Whether a Job has a condition of this type with status True. */
function hasCondition(status: Record<string, unknown>, type: string): boolean {
  return asArray(status.conditions).some((c) => asRecord(c).type === type && asRecord(c).status === 'True');
}

/** printJob's STATUS: what the Job came to, in this order of precedence. */
export function jobStatusCell(job: { metadata: { deletionTimestamp?: string }; status?: unknown }): string {
  const status = asRecord(job.status);
  if (hasCondition(status, 'Complete')) return 'Complete';
  if (hasCondition(status, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(status, 'Suspended')) return 'Suspended';
  if (hasCondition(status, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(status, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/** COMPLETIONS: `succeeded/completions`, or `n/1 of parallelism` for a work queue Job. */
function completionsCell(spec: Record<string, unknown>, status: Record<string, unknown>): string {
  const succeeded = asNumber(status.succeeded);
  if (typeof spec.completions === 'number') return `${succeeded}/${spec.completions}`;
  const parallelism = asNumber(spec.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** DURATION: completion − start, or how long it has been running, or nothing before it starts. */
function durationCell(status: Record<string, unknown>, nowMs: number): string {
  const start = asString(status.startTime);
  if (start === '') return '';
  const end = asString(status.completionTime);
  return humanDuration((end === '' ? nowMs : parseTimestamp(end)) - parseTimestamp(start));
}

/** Job table printer. */
export const jobPrinter: ResourcePrinter = {
  columns: [
    { name: 'Name' },
    { name: 'Status' },
    { name: 'Completions' },
    { name: 'Duration' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(job, ctx) {
    const spec = asRecord(job.spec);
    const status = asRecord(job.status);
    const [names, images] = containerCells(spec.template);
    return [
      asString(job.metadata.name),
      jobStatusCell(job),
      completionsCell(spec, status),
      durationCell(status, ctx.nowMs),
      translateTimestampSince(job.metadata.creationTimestamp, ctx.nowMs),
      names,
      images,
      formatLabelSelector(spec.selector as LabelSelector | undefined),
    ];
  },
};

/** printBoolPtr: `True`, `False` or `<unset>`. */
function boolPtr(v: unknown): string {
  if (typeof v !== 'boolean') return '<unset>';
  return v ? 'True' : 'False';
}

/** CronJob table printer. */
export const cronJobPrinter: ResourcePrinter = {
  columns: [
    { name: 'Name' },
    { name: 'Schedule' },
    { name: 'Timezone' },
    { name: 'Suspend' },
    { name: 'Active' },
    { name: 'Last Schedule' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(cj, ctx) {
    const spec = asRecord(cj.spec);
    const status = asRecord(cj.status);
    const jobSpec = asRecord(asRecord(spec.jobTemplate).spec);
    const [names, images] = containerCells(jobSpec.template);
    const last = asString(status.lastScheduleTime);
    return [
      asString(cj.metadata.name),
      asString(spec.schedule),
      typeof spec.timeZone === 'string' ? spec.timeZone : '<none>',
      boolPtr(spec.suspend),
      String(asArray(status.active).length),
      last === '' ? '<none>' : translateTimestampSince(last, ctx.nowMs),
      translateTimestampSince(cj.metadata.creationTimestamp, ctx.nowMs),
      names,
      images,
      formatLabelSelector(jobSpec.selector as LabelSelector | undefined),
    ];
  },
};
