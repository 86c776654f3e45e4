/**
 * `kubectl describe cronjob` (describe.go CronJobDescriber, v1.31): schedule, concurrency policy,
 * suspend, history limits, starting deadline, the job template (selector, parallelism,
 * completions, pod template), the last schedule time and the active Jobs, then events.
 */
import type { KObject, LabelSelector, ObjectReference, PodTemplateSpec } from '../../../engine/api/types.ts';
import { formatLabelSelector } from '../selector.ts';
import { describeEvents, searchEvents } from './events.ts';
import { describePodTemplate } from './pod-template.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, tabbedString, type PrefixWriter } from './writer.ts';

interface CronJobLike extends KObject {
  spec?: {
    schedule?: string;
    concurrencyPolicy?: string;
    suspend?: boolean;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    startingDeadlineSeconds?: number;
    jobTemplate?: { spec?: { selector?: LabelSelector; parallelism?: number; completions?: number; activeDeadlineSeconds?: number; template?: PodTemplateSpec } };
  };
  status?: { lastScheduleTime?: string; active?: ObjectReference[] };
}

const orUnset = (v: number | undefined, suffix = ''): string => (v === undefined ? '<unset>' : `${v}${suffix}`);

/** describeJobTemplate */
function describeJobTemplate(t: NonNullable<CronJobLike['spec']>['jobTemplate'], w: PrefixWriter): void {
  const spec = t?.spec ?? {};
  w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${orUnset(spec.parallelism)}\n`);
  w.write(LEVEL_0, `Completions:\t${orUnset(spec.completions)}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  describePodTemplate(spec.template, w);
}

/** describeCronJob */
export function describeCronJobObject(ctx: DescribeContext, obj: KObject): string {
  const cj = obj as CronJobLike;
  const spec = cj.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cj.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Suspend:\t${spec.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`);
    w.write(LEVEL_0, `Successful Job History Limit:\t${orUnset(spec.successfulJobsHistoryLimit)}\n`);
    w.write(LEVEL_0, `Failed Job History Limit:\t${orUnset(spec.failedJobsHistoryLimit)}\n`);
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${orUnset(spec.startingDeadlineSeconds, 's')}\n`);
    describeJobTemplate(spec.jobTemplate, w);
    const last = cj.status?.lastScheduleTime;
    w.write(LEVEL_0, `Last Schedule Time:\t${last ? rfc1123z(last) : '<unset>'}\n`);
    const active = cj.status?.active ?? [];
    w.write(LEVEL_0, `Active Jobs:\t${active.length === 0 ? '<none>' : active.map((r) => r.name ?? '').join(', ')}\n`);
    if (ctx.showEvents) {
      const events = searchEvents(ctx, { name: cj.metadata.name ?? '', namespace: cj.metadata.namespace ?? '', kind: 'CronJob', uid: cj.metadata.uid });
      describeEvents(events, w, ctx.nowMs);
    }
  });
}
