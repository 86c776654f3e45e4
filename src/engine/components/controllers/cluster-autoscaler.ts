/**
 * The cluster autoscaler (kubernetes/autoscaler cluster-autoscaler 1.31 with its defaults), over
 * node groups the simulated cloud provides (`sim nodegroup add`). Every scan interval (10 s) while
 * a group exists it:
 * - finishes scale-downs in progress (a drained node is deleted once its pods are gone);
 * - scales up: unschedulable pods (PodScheduled=False, Unschedulable) that fit neither existing
 *   nor booting nodes are bin-packed onto new nodes of the group that wastes least
 *   (`--expander=least-waste`, ties by name), capped at the group's max; new nodes register after a
 *   boot delay. Events `TriggeredScaleUp` / `NotTriggerScaleUp` on the pods;
 * - scales down: a group node whose requested cpu and memory are both under 50 % of allocatable,
 *   and whose pods can all move elsewhere, is unneeded; after 10 minutes unneeded (and not within
 *   10 minutes of a scale-up), and never below the group's min, it is tainted
 *   ToBeDeletedByClusterAutoscaler, drained through the eviction API (PDBs respected) and deleted.
 * Deterministic: groups, nodes and pods are visited in name order; no randomness.
 */
import type { Node } from '../../api/types.ts';
import { type NodeShape } from '../../cluster/nodes.ts';
import { deepClone } from '../../kernel/objects.ts';
import type { Component, ComponentContext } from '../component.ts';
import { late } from '../../late.ts';

export const CLUSTER_AUTOSCALER = 'cluster-autoscaler';
/** The label that says which node group a node belongs to (the cloud's instance-group label). */
export const NODE_GROUP_LABEL = 'podlab.io/nodegroup';
export const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';
export const STATUS_CONFIGMAP = 'cluster-autoscaler-status';
/** --scan-interval */
export const SCAN_INTERVAL_MS = 10_000;
/** How long a new machine takes to boot and register its kubelet. */
export const NODE_BOOT_DELAY_MS = 45_000;
/** --scale-down-unneeded-time, --scale-down-delay-after-add */
export const SCALE_DOWN_UNNEEDED_MS = 10 * 60_000;
export const SCALE_DOWN_DELAY_AFTER_ADD_MS = 10 * 60_000;
/** --scale-down-utilization-threshold */
export const SCALE_DOWN_UTILIZATION_THRESHOLD = 0.5;
/** --max-pod-eviction-time, --max-graceful-termination-sec, --max-empty-bulk-delete */
export const MAX_POD_EVICTION_MS = 2 * 60_000;
export const MAX_GRACEFUL_TERMINATION_MS = 600_000;
export const MAX_EMPTY_BULK_DELETE = 10;

const SCAN_TIMER = 'cluster-autoscaler.scan';
export const BOOT_TIMER = 'cluster-autoscaler.boot';

/** A node group as the cloud provider defines it. */
export interface NodeGroup {
  name: string;
  min: number;
  max: number;
  cpu: string;
  memory: string;
  /** Suffix of the next node's name (`NAME-1`, `NAME-2`...); never reused. */
  nextIndex: number;
}

interface Booting {
  node: string;
  group: string;
}

export interface Deletion {
  node: string;
  group: string;
  startedMs: number;
  drain: boolean;
}

interface State {
  groups: NodeGroup[];
  booting: Booting[];
  deleting: Deletion[];
  unneededSince: Record<string, number>;
  lastScaleUpMs: number | null;
  scanScheduled: boolean;
}

/** What the autoscaler asks of the simulation: a machine that boots and registers its Node. */
export interface CloudProvider {
  addNode(shape: Omit<NodeShape, 'index'>): Node;
}

/** A group with its current size, for `sim nodegroup list`. */
export interface NodeGroupStatus extends NodeGroup {
  ready: number;
  booting: number;
}

export class ClusterAutoscaler implements Component {
  readonly name = CLUSTER_AUTOSCALER;
  protected s: State = { groups: [], booting: [], deleting: [], unneededSince: {}, lastScaleUpMs: null, scanScheduled: false };

  constructor(
    protected readonly ctx: ComponentContext,
    protected readonly cloud: CloudProvider,
  ) {
    ctx.kernel.on(SCAN_TIMER, () => this.onScan());
    ctx.kernel.on(BOOT_TIMER, (node) => this.boot(node as string));
  }

  start(): void {
    // Nothing to watch: the autoscaler lists what it needs on every scan, as its loop does.
  }

  save(): State {
    return deepClone(this.s);
  }

  load(state: unknown): void {
    this.s = deepClone(state as State);
  }

  // ---- the cloud's API (sim nodegroup) -------------------------------------------------------

  /** Creates a group; its `min` machines come up at once, as the cloud starts a group at its minimum. */
  addGroup(g: Omit<NodeGroup, 'nextIndex'>): void {
    if (this.s.groups.some((x) => x.name === g.name)) throw new Error(`node group "${g.name}" already exists`);
    const group: NodeGroup = { ...g, nextIndex: 1 };
    this.s.groups.push(group);
    this.s.groups.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (let i = 0; i < g.min; i++) this.cloud.addNode(this.shape(group, this.nextNodeName(group)));
    this.ensureScan();
  }

  /** Deletes a group and its machines (their Node objects go with them). */
  deleteGroup(name: string): void {
    if (!this.s.groups.some((g) => g.name === name)) throw new Error(`node group "${name}" not found`);
    this.s.groups = this.s.groups.filter((g) => g.name !== name);
    this.s.booting = this.s.booting.filter((b) => b.group !== name);
    this.s.deleting = this.s.deleting.filter((d) => d.group !== name);
    for (const n of this.groupNodes(name)) this.ctx.store.delete('nodes', '', n.metadata.name ?? '');
  }

  groups(): NodeGroupStatus[] {
    return this.s.groups.map((g) => ({ ...g, ready: this.groupNodes(g.name).length, booting: this.s.booting.filter((b) => b.group === g.name).length }));
  }

  protected nextNodeName(g: NodeGroup): string {
    return `${g.name}-${g.nextIndex++}`;
  }

  protected shape(g: NodeGroup, name: string): Omit<NodeShape, 'index'> {
    return { name, cpu: g.cpu, memory: g.memory, labels: { [NODE_GROUP_LABEL]: g.name } };
  }

  protected groupNodes(group: string): Node[] {
    return this.ctx.store.list<Node>('nodes', { labelSelector: `${NODE_GROUP_LABEL}=${group}` }).items;
  }

  protected ensureScan(): void {
    if (this.s.scanScheduled || this.s.groups.length === 0) return;
    this.s.scanScheduled = true;
    this.ctx.kernel.schedule(SCAN_INTERVAL_MS, SCAN_TIMER);
  }

  protected boot(node: string): void {
    const b = this.s.booting.find((x) => x.node === node);
    if (!b) return;
    this.s.booting = this.s.booting.filter((x) => x !== b);
    const g = this.s.groups.find((x) => x.name === b.group);
    if (g) this.cloud.addNode(this.shape(g, node));
  }

  // ---- the loop (RunOnce) ----------------------------------------------------------------------

  /** cluster-autoscaler's loop (RunOnce) (cluster-autoscaler-scan.ts, a late part: engine/late.ts). */
  protected onScan(): void {
    late().scanClusterAutoscaler(this);
  }
}
