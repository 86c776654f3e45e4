/**
 * `kubectl describe job` (describe.go JobDescriber, v1.31): selector, labels, owner, the spec's
 * counts and limits, start/completion times and duration, the pods by state (with Ready), the
 * completed indexes of an Indexed Job, the pod template, then events.
 */
import type { KObject, LabelSelector, PodTemplateSpec } from '../../../engine/api/types.ts';
import { parseTimestamp } from '../../../engine/kernel/time.ts';
import { humanDuration } from '../age.ts';
import { formatLabelSelector } from '../selector.ts';
import { describeEvents, searchEvents } from './events.ts';
import { describePodTemplate } from './pod-template.ts';
import type { DescribeContext } from './types.ts';
import { controlledBy, LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, tabbedString, type PrefixWriter } from './writer.ts';

interface JobLike extends KObject {
  spec?: {
    selector?: LabelSelector;
    parallelism?: number;
    completions?: number;
    completionMode?: string;
    suspend?: boolean;
    backoffLimit?: number;
    ttlSecondsAfterFinished?: number;
    activeDeadlineSeconds?: number;
    template?: PodTemplateSpec;
  };
  status?: { startTime?: string; completionTime?: string; active?: number; ready?: number; succeeded?: number; failed?: number; completedIndexes?: string };
}

/** capIndexesListOrNone: the list cut after the first comma past `softLimit` characters. */
export function capIndexesListOrNone(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ',') ix++;
  return ix >= indexes.length ? indexes : `${indexes.slice(0, ix + 1)}...`;
}

function describeSpec(job: JobLike, w: PrefixWriter): void {
  const spec = job.spec ?? {};
  if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.completionMode !== undefined) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
}

function describeStatus(job: JobLike, w: PrefixWriter): void {
  const status = job.status ?? {};
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
  if (status.startTime && status.completionTime) {
    w.write(LEVEL_0, `Duration:\t${humanDuration(parseTimestamp(status.completionTime) - parseTimestamp(status.startTime))}\n`);
  }
  if (job.spec?.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${job.spec.activeDeadlineSeconds}s\n`);
  const counts = `${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
  if (status.ready === undefined) w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active / ${counts}\n`);
  else w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active (${status.ready} Ready) / ${counts}\n`);
  if (job.spec?.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexesListOrNone(status.completedIndexes, 50)}\n`);
}

/** describeJob */
export function describeJobObject(ctx: DescribeContext, obj: KObject): string {
  const job = obj as JobLike;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${job.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(job.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', job.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
    const owner = controlledBy(job.metadata);
    if (owner !== '') w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    describeSpec(job, w);
    describeStatus(job, w);
    describePodTemplate(job.spec?.template, w);
    if (ctx.showEvents) {
      const events = searchEvents(ctx, { name: job.metadata.name ?? '', namespace: job.metadata.namespace ?? '', kind: 'Job', uid: job.metadata.uid });
      describeEvents(events, w, ctx.nowMs);
    }
  });
}
