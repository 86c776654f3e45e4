/**
 * `kubectl describe daemonset` (describe.go DaemonSetDescriber): selector, node selector (no
 * namespace line: kubectl v1.31 prints none), the status counters, the pods by phase, the pod template, then events.
 */
import type { KObject, LabelSelector, PodTemplateSpec } from '../../../engine/api/types.ts';
import { formatLabels, labelSelectorString } from '../selector.ts';
import { describeEvents, searchEvents } from './events.ts';
import { describePodTemplate, podStatusCounts } from './pod-template.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

export function describeDaemonSetObject(ctx: DescribeContext, obj: KObject): string {
  const spec = (obj.spec ?? {}) as { selector?: LabelSelector; template?: PodTemplateSpec };
  const status = (obj.status ?? {}) as Record<string, number | undefined>;
  const n = (k: string): number => status[k] ?? 0;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector) ?? ''}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(spec.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${n('desiredNumberScheduled')}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${n('currentNumberScheduled')}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${n('updatedNumberScheduled')}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${n('numberAvailable')}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${n('numberMisscheduled')}\n`);
    w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(ctx, obj, spec.selector)}\n`);
    describePodTemplate(spec.template, w);
    if (ctx.showEvents) {
      const events = searchEvents(ctx, { name: obj.metadata.name ?? '', namespace: obj.metadata.namespace ?? '', kind: 'DaemonSet', uid: obj.metadata.uid });
      describeEvents(events, w, ctx.nowMs);
    }
  });
}
