/**
 * The HPA's normalisation (§12.2): the legacy path (5-minute downscale stabilisation, scale-up
 * capped at max(2 × current, 4), min/max), the behavior path (stabilisation windows over the
 * recommendation history, Pods/Percent policies over recent scale events, select policies), and
 * the conditions each path reports.
 */
import { describe, expect, it } from 'vitest';
import { defaultScaleDownRules, defaultScaleUpRules } from '../../../src/engine/api/admission/hpa.ts';
import {
  normalizeDesired,
  scaleDownLimit,
  scaleUpLimit,
  storeScaleEvent,
  type Behavior,
  type HpaHistory,
  type ScalingRules,
} from '../../../src/engine/components/controllers/hpa-behavior.ts';

const DEFAULT_BEHAVIOR = { scaleUp: defaultScaleUpRules(), scaleDown: defaultScaleDownRules() } as Behavior;
const empty = (): HpaHistory => ({ recommendations: [], scaleUpEvents: [], scaleDownEvents: [] });
const S = 1000;

describe('legacy normalisation (no behavior)', () => {
  const cases: { name: string; current: number; desired: number; min: number; max: number; want: number; limited: string }[] = [
    { name: 'scale-up capped at 4 from 1 (§12.2 derived)', current: 1, desired: 10, min: 1, max: 10, want: 4, limited: 'True ScaleUpLimit' },
    { name: 'scale-up capped at 2 × current from 10 (§12.2 derived)', current: 10, desired: 50, min: 1, max: 100, want: 20, limited: 'True ScaleUpLimit' },
    { name: 'maxReplicas below the rate cap', current: 3, desired: 9, min: 1, max: 5, want: 5, limited: 'True TooManyReplicas' },
    { name: 'minReplicas floor', current: 3, desired: 1, min: 2, max: 5, want: 2, limited: 'True TooFewReplicas' },
    { name: 'within range', current: 3, desired: 4, min: 1, max: 5, want: 4, limited: 'False DesiredWithinRange' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = normalizeDesired(empty(), { current: c.current, desired: c.desired, min: c.min, max: c.max, nowMs: 0 });
      expect(r.replicas).toBe(c.want);
      const limited = r.conditions.find((x) => x.type === 'ScalingLimited')!;
      expect(`${limited.status} ${limited.reason}`).toBe(c.limited);
    });
  }

  it('scale-down waits for the highest recommendation of the last 5 minutes', () => {
    const h = empty();
    h.recommendations.push({ replicas: 6, atMs: 0 });
    const early = normalizeDesired(h, { current: 6, desired: 2, min: 1, max: 10, nowMs: 60 * S });
    expect(early.replicas).toBe(6);
    expect(early.conditions[0]).toMatchObject({ reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' });
    // At 5 min + 1 s the first sample has left the window; the 60 s one (2) is the highest left.
    const later = normalizeDesired(h, { current: 6, desired: 2, min: 1, max: 10, nowMs: 301 * S });
    expect(later.replicas).toBe(2);
    expect(later.conditions[0]).toMatchObject({ reason: 'ReadyForNewScale', message: 'recommended size matches current size' });
  });
});

describe('behavior normalisation (defaults of defaults.go)', () => {
  it('scale-up limit from 1 is max(1 + 4, ceil(1 × 2)) = 5 (§12.2 derived)', () => {
    expect(scaleUpLimit(1, empty(), DEFAULT_BEHAVIOR.scaleUp!, 0)).toBe(5);
    const r = normalizeDesired(empty(), { current: 1, desired: 10, min: 1, max: 10, nowMs: 0, behavior: DEFAULT_BEHAVIOR });
    expect(r.replicas).toBe(5);
    expect(r.conditions[1]).toMatchObject({ status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
  });

  it('scale-up limit from 10 is max(14, 20) = 20 (§12.2 derived)', () => {
    expect(scaleUpLimit(10, empty(), DEFAULT_BEHAVIOR.scaleUp!, 0)).toBe(20);
  });

  it('replicas added within a policy period count against it', () => {
    const h = empty();
    storeScaleEvent(h, DEFAULT_BEHAVIOR, 1, 5, 0);
    // 10 s later: the period started at 1 → limit max(1 + 4, 2) = 5, so no room above 5.
    expect(scaleUpLimit(5, h, DEFAULT_BEHAVIOR.scaleUp!, 10 * S)).toBe(5);
    // 16 s later the event is out of the 15 s period.
    expect(scaleUpLimit(5, h, DEFAULT_BEHAVIOR.scaleUp!, 16 * S)).toBe(10);
  });

  const rules = (policies: ScalingRules['policies'], selectPolicy: ScalingRules['selectPolicy'] = 'Max'): ScalingRules => ({ policies, selectPolicy });
  const limits: { name: string; fn: 'up' | 'down'; current: number; rules: ScalingRules; want: number }[] = [
    { name: 'up Min picks the smaller change', fn: 'up', current: 10, rules: rules(defaultScaleUpRules().policies as ScalingRules['policies'], 'Min'), want: 14 },
    { name: 'up Disabled keeps current', fn: 'up', current: 10, rules: rules([{ type: 'Pods', value: 4, periodSeconds: 15 }], 'Disabled'), want: 10 },
    { name: 'down Percent 100 allows 0', fn: 'down', current: 10, rules: rules([{ type: 'Percent', value: 100, periodSeconds: 15 }]), want: 0 },
    { name: 'down Percent 10 truncates', fn: 'down', current: 15, rules: rules([{ type: 'Percent', value: 10, periodSeconds: 60 }]), want: 13 },
    { name: 'down Max picks the biggest change', fn: 'down', current: 10, rules: rules([{ type: 'Pods', value: 2, periodSeconds: 60 }, { type: 'Percent', value: 50, periodSeconds: 60 }]), want: 5 },
    { name: 'down Min picks the smallest change', fn: 'down', current: 10, rules: rules([{ type: 'Pods', value: 2, periodSeconds: 60 }, { type: 'Percent', value: 50, periodSeconds: 60 }], 'Min'), want: 8 },
  ];
  for (const c of limits) {
    it(c.name, () => {
      const got = c.fn === 'up' ? scaleUpLimit(c.current, empty(), c.rules, 0) : scaleDownLimit(c.current, empty(), c.rules, 0);
      expect(got).toBe(c.want);
    });
  }

  it('scale-down uses the controller default window (300 s) when the behavior leaves it unset', () => {
    const h = empty();
    h.recommendations.push({ replicas: 8, atMs: 0 });
    expect(normalizeDesired(h, { current: 8, desired: 2, min: 1, max: 10, nowMs: 200 * S, behavior: DEFAULT_BEHAVIOR }).replicas).toBe(8);
    expect(normalizeDesired(h, { current: 8, desired: 2, min: 1, max: 10, nowMs: 501 * S, behavior: DEFAULT_BEHAVIOR }).replicas).toBe(2);
  });

  it('a scale-up window takes the lowest recent recommendation', () => {
    const behavior: Behavior = { scaleUp: { ...defaultScaleUpRules(), stabilizationWindowSeconds: 60 } as ScalingRules, scaleDown: defaultScaleDownRules() as ScalingRules };
    const h = empty();
    h.recommendations.push({ replicas: 3, atMs: 0 });
    const r = normalizeDesired(h, { current: 3, desired: 6, min: 1, max: 10, nowMs: 30 * S, behavior });
    expect(r.replicas).toBe(3);
    expect(r.conditions[0]).toMatchObject({ reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' });
    expect(normalizeDesired(h, { current: 3, desired: 6, min: 1, max: 10, nowMs: 91 * S, behavior }).replicas).toBe(6);
  });

  it('a scale-down rate limit below the floor reports ScaleDownLimit', () => {
    const behavior: Behavior = { scaleUp: defaultScaleUpRules() as ScalingRules, scaleDown: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } };
    const r = normalizeDesired(empty(), { current: 5, desired: 1, min: 1, max: 10, nowMs: 0, behavior });
    expect(r.replicas).toBe(4);
    expect(r.conditions[1]).toMatchObject({ status: 'True', reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' });
  });

  it('storeScaleEvent reuses an outdated slot and keeps nothing without a behavior', () => {
    const h = empty();
    storeScaleEvent(h, undefined, 1, 4, 0);
    expect(h.scaleUpEvents).toEqual([]);
    storeScaleEvent(h, DEFAULT_BEHAVIOR, 1, 4, 0);
    storeScaleEvent(h, DEFAULT_BEHAVIOR, 4, 8, 20 * S);
    expect(h.scaleUpEvents).toEqual([{ change: 4, atMs: 20 * S, outdated: false }]);
  });
});
