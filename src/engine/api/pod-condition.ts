/**
 * podutil.UpdatePodCondition, shared by the eviction subresource (eviction.ts, a late part of the
 * engine) and the controllers that mark pods before deleting them (pod-gc.ts, taint-eviction.ts).
 */
import type { Condition } from './types.ts';
import { formatTimestamp } from '../kernel/time.ts';

/**
 * podutil.UpdatePodCondition: the pod's conditions with `c` set (its transition time kept when the
 * status does not change), or undefined when nothing would change.
 */
export function withPodCondition(conditions: readonly Condition[] | undefined, c: Omit<Condition, 'lastTransitionTime'>, nowMs: number): Condition[] | undefined {
  const list = conditions ?? [];
  const i = list.findIndex((x) => x.type === c.type);
  const fresh: Condition = { lastProbeTime: null, ...c, lastTransitionTime: formatTimestamp(nowMs) };
  if (i < 0) return [...list, fresh];
  const old = list[i];
  const next: Condition = { ...fresh, lastProbeTime: old.lastProbeTime ?? null, lastTransitionTime: old.status === c.status ? old.lastTransitionTime : fresh.lastTransitionTime };
  const same = old.status === next.status && old.reason === next.reason && old.message === next.message && old.lastTransitionTime === next.lastTransitionTime;
  if (same) return undefined;
  return list.map((x, j) => (j === i ? next : x));
}
