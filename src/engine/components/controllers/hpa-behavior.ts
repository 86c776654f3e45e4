/**
 * What the HPA does with a metric's recommendation before it touches the target
 * (pkg/controller/podautoscaler/horizontal.go normalizeDesiredReplicas[WithBehaviors], v1.31;
 * reference §12.2): stabilisation over the recommendation history, the rate limits (legacy
 * `max(2 × current, 4)` or the behavior's policies over recent scale events), then
 * [minReplicas, maxReplicas]. Pure: the history is passed in and changed in place.
 */

/** --horizontal-pod-autoscaler-downscale-stabilization */
export const DOWNSCALE_STABILIZATION_MS = 5 * 60 * 1000;
const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

/** One HPAScalingPolicy. */
export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

/** HPAScalingRules after defaulting. */
export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: ScalingPolicy[];
}

/** HorizontalPodAutoscalerBehavior after defaulting (both sides present). */
export interface Behavior {
  scaleUp?: ScalingRules;
  scaleDown?: ScalingRules;
}

/** A recommendation the metrics made, kept for stabilisation. */
export interface Recommendation {
  replicas: number;
  atMs: number;
}

/** A rescale the controller made (`change` > 0), kept for the rate-limit policies. */
export interface ScaleEvent {
  change: number;
  atMs: number;
  outdated: boolean;
}

/** The controller's memory for one HPA (snapshots with the component). */
export interface HpaHistory {
  recommendations: Recommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

/** An HPA condition to set: type, status, reason, message. */
export interface ConditionUpdate {
  type: 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/** The inputs of one normalisation. */
export interface NormalizeArgs {
  current: number;
  desired: number;
  min: number;
  max: number;
  nowMs: number;
  /** Unset: the legacy path (no `behavior` on the HPA). */
  behavior?: Behavior;
}

const READY: ConditionUpdate = { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
const WITHIN = { reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };

/** normalizeDesiredReplicas / normalizeDesiredReplicasWithBehaviors: the replicas to write and the two conditions. */
export function normalizeDesired(h: HpaHistory, a: NormalizeArgs): { replicas: number; conditions: ConditionUpdate[] } {
  return a.behavior ? withBehavior(h, a, a.behavior) : legacy(h, a);
}

function limited(replicas: number, stabilized: number, r: { reason: string; message: string }): ConditionUpdate {
  return { type: 'ScalingLimited', status: replicas === stabilized ? 'False' : 'True', ...r };
}

/** The legacy path: the highest recommendation of the last 5 minutes, then the 2×/4 cap and min/max. */
function legacy(h: HpaHistory, a: NormalizeArgs): { replicas: number; conditions: ConditionUpdate[] } {
  const stabilized = stabilizeLegacy(h, a.desired, a.nowMs);
  const able: ConditionUpdate =
    stabilized !== a.desired
      ? { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }
      : READY;
  const scaleUpLimit = Math.max(SCALE_UP_LIMIT_FACTOR * a.current, SCALE_UP_LIMIT_MINIMUM);
  let maxAllowed = a.max;
  let over = { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
  if (a.max > scaleUpLimit) {
    maxAllowed = scaleUpLimit;
    over = { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' };
  }
  let replicas = stabilized;
  let why = WITHIN;
  if (stabilized < a.min) {
    replicas = a.min;
    why = { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  } else if (stabilized > maxAllowed) {
    replicas = maxAllowed;
    why = over;
  }
  return { replicas, conditions: [able, limited(replicas, stabilized, why)] };
}

/** stabilizeRecommendation: max over the window; an expired sample's slot is reused. */
function stabilizeLegacy(h: HpaHistory, desired: number, nowMs: number): number {
  const cutoff = nowMs - DOWNSCALE_STABILIZATION_MS;
  let best = desired;
  let oldIndex = -1;
  h.recommendations.forEach((r, i) => {
    if (r.atMs < cutoff) oldIndex = i;
    else if (r.replicas > best) best = r.replicas;
  });
  record(h, oldIndex, { replicas: desired, atMs: nowMs });
  return best;
}

function record(h: HpaHistory, oldIndex: number, rec: Recommendation): void {
  if (oldIndex >= 0) h.recommendations[oldIndex] = rec;
  else h.recommendations.push(rec);
}

function withBehavior(h: HpaHistory, a: NormalizeArgs, b: Behavior): { replicas: number; conditions: ConditionUpdate[] } {
  const up = b.scaleUp ?? {};
  const down = b.scaleDown ?? {};
  const upWindowS = up.stabilizationWindowSeconds ?? 0;
  const downWindowS = down.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_MS / 1000;
  const stabilized = stabilizeWithBehavior(h, a, upWindowS, downWindowS);
  let able = READY;
  if (stabilized !== a.desired) {
    able =
      a.desired >= a.current
        ? { type: 'AbleToScale', status: 'True', reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
        : { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
  }
  const { replicas, why } = rateLimit(h, { ...a, desired: stabilized }, up, down);
  return { replicas, conditions: [able, limited(replicas, stabilized, why)] };
}

/** stabilizeRecommendationWithBehaviors: keep the current count unless every recent recommendation agrees to move. */
function stabilizeWithBehavior(h: HpaHistory, a: NormalizeArgs, upWindowS: number, downWindowS: number): number {
  const upCutoff = a.nowMs - upWindowS * 1000;
  const downCutoff = a.nowMs - downWindowS * 1000;
  let upRec = a.desired;
  let downRec = a.desired;
  let oldIndex = -1;
  h.recommendations.forEach((r, i) => {
    if (r.atMs > upCutoff) upRec = Math.min(r.replicas, upRec);
    if (r.atMs > downCutoff) downRec = Math.max(r.replicas, downRec);
    if (r.atMs < upCutoff && r.atMs < downCutoff) oldIndex = i;
  });
  let rec = a.current;
  if (rec < upRec) rec = upRec;
  if (rec > downRec) rec = downRec;
  record(h, oldIndex, { replicas: a.desired, atMs: a.nowMs });
  return rec;
}

/** Replicas added (or removed) by the events within a policy's period. */
function changeInPeriod(events: readonly ScaleEvent[], periodSeconds: number, nowMs: number): number {
  const cutoff = nowMs - periodSeconds * 1000;
  return events.reduce((n, e) => (e.atMs > cutoff ? n + e.change : n), 0);
}

/** calculateScaleUpLimitWithScalingRules */
export function scaleUpLimit(current: number, h: HpaHistory, rules: ScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let result: number | undefined;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(h.scaleUpEvents, p.periodSeconds, nowMs) + changeInPeriod(h.scaleDownEvents, p.periodSeconds, nowMs);
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = result === undefined ? proposed : pick(result, proposed);
  }
  return result ?? 0;
}

/** calculateScaleDownLimitWithBehaviors */
export function scaleDownLimit(current: number, h: HpaHistory, rules: ScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  // For scaling down, the smallest change ('Min') is the highest count.
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = rules.selectPolicy === 'Min' ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(h.scaleUpEvents, p.periodSeconds, nowMs) + changeInPeriod(h.scaleDownEvents, p.periodSeconds, nowMs);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** convertDesiredReplicasWithBehaviorRate */
function rateLimit(h: HpaHistory, a: NormalizeArgs, up: ScalingRules, down: ScalingRules): { replicas: number; why: { reason: string; message: string } } {
  if (a.desired > a.current) {
    const limit = Math.max(scaleUpLimit(a.current, h, up, a.nowMs), a.current);
    if (a.max > limit) {
      const why = { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' };
      return a.desired > limit ? { replicas: limit, why } : { replicas: a.desired, why: WITHIN };
    }
    const why = { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
    return a.desired > a.max ? { replicas: a.max, why } : { replicas: a.desired, why: WITHIN };
  }
  if (a.desired < a.current) {
    const limit = Math.min(scaleDownLimit(a.current, h, down, a.nowMs), a.current);
    if (a.min < limit) {
      const why = { reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' };
      return a.desired < limit ? { replicas: limit, why } : { replicas: a.desired, why: WITHIN };
    }
    const why = { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
    return a.desired < a.min ? { replicas: a.min, why } : { replicas: a.desired, why: WITHIN };
  }
  return { replicas: a.desired, why: WITHIN };
}

/** storeScaleEvent: only with a behavior; outdated slots (older than the longest period) are reused. */
export function storeScaleEvent(h: HpaHistory, behavior: Behavior | undefined, prev: number, next: number, nowMs: number): void {
  if (!behavior) return;
  const upward = next > prev;
  const rules = (upward ? behavior.scaleUp : behavior.scaleDown) ?? {};
  const events = upward ? h.scaleUpEvents : h.scaleDownEvents;
  const longestS = Math.max(0, ...(rules.policies ?? []).map((p) => p.periodSeconds));
  let oldIndex = -1;
  events.forEach((e, i) => {
    if (e.atMs < nowMs - longestS * 1000) e.outdated = true;
    if (e.outdated) oldIndex = i;
  });
  const event = { change: Math.abs(next - prev), atMs: nowMs, outdated: false };
  if (oldIndex >= 0) events[oldIndex] = event;
  else events.push(event);
}
