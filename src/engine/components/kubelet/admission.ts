/**
 * Kubelet admission (lifecycle predicate admit handler, GeneralPredicates' resource fit): a pod
 * bound to a node that cannot hold it fails with `OutOfcpu` / `OutOfmemory` / `OutOfpods` —
 * what happens when `spec.nodeName` bypasses the scheduler.
 */
import type { Container, Pod } from '../../api/types.ts';
import { parseQuantity } from '../../api/quantity.ts';
import type { Kubelet } from './kubelet.ts';

export interface Rejection {
  reason: string;
  message: string;
}

/** Effective requests of a pod (max of init containers vs sum of app containers), in milli-units. */
export function podRequestsMilli(pod: Pod): { cpu: number; memory: number } {
  const sum = (list: Container[] | undefined, r: 'cpu' | 'memory') =>
    (list ?? []).reduce((n, c) => n + quantityMilli(c.resources?.requests?.[r]), 0);
  const maxInit = (r: 'cpu' | 'memory') =>
    (pod.spec.initContainers ?? []).reduce((n, c) => Math.max(n, quantityMilli(c.resources?.requests?.[r])), 0);
  return {
    cpu: Math.max(sum(pod.spec.containers, 'cpu'), maxInit('cpu')),
    memory: Math.max(sum(pod.spec.containers, 'memory'), maxInit('memory')),
  };
}

export function quantityMilli(q: string | undefined): number {
  if (q === undefined) return 0;
  try {
    return parseQuantity(String(q)).milli;
  } catch {
    return 0;
  }
}

/** The rejection for a pod that does not fit the node beside the pods already admitted, if any. */
export function admitPod(k: Kubelet, pod: Pod): Rejection | undefined {
  const node = k.nodeObject();
  const alloc = node?.status?.allocatable ?? {};
  const used = { cpu: 0, memory: 0, pods: 0 };
  for (const rec of Object.values(k.node.pods)) {
    // Terminal pods no longer hold their requests (every container finished for good).
    if (rec.rejected || rec.terminating || rec.containers.every((c) => c.done)) continue;
    used.cpu += rec.requests.cpu;
    used.memory += rec.requests.memory;
    used.pods++;
  }
  const want = podRequestsMilli(pod);
  const checks: [string, number, number, number][] = [
    ['pods', 1, used.pods, quantityMilli(alloc.pods) / 1000],
    ['cpu', want.cpu, used.cpu, quantityMilli(alloc.cpu)],
    ['memory', want.memory / 1000, used.memory / 1000, quantityMilli(alloc.memory) / 1000],
  ];
  for (const [resource, requested, inUse, capacity] of checks) {
    if (requested > 0 && requested + inUse > capacity) {
      const message = `Node didn't have enough resource: ${resource}, requested: ${Math.ceil(requested)}, used: ${Math.ceil(inUse)}, capacity: ${Math.floor(capacity)}`;
      return { reason: `OutOf${resource}`, message };
    }
  }
  return undefined;
}
