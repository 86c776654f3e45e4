/**
 * The HPA replica calculator against the §12.1 table (upstream replica_calculator_test.go cases
 * and the derived ones), plus the pod grouping rules (Pending, Failed, deleted, cpu
 * initialization period, initial readiness delay) and the calculator's errors.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/engine/api/types.ts';
import { formatTimestamp } from '../../../src/engine/kernel/time.ts';
import { groupPods, rawResourceReplicas, resourceReplicas, type PodMetric, type ReplicaInputs } from '../../../src/engine/components/controllers/hpa-replicas.ts';

const NOW_MS = 3_600_000;
const LONG_AGO_MS = NOW_MS - 60 * 60 * 1000;

interface PodOpts {
  ready?: 'True' | 'False';
  phase?: Pod['status']['phase'];
  cpu?: string | null;
  startMs?: number;
  transitionMs?: number;
  deleting?: boolean;
}

function pod(name: string, o: PodOpts = {}): Pod {
  const startMs = o.startMs ?? LONG_AGO_MS;
  const resources = o.cpu === null ? {} : { requests: { cpu: o.cpu ?? '1' } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...(o.deleting ? { deletionTimestamp: formatTimestamp(NOW_MS) } : {}) },
    spec: { containers: [{ name: 'app', resources }] },
    status: {
      phase: o.phase ?? 'Running',
      startTime: formatTimestamp(startMs),
      conditions: [{ type: 'Ready', status: o.ready ?? 'True', lastTransitionTime: formatTimestamp(o.transitionMs ?? startMs + 5000) }],
    },
  };
}

function metrics(values: Record<string, number>): Map<string, PodMetric> {
  return new Map(Object.entries(values).map(([k, v]) => [k, { value: v, timestampMs: NOW_MS, windowMs: 15_000 }]));
}

function inputs(pods: Pod[], values: Record<string, number>, target: number, current = pods.length): ReplicaInputs {
  return { currentReplicas: current, targetUtilization: target, resource: 'cpu', pods, metrics: metrics(values), nowMs: NOW_MS };
}

const three = (states: PodOpts[] = [{}, {}, {}]) => states.map((s, i) => pod(`p${i}`, s));

describe('resourceReplicas (§12.1)', () => {
  const cases: { name: string; in: ReplicaInputs; replicas: number; utilization: number }[] = [
    { name: 'ScaleUp: 300/500/700 of 1 CPU at 30 % → 50 % → 5', in: inputs(three(), { p0: 300, p1: 500, p2: 700 }, 30), replicas: 5, utilization: 50 },
    {
      name: 'ScaleUpUnreadyLessScale: unready pod counted as 0 → 40 % → 4',
      in: inputs(three([{ ready: 'False' }, {}, {}]), { p0: 300, p1: 500, p2: 700 }, 30),
      replicas: 4,
      utilization: 60,
    },
    {
      name: 'ScaleUpUnreadyNoScale: rebalancing flips the direction → keep 3',
      in: inputs(three([{}, { ready: 'False' }, { ready: 'False' }]), { p0: 400, p1: 500, p2: 700 }, 30),
      replicas: 3,
      utilization: 40,
    },
    {
      name: 'MissingMetrics: missing pods at 100 % on scale-down → 62 % → ceil(2.48) = 3',
      in: inputs([0, 1, 2, 3].map((i) => pod(`p${i}`)), { p0: 400, p1: 95 }, 100),
      replicas: 3,
      utilization: 24,
    },
    {
      name: 'derived: 4 pods at 85 % of an 80 % target is within tolerance → 4',
      in: inputs([0, 1, 2, 3].map((i) => pod(`p${i}`)), { p0: 850, p1: 850, p2: 850, p3: 850 }, 80),
      replicas: 4,
      utilization: 85,
    },
    {
      name: 'ScaleDown: 28 % of a 50 % target over 5 pods → ceil(2.8) = 3',
      in: inputs([0, 1, 2, 3, 4].map((i) => pod(`p${i}`)), { p0: 100, p1: 300, p2: 500, p3: 250, p4: 250 }, 50),
      replicas: 3,
      utilization: 28,
    },
    {
      name: 'ScaleDownIgnoresUnreadyPods: only the 3 ready pods count → 2',
      in: inputs(
        [{}, {}, {}, { ready: 'False' }, { ready: 'False' }].map((s, i) => pod(`p${i}`, s as PodOpts)),
        { p0: 100, p1: 300, p2: 500, p3: 250, p4: 250 },
        50,
      ),
      replicas: 2,
      utilization: 30,
    },
    {
      name: 'ScaleUpIgnoresFailedPods: Failed pods do not count → 4',
      in: inputs([{}, {}, { phase: 'Failed' }, { phase: 'Failed' }].map((s, i) => pod(`p${i}`, s as PodOpts)), { p0: 500, p1: 700, p2: 0, p3: 0 }, 30, 2),
      replicas: 4,
      utilization: 60,
    },
    {
      name: 'ScaleUpIgnoresDeletionPods: deleted pods do not count → 4',
      in: inputs([{}, {}, { deleting: true }, { deleting: true }].map((s, i) => pod(`p${i}`, s as PodOpts)), { p0: 500, p1: 700, p2: 0, p3: 0 }, 30, 2),
      replicas: 4,
      utilization: 60,
    },
    {
      name: 'Tolerance: 102 % of a 100 % target → keep 3',
      in: inputs(three(), { p0: 1010, p1: 1030, p2: 1020 }, 100),
      replicas: 3,
      utilization: 102,
    },
    {
      name: 'missing pods on scale-up count as 0 (and a flip keeps the count)',
      in: inputs([0, 1, 2, 3].map((i) => pod(`p${i}`)), { p0: 900, p1: 800 }, 50),
      replicas: 4,
      utilization: 85,
    },
    {
      name: 'missing pods on scale-down at the target when it is above 100 %',
      in: inputs([0, 1, 2, 3].map((i) => pod(`p${i}`)), { p0: 100, p1: 100 }, 200),
      // 10 % → ratio 0.05; missing at 200 %: (200 + 4000) / 4000 = 105 % → ratio 0.525 → ceil(2.1) = 3
      replicas: 3,
      utilization: 10,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = resourceReplicas(c.in);
      expect({ replicas: r.replicas, utilization: r.utilization }).toEqual({ replicas: c.replicas, utilization: c.utilization });
    });
  }

  it('reports the raw average usage of the pods with a sample', () => {
    expect(resourceReplicas(inputs(three(), { p0: 300, p1: 500, p2: 700 }, 30)).rawAverage).toBe(500);
  });

  it('fails as upstream does', () => {
    expect(() => resourceReplicas(inputs([], {}, 50))).toThrow('no pods returned by selector while calculating replica count');
    expect(() => resourceReplicas(inputs([pod('web-1', { cpu: null })], { 'web-1': 10 }, 50))).toThrow('missing request for cpu in container app of Pod web-1');
    expect(() => resourceReplicas(inputs(three([{ phase: 'Pending' }, { phase: 'Pending' }, { phase: 'Pending' }]), {}, 50))).toThrow(
      'did not receive metrics for targeted pods (pods might be unready)',
    );
  });
});

describe('rawResourceReplicas (averageValue targets)', () => {
  const raw = (values: Record<string, number>, target: number, pods = three()) => rawResourceReplicas({ ...inputs(pods, values, 0), targetValue: target });
  it('scales by the average per pod', () => expect(raw({ p0: 300, p1: 500, p2: 700 }, 250)).toEqual({ replicas: 6, average: 500 }));
  it('keeps the count within tolerance', () => expect(raw({ p0: 260, p1: 260, p2: 260 }, 250)).toEqual({ replicas: 3, average: 260 }));
  it('counts missing pods at the target on a scale-down', () =>
    // average 100 of 250 → 0.4; with the missing pod at 250: (100 + 100 + 250) / 3 = 150 → ceil(0.6 × 3) = 2
    expect(raw({ p0: 100, p1: 100 }, 250)).toEqual({ replicas: 2, average: 100 }));
});

describe('groupPods', () => {
  const group = (p: Pod, metricAtMs = NOW_MS) =>
    groupPods({ currentReplicas: 1, targetUtilization: 50, resource: 'cpu', pods: [p], metrics: new Map([['p', { value: 1, timestampMs: metricAtMs, windowMs: 15_000 }]]), nowMs: NOW_MS });
  const kind = (g: ReturnType<typeof groupPods>) => (g.readyCount === 1 ? 'ready' : g.unready.size ? 'unready' : g.missing.size ? 'missing' : 'ignored');
  const cases: { name: string; pod: Pod; want: string }[] = [
    { name: 'Pending is unready', pod: pod('p', { phase: 'Pending' }), want: 'unready' },
    { name: 'Failed is ignored', pod: pod('p', { phase: 'Failed' }), want: 'ignored' },
    { name: 'ready for long is ready', pod: pod('p'), want: 'ready' },
    { name: 'within 5 min of start, ready 10 s ago: sample predates transition + window', pod: pod('p', { startMs: NOW_MS - 60_000, transitionMs: NOW_MS - 10_000 }), want: 'unready' },
    { name: 'within 5 min of start, ready 20 s ago: a full window since', pod: pod('p', { startMs: NOW_MS - 60_000, transitionMs: NOW_MS - 20_000 }), want: 'ready' },
    { name: 'within 5 min of start and not ready', pod: pod('p', { startMs: NOW_MS - 60_000, ready: 'False' }), want: 'unready' },
    { name: 'after 5 min, not ready and never ready within 30 s of start', pod: pod('p', { ready: 'False', transitionMs: LONG_AGO_MS + 10_000 }), want: 'unready' },
    { name: 'after 5 min, not ready but was ready later (readiness lost)', pod: pod('p', { ready: 'False', transitionMs: LONG_AGO_MS + 60_000 }), want: 'ready' },
  ];
  for (const c of cases) it(c.name, () => expect(kind(group(c.pod))).toBe(c.want));

  it('a pod without a sample is missing', () => {
    const g = groupPods({ currentReplicas: 1, targetUtilization: 50, resource: 'cpu', pods: [pod('q')], metrics: new Map(), nowMs: NOW_MS });
    expect([...g.missing]).toEqual(['q']);
  });

  it('memory samples skip the cpu readiness rules', () => {
    const p = pod('p', { startMs: NOW_MS - 60_000, ready: 'False' });
    const g = groupPods({ currentReplicas: 1, targetUtilization: 50, resource: 'memory', pods: [p], metrics: metrics({ p: 1 }), nowMs: NOW_MS });
    expect(g.readyCount).toBe(1);
  });
});
