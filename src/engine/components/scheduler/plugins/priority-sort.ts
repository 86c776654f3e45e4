/**
 * PrioritySort (QueueSort): higher `spec.priority` first; equal priorities in the order the pods
 * entered the queue.
 */
import type { PluginFactory, QueuedPodInfo, QueueSortPlugin } from '../framework/types.ts';

export const NAME = 'PrioritySort';

export function prioritySortLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  const pa = a.podInfo.pod.spec.priority ?? 0;
  const pb = b.podInfo.pod.spec.priority ?? 0;
  return pa > pb || (pa === pb && a.timestamp < b.timestamp);
}

export const prioritySort: PluginFactory = (): QueueSortPlugin => ({ name: NAME, less: prioritySortLess });
