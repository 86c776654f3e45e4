/**
 * preCheckForNode (eventhandlers.go, v1.31 without queueing hints): before a node event moves an
 * unschedulable pod back to the queue, the pod must pass the node's basic checks — AdmissionCheck
 * (resources, node name, node affinity/selector, host ports) and no untolerated NoSchedule taint.
 * A node the pod could never use does not wake it.
 */
import type { NodeInfo, PodInfo } from './framework/types.ts';
import { toleratesTaint } from './framework/types.ts';
import { matchesRequired, requiredNodeAffinity } from './plugins/node-affinity.ts';

export function admissionCheck(pod: PodInfo, node: NodeInfo): boolean {
  return fitsResources(pod, node) && nameMatches(pod, node) && matchesRequired(requiredNodeAffinity(pod.pod.spec), node) && portsFree(pod, node) && toleratesNoSchedule(pod, node);
}

function fitsResources(pod: PodInfo, node: NodeInfo): boolean {
  if (node.pods.length + 1 > node.allowedPodNumber) return false;
  const r = pod.requests;
  const free = node.allocatable;
  const used = node.requested;
  if (r.milliCPU > 0 && r.milliCPU > free.milliCPU - used.milliCPU) return false;
  if (r.memory > 0 && r.memory > free.memory - used.memory) return false;
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > free.ephemeralStorage - used.ephemeralStorage) return false;
  for (const [name, q] of Object.entries(r.scalar ?? {})) {
    if (q > 0 && q > (free.scalar?.[name] ?? 0) - (used.scalar?.[name] ?? 0)) return false;
  }
  return true;
}

const nameMatches = (pod: PodInfo, node: NodeInfo): boolean => !pod.pod.spec.nodeName || pod.pod.spec.nodeName === node.name;

function portsFree(pod: PodInfo, node: NodeInfo): boolean {
  for (const want of pod.hostPorts) {
    for (const used of node.usedPorts) {
      if (used.hostPort !== want.hostPort || used.protocol !== want.protocol) continue;
      if (used.hostIP === want.hostIP || used.hostIP === '0.0.0.0' || want.hostIP === '0.0.0.0') return false;
    }
  }
  return true;
}

function toleratesNoSchedule(pod: PodInfo, node: NodeInfo): boolean {
  const tolerations = pod.pod.spec.tolerations ?? [];
  for (const taint of node.taints) {
    if (taint.effect !== 'NoSchedule') continue;
    if (!tolerations.some((t) => toleratesTaint(t, taint))) return false;
  }
  return true;
}
