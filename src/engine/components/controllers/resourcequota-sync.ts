/**
 * The resource quota controller's sync (resourcequota.ts): a late part of the engine (engine/late.ts),
 * since the default cluster has no ResourceQuota. Its methods are lent to the controller made at boot.
 */
import type { KObject } from '../../api/types.ts';
import { addLists, evaluatorFor, listToJson, listsEqual, maskList, parseList, type ResourceList } from '../../api/admission/quota-usage.ts';
import { isStatusError } from '../../api/errors.ts';
import { deepEqual } from '../../kernel/objects.ts';
import { type ReconcileResult } from '../workqueue.ts';
import { splitKey } from './util.ts';
import { QUOTA_RESYNC_MS, replenished, ResourceQuotaController, type Dict } from './resourcequota.ts';
import { RESOURCE_TYPES } from '../../api/resources.ts';
import { late, lendMethods } from '../../late.ts';

class ResourceQuotaSync extends (Object as unknown as typeof ResourceQuotaController) {
  /** syncResourceQuota */
  syncKey(key: string): ReconcileResult {
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
    for (const rt of [...replenished(), ...RESOURCE_TYPES.filter((r) => r.kind === 'ResourceQuota')]) {
      const evaluator = evaluatorFor(rt.plural, rt.group);
      const matched = evaluator.matching(names);
      if (matched.length === 0) continue;
      let used: ResourceList = new Map(matched.map((n) => [n, { nano: 0n, format: 'DecimalSI' as const }]));
      for (const obj of store.list(rt, { namespace: quota.metadata.namespace }).items) {
        if (!late().quotaMatches(quota, obj, matched)) continue;
        used = addLists(used, evaluator.usage(obj, kernel.now));
      }
      total = addLists(total, used);
    }
    return total;
  }
}


/** ResourceQuotaController.sync: syncResourceQuota. */
export function syncResourceQuotaKey(c: ResourceQuotaController, key: string): ReconcileResult {
  lendMethods(ResourceQuotaController, ResourceQuotaSync);
  return (c as ResourceQuotaSync).syncKey(key);
}
