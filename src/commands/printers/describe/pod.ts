/**
 * `kubectl describe pod` (describe.go PodDescriber / describePod): the pod's identity, node and
 * status, its containers, conditions, volumes, QoS class, node selectors, tolerations and the
 * events recorded about it (found by name, namespace and uid — a mirror pod's events by the uid of
 * its static pod, from the `kubernetes.io/config.mirror` annotation).
 */
import { podQOSClass } from '../../../engine/api/admission/resources.ts';
import { formatLabelSelector } from '../../../engine/api/selectors.ts';
import type { Container, ContainerStatus, KEvent, KObject, LabelSelector, Pod } from '../../../engine/api/types.ts';
import { translateTimestampSince } from '../age.ts';
import { describeContainers, envValueRetriever } from './containers.ts';
import { describeEvents, searchEvents } from './events.ts';
import { goSort } from './go-sort.ts';
import type { DescribeContext } from './types.ts';
import { describeVolumes } from './volumes.ts';
import {
  controlledBy,
  LEVEL_0,
  LEVEL_1,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
  rfc1123z,
  str,
  tabbedString,
  type PrefixWriter,
} from './writer.ts';

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

/** PodDescriber.Describe for a pod already fetched. */
export function describePodObject(ctx: DescribeContext, obj: KObject): string {
  const pod = obj as Pod;
  let events: KEvent[] | undefined;
  if (ctx.showEvents) {
    const mirrorUid = pod.metadata.annotations?.[MIRROR_POD_ANNOTATION];
    events = searchEvents(ctx, {
      name: pod.metadata.name ?? '',
      namespace: pod.metadata.namespace ?? '',
      uid: mirrorUid !== undefined ? mirrorUid : pod.metadata.uid,
    });
  }
  return describePod(pod, events, ctx.nowMs);
}

/** describePod. */
export function describePod(pod: Pod, events: readonly KEvent[] | undefined, nowMs: number): string {
  return tabbedString((w) => {
    const spec = pod.spec ?? ({ containers: [] } as Pod['spec']);
    const status = pod.status ?? {};
    const meta = pod.metadata;
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    if (typeof spec.priority === 'number') w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (str(spec.priorityClassName) !== '') w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (str(spec.runtimeClassName) !== '') w.write(LEVEL_0, `Runtime Class Name:\t${str(spec.runtimeClassName)}\n`);
    if (str(spec.serviceAccountName) !== '') w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (str(spec.nodeName) === '') w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${str(status.hostIP)}\n`);
    if (str(status.startTime) !== '') w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    if (str(meta.deletionTimestamp) !== '' && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, nowMs)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${str(status.phase)}\n`);
    }
    if (str(status.reason) !== '') w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (str(status.message) !== '') w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = isDict(spec.securityContext) ? spec.securityContext.seccompProfile : undefined;
    if (isDict(seccomp)) {
      w.write(LEVEL_0, `SeccompProfile:\t${str(seccomp.type)}\n`);
      if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
    }
    w.write(LEVEL_0, `IP:\t${str(status.podIP)}\n`);
    describePodIPs(status as Dict, w);
    const owner = controlledBy(meta);
    if (owner !== '') w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    if (str(status.nominatedNodeName) !== '') w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);

    const resolver = envValueRetriever(pod);
    if ((spec.initContainers ?? []).length > 0) {
      describeContainers('Init Containers', spec.initContainers ?? [], status.initContainerStatuses, resolver, w, '');
    }
    describeContainers('Containers', spec.containers ?? [], status.containerStatuses, resolver, w, '');
    const ephemeral = Array.isArray(spec.ephemeralContainers) ? (spec.ephemeralContainers as Container[]) : [];
    if (ephemeral.length > 0) {
      const statuses = (status as Dict).ephemeralContainerStatuses as ContainerStatus[] | undefined;
      describeContainers('Ephemeral Containers', ephemeral, statuses, resolver, w, '');
    }
    const gates = Array.isArray(spec.readinessGates) ? (spec.readinessGates as Dict[]) : [];
    if (gates.length > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of gates) {
        const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
        w.write(LEVEL_1, `${str(g.conditionType)} \t${c ? c.status : '<none>'} \n`);
      }
    }
    if ((status.conditions ?? []).length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions ?? []) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes as unknown[] | undefined, w, '');
    w.write(LEVEL_0, `QoS Class:\t${str(status.qosClass) || podQOSClass(spec)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '');
    if (events) describeEvents(events, w, nowMs);
  });
}

/** describePodIPs. */
function describePodIPs(status: Dict, w: PrefixWriter): void {
  const ips = Array.isArray(status.podIPs) ? (status.podIPs as Dict[]) : [];
  if (ips.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'IPs:\n');
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${str(ip.ip)}\n`);
}

/** describeTopologySpreadConstraints: sorted by topologyKey, one per line. */
export function describeTopologySpreadConstraints(raw: unknown, w: PrefixWriter, space: string): void {
  const tscs = Array.isArray(raw) ? (raw as Dict[]) : [];
  if (tscs.length === 0) return;
  const sorted = goSort([...tscs], (a, b) => str(a.topologyKey) < str(b.topologyKey));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let line = `${str(t.topologyKey)}:${str(t.whenUnsatisfiable)} when max skew ${Number(t.maxSkew ?? 0)} is exceeded`;
    if (isDict(t.labelSelector)) line += ` for selector ${formatLabelSelector(t.labelSelector as LabelSelector)}`;
    w.write(LEVEL_0, `${line}\n`);
  });
}
