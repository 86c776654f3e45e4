/**
 * `kubectl describe replicaset` (describe.go ReplicaSetDescriber, v0.31): selector, owner,
 * replicas, the pods by phase, the pod template, conditions, then events.
 */
import type { KObject, ReplicaSet } from '../../../engine/api/types.ts';
import { formatLabelSelector } from '../selector.ts';
import { describeConditions } from './deployment.ts';
import { describeEvents, searchEvents } from './events.ts';
import { describePodTemplate, podStatusCounts } from './pod-template.ts';
import type { DescribeContext } from './types.ts';
import { controlledBy, LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

export function describeReplicaSetObject(ctx: DescribeContext, obj: KObject): string {
  const rs = obj as ReplicaSet;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
    const owner = controlledBy(rs.metadata);
    if (owner !== '') w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(ctx, rs, rs.spec?.selector)}\n`);
    describePodTemplate(rs.spec?.template, w);
    describeConditions(rs.status?.conditions, w);
    if (ctx.showEvents) {
      const events = searchEvents(ctx, { name: rs.metadata.name ?? '', namespace: rs.metadata.namespace ?? '', kind: 'ReplicaSet', uid: rs.metadata.uid });
      describeEvents(events, w, ctx.nowMs);
    }
  });
}
