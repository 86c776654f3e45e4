/**
 * `kubectl describe resourcequota` and `kubectl describe limitrange` (describe.go describeQuota,
 * describeLimitRange, v1.31), and the quota and limit sections of `kubectl describe namespace`
 * (DescribeResourceQuotas, DescribeLimitRanges). Neither describer prints events.
 */
import { canonicalQuantity, parseExactQuantity, QuantityError } from '../../../engine/api/quantity.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, LEVEL_1, str, tabbedString, type PrefixWriter } from './writer.ts';

type Dict = Record<string, unknown>;
const dict = (v: unknown): Dict => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Dict) : {});

const SCOPE_HELP: Readonly<Record<string, string>> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

function writeScopes(w: PrefixWriter, level: number, quota: KObject, bullet: string): void {
  const scopes = (dict(quota.spec).scopes as string[] | undefined) ?? [];
  if (scopes.length === 0) return;
  const sorted = [...scopes].sort();
  w.write(level, `Scopes:\t${sorted.join(', ')}\n`);
  for (const s of sorted) if (SCOPE_HELP[s]) w.write(level, `${bullet}${SCOPE_HELP[s]}\n`);
}

/** describeQuota prints `used` in the hard value's format when they differ (resource.NewQuantity(used.Value(), hard.Format)). */
function usedInHardFormat(used: string, hard: string): string {
  try {
    const u = parseExactQuantity(used);
    const h = parseExactQuantity(hard);
    if (u.format === h.format) return used;
    const units = u.nano > 0n ? (u.nano + 999_999_999n) / 1_000_000_000n : u.nano / 1_000_000_000n;
    return canonicalQuantity(units * 1_000_000_000n, h.format);
  } catch (e) {
    if (e instanceof QuantityError) return used;
    throw e;
  }
}

export function describeResourceQuotaObject(_ctx: DescribeContext, quota: KObject): string {
  const hard = dict(dict(quota.status).hard);
  const used = dict(dict(quota.status).used);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${quota.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${quota.metadata.namespace ?? ''}\n`);
    writeScopes(w, LEVEL_0, quota, ' * ');
    w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_0, '--------\t----\t----\n');
    for (const name of Object.keys(hard).sort()) {
      w.write(LEVEL_0, `${name}\t${usedInHardFormat(str(used[name]) || '0', str(hard[name]))}\t${str(hard[name])}\n`);
    }
  });
}

/** describeLimitRangeSpec: one row per resource of each item ("-" for what the item does not set). */
function writeLimitRows(w: PrefixWriter, lr: KObject, prefix: string): void {
  const lists = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'];
  for (const item of (dict(lr.spec).limits as Dict[] | undefined) ?? []) {
    const names = new Set<string>();
    for (const l of lists) for (const k of Object.keys(dict(item[l]))) names.add(k);
    for (const k of [...names].sort()) {
      const cells = lists.map((l) => str(dict(item[l])[k]) || '-');
      w.write(LEVEL_0, `${prefix}${str(item.type)}\t${k}\t${cells.join('\t')}\n`);
    }
  }
}

export function describeLimitRangeObject(_ctx: DescribeContext, lr: KObject): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${lr.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${lr.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    writeLimitRows(w, lr, '');
  });
}

/** DescribeResourceQuotas: the namespace's quotas, by name. */
export function describeNamespaceQuotas(w: PrefixWriter, quotas: readonly KObject[]): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of quotas) {
    w.write(LEVEL_1, `Name:\t${q.metadata.name ?? ''}\n`);
    writeScopes(w, LEVEL_1, q, '* ');
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    const hard = dict(dict(q.status).hard);
    const used = dict(dict(q.status).used);
    for (const name of Object.keys(hard).sort()) w.write(LEVEL_1, `${name}\t${str(used[name]) || '0'}\t${str(hard[name])}\n`);
  }
}

/** DescribeLimitRanges: every item of every LimitRange of the namespace in one table. */
export function describeNamespaceLimitRanges(w: PrefixWriter, limitRanges: readonly KObject[]): void {
  if (limitRanges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of limitRanges) writeLimitRows(w, lr, ' ');
}
