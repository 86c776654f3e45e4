/**
 * NodeName, as kube-scheduler v1.31 has it (`plugins/nodename/node_name.go`): a pod whose
 * `spec.nodeName` is set fits only the node of that name; any other node is rejected,
 * UnschedulableAndUnresolvable, `node(s) didn't match the requested node name`. The scheduler only
 * sees unbound pods, so in practice this never rejects; the plugin stays faithful anyway.
 */
import type { NodeColumns } from '../framework/node-columns.ts';
import { unresolvable, type ClusterEvent, type CycleState, type FilterPlugin, type NodeInfo, type PluginFactory, type PodInfo, type Status } from '../framework/types.ts';

export const NAME = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";

/** v1.31: Node Add and any Node Update (no queueing hint). */
const EVENTS: readonly ClusterEvent[] = [
  { resource: 'Node', action: 'Add' },
  { resource: 'Node', action: 'Update' },
];

/** Fits: no requested name, or the node is the one requested. */
export const fitsNodeName = (pod: PodInfo, node: NodeInfo): boolean => {
  const want = pod.pod.spec.nodeName;
  return !want || want === node.name;
};

class NodeName implements FilterPlugin {
  readonly name = NAME;
  readonly events = EVENTS;
  private readonly rejected = unresolvable(ERR_REASON);

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    return fitsNodeName(pod, node) ? null : this.rejected;
  }

  filterNodes(_state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], from: number, to: number, out: (Status | null)[]): number {
    if (!pod.pod.spec.nodeName) return 0;
    let rejected = 0;
    for (let j = from; j < to; j++) {
      if (out[j] === null && !fitsNodeName(pod, nodes[j])) {
        out[j] = this.rejected;
        rejected++;
      }
    }
    return rejected;
  }

  filterSlots(_state: CycleState, pod: PodInfo, cols: NodeColumns, slots: Int32Array, from: number, to: number, out: (Status | null)[]): number {
    if (!pod.pod.spec.nodeName) return 0;
    let rejected = 0;
    for (let j = from; j < to; j++) {
      if (out[j] === null && !fitsNodeName(pod, cols.nodes[slots[j]])) {
        out[j] = this.rejected;
        rejected++;
      }
    }
    return rejected;
  }

  explain(pod: PodInfo, node: NodeInfo): string {
    return `the pod asks for node ${pod.pod.spec.nodeName ?? ''} (spec.nodeName) and this is ${node.name}`;
  }
}

export const nodeName: PluginFactory = () => new NodeName();
