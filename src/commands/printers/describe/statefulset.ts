/**
 * `kubectl describe statefulset` (describe.go StatefulSetDescriber): identity, replicas, update
 * strategy (with the partition), the pods by phase, the pod template, the volume claim
 * templates, then events.
 */
import type { KObject, LabelSelector, PodTemplateSpec } from '../../../engine/api/types.ts';
import { labelSelectorString } from '../selector.ts';
import { describeEvents, searchEvents } from './events.ts';
import { describePodTemplate, podStatusCounts } from './pod-template.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, LEVEL_1, printLabelsMultiline, printAnnotationsMultiline, rfc1123z, tabbedString, type PrefixWriter } from './writer.ts';

interface ClaimTemplate {
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { storageClassName?: string; accessModes?: string[]; resources?: { requests?: Record<string, string> } };
}

interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
  volumeClaimTemplates?: ClaimTemplate[];
}

export function describeStatefulSetObject(ctx: DescribeContext, obj: KObject): string {
  const spec = (obj.spec ?? {}) as StatefulSetSpec;
  const status = (obj.status ?? {}) as { replicas?: number };
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector) ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 1} desired | ${status.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru?.partition !== undefined) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${String(ru.maxUnavailable)}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(ctx, obj, spec.selector)}\n`);
    describePodTemplate(spec.template, w);
    describeVolumeClaimTemplates(spec.volumeClaimTemplates ?? [], w);
    if (ctx.showEvents) {
      const events = searchEvents(ctx, { name: obj.metadata.name ?? '', namespace: obj.metadata.namespace ?? '', kind: 'StatefulSet', uid: obj.metadata.uid });
      describeEvents(events, w, ctx.nowMs);
    }
  });
}

/** describeVolumeClaimTemplates: name, class, labels, annotations, capacity and access modes of each. */
function describeVolumeClaimTemplates(templates: readonly ClaimTemplate[], w: PrefixWriter): void {
  if (templates.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_1, `StorageClass:\t${pvc.spec?.storageClassName ?? pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
    printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
    w.write(LEVEL_1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}\n`);
    w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
  }
}
