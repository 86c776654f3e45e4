/**
 * What the workload describers share (describe.go DescribePodTemplate and getPodStatusForController):
 * the `Pod Template:` block, and the `Pods Status:` counts of the pods a controller owns.
 */
import type { KObject, LabelSelector, Pod, PodTemplateSpec } from '../../../engine/api/types.ts';
import { labelSelectorRequirements } from '../../../engine/api/selectors.ts';
import { describeContainers } from './containers.ts';
import { describeTopologySpreadConstraints } from './pod.ts';
import type { DescribeContext } from './types.ts';
import { describeVolumes } from './volumes.ts';
import { LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, type PrefixWriter } from './writer.ts';

/** DescribePodTemplate: labels, annotations, service account, containers, volumes, scheduling. */
export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const meta = template.metadata ?? {};
  const spec = template.spec ?? { containers: [] };
  printLabelsMultiline(w, '  Labels', meta.labels);
  if (Object.keys(meta.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', meta.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers ?? [], undefined, undefined, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec.volumes as unknown[] | undefined, w, '  ');
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

/** getPodStatusForController: the owner's pods (selector + controller uid) counted by phase. */
export function podStatusCounts(ctx: DescribeContext, owner: KObject, selector: LabelSelector | undefined): string {
  const pods = ctx.store.list<Pod>('pods', { namespace: owner.metadata.namespace, labelSelector: labelSelectorRequirements(selector) }).items;
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const p of pods) {
    const ref = p.metadata.ownerReferences?.find((r) => r.controller === true);
    if (ref?.uid !== owner.metadata.uid) continue;
    const phase = p.status?.phase;
    if (phase === 'Running') running++;
    else if (phase === 'Pending') waiting++;
    else if (phase === 'Succeeded') succeeded++;
    else if (phase === 'Failed') failed++;
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}
