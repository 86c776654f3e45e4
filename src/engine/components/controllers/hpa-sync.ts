/**
 * The HPA controller's reconcile logic (hpa.ts): a late part of the engine (engine/late.ts), since
 * the default cluster has no HorizontalPodAutoscaler. Its methods are lent to the controller.
 */
import { isStatusError } from '../../api/errors.ts';
import { canonicalQuantity, cpuMilli, memoryBytes, QuantityError } from '../../api/quantity.ts';
import { RESOURCE_TYPES } from '../../api/resources.ts';
import type { Condition, KObject, LabelSelector, Pod } from '../../api/types.ts';
import { deepClone, deepEqual } from '../../kernel/objects.ts';
import { formatTimestamp } from '../../kernel/time.ts';
import { normalizeDesired, storeScaleEvent, type ConditionUpdate } from './hpa-behavior.ts';
import { rawResourceReplicas, ReplicaCalcError, resourceReplicas, type MetricResource, type PodMetric } from './hpa-replicas.ts';
import { selectorMatches } from './util.ts';
import { HorizontalPodAutoscalerController, HPA_COMPONENT, SCALABLE, type HorizontalPodAutoscaler, type HpaStatus, type MetricSpec, type MetricStatus } from './hpa.ts';
import { lendMethods } from '../../late.ts';

/** One sync's working copy. */
interface Sync {
  hpa: HorizontalPodAutoscaler;
  key: string;
  conditions: Condition[];
}

class HpaSync extends (Object as unknown as typeof HorizontalPodAutoscalerController) {
  /** reconcileAutoscaler */
  reconcileAutoscaler(hpa: HorizontalPodAutoscaler, key: string): void {
    const s: Sync = { hpa, key, conditions: deepClone(hpa.status?.conditions ?? []) };
    const target = this.getScale(s);
    if (!target) return;
    this.setCondition(s, { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" });
    const spec = target.spec as { replicas?: number; selector?: LabelSelector };
    const current = spec.replicas ?? 1;
    const h = (this.history[key] ??= { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] });
    if (h.recommendations.length === 0) h.recommendations.push({ replicas: current, atMs: this.now });
    const min = hpa.spec.minReplicas ?? 1;
    const max = hpa.spec.maxReplicas;
    let desired = 0;
    let reason = '';
    let metricStatuses: MetricStatus[] | undefined;
    let rescale = true;
    if (current === 0 && min !== 0) {
      rescale = false;
      this.setCondition(s, { type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
    } else if (current > max) {
      [desired, reason] = [max, 'Current number of replicas above Spec.MaxReplicas'];
    } else if (current < min) {
      [desired, reason] = [min, 'Current number of replicas below Spec.MinReplicas'];
    } else {
      const computed = this.computeReplicasForMetrics(s, target, current);
      metricStatuses = computed.statuses;
      if (computed.error !== undefined) {
        this.writeStatus(s, { ...this.statusBase(hpa), currentReplicas: current, currentMetrics: metricStatuses });
        this.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', computed.error);
        return;
      }
      desired = computed.replicas;
      if (desired > current) reason = `${computed.metric} above target`;
      if (desired < current) reason = 'All metrics below target';
      const normalized = normalizeDesired(h, { current, desired, min, max, nowMs: this.now, behavior: hpa.spec.behavior });
      for (const c of normalized.conditions) this.setCondition(s, c);
      desired = normalized.replicas;
      rescale = desired !== current;
    }
    if (rescale && !this.rescale(s, target, current, desired, reason)) return;
    if (!rescale) desired = current;
    const base = this.statusBase(hpa);
    const lastScaleTime = rescale ? formatTimestamp(this.now) : base.lastScaleTime;
    this.writeStatus(s, { currentReplicas: current, desiredReplicas: desired, lastScaleTime, currentMetrics: metricStatuses });
  }

  private get now(): number {
    return this.ctx.kernel.now;
  }

  /** The stored status, the base every partial status update starts from. */
  private statusBase(hpa: HorizontalPodAutoscaler): HpaStatus {
    const st = hpa.status;
    return { desiredReplicas: st?.desiredReplicas ?? 0, currentReplicas: st?.currentReplicas, lastScaleTime: st?.lastScaleTime, currentMetrics: st?.currentMetrics };
  }

  /** The target through its scale subresource; on failure the FailedGetScale event and condition. */
  private getScale(s: Sync): KObject | undefined {
    const ref = s.hpa.spec.scaleTargetRef;
    const apiVersion = ref.apiVersion ?? '';
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const rt = RESOURCE_TYPES.find((r) => r.kind === ref.kind && r.group === group);
    let error: string;
    if (!rt || !SCALABLE.has(`${group}/${ref.kind}`)) {
      error = `no matches for kind "${ref.kind}" in group "${group}"`;
    } else {
      const target = this.ctx.store.tryGet(rt, s.hpa.metadata.namespace ?? '', ref.name);
      if (target) return target;
      error = `${group ? `${rt.plural}.${group}` : rt.plural} "${ref.name}" not found`;
    }
    this.event(s.hpa, 'Warning', 'FailedGetScale', error);
    this.setCondition(s, { type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${error}` });
    this.writeStatus(s, this.statusBase(s.hpa));
    return undefined;
  }

  /** computeReplicasForMetrics: the largest proposal of the metrics that could be read. */
  private computeReplicasForMetrics(s: Sync, target: KObject, current: number): { replicas: number; metric: string; statuses: MetricStatus[]; error?: string } {
    const selector = (target.spec as { selector?: LabelSelector }).selector;
    const specs = s.hpa.spec.metrics ?? [];
    const statuses: MetricStatus[] = specs.map(() => ({ type: '' }));
    if (!selector) {
      this.event(s.hpa, 'Warning', 'SelectorRequired', 'selector is required');
      this.setCondition(s, { type: 'ScalingActive', status: 'False', reason: 'InvalidSelector', message: "the HPA target's scale is missing a selector" });
      return { replicas: 0, metric: '', statuses: [], error: 'selector is required' };
    }
    const namespace = s.hpa.metadata.namespace ?? '';
    const pods = this.ctx.store.list<Pod>('pods', { namespace }).items.filter((p) => selectorMatches(selector, p.metadata.labels));
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstError: { message: string; condition: ConditionUpdate } | undefined;
    specs.forEach((spec, i) => {
      const r = this.computeForMetric(spec, current, pods, namespace);
      if ('error' in r) {
        this.event(s.hpa, 'Warning', r.condition.reason, r.error);
        // computeReplicasForMetric wraps a resource metric's error once more for the summary.
        const outer = spec.type === 'Resource' ? `failed to get ${spec.resource?.name ?? ''} resource metric value: ${r.error}` : r.error;
        if (invalid++ === 0) firstError = { message: outer, condition: r.condition };
        return;
      }
      statuses[i] = r.status;
      if (replicas === 0 || r.replicas > replicas) [replicas, metric] = [r.replicas, r.metric];
    });
    if (firstError && invalid >= specs.length) {
      this.setCondition(s, firstError.condition);
      return { replicas: 0, metric: '', statuses, error: `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError.message}` };
    }
    this.setCondition(s, { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${metric}` });
    return { replicas, metric, statuses };
  }

  /** computeStatusForResourceMetric (utilization targets). */
  private computeForMetric(
    spec: MetricSpec,
    current: number,
    pods: readonly Pod[],
    namespace: string,
  ): { replicas: number; metric: string; status: MetricStatus } | { error: string; condition: ConditionUpdate } {
    const fail = (reason: string, error: string) => ({
      error,
      condition: { type: 'ScalingActive' as const, status: 'False' as const, reason, message: `the HPA was unable to compute the replica count: ${error}` },
    });
    if (spec.type !== 'Resource' || !spec.resource) {
      return fail(`FailedGet${spec.type}Metric`, `unable to get metric of type ${spec.type}: no custom or external metrics API is registered`);
    }
    const resource = spec.resource.name as MetricResource;
    const { averageUtilization, averageValue } = spec.resource.target;
    if (averageUtilization === undefined && averageValue === undefined) {
      return fail('FailedGetResourceMetric', 'invalid resource metric source: neither a utilization target nor a value target was set');
    }
    const quantity = (v: number) => canonicalQuantity(BigInt(v) * (resource === 'cpu' ? 1_000_000n : 1_000_000_000n), 'DecimalSI');
    try {
      const metrics = this.podMetrics(resource, pods, namespace);
      const base = { currentReplicas: current, resource, pods, metrics, nowMs: this.now };
      if (averageValue !== undefined) {
        const targetValue = resource === 'cpu' ? cpuMilli(averageValue) : memoryBytes(averageValue);
        const r = rawResourceReplicas({ ...base, targetValue });
        return { replicas: r.replicas, metric: `${resource} resource`, status: { type: 'Resource', resource: { name: resource, current: { averageValue: quantity(r.average) } } } };
      }
      const r = resourceReplicas({ ...base, targetUtilization: averageUtilization! });
      return {
        replicas: r.replicas,
        metric: `${resource} resource utilization (percentage of request)`,
        status: { type: 'Resource', resource: { name: resource, current: { averageUtilization: r.utilization, averageValue: quantity(r.rawAverage) } } },
      };
    } catch (e) {
      if (!(e instanceof ReplicaCalcError || e instanceof QuantityError)) throw e;
      return fail('FailedGetResourceMetric', `failed to get ${resource} ${averageValue !== undefined ? 'usage' : 'utilization'}: ${e.message}`);
    }
  }

  /** GetResourceMetric: the selected pods' samples, or the metrics API's error when there are none. */
  private podMetrics(resource: MetricResource, pods: readonly Pod[], namespace: string): Map<string, PodMetric> {
    const all = this.metrics.podMetrics(namespace);
    const out = new Map<string, PodMetric>();
    for (const p of pods) {
      const m = all.get(p.metadata.name ?? '');
      if (m) out.set(p.metadata.name ?? '', { value: resource === 'cpu' ? m.cpuMilli : m.memoryBytes, timestampMs: m.timestampMs, windowMs: m.windowMs });
    }
    if (out.size === 0) throw new ReplicaCalcError(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
    return out;
  }

  /** The scale subresource update; false when it failed (status and events already written). */
  private rescale(s: Sync, target: KObject, current: number, desired: number, reason: string): boolean {
    try {
      this.ctx.store.update({ ...target, spec: { ...(target.spec as object), replicas: desired } });
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.event(s.hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${e.message}`);
      this.setCondition(s, { type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${e.message}` });
      this.writeStatus(s, { ...this.statusBase(s.hpa), currentReplicas: current });
      return false;
    }
    this.setCondition(s, { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}` });
    this.event(s.hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
    storeScaleEvent(this.history[s.key], s.hpa.spec.behavior, current, desired, this.now);
    return true;
  }

  /** setConditionInList: lastTransitionTime moves only when the status changes. */
  private setCondition(s: Sync, c: ConditionUpdate): void {
    const i = s.conditions.findIndex((x) => x.type === c.type);
    const old = i >= 0 ? s.conditions[i] : undefined;
    const lastTransitionTime = old?.status === c.status ? old.lastTransitionTime : formatTimestamp(this.now);
    // HorizontalPodAutoscalerCondition's field order.
    const next: Condition = { type: c.type, status: c.status, lastTransitionTime, reason: c.reason, message: c.message };
    if (i >= 0) s.conditions[i] = next;
    else s.conditions.push(next);
  }

  /** updateStatusIfNeeded, with the v2 JSON's omitempty fields left out. */
  private writeStatus(s: Sync, st: HpaStatus): void {
    const status: HpaStatus = { desiredReplicas: st.desiredReplicas };
    if (st.currentReplicas) status.currentReplicas = st.currentReplicas;
    if (st.lastScaleTime) status.lastScaleTime = st.lastScaleTime;
    if (st.currentMetrics && st.currentMetrics.length > 0) status.currentMetrics = st.currentMetrics;
    if (s.conditions.length > 0) status.conditions = s.conditions;
    const ordered = orderStatus(status);
    if (deepEqual(ordered, s.hpa.status ?? {})) return;
    try {
      this.ctx.store.update({ ...s.hpa, status: ordered }, { subresource: 'status' });
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.event(s.hpa, 'Warning', 'FailedUpdateStatus', e.message);
    }
  }

  private event(hpa: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record({ involved: hpa, type, reason, message, component: HPA_COMPONENT });
  }
}


/** The HPA controller's reconcileAutoscaler for one HPA (HorizontalPodAutoscalerController.reconcile). */
export function reconcileHpa(c: HorizontalPodAutoscalerController, hpa: HorizontalPodAutoscaler, key: string): void {
  lendMethods(HorizontalPodAutoscalerController, HpaSync);
  (c as HpaSync).reconcileAutoscaler(hpa, key);
}

/** The status fields in alphabetical order, as the API server's JSON (and so `-o json`) has them. */

function orderStatus(s: HpaStatus): HpaStatus {
  const ordered: Partial<HpaStatus> = {};
  if (s.conditions) ordered.conditions = s.conditions;
  if (s.currentMetrics) ordered.currentMetrics = s.currentMetrics;
  if (s.currentReplicas !== undefined) ordered.currentReplicas = s.currentReplicas;
  ordered.desiredReplicas = s.desiredReplicas;
  if (s.lastScaleTime) ordered.lastScaleTime = s.lastScaleTime;
  return ordered as HpaStatus;
}
