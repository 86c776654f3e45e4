/**
 * NodeUnschedulable, as kube-scheduler v1.31 has it (`plugins/nodeunschedulable/node_unschedulable.go`):
 * a cordoned node (`spec.unschedulable: true`, what `kubectl cordon` sets) is rejected,
 * UnschedulableAndUnresolvable, `node(s) were unschedulable` — unless the pod tolerates the taint
 * `node.kubernetes.io/unschedulable:NoSchedule` (empty value), as DaemonSet pods do.
 */
import type { Taint } from '../../../api/types.ts';
import type { NodeColumns } from '../framework/node-columns.ts';
import { unresolvable, type ClusterEvent, type CycleState, type FilterPlugin, type NodeInfo, type PluginFactory, type PodInfo, type Status } from '../framework/types.ts';
import { tolerationsTolerate } from './taint-toleration.ts';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const UNSCHEDULABLE_TAINT_KEY = 'node.kubernetes.io/unschedulable';

const UNSCHEDULABLE_TAINT: Taint = Object.freeze({ key: UNSCHEDULABLE_TAINT_KEY, effect: 'NoSchedule' });

/** v1.31: Node Add and UpdateNodeTaint (the queue treats a spec.unschedulable change as a taint update). */
const EVENTS: readonly ClusterEvent[] = [
  { resource: 'Node', action: 'Add' },
  { resource: 'Node', action: 'UpdateNodeTaint' },
];

class NodeUnschedulable implements FilterPlugin {
  readonly name = NAME;
  readonly events = EVENTS;
  private readonly rejected = unresolvable(ERR_REASON_UNSCHEDULABLE);

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    if (!node.unschedulable) return null;
    const tolerations = pod.pod.spec.tolerations;
    return tolerations !== undefined && tolerationsTolerate(tolerations, UNSCHEDULABLE_TAINT) ? null : this.rejected;
  }

  filterNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], from: number, to: number, out: (Status | null)[]): number {
    let rejected = 0;
    for (let j = from; j < to; j++) {
      if (out[j] !== null || !nodes[j].unschedulable) continue;
      const s = this.filter(state, pod, nodes[j]);
      if (s !== null) {
        out[j] = s;
        rejected++;
      }
    }
    return rejected;
  }

  filterSlots(state: CycleState, pod: PodInfo, cols: NodeColumns, slots: Int32Array, from: number, to: number, out: (Status | null)[]): number {
    if (cols.unschedulableNodes === 0) return 0;
    const unschedulable = cols.unschedulable;
    let rejected = 0;
    for (let j = from; j < to; j++) {
      if (unschedulable[slots[j]] === 0 || out[j] !== null) continue;
      const s = this.filter(state, pod, cols.nodes[slots[j]]);
      if (s !== null) {
        out[j] = s;
        rejected++;
      }
    }
    return rejected;
  }

  explain(_pod: PodInfo, node: NodeInfo): string {
    return `${node.name} is cordoned (spec.unschedulable) and the pod does not tolerate ${UNSCHEDULABLE_TAINT_KEY}`;
  }
}

export const nodeUnschedulable: PluginFactory = () => new NodeUnschedulable();
