/**
 * `kubectl describe namespace` (describe.go NamespaceDescriber / describeNamespace): name, labels,
 * annotations, phase, conditions, then the namespace's resource quotas and limit ranges
 * (`No resource quota.` / `No LimitRange resource.` when it has none). No events.
 */
import type { KObject, Namespace } from '../../../engine/api/types.ts';
import { describeNamespaceLimitRanges, describeNamespaceQuotas } from './resourcequota.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, str, tabbedString } from './writer.ts';

export function describeNamespaceObject(ctx: DescribeContext, obj: KObject): string {
  const ns = obj as Namespace;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${str(ns.status?.phase)}\n`);
    const conditions = ns.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${str(c.reason)}\t${str(c.message)}\n`);
      }
    }
    const namespace = ns.metadata.name ?? '';
    w.write(LEVEL_0, '\n');
    describeNamespaceQuotas(w, ctx.store.list('resourcequotas', { namespace }).items);
    w.write(LEVEL_0, '\n');
    describeNamespaceLimitRanges(w, ctx.store.list('limitranges', { namespace }).items);
  });
}
