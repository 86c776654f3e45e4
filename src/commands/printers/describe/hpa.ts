/**
 * `kubectl describe hpa` (describe.go HorizontalPodAutoscalerDescriber, autoscaling/v2 path):
 * reference, each metric as `current / target` (`42% (210m) / 50%` for utilization targets,
 * `<unknown>` before the controller has read it; Pods, Object and External metrics by name), min/max replicas, the behavior when one is set,
 * `<Kind> pods: N current / M desired`, the conditions table and events.
 */
import type { KObject } from '../../../engine/api/types.ts';
import { describeEvents, searchEvents } from './events.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, str, tabbedString, type PrefixWriter } from './writer.ts';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const list = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(rec) : []);

/** One metric's lines (Resource metrics in full; the other kinds by their current/target values). */
function describeMetric(w: PrefixWriter, spec: Rec, status: Rec | undefined): void {
  const type = str(spec.type);
  if (type === 'Resource') {
    const src = rec(spec.resource);
    const target = rec(src.target);
    const cur = status?.resource !== undefined ? rec(rec(status.resource).current) : undefined;
    w.write(LEVEL_1, `resource ${str(src.name)} on pods`);
    if (target.averageValue !== undefined) {
      w.write(LEVEL_0, `:\t${cur ? str(cur.averageValue) || '0' : '<unknown>'} / ${str(target.averageValue)}\n`);
      return;
    }
    const current = cur && typeof cur.averageUtilization === 'number' ? `${cur.averageUtilization}% (${str(cur.averageValue) || '0'})` : '<unknown>';
    const goal = typeof target.averageUtilization === 'number' ? `${target.averageUtilization}%` : '<auto>';
    w.write(LEVEL_1, `(as a percentage of request):\t${current} / ${goal}\n`);
    return;
  }
  if (type === 'Pods') {
    const src = rec(spec.pods);
    const current = status?.pods !== undefined ? str(rec(rec(status.pods).current).averageValue) || '0' : '<unknown>';
    w.write(LEVEL_1, `"${str(rec(src.metric).name)}" on pods:\t${current} / ${quantity(rec(src.target).averageValue)}\n`);
    return;
  }
  if (type === 'Object' || type === 'External') describeValueMetric(w, type, spec, status);
  else w.write(LEVEL_1, `<unknown metric type "${type}">\n`);
}

/** Object and External metrics: a target average value or a target value, current from the status. */
function describeValueMetric(w: PrefixWriter, type: 'Object' | 'External', spec: Rec, status: Rec | undefined): void {
  const key = type === 'Object' ? 'object' : 'external';
  const src = rec(spec[key]);
  const target = rec(src.target);
  const average = type === 'Object' ? str(target.type) === 'AverageValue' : target.averageValue !== undefined;
  const field = average ? 'averageValue' : 'value';
  const cur = status?.[key] !== undefined ? rec(rec(status[key]).current) : undefined;
  const current = cur && cur[field] !== undefined ? str(cur[field]) : '<unknown>';
  const what = average ? '(target average value)' : '(target value)';
  const name = str(rec(src.metric).name);
  if (type === 'Object') {
    const obj = rec(src.describedObject);
    w.write(LEVEL_1, `"${name}" on ${str(obj.kind)}/${str(obj.name)} `);
    w.write(LEVEL_0, `${what}:\t${current} / ${quantity(target[field])}\n`);
  } else {
    w.write(LEVEL_1, `"${name}" ${what}:\t${current} / ${quantity(target[field])}\n`);
  }
}

/** A Quantity pointer's String(): `<nil>` when unset. */
function quantity(v: unknown): string {
  return v === undefined || v === null ? '<nil>' : str(v);
}

/** printDirectionBehavior */
function describeRules(w: PrefixWriter, direction: string, rules: unknown): void {
  if (rules === undefined || rules === null) return;
  const r = rec(rules);
  w.write(LEVEL_1, `${direction}:\n`);
  if (typeof r.stabilizationWindowSeconds === 'number') w.write(LEVEL_2, `Stabilization Window: ${r.stabilizationWindowSeconds} seconds\n`);
  const policies = list(r.policies);
  if (policies.length === 0) return;
  w.write(LEVEL_2, `Select Policy: ${str(r.selectPolicy) || 'Max'}\n`);
  w.write(LEVEL_2, 'Policies:\n');
  for (const p of policies) w.write(LEVEL_3, `- Type: ${str(p.type)}\tValue: ${Number(p.value ?? 0)}\tPeriod: ${Number(p.periodSeconds ?? 0)} seconds\n`);
}

export function describeHpaObject(ctx: DescribeContext, obj: KObject): string {
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  const ref = rec(spec.scaleTargetRef);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Reference:\t${str(ref.kind)}/${str(ref.name)}\n`);
    w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
    const current = list(status.currentMetrics);
    list(spec.metrics).forEach((m, i) => describeMetric(w, m, i < current.length ? current[i] : undefined));
    w.write(LEVEL_0, `Min replicas:\t${typeof spec.minReplicas === 'number' ? spec.minReplicas : '<unset>'}\n`);
    w.write(LEVEL_0, `Max replicas:\t${Number(spec.maxReplicas ?? 0)}\n`);
    if (spec.behavior !== undefined && spec.behavior !== null) {
      w.write(LEVEL_0, 'Behavior:\n');
      describeRules(w, 'Scale Up', rec(spec.behavior).scaleUp);
      describeRules(w, 'Scale Down', rec(spec.behavior).scaleDown);
    }
    w.write(LEVEL_0, `${str(ref.kind)} pods:\t${Number(status.currentReplicas ?? 0)} current / ${Number(status.desiredReplicas ?? 0)} desired\n`);
    const conditions = list(status.conditions);
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------\t-------\n');
      for (const c of conditions) w.write(LEVEL_1, `${str(c.type)}\t${str(c.status)}\t${str(c.reason)}\t${str(c.message)}\n`);
    }
    if (ctx.showEvents) {
      const events = searchEvents(ctx, { name: obj.metadata.name ?? '', namespace: obj.metadata.namespace ?? '', kind: 'HorizontalPodAutoscaler', uid: obj.metadata.uid });
      describeEvents(events, w, ctx.nowMs);
    }
  });
}
