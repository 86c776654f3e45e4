/**
 * The horizontal pod autoscaler controller (kube-controller-manager's
 * pkg/controller/podautoscaler/horizontal.go, v1.31): every HPA is looked at every sync period
 * (15 s, the first time 15 s after it appears), reads its target's scale (spec.replicas and the
 * selector of a Deployment, ReplicaSet or StatefulSet), asks the resource metrics API for the
 * pods' usage, computes the desired replicas (hpa-replicas.ts), normalises them (hpa-behavior.ts),
 * writes the target's spec.replicas and its own status, and records events as
 * `horizontal-pod-autoscaler`.
 */
import type { Condition, KObject } from '../../api/types.ts';
import { deepClone } from '../../kernel/objects.ts';
import type { Component, ComponentContext } from '../component.ts';
import { late } from '../../late.ts';
import { type Behavior, type HpaHistory } from './hpa-behavior.ts';
import type { ResourceMetricsSource } from './metrics-server.ts';
import { keyOf, splitKey } from './util.ts';

/** --horizontal-pod-autoscaler-sync-period */
export const HPA_SYNC_PERIOD_MS = 15_000;
export const HPA_COMPONENT = 'horizontal-pod-autoscaler';
const TIMER = 'hpa.sync';
/** Kinds with a scale subresource. */
export const SCALABLE = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', '/ReplicationController']);

/** The autoscaling/v2 object, as far as the controller reads it. */
export interface HorizontalPodAutoscaler extends KObject {
  spec: {
    scaleTargetRef: { apiVersion?: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: MetricSpec[];
    behavior?: Behavior;
  };
  status?: HpaStatus;
}

/** A v2 MetricSpec (Podlab evaluates Resource metrics). */
export interface MetricSpec {
  type: string;
  resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string } };
}

/** A v2 MetricStatus; `{type: ''}` for a metric that could not be read, as upstream writes it. */
export interface MetricStatus {
  type: string;
  resource?: { name: string; current: { averageUtilization?: number; averageValue?: string } };
}

export interface HpaStatus {
  currentReplicas?: number;
  desiredReplicas: number;
  lastScaleTime?: string;
  currentMetrics?: MetricStatus[];
  conditions?: Condition[];
}

interface State {
  scheduled: string[];
  history: Record<string, HpaHistory>;
}

export class HorizontalPodAutoscalerController implements Component {
  readonly name = HPA_COMPONENT;
  protected scheduled = new Set<string>();
  protected history: Record<string, HpaHistory> = {};

  constructor(
    protected readonly ctx: ComponentContext,
    protected readonly metrics: ResourceMetricsSource,
  ) {
    ctx.kernel.on(TIMER, (key) => this.onTimer(key as string));
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch(
      'horizontalpodautoscalers',
      (e) => {
        const key = keyOf(e.object);
        if (e.type === 'DELETED') delete this.history[key];
        else this.enqueue(key);
      },
      from,
    );
  }

  save(): State {
    return { scheduled: [...this.scheduled], history: deepClone(this.history) };
  }

  load(state: unknown): void {
    const s = state as State;
    this.scheduled = new Set(s.scheduled);
    this.history = deepClone(s.history);
  }

  /** AddRateLimited with the HPA's fixed-interval limiter: a key already waiting keeps its time. */
  private enqueue(key: string): void {
    if (this.scheduled.has(key)) return;
    this.scheduled.add(key);
    this.ctx.kernel.schedule(HPA_SYNC_PERIOD_MS, TIMER, key);
  }

  private onTimer(key: string): void {
    this.scheduled.delete(key);
    const { namespace, name } = splitKey(key);
    const hpa = this.ctx.store.tryGet<HorizontalPodAutoscaler>('horizontalpodautoscalers', namespace, name);
    if (!hpa) {
      delete this.history[key];
      return;
    }
    this.reconcile(hpa, key);
    this.enqueue(key);
  }

  /** reconcileAutoscaler (hpa-sync.ts, a late part: engine/late.ts). */
  reconcile(hpa: HorizontalPodAutoscaler, key: string): void {
    late().reconcileHpa(this, hpa, key);
  }
}

