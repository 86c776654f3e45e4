/**
 * The HPA controller against a bare API store (no ReplicaSet controller, no kubelets): pods and
 * their usage are fixtures, the metrics source is a table, and what is checked is what the
 * controller writes — the target's spec.replicas, the HPA status and conditions, and its events —
 * plus the autoscaling/v1 conversion and validation of the admission.
 */
import { describe, expect, it } from 'vitest';
import { EventRecorder } from '../../../src/engine/api/events.ts';
import { ApiStore } from '../../../src/engine/api/store.ts';
import type { KEvent, KObject, Pod } from '../../../src/engine/api/types.ts';
import { HorizontalPodAutoscalerController, HPA_SYNC_PERIOD_MS, type HorizontalPodAutoscaler } from '../../../src/engine/components/controllers/hpa.ts';
import type { PodResourceMetrics } from '../../../src/engine/components/controllers/metrics-server.ts';
import { Kernel } from '../../../src/engine/kernel/kernel.ts';
import { formatTimestamp } from '../../../src/engine/kernel/time.ts';
import { thrownStatus } from '../../support/fixtures.ts';

interface Env {
  kernel: Kernel;
  store: ApiStore;
  usage: Map<string, number>;
  hpa: HorizontalPodAutoscalerController;
}

function env(): Env {
  const kernel = new Kernel(1);
  const store = new ApiStore(kernel);
  const events = new EventRecorder(store, kernel);
  const usage = new Map<string, number>();
  const source = {
    podMetrics: () => new Map<string, PodResourceMetrics>([...usage].map(([k, v]) => [k, { cpuMilli: v, memoryBytes: 0, timestampMs: kernel.now, windowMs: 15_000 }])),
  };
  const hpa = new HorizontalPodAutoscalerController({ kernel, store, events }, source);
  hpa.start(false);
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  // Pods started an hour before the test's time 0: out of the cpu initialization period.
  kernel.runUntil(60 * 60 * 1000);
  return { kernel, store, usage, hpa };
}

function replicaSet(e: Env, replicas: number): void {
  e.store.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
    },
  });
}

function runningPod(e: Env, name: string, cpuMilli: number, request: string | null = '1'): void {
  const resources = request === null ? {} : { requests: { cpu: request } };
  const created = e.store.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources }] },
  });
  const t = formatTimestamp(0);
  e.store.update({ ...created, status: { phase: 'Running', startTime: t, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }] } }, { subresource: 'status' });
  e.usage.set(name, cpuMilli);
}

function autoscaler(e: Env, spec: Record<string, unknown>, apiVersion = 'autoscaling/v2'): void {
  e.store.create({ apiVersion, kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' }, spec });
}

const v2Spec = (target: number, extra: Record<string, unknown> = {}) => ({
  scaleTargetRef: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web' },
  maxReplicas: 10,
  metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }],
  ...extra,
});

const sync = (e: Env) => e.kernel.runUntil(e.kernel.now + HPA_SYNC_PERIOD_MS);
const getHpa = (e: Env) => e.store.get<HorizontalPodAutoscaler>('horizontalpodautoscalers', 'default', 'web');
const rsReplicas = (e: Env) => (e.store.get('replicasets', 'default', 'web').spec as { replicas: number }).replicas;
const events = (e: Env) => e.store.list<KEvent>('events').items.map((ev) => `${ev.type} ${ev.reason} ${ev.message}`);
const conditions = (e: Env) => (getHpa(e).status?.conditions ?? []).map((c) => `${c.type} ${c.status} ${c.reason}: ${c.message}`);

describe('HPA controller', () => {
  it('does nothing until the first sync period has passed', () => {
    const e = env();
    replicaSet(e, 3);
    ['a', 'b', 'c'].forEach((n, i) => runningPod(e, n, [300, 500, 700][i]));
    autoscaler(e, v2Spec(30));
    e.kernel.runUntil(e.kernel.now + HPA_SYNC_PERIOD_MS - 1);
    expect(getHpa(e).status).toEqual({ desiredReplicas: 0 });
    expect(rsReplicas(e)).toBe(3);
  });

  it('scales the target up to the computed size and reports why (ScaleUp case)', () => {
    const e = env();
    replicaSet(e, 3);
    ['a', 'b', 'c'].forEach((n, i) => runningPod(e, n, [300, 500, 700][i]));
    autoscaler(e, v2Spec(30));
    sync(e);
    expect(rsReplicas(e)).toBe(5);
    const st = getHpa(e).status!;
    expect(st).toMatchObject({ currentReplicas: 3, desiredReplicas: 5, lastScaleTime: formatTimestamp(e.kernel.now) });
    expect(st.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '500m' } } }]);
    expect(conditions(e)).toEqual([
      'AbleToScale True SucceededRescale: the HPA controller was able to update the target scale to 5',
      'ScalingActive True ValidMetricFound: the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
      'ScalingLimited False DesiredWithinRange: the desired count is within the acceptable range',
    ]);
    expect(events(e)).toEqual(['Normal SuccessfulRescale New size: 5; reason: cpu resource utilization (percentage of request) above target']);
  });

  it('syncs every 15 s and leaves a steady target alone', () => {
    const e = env();
    replicaSet(e, 2);
    runningPod(e, 'a', 500);
    runningPod(e, 'b', 500);
    autoscaler(e, v2Spec(50));
    sync(e);
    sync(e);
    expect(rsReplicas(e)).toBe(2);
    expect(getHpa(e).status).toMatchObject({ currentReplicas: 2, desiredReplicas: 2 });
    expect(getHpa(e).status?.lastScaleTime).toBeUndefined();
    expect(conditions(e)[0]).toBe('AbleToScale True ReadyForNewScale: recommended size matches current size');
    expect(events(e)).toEqual([]);
  });

  it('reports a container without a cpu request', () => {
    const e = env();
    replicaSet(e, 1);
    runningPod(e, 'web-abc', 100, null);
    autoscaler(e, v2Spec(50));
    sync(e);
    expect(rsReplicas(e)).toBe(1);
    const why = 'failed to get cpu utilization: missing request for cpu in container app of Pod web-abc';
    expect(conditions(e)[1]).toBe(`ScalingActive False FailedGetResourceMetric: the HPA was unable to compute the replica count: ${why}`);
    expect(events(e)).toEqual([
      `Warning FailedGetResourceMetric ${why}`,
      `Warning FailedComputeMetricsReplicas invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${why}`,
    ]);
    expect(getHpa(e).status).toMatchObject({ currentReplicas: 1, desiredReplicas: 0, currentMetrics: [{ type: '' }] });
  });

  it('reports missing metrics as the metrics API does', () => {
    const e = env();
    replicaSet(e, 1);
    runningPod(e, 'a', 100);
    e.usage.clear();
    autoscaler(e, v2Spec(50));
    sync(e);
    expect(events(e)[0]).toBe('Warning FailedGetResourceMetric failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API');
  });

  it('reports a missing target', () => {
    const e = env();
    autoscaler(e, v2Spec(50));
    sync(e);
    expect(conditions(e)).toEqual([`AbleToScale False FailedGetScale: the HPA controller was unable to get the target's current scale: replicasets.apps "web" not found`]);
    expect(events(e)).toEqual(['Warning FailedGetScale replicasets.apps "web" not found']);
  });

  it('raises a target below minReplicas without reading metrics', () => {
    const e = env();
    replicaSet(e, 1);
    autoscaler(e, v2Spec(50, { minReplicas: 2 }));
    sync(e);
    expect(rsReplicas(e)).toBe(2);
    expect(events(e)).toEqual(['Normal SuccessfulRescale New size: 2; reason: Current number of replicas below Spec.MinReplicas']);
  });

  it('does not scale a target at 0 replicas', () => {
    const e = env();
    replicaSet(e, 0);
    autoscaler(e, v2Spec(50));
    sync(e);
    expect(rsReplicas(e)).toBe(0);
    expect(conditions(e)[1]).toBe('ScalingActive False ScalingDisabled: scaling is disabled since the replica count of the target is zero');
  });

  it('caps a legacy scale-up at max(2 × current, 4) per sync', () => {
    const e = env();
    replicaSet(e, 1);
    runningPod(e, 'a', 1000, '100m');
    autoscaler(e, v2Spec(50));
    sync(e);
    expect(rsReplicas(e)).toBe(4);
    expect(conditions(e)[2]).toBe('ScalingLimited True ScaleUpLimit: the desired replica count is increasing faster than the maximum scale rate');
  });

  it('holds a scale-down for the 5-minute stabilisation window', () => {
    const e = env();
    replicaSet(e, 4);
    ['a', 'b', 'c', 'd'].forEach((n) => runningPod(e, n, 100));
    autoscaler(e, v2Spec(50));
    sync(e);
    expect(rsReplicas(e)).toBe(4);
    expect(conditions(e)[0]).toBe('AbleToScale True ScaleDownStabilized: recent recommendations were higher than current one, applying the highest recent recommendation');
    // The first recommendation (4, at the first sync) is still inside the window exactly 5 min later.
    e.kernel.runUntil(e.kernel.now + 5 * 60 * 1000);
    expect(rsReplicas(e)).toBe(4);
    sync(e);
    expect(rsReplicas(e)).toBe(1);
    expect(events(e)).toEqual(['Normal SuccessfulRescale New size: 1; reason: All metrics below target']);
  });

  it('scales on an averageValue target by the average usage per pod', () => {
    const e = env();
    replicaSet(e, 2);
    runningPod(e, 'a', 400);
    runningPod(e, 'b', 400);
    autoscaler(e, { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web' }, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '200m' } } }] });
    sync(e);
    expect(rsReplicas(e)).toBe(4);
    expect(getHpa(e).status?.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '400m' } } }]);
    expect(events(e)).toEqual(['Normal SuccessfulRescale New size: 4; reason: cpu resource above target']);
  });

  it('snapshots its schedule and history', () => {
    const e = env();
    replicaSet(e, 1);
    autoscaler(e, v2Spec(50));
    const saved = JSON.parse(JSON.stringify(e.hpa.save()));
    expect(saved).toEqual({ scheduled: ['default/web'], history: {} });
    e.hpa.load(saved);
    expect(e.hpa.save()).toEqual(saved);
  });
});

describe('HPA admission', () => {
  it('converts autoscaling/v1 and applies the v2 defaults', () => {
    const e = env();
    autoscaler(e, { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, targetCPUUtilizationPercentage: 42 }, 'autoscaling/v1');
    const hpa = getHpa(e) as KObject;
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      maxReplicas: 5,
      minReplicas: 1,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 42 } } }],
    });
  });

  it('defaults an empty metric list to cpu 80 % and fills a partial behavior', () => {
    const e = env();
    autoscaler(e, { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } });
    const spec = getHpa(e).spec;
    expect(spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(spec.behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it('validates with the API server wording', () => {
    const e = env();
    const err = thrownStatus(() => autoscaler(e, { scaleTargetRef: { kind: 'Deployment' }, minReplicas: 0, maxReplicas: 0 }));
    expect(err.message).toBe(
      'HorizontalPodAutoscaler.autoscaling "web" is invalid: [spec.minReplicas: Invalid value: 0: must be greater than or equal to 1, spec.maxReplicas: Invalid value: 0: must be greater than 0, spec.scaleTargetRef.name: Required value]',
    );
    const err2 = thrownStatus(() => autoscaler(e, { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 2 }));
    expect(err2.message).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`');
  });
});
