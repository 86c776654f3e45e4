/**
 * The FitError text (kube-scheduler v1.31 `framework.FitError.Error()`): what FailedScheduling
 * events and the `PodScheduled=False` condition say, and what DefaultPreemption nests after
 * `preemption: `.
 *
 *   "0/<N> nodes are available:"
 *   + " <preFilterMsg>."                                  when a PreFilter plugin rejected the pod
 *   + " " + sorted("<count> <reason>").join(", ") + "."   otherwise, when any node has reasons
 *   + " <postFilterMsg>."                                 when PostFilter left a message
 *
 * When PreFilter rejected, every node carries that same status, so the per-node reasons are left
 * out (they would only repeat it). Each reason string of each node's status is counted; the
 * `<count> <reason>` strings are sorted as Go's sort.Strings does (byte order, so
 * `10 Insufficient cpu` comes before `2 node(s)...`). A postFilterMsg that is itself a full
 * FitError text already ends in `.`, hence the real `..` at the end of preemption messages.
 */
import type { FilteredStatuses } from './types.ts';

export const noNodeAvailableMsg = (numAllNodes: number): string => `0/${numAllNodes} nodes are available`;

export function fitErrorMessage(numAllNodes: number, statuses: FilteredStatuses, preFilterMsg?: string, postFilterMsg?: string): string {
  let msg = `${noNodeAvailableMsg(numAllNodes)}:`;
  if (preFilterMsg) {
    msg += ` ${preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const status of statuses.values()) {
      for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    const parts: string[] = [];
    for (const [reason, count] of counts) parts.push(`${count} ${reason}`);
    if (parts.length > 0) msg += ` ${parts.sort(byteOrder).join(', ')}.`;
  }
  if (postFilterMsg) msg += ` ${postFilterMsg}.`;
  return msg;
}

/** Go's string order (UTF-8 bytes), which is code point order; JS `<` compares UTF-16 units. */
export function byteOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
