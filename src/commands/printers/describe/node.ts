/**
 * `kubectl describe node` (describe.go NodeDescriber / describeNode / describeNodeResource): roles,
 * labels, taints, the node Lease from kube-node-lease, conditions, addresses, capacity and
 * allocatable, system info, pod CIDRs, the non-terminated pods on the node with their requests and
 * limits as percentages of allocatable, the allocated totals, and the node's events (searched by
 * the node's uid and, as the kubelet records them, by its name).
 */
import { isStatusError } from '../../../engine/api/errors.ts';
import type { FieldRequirement } from '../../../engine/api/selectors.ts';
import type { KEvent, KObject, Node, Pod } from '../../../engine/api/types.ts';
import { translateTimestampSince } from '../age.ts';
import { describeEvents, searchEvents } from './events.ts';
import { addResourceList, milliValue, parseQ, percent, podRequestsAndLimits, qString, toQList, value, type QList } from './resources.ts';
import type { DescribeContext } from './types.ts';
import {
  LEVEL_0,
  LEVEL_1,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  rfc1123z,
  sortedStrings,
  str,
  tabbedString,
  type PrefixWriter,
} from './writer.ts';

/** kubectl describe's LabelNodeRolePrefix / NodeLabelRole. */
const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';
const NAMESPACE_NODE_LEASE = 'kube-node-lease';

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role=<role>`, sorted. */
export function findNodeRoles(node: KObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') roles.add(v);
  }
  return sortedStrings(roles);
}

/** The pods describe lists for a node: on it, and neither Succeeded nor Failed. */
function nonTerminatedPods(ctx: DescribeContext, nodeName: string): Pod[] {
  const fieldSelector: FieldRequirement[] = [
    { field: 'spec.nodeName', op: '=', value: nodeName },
    { field: 'status.phase', op: '!=', value: 'Succeeded' },
    { field: 'status.phase', op: '!=', value: 'Failed' },
  ];
  return ctx.store.list<Pod>('pods', { fieldSelector }).items;
}

/** NodeDescriber.Describe for a node already fetched. */
export function describeNodeObject(ctx: DescribeContext, obj: KObject): string {
  const node = obj as Node;
  const name = node.metadata.name ?? '';
  const pods = nonTerminatedPods(ctx, name);
  let events: KEvent[] | undefined;
  if (ctx.showEvents) {
    // Controllers record node events under the node's uid, the kubelet under its name.
    events = [
      ...searchEvents(ctx, { name, namespace: '', kind: 'Node', uid: node.metadata.uid }),
      ...searchEvents(ctx, { name, namespace: '', kind: 'Node', uid: name }),
    ];
  }
  let lease: KObject | string;
  try {
    lease = ctx.store.get('leases', NAMESPACE_NODE_LEASE, name);
  } catch (e) {
    if (!isStatusError(e)) throw e;
    lease = e.message;
  }
  return describeNode(node, pods, events, lease, ctx.nowMs);
}

/** describeNode; `lease` is the Lease or the error getting it. */
export function describeNode(node: Node, pods: readonly Pod[], events: readonly KEvent[] | undefined, lease: KObject | string, nowMs: number): string {
  return tabbedString((w) => {
    const spec = node.spec ?? {};
    const status = node.status ?? {};
    w.write(LEVEL_0, `Name:\t${node.metadata.name ?? ''}\n`);
    const roles = findNodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
    if (typeof lease === 'string') w.write(LEVEL_0, `Lease:\tFailed to get lease: ${lease}\n`);
    else describeNodeLease(lease, w);

    const conditions = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`,
        );
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);

    const printResourceList = (rl: Record<string, string>): void => {
      for (const name of sortedStrings(Object.keys(rl))) w.write(LEVEL_0, `  ${name}:\t${qString(parseQ(rl[name]))}\n`);
    };
    if (Object.keys(status.capacity ?? {}).length > 0) {
      w.write(LEVEL_0, 'Capacity:\n');
      printResourceList(status.capacity ?? {});
    }
    if (Object.keys(status.allocatable ?? {}).length > 0) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printResourceList(status.allocatable ?? {});
    }
    const info = status.nodeInfo ?? {};
    w.write(LEVEL_0, 'System Info:\n');
    for (const [title, key] of [
      ['Machine ID', 'machineID'],
      ['System UUID', 'systemUUID'],
      ['Boot ID', 'bootID'],
      ['Kernel Version', 'kernelVersion'],
      ['OS Image', 'osImage'],
      ['Operating System', 'operatingSystem'],
      ['Architecture', 'architecture'],
      ['Container Runtime Version', 'containerRuntimeVersion'],
      ['Kubelet Version', 'kubeletVersion'],
      ['Kube-Proxy Version', 'kubeProxyVersion'],
    ]) {
      w.write(LEVEL_0, `  ${title}:\t${str(info[key])}\n`);
    }
    if (str(spec.podCIDR) !== '') w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if ((spec.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${(spec.podCIDRs ?? []).join(',')}\n`);
    if (str(spec.providerID) !== '') w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResource(pods, node, w, nowMs);
    if (events) describeEvents(events, w, nowMs);
  });
}

/** describeNodeLease. */
function describeNodeLease(lease: KObject, w: PrefixWriter): void {
  const spec = (lease.spec ?? {}) as Record<string, unknown>;
  const time = (v: unknown): string => (typeof v === 'string' && v !== '' ? rfc1123z(v) : '<unset>');
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${typeof spec.holderIdentity === 'string' ? spec.holderIdentity : '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${time(spec.acquireTime)}\n`);
  w.write(LEVEL_1, `RenewTime:\t${time(spec.renewTime)}\n`);
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (name: string): boolean => name.startsWith('hugepages-');

/** describeNodeResource: the Non-terminated Pods table and the Allocated resources totals. */
function describeNodeResource(pods: readonly Pod[], node: Node, w: PrefixWriter, nowMs: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const status = node.status ?? {};
  const allocatable = toQList(Object.keys(status.allocatable ?? {}).length > 0 ? status.allocatable : status.capacity);
  const allocCpu = milliValue(allocatable.get('cpu'));
  const allocMem = value(allocatable.get('memory'));
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    const cell = (q: QList, name: string, whole: number, milli: boolean): string => {
      const part = milli ? milliValue(q.get(name)) : value(q.get(name));
      return `${qString(q.get(name))} (${percent(part, whole)}%)`;
    };
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name ?? ''}\t\t${cell(requests, 'cpu', allocCpu, true)}\t${cell(limits, 'cpu', allocCpu, true)}\t${cell(requests, 'memory', allocMem, false)}\t${cell(limits, 'memory', allocMem, false)}\t${translateTimestampSince(pod.metadata.creationTimestamp, nowMs)}\n`,
    );
  }

  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const reqs: QList = new Map();
  const lims: QList = new Map();
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    addResourceList(reqs, requests);
    addResourceList(lims, limits);
  }
  // The fraction stays 0 when the node has none of the resource.
  const row = (name: string, whole: number, part: (q: QList) => number): void => {
    const frac = (q: QList): string => (whole !== 0 ? percent(part(q), whole) : '0');
    w.write(LEVEL_1, `${name}\t${qString(reqs.get(name))} (${frac(reqs)}%)\t${qString(lims.get(name))} (${frac(lims)}%)\n`);
  };
  row('cpu', allocCpu, (q) => milliValue(q.get('cpu')));
  row('memory', allocMem, (q) => value(q.get('memory')));
  row('ephemeral-storage', value(allocatable.get('ephemeral-storage')), (q) => value(q.get('ephemeral-storage')));
  const names = [...allocatable.keys()];
  for (const name of sortedStrings(names.filter(isHugePages))) {
    row(name, value(allocatable.get(name)), (q) => value(q.get(name)));
  }
  const extended = sortedStrings(names.filter((n) => !isHugePages(n) && !STANDARD_CONTAINER_RESOURCES.has(n) && n !== 'pods'));
  for (const name of extended) w.write(LEVEL_1, `${name}\t${qString(reqs.get(name))}\t${qString(lims.get(name))}\n`);
}
