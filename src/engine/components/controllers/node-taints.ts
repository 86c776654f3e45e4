/**
 * Taint helpers the node lifecycle and taint eviction controllers share (pkg/util/taints and
 * pkg/controller/util/node/controller_utils.go): the taint templates, taint matching, the zone key
 * of a node, and SwapNodeControllerTaint — add some taints (stamped with timeAdded) and remove
 * others in one write of spec.taints, keeping the order of the taints already there.
 */
import { isStatusError } from '../../api/errors.ts';
import type { ApiStore } from '../../api/store.ts';
import type { Node, Taint } from '../../api/types.ts';
import { deepEqual } from '../../kernel/objects.ts';
import { formatTimestamp } from '../../kernel/time.ts';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/** The NoExecute taints the node lifecycle controller owns (UnreachableTaintTemplate, NotReadyTaintTemplate). */
export const UNREACHABLE_NO_EXECUTE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };
export const NOT_READY_NO_EXECUTE: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' };

/** Taint.MatchTaint: same key and effect (the value and timeAdded do not matter). */
export function matchTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/** taintutils.TaintExists. */
export function taintExists(taints: readonly Taint[] | undefined, t: Taint): boolean {
  return (taints ?? []).some((x) => matchTaint(x, t));
}

/** The node's NoExecute taints (getNoExecuteTaints). */
export function noExecuteTaints(node: Node): Taint[] {
  return (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/**
 * utilnode.GetZoneKey: `region:\0:zone` from the topology labels (or their deprecated beta
 * names), `''` when the node has neither — every node of a Podlab cluster without zone labels is
 * in the one zone `''`.
 */
export function zoneKey(node: Node): string {
  const l = node.metadata.labels ?? {};
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

/** The taints after AddOrUpdateTaint of each of `add` and RemoveTaint of each of `remove`. */
export function swappedTaints(current: readonly Taint[], add: readonly Taint[], remove: readonly Taint[]): Taint[] {
  let next = [...current];
  for (const t of add) {
    const i = next.findIndex((x) => matchTaint(x, t));
    if (i < 0) next.push(t);
    else if (!deepEqual(next[i], t)) next[i] = t;
  }
  for (const t of remove) next = next.filter((x) => !matchTaint(x, t));
  return next;
}

/**
 * SwapNodeControllerTaint: adds `add` (each stamped timeAdded = now) and removes `remove` in one
 * write of spec.taints. Returns false when the write failed (the caller tries again later).
 */
export function swapNodeTaints(store: ApiStore, nowMs: number, nodeName: string, add: readonly Taint[], remove: readonly Taint[]): boolean {
  const node = store.tryGet<Node>('nodes', '', nodeName);
  if (!node) return false;
  const timeAdded = formatTimestamp(nowMs);
  const stamped = add.map((t) => ({ ...t, timeAdded }));
  const current = node.spec?.taints ?? [];
  const next = swappedTaints(current, stamped, remove);
  if (deepEqual(current, next)) return true;
  const spec = { ...node.spec };
  if (next.length > 0) spec.taints = next;
  else delete spec.taints;
  try {
    store.update({ ...node, spec });
    return true;
  } catch (e) {
    if (isStatusError(e)) return false;
    throw e;
  }
}
