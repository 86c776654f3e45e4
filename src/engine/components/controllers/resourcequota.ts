/**
 * The resource quota controller (pkg/controller/resourcequota, v1.31): keeps every
 * ResourceQuota's `status.hard` equal to its spec and `status.used` equal to what the namespace's
 * objects use. Admission raises `used` as objects are created; this controller brings it back
 * down ("replenishment") when pods end (Succeeded/Failed) or objects are deleted, syncs a quota
 * at once when it is created or its spec changes, and resyncs each quota every 5 minutes
 * (--resource-quota-sync-period).
 */
import type { WatchEvent } from '../../api/types.ts';
import { RESOURCE_TYPES } from '../../api/resources.ts';
import { deepEqual } from '../../kernel/objects.ts';
import type { Component, ComponentContext } from '../component.ts';
import { late } from '../../late.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import { keyOf } from './util.ts';

/** The component name (kube-controller-manager's resourcequota-controller). */
export const RESOURCEQUOTA_CONTROLLER = 'resourcequota-controller';

/** --resource-quota-sync-period */
export const QUOTA_RESYNC_MS = 5 * 60 * 1000;

export type Dict = Record<string, unknown>;

/** The controller's saved state: its queue and the pending periodic resyncs. */
export interface ResourceQuotaControllerState {
  queue: WorkQueueState;
  resyncAtMs: [string, number][];
}

/** Kinds whose deletion returns quota (everything namespaced that quota can count, but events). */
let replenishedKinds: typeof RESOURCE_TYPES | undefined;
/** (A function, not a constant: resources.ts and this module can be in one import cycle through engine/late.ts.) */
export function replenished(): typeof RESOURCE_TYPES {
  return (replenishedKinds ??= RESOURCE_TYPES.filter((r) => r.namespaced && r.kind !== 'Event' && r.kind !== 'ResourceQuota'));
}

export class ResourceQuotaController implements Component {
  readonly name = RESOURCEQUOTA_CONTROLLER;
  protected readonly queue: WorkQueue;
  /** Quota key → when its periodic resync is due (one pending resync per quota). */
  protected readonly resyncAtMs = new Map<string, number>();

  constructor(protected readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.sync(key));
  }

  start(resume: boolean): void {
    const { store } = this.ctx;
    const from = resume ? { resourceVersion: store.resourceVersion } : {};
    store.watch('resourcequotas', (e) => this.onQuota(e), from);
    for (const rt of replenished()) store.watch(rt, (e) => this.onObject(e), from);
  }

  save(): ResourceQuotaControllerState {
    return { queue: this.queue.save(), resyncAtMs: [...this.resyncAtMs.entries()] };
  }

  load(state: unknown): void {
    const s = state as ResourceQuotaControllerState;
    this.queue.load(s.queue);
    this.resyncAtMs.clear();
    for (const [k, t] of s.resyncAtMs) this.resyncAtMs.set(k, t);
  }

  /** A new quota, or one whose spec (not status) changed, is synced at once. */
  protected onQuota(e: WatchEvent): void {
    if (e.type === 'DELETED') return;
    const q = e.object;
    const status = (q.status ?? {}) as Dict;
    if (e.type === 'MODIFIED' && deepEqual(status.hard ?? {}, (q.spec as Dict | undefined)?.hard ?? {}) && status.used !== undefined) return;
    this.queue.add(keyOf(q));
  }

  /** Replenishment: a deleted object, or a pod that stopped being charged, frees quota. */
  protected onObject(e: WatchEvent): void {
    const obj = e.object;
    const isPod = obj.kind === 'Pod';
    if (e.type === 'ADDED' || this.ctx.store.count('resourcequotas') === 0) return;
    if (e.type === 'MODIFIED' && !(isPod && !late().podChargedForQuota(obj, this.ctx.kernel.now))) return;
    this.enqueueNamespace(obj.metadata.namespace ?? '');
  }

  protected enqueueNamespace(namespace: string): void {
    if (this.ctx.store.count('resourcequotas') === 0) return;
    for (const q of this.ctx.store.list('resourcequotas', { namespace }).items) this.queue.add(keyOf(q));
  }

  /** syncResourceQuota (resourcequota-sync.ts, a late part: engine/late.ts). */
  protected sync(key: string): ReconcileResult {
    return late().syncResourceQuotaKey(this, key);
  }
}
