/**
 * The HPA's replica calculator for resource utilization targets, as pure functions
 * (pkg/controller/podautoscaler/replica_calculator.go GetResourceReplicas and
 * metrics/utilization.go, v1.31; reference §12.1): group the target's pods into ready, unready,
 * missing and ignored; utilization as an integer percent of the requests; tolerance 0.1; missing
 * pods counted at 100 % (or the target if higher) on a scale-down and 0 on a scale-up, unready
 * pods at 0 on a scale-up; no change if that flips the direction.
 */
import { cpuMilli, memoryBytes } from '../../api/quantity.ts';
import type { Pod } from '../../api/types.ts';
import { parseTimestamp } from '../../kernel/time.ts';
import { podReadyCondition } from './util.ts';

/** --horizontal-pod-autoscaler-tolerance */
export const HPA_TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60 * 1000;
/** --horizontal-pod-autoscaler-initial-readiness-delay */
export const INITIAL_READINESS_DELAY_MS = 30 * 1000;

/** The resources a Resource metric can name. */
export type MetricResource = 'cpu' | 'memory';

/** One pod's usage sample as the resource metrics API serves it (the sum over its containers). */
export interface PodMetric {
  /** cpu in millicores, memory in bytes. */
  value: number;
  timestampMs: number;
  windowMs: number;
}

/** What the calculator works on: the pods the selector picked and the metrics found for them. */
export interface ReplicaInputs {
  currentReplicas: number;
  targetUtilization: number;
  resource: MetricResource;
  pods: readonly Pod[];
  /** By pod name. */
  metrics: ReadonlyMap<string, PodMetric>;
  nowMs: number;
  tolerance?: number;
  cpuInitializationPeriodMs?: number;
  initialReadinessDelayMs?: number;
}

/** The calculator's answer: replicas, the utilization it saw (integer percent) and the raw average. */
export interface ReplicaResult {
  replicas: number;
  utilization: number;
  /** Average usage per pod with a metric: millicores for cpu, bytes for memory. */
  rawAverage: number;
}

/** The calculator's errors carry the controller's wording (wrapped later with "failed to get cpu utilization: "). */
export class ReplicaCalcError extends Error {}

interface Groups {
  readyCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

/** Whether a cpu sample must be set aside because the pod is still starting (groupPods). */
function cpuSampleUnready(pod: Pod, metric: PodMetric, inputs: ReplicaInputs): boolean {
  const cond = podReadyCondition(pod);
  const start = pod.status?.startTime;
  if (!cond || !start) return true;
  const startMs = parseTimestamp(start);
  const transitionMs = cond.lastTransitionTime ? parseTimestamp(cond.lastTransitionTime) : startMs;
  const initPeriod = inputs.cpuInitializationPeriodMs ?? CPU_INITIALIZATION_PERIOD_MS;
  if (startMs + initPeriod > inputs.nowMs) {
    // Within the initialization period: unready, or no full metric window since it became ready.
    return cond.status === 'False' || metric.timestampMs < transitionMs + metric.windowMs;
  }
  // Later: unready and never ready since the initial readiness delay.
  const delay = inputs.initialReadinessDelayMs ?? INITIAL_READINESS_DELAY_MS;
  return cond.status === 'False' && startMs + delay > transitionMs;
}

/** groupPods: deleted/Failed pods are ignored, Pending ones unready, those without a sample missing. */
export function groupPods(inputs: ReplicaInputs): Groups {
  const g: Groups = { readyCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of inputs.pods) {
    const name = pod.metadata.name ?? '';
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') {
      g.ignored.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      g.unready.add(name);
      continue;
    }
    const metric = inputs.metrics.get(name);
    if (!metric) {
      g.missing.add(name);
      continue;
    }
    if (inputs.resource === 'cpu' && cpuSampleUnready(pod, metric, inputs)) {
      g.unready.add(name);
      continue;
    }
    g.readyCount++;
  }
  return g;
}

/** calculatePodRequests: every container must request the resource. */
export function podRequests(pods: readonly Pod[], resource: MetricResource): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const c of pod.spec?.containers ?? []) {
      const q = c.resources?.requests?.[resource];
      if (q === undefined) throw new ReplicaCalcError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name ?? ''}`);
      sum += resource === 'cpu' ? cpuMilli(q) : memoryBytes(q);
    }
    out.set(pod.metadata.name ?? '', sum);
  }
  return out;
}

/** GetResourceUtilizationRatio: integer percent over the pods that have both a sample and a request. */
export function utilizationRatio(
  values: ReadonlyMap<string, number>,
  requests: ReadonlyMap<string, number>,
  target: number,
): { ratio: number; utilization: number; rawAverage: number } {
  let usage = 0;
  let requested = 0;
  let n = 0;
  for (const [name, v] of values) {
    const r = requests.get(name);
    if (r === undefined) continue;
    usage += v;
    requested += r;
    n++;
  }
  if (requested === 0) throw new ReplicaCalcError('no metrics returned matched known pods');
  const utilization = Math.trunc((usage * 100) / requested);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(usage / n) };
}

/** GetResourceReplicas (after the metrics were fetched). Throws ReplicaCalcError with upstream's messages. */
export function resourceReplicas(inputs: ReplicaInputs): ReplicaResult {
  if (inputs.pods.length === 0) throw new ReplicaCalcError('no pods returned by selector while calculating replica count');
  const g = groupPods(inputs);
  const values = readyValues(inputs, g);
  const requests = podRequests(inputs.pods, inputs.resource);
  if (values.size === 0) throw new ReplicaCalcError('did not receive metrics for targeted pods (pods might be unready)');
  const target = inputs.targetUtilization;
  const first = utilizationRatio(values, requests, target);
  const fallbackPercent = Math.max(100, target);
  const replicas = decide(inputs, g, values, first.ratio, {
    ratio: (v) => utilizationRatio(v, requests, target).ratio,
    // On a scale-down a missing pod counts at 100 % of its request (or the target when above 100 %).
    missingOnScaleDown: (name) => Math.trunc(((requests.get(name) ?? 0) * fallbackPercent) / 100),
  });
  return { replicas, utilization: first.utilization, rawAverage: first.rawAverage };
}

/**
 * GetRawResourceReplicas / calcPlainMetricReplicas, for an `averageValue` target: the average
 * usage per pod against the target value (cpu millicores or memory bytes, as `targetValue`).
 */
export function rawResourceReplicas(inputs: Omit<ReplicaInputs, 'targetUtilization'> & { targetValue: number }): { replicas: number; average: number } {
  if (inputs.pods.length === 0) throw new ReplicaCalcError('no pods returned by selector while calculating replica count');
  const g = groupPods({ ...inputs, targetUtilization: 0 });
  const values = readyValues(inputs, g);
  if (values.size === 0) throw new ReplicaCalcError('did not receive metrics for targeted pods (pods might be unready)');
  const usageRatio = (v: ReadonlyMap<string, number>) => {
    const average = Math.trunc([...v.values()].reduce((n, x) => n + x, 0) / v.size);
    return { ratio: average / inputs.targetValue, average };
  };
  const first = usageRatio(values);
  const replicas = decide({ ...inputs, targetUtilization: 0 }, g, values, first.ratio, {
    ratio: (v) => usageRatio(v).ratio,
    missingOnScaleDown: () => inputs.targetValue,
  });
  return { replicas, average: first.average };
}

/** The samples of the pods that count (not ignored, not unready). */
function readyValues(inputs: Pick<ReplicaInputs, 'metrics'>, g: Groups): Map<string, number> {
  const values = new Map<string, number>();
  for (const [name, m] of inputs.metrics) if (!g.ignored.has(name) && !g.unready.has(name)) values.set(name, m.value);
  return values;
}

/**
 * The shared second half of the calculators: tolerance, then — with missing or (on a scale-up)
 * unready pods — a second ratio with them filled in, kept only when it agrees in direction.
 */
function decide(
  inputs: ReplicaInputs,
  g: Groups,
  values: Map<string, number>,
  firstRatio: number,
  how: { ratio: (v: ReadonlyMap<string, number>) => number; missingOnScaleDown: (name: string) => number },
): number {
  const tolerance = inputs.tolerance ?? HPA_TOLERANCE;
  const current = inputs.currentReplicas;
  const rebalanceUnready = g.unready.size > 0 && firstRatio > 1;
  if (!rebalanceUnready && g.missing.size === 0) {
    if (Math.abs(1 - firstRatio) <= tolerance) return current;
    return Math.ceil(firstRatio * g.readyCount);
  }
  // Missing pods: on a scale-down as `missingOnScaleDown`, on a scale-up as 0.
  if (firstRatio !== 1) for (const name of g.missing) values.set(name, firstRatio < 1 ? how.missingOnScaleDown(name) : 0);
  if (rebalanceUnready) for (const name of g.unready) values.set(name, 0);
  const ratio = how.ratio(values);
  const flips = (firstRatio < 1 && ratio > 1) || (firstRatio > 1 && ratio < 1);
  if (Math.abs(1 - ratio) <= tolerance || flips) return current;
  const replicas = Math.ceil(ratio * values.size);
  // A smaller metric set must not turn the answer around.
  if ((ratio < 1 && replicas > current) || (ratio > 1 && replicas < current)) return current;
  return replicas;
}
