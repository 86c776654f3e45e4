/**
 * `kubectl describe deployment` (describe.go DeploymentDescriber, v0.31): replicas summary,
 * strategy, the pod template, conditions, the old and new ReplicaSets, then events.
 */
import type { Deployment, KObject, ReplicaSet } from '../../../engine/api/types.ts';
import { findNewReplicaSet } from '../../../engine/components/controllers/deployment/sync.ts';
import { ownedReplicaSets } from '../../../engine/components/controllers/deployment/history.ts';
import { labelSelectorString } from '../selector.ts';
import { describeEvents, searchEvents } from './events.ts';
import { describePodTemplate } from './pod-template.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, str, tabbedString, type PrefixWriter } from './writer.ts';

export function describeDeploymentObject(ctx: DescribeContext, obj: KObject): string {
  const d = obj as Deployment;
  const all = ctx.store.list<ReplicaSet>('replicasets', { namespace: d.metadata.namespace }).items;
  // GetAllReplicaSetsInChunks: the new one, and every old one — scaled to 0 too (the describer
  // takes FindOldReplicaSets' allOldRSs: `web-5d56bb9df (0/0 replicas created)`).
  const owned = ownedReplicaSets(d, all);
  const newRS = findNewReplicaSet(d, owned);
  const oldRSs = owned.filter((rs) => rs !== newRS);
  return tabbedString((w) => {
    describeHeader(d, w);
    describePodTemplate(d.spec?.template, w);
    describeConditions(d.status?.conditions, w);
    if (oldRSs.length > 0 || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsByLabels(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsByLabels(newRS ? [newRS] : [])}\n`);
    }
    if (ctx.showEvents) {
      const events = searchEvents(ctx, { name: d.metadata.name ?? '', namespace: d.metadata.namespace ?? '', kind: 'Deployment', uid: d.metadata.uid });
      describeEvents(events, w, ctx.nowMs);
    }
  });
}

function describeHeader(d: Deployment, w: PrefixWriter): void {
  const spec = d.spec ?? ({} as Deployment['spec']);
  const s = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${d.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector) ?? ''}\n`);
  const counts = `${spec.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`;
  w.write(LEVEL_0, `Replicas:\t${counts}\n`);
  w.write(LEVEL_0, `StrategyType:\t${str(spec.strategy?.type)}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
}

/** intstr.IntOrString.String(): the number or the string; a missing value is the zero int. */
function intOrString(v: number | string | undefined): string {
  return v === undefined ? '0' : String(v);
}

/** The Conditions table shared by the workload describers (note the space before the first tab). */
export function describeConditions(conditions: readonly { type: string; status: string; reason?: string }[] | undefined, w: PrefixWriter): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${str(c.reason)}\n`);
}

/** printReplicaSetsByLabels: `web-7d4b9c8f5 (3/3 replicas created)`, comma-joined, or `<none>`. */
function replicaSetsByLabels(rss: readonly ReplicaSet[]): string {
  const list = rss.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`).join(', ');
  return list === '' ? '<none>' : list;
}
