/**
 * The resource quota controller (pkg/controller/resourcequota, v1.31): keeps every
 * ResourceQuota's `status.hard` equal to its spec and `status.used` equal to what the namespace's
 * objects use. Admission raises `used` as objects are created; this controller brings it back
 * down ("replenishment") when pods end (Succeeded/Failed) or objects are deleted, syncs a quota
 * at once when it is created or its spec changes, and resyncs each quota every 5 minutes
 * (--resource-quota-sync-period).
 */
import type { KObject, WatchEvent } from '../../api/types.ts';
import {
  addLists,
  evaluatorFor,
  listToJson,
  listsEqual,
  maskList,
  parseList,
  podChargedForQuota,
  type ResourceList,
} from '../../api/admission/quota-usage.ts';
import { quotaMatches } from '../../api/admission/resourcequota.ts';
import { isStatusError } from '../../api/errors.ts';
import { RESOURCE_TYPES } from '../../api/resources.ts';
import { deepEqual } from '../../kernel/objects.ts';
import type { Component, ComponentContext } from '../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import { keyOf, splitKey } from './util.ts';

/** The component name (kube-controller-manager's resourcequota-controller). */
export const RESOURCEQUOTA_CONTROLLER = 'resourcequota-controller';

/** --resource-quota-sync-period */
export const QUOTA_RESYNC_MS = 5 * 60 * 1000;

type Dict = Record<string, unknown>;

/** The controller's saved state: its queue and the pending periodic resyncs. */
export interface ResourceQuotaControllerState {
  queue: WorkQueueState;
  resyncAtMs: [string, number][];
}

/** Kinds whose deletion returns quota (everything namespaced that quota can count, but events). */
const REPLENISHED = RESOURCE_TYPES.filter((r) => r.namespaced && r.kind !== 'Event' && r.kind !== 'ResourceQuota');

export class ResourceQuotaController implements Component {
  readonly name = RESOURCEQUOTA_CONTROLLER;
  private readonly queue: WorkQueue;
  /** Quota key → when its periodic resync is due (one pending resync per quota). */
  private readonly resyncAtMs = new Map<string, number>();

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.sync(key));
  }

  start(resume: boolean): void {
    const { store } = this.ctx;
    const from = resume ? { resourceVersion: store.resourceVersion } : {};
    store.watch('resourcequotas', (e) => this.onQuota(e), from);
    for (const rt of REPLENISHED) store.watch(rt, (e) => this.onObject(e), from);
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
  private onQuota(e: WatchEvent): void {
    if (e.type === 'DELETED') return;
    const q = e.object;
    const status = (q.status ?? {}) as Dict;
    if (e.type === 'MODIFIED' && deepEqual(status.hard ?? {}, (q.spec as Dict | undefined)?.hard ?? {}) && status.used !== undefined) return;
    this.queue.add(keyOf(q));
  }

  /** Replenishment: a deleted object, or a pod that stopped being charged, frees quota. */
  private onObject(e: WatchEvent): void {
    const obj = e.object;
    const isPod = obj.kind === 'Pod';
    if (e.type === 'ADDED' || this.ctx.store.count('resourcequotas') === 0) return;
    if (e.type === 'MODIFIED' && !(isPod && !podChargedForQuota(obj, this.ctx.kernel.now))) return;
    this.enqueueNamespace(obj.metadata.namespace ?? '');
  }

  private enqueueNamespace(namespace: string): void {
    if (this.ctx.store.count('resourcequotas') === 0) return;
    for (const q of this.ctx.store.list('resourcequotas', { namespace }).items) this.queue.add(keyOf(q));
  }

  /** syncResourceQuota */
  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const { store } = this.ctx;
    const quota = store.tryGet('resourcequotas', namespace, name);
    if (!quota) {
      this.resyncAtMs.delete(key);
      return 'done';
    }
    const hard = parseList((quota.spec as Dict | undefined)?.hard);
    const status = (quota.status ?? {}) as Dict;
    const used = maskList(new Map([...parseList(status.used), ...this.calculateUsage(quota, hard)]), hard.keys());
    const hardJson = listToJson(hard);
    const dirty = status.hard === undefined || status.used === undefined || !deepEqual(status.hard, hardJson) || !listsEqual(used, parseList(status.used));
    if (dirty) {
      try {
        store.update({ ...quota, status: { hard: hardJson, used: listToJson(used) } } as KObject, { subresource: 'status' });
      } catch (e) {
        if (isStatusError(e, 'NotFound')) return 'done';
        if (isStatusError(e)) return 'retry';
        throw e;
      }
    }
    return this.scheduleResync(key);
  }

  /** The 5-minute full resync, scheduled once per quota. */
  private scheduleResync(key: string): ReconcileResult {
    const now = this.ctx.kernel.now;
    const due = this.resyncAtMs.get(key);
    if (due !== undefined && due > now) return 'done';
    this.resyncAtMs.set(key, now + QUOTA_RESYNC_MS);
    return QUOTA_RESYNC_MS;
  }

  /** quota.CalculateUsage: for each kind the quota limits, its objects' usage from zero. */
  private calculateUsage(quota: KObject, hard: ResourceList): ResourceList {
    const { store, kernel } = this.ctx;
    const names = [...hard.keys()];
    let total: ResourceList = new Map();
    for (const rt of [...REPLENISHED, ...RESOURCE_TYPES.filter((r) => r.kind === 'ResourceQuota')]) {
      const evaluator = evaluatorFor(rt.plural, rt.group);
      const matched = evaluator.matching(names);
      if (matched.length === 0) continue;
      let used: ResourceList = new Map(matched.map((n) => [n, { nano: 0n, format: 'DecimalSI' as const }]));
      for (const obj of store.list(rt, { namespace: quota.metadata.namespace }).items) {
        if (!quotaMatches(quota, obj, matched)) continue;
        used = addLists(used, evaluator.usage(obj, kernel.now));
      }
      total = addLists(total, used);
    }
    return total;
  }
}
