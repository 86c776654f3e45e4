/**
 * NodePorts, as kube-scheduler v1.31 has it (`plugins/nodeports/node_ports.go`, HostPortInfo in
 * `framework/types.go`).
 *
 * - PreFilter collects the host ports the pod's app containers (`spec.containers`, not init
 *   containers, in v1.31) ask for; a pod without any Skips the plugin.
 * - Filter rejects a node where one of them is taken, Unschedulable (preemption can free it),
 *   `node(s) didn't have free ports for the requested pod ports`. A wanted (protocol, port)
 *   conflicts with a used one of the same protocol and port when either hostIP is 0.0.0.0 (bind
 *   all) or both are the same IP. An empty hostIP means 0.0.0.0 and an empty protocol TCP. The
 *   pod's own ports are not checked against each other (API validation does that).
 */
import type { Pod } from '../../../api/types.ts';
import {
  SKIP,
  unschedulable,
  type ClusterEvent,
  type CycleState,
  type FilterPlugin,
  type HostPort,
  type NodeInfo,
  type PluginFactory,
  type PodInfo,
  type PreFilterPlugin,
  type Status,
} from '../framework/types.ts';

export const NAME = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";
const PRE_FILTER_KEY = `PreFilter${NAME}`;
const NO_PORTS: readonly WantedPort[] = Object.freeze([]);
/** framework.DefaultBindAllHostIP. */
export const BIND_ALL_HOST_IP = '0.0.0.0';

/**
 * v1.31: assigned Pod deletes (ports are immutable, so pod updates never free one) and Node Add or
 * any Node Update (the Update only because preCheck may swallow a Node Add).
 */
const EVENTS: readonly ClusterEvent[] = [
  { resource: 'Pod', action: 'Delete' },
  { resource: 'Node', action: 'Add' },
  { resource: 'Node', action: 'Update' },
];

/** A wanted host port with hostIP and protocol defaulted (HostPortInfo.sanitize). */
export interface WantedPort {
  readonly protocol: string;
  readonly ip: string;
  readonly port: number;
}

/** getContainerPorts: the host ports (hostPort > 0) of the app containers, sanitized. */
export function wantedPorts(pod: Pod): WantedPort[] {
  const out: WantedPort[] = [];
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      const ip = (p as { hostIP?: string }).hostIP;
      out.push({ protocol: p.protocol || 'TCP', ip: ip || BIND_ALL_HOST_IP, port: p.hostPort });
    }
  }
  return out;
}

/** HostPortInfo.CheckConflict of one wanted port against the node's used ports. */
export function portConflicts(want: WantedPort, used: readonly HostPort[]): boolean {
  for (let i = 0; i < used.length; i++) {
    const u = used[i];
    if (u.hostPort !== want.port || (u.protocol || 'TCP') !== want.protocol) continue;
    const ip = u.hostIP || BIND_ALL_HOST_IP;
    if (want.ip === BIND_ALL_HOST_IP || ip === BIND_ALL_HOST_IP || ip === want.ip) return true;
  }
  return false;
}

/** fitsPorts: none of the wanted ports conflicts. */
export function fitsPorts(wanted: readonly WantedPort[], node: NodeInfo): boolean {
  const used = node.usedPorts;
  if (used.length === 0) return true;
  for (let i = 0; i < wanted.length; i++) if (portConflicts(wanted[i], used)) return false;
  return true;
}

const formatPort = (ip: string, port: number, protocol: string): string => `${ip || BIND_ALL_HOST_IP}:${port}/${protocol || 'TCP'}`;

class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = NAME;
  readonly events = EVENTS;
  private readonly rejected = unschedulable(ERR_REASON);

  preFilter(state: CycleState, pod: PodInfo): Status | null {
    const wanted = wantedPorts(pod.pod);
    state.write(PRE_FILTER_KEY, wanted.length === 0 ? NO_PORTS : wanted);
    return wanted.length === 0 ? SKIP : null;
  }

  /** Without PreFilter's state (upstream: an Error status) the ports are computed here. */
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const wanted = state.read<readonly WantedPort[]>(PRE_FILTER_KEY) ?? wantedPorts(pod.pod);
    return fitsPorts(wanted, node) ? null : this.rejected;
  }

  explain(pod: PodInfo, node: NodeInfo): string {
    for (const want of wantedPorts(pod.pod)) {
      const owner = node.pods.find((p) => portConflicts(want, p.hostPorts));
      if (owner === undefined) continue;
      const theirs = owner.hostPorts.find((u) => portConflicts(want, [u]));
      const held = theirs ? ` (it holds ${formatPort(theirs.hostIP, theirs.hostPort, theirs.protocol)})` : '';
      return `the pod wants host port ${formatPort(want.ip, want.port, want.protocol)}, already taken on ${node.name} by pod ${owner.key}${held}`;
    }
    return `a host port the pod wants is already taken on ${node.name}`;
  }
}

export const nodePorts: PluginFactory = () => new NodePorts();
