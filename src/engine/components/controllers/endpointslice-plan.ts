/**
 * The EndpointSlice reconciler as a pure plan (k8s.io/endpointslice reconciler.go, v1.31): given a
 * Service, the pods its selector matches and the slices it already has, what to create, update and
 * delete. Endpoints are grouped by the ports they resolve to (a named targetPort can resolve
 * differently per pod); each group is packed into slices of at most 100 endpoints, keeping
 * endpoints where they are, filling slices that change anyway before touching unchanged ones, and
 * leaving one empty placeholder slice when a Service has no endpoints at all.
 *
 * Where Go iterates a map or a set (PopAny), this takes endpoints in address order, so the plan
 * is deterministic.
 */
import type { EndpointSlice, SliceEndpoint, SlicePort } from '../../api/admission/endpointslice.ts';
import { LABEL_HEADLESS, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../../api/admission/endpointslice.ts';
import type { KObject, Pod, Service } from '../../api/types.ts';
import { deepEqual } from '../../kernel/objects.ts';
import { findPort, isServiceIPSet, podIPv4s, shouldPodBeInEndpoints, shouldSetHostname } from './endpoint-util.ts';

/** The controller name in `endpointslice.kubernetes.io/managed-by`. */
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** kube-controller-manager --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/** A slice the plan writes: new ones have no name yet (generateName). */
export interface SliceDraft extends KObject {
  kind: 'EndpointSlice';
  addressType: EndpointSlice['addressType'];
  endpoints: SliceEndpoint[];
  ports: SlicePort[];
}

/** What the reconciler wants done. */
export interface SlicePlan {
  create: SliceDraft[];
  update: SliceDraft[];
  delete: EndpointSlice[];
  /** Pods skipped because their node is unknown: sync again later. */
  retry: boolean;
}

/** Node name → the node's `topology.kubernetes.io/zone` ('' when unlabelled), undefined: no such node. */
export type ZoneLookup = (nodeName: string) => string | undefined;

const ZONE_LABEL = 'topology.kubernetes.io/zone';
export { ZONE_LABEL };

/** endpointslice.getEndpointSlicePrefix: `<svc>-` unless that is no valid generateName. */
export function slicePrefix(serviceName: string): string {
  return `${serviceName}-`.length <= 253 ? `${serviceName}-` : serviceName;
}

/** getEndpointPorts: one port per Service port that resolves on this pod, in Service order. */
export function endpointPorts(svc: Service, pod: Pod): SlicePort[] {
  const ports: SlicePort[] = [];
  for (const sp of svc.spec.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol !== undefined) p.appProtocol = sp.appProtocol;
    ports.push(p);
  }
  return ports;
}

/** podToEndpoint */
export function podToEndpoint(pod: Pod, zone: string | undefined, svc: Service): SliceEndpoint {
  const serving = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  // "ready" is never true for a terminating pod unless publishNotReadyAddresses is set.
  const ready = svc.spec.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: SliceEndpoint = {
    addresses: podIPv4s(pod),
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' },
  };
  if (pod.spec.nodeName) ep.nodeName = pod.spec.nodeName;
  if (zone) ep.zone = zone;
  if (shouldSetHostname(pod, svc)) ep.hostname = (pod.spec as { hostname?: string }).hostname;
  return ep;
}

/** The identity of an endpoint in a set (hashEndpoint: addresses, hostname, pod namespace/name). */
function endpointKey(ep: SliceEndpoint): string {
  const addresses = ep.addresses.length === 1 ? ep.addresses[0] : [...ep.addresses].sort().join(',');
  return `${addresses}|${ep.hostname ?? ''}|${ep.targetRef?.namespace ?? ''}/${ep.targetRef?.name ?? ''}`;
}

/** NewPortMapKey: the ports as a set. */
function portMapKey(ports: readonly SlicePort[] | null): string {
  return JSON.stringify((ports ?? []).map((p) => JSON.stringify([p.name ?? '', p.protocol ?? '', p.port ?? 0, p.appProtocol ?? ''])).sort());
}

/** setEndpointSliceLabels: the Service's labels (minus reserved keys) plus the slice's own. */
export function sliceLabels(slice: KObject | undefined, svc: Service): { labels: Record<string, string>; changed: boolean } {
  const reserved = (k: string): boolean => k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === LABEL_HEADLESS;
  const own: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice?.metadata.labels ?? {})) if (!reserved(k)) own[k] = v;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (!reserved(k)) labels[k] = v;
  const changed = !deepEqual(own, labels);
  if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata.name ?? '';
  labels[LABEL_MANAGED_BY] = ENDPOINTSLICE_CONTROLLER_NAME;
  return { labels, changed };
}

/** newEndpointSlice */
export function newSlice(svc: Service, ports: SlicePort[]): SliceDraft {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: slicePrefix(svc.metadata.name ?? ''),
      namespace: svc.metadata.namespace,
      labels: sliceLabels(undefined, svc).labels,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name ?? '', uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports,
  };
}

const ownedBy = (slice: EndpointSlice, svc: Service): boolean =>
  (slice.metadata.ownerReferences ?? []).some((o) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');

const draftOf = (slice: EndpointSlice): SliceDraft => ({
  ...slice,
  metadata: { ...slice.metadata },
  endpoints: [...(slice.endpoints ?? [])],
  ports: [...(slice.ports ?? [])],
});

interface Desired {
  ports: SlicePort[];
  endpoints: Map<string, SliceEndpoint>;
}

/** The desired endpoints grouped by port set, each group in address order. */
function desiredByPorts(svc: Service, pods: readonly Pod[], zoneOf: ZoneLookup): { groups: Map<string, Desired>; retry: boolean } {
  const groups = new Map<string, Desired>();
  let retry = false;
  const eligible = pods
    .filter((p) => shouldPodBeInEndpoints(p, true))
    .map((pod) => ({ pod, ip: podIPv4s(pod)[0] ?? '', uid: pod.metadata.uid ?? '' }))
    .sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.uid < b.uid ? -1 : 1));
  for (const { pod } of eligible) {
    const ports = endpointPorts(svc, pod);
    const key = portMapKey(ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports, endpoints: new Map() }));
    const zone = pod.spec.nodeName ? zoneOf(pod.spec.nodeName) : '';
    // A pod on a node that does not exist is left out (and retried) unless not-ready addresses are published.
    if (zone === undefined && svc.spec.publishNotReadyAddresses !== true) {
      retry = true;
      continue;
    }
    const ep = podToEndpoint(pod, zone, svc);
    if (ep.addresses.length > 0) group.endpoints.set(endpointKey(ep), ep);
  }
  return { groups, retry };
}

/** Takes the first endpoint of the desired set (Go's PopAny, in address order here). */
function popFirst(set: Map<string, SliceEndpoint>): SliceEndpoint {
  const [key, ep] = set.entries().next().value as [string, SliceEndpoint];
  set.delete(key);
  return ep;
}

/** reconcileByPortMapping: steps 1–3 of the reconciler for one port set. */
function reconcilePortGroup(svc: Service, existing: readonly EndpointSlice[], desired: Desired, max: number): { create: SliceDraft[]; update: SliceDraft[]; delete: EndpointSlice[] } {
  const want = new Map(desired.endpoints);
  const byName = new Map<string, SliceDraft>();
  const toUpdate: string[] = [];
  const unchanged: string[] = [];
  const toDelete: EndpointSlice[] = [];
  for (const slice of existing) {
    const kept: SliceEndpoint[] = [];
    let endpointUpdated = false;
    for (const ep of slice.endpoints ?? []) {
      const got = want.get(endpointKey(ep));
      if (!got) continue;
      kept.push(got);
      if (!deepEqual(got, ep)) endpointUpdated = true;
      want.delete(endpointKey(ep));
    }
    const { labels, changed } = sliceLabels(slice, svc);
    if (endpointUpdated || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) toDelete.push(slice);
      else {
        byName.set(slice.metadata.name ?? '', { ...draftOf(slice), endpoints: kept, metadata: { ...slice.metadata, labels } });
        toUpdate.push(slice.metadata.name ?? '');
      }
    } else if (changed) {
      byName.set(slice.metadata.name ?? '', { ...draftOf(slice), metadata: { ...slice.metadata, labels } });
      toUpdate.push(slice.metadata.name ?? '');
    } else {
      byName.set(slice.metadata.name ?? '', draftOf(slice));
      unchanged.push(slice.metadata.name ?? '');
    }
  }
  // 2. Fill the slices that change anyway, fullest first.
  if (want.size > 0 && toUpdate.length > 0) {
    const slices = toUpdate.map((n) => byName.get(n) as SliceDraft).sort((a, b) => b.endpoints.length - a.endpoints.length);
    for (const s of slices) while (want.size > 0 && s.endpoints.length < max) s.endpoints.push(popFirst(want));
  }
  // 3. Fit what is left into the unchanged slice closest to full, or into new slices.
  const create: SliceDraft[] = [];
  while (want.size > 0) {
    let fill: SliceDraft | undefined;
    if (want.size < max && unchanged.length > 0) fill = sliceToFill(unchanged.map((n) => byName.get(n) as SliceDraft), want.size, max);
    if (!fill) fill = newSlice(svc, desired.ports);
    while (want.size > 0 && fill.endpoints.length < max) fill.endpoints.push(popFirst(want));
    const name = fill.metadata.name;
    if (name) {
      toUpdate.push(name);
      unchanged.splice(unchanged.indexOf(name), 1);
    } else create.push(fill);
  }
  return { create, update: toUpdate.map((n) => byName.get(n) as SliceDraft), delete: toDelete };
}

/** getSliceToFill: the slice that ends up closest to full with `count` more endpoints. */
function sliceToFill(slices: readonly SliceDraft[], count: number, max: number): SliceDraft | undefined {
  let closestDiff = max;
  let closest: SliceDraft | undefined;
  for (const s of slices) {
    const diff = max - (count + s.endpoints.length);
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (diff === 0) break;
    }
  }
  return closest;
}

/** An existing slice that already is this Service's placeholder (no endpoints, no ports, same labels and owner). */
function isPlaceholder(slice: EndpointSlice, svc: Service): boolean {
  const want = newSlice(svc, []);
  return (
    (slice.endpoints ?? []).length === 0 &&
    (slice.ports ?? []).length === 0 &&
    slice.addressType === want.addressType &&
    deepEqual(slice.metadata.labels ?? {}, want.metadata.labels) &&
    deepEqual(slice.metadata.ownerReferences ?? [], want.metadata.ownerReferences)
  );
}

/**
 * Reconciler.Reconcile for a Service with a selector: the slices to create, update and delete
 * so that `existing` (the slices labelled for this Service and managed by this controller)
 * holds exactly the endpoints of `pods` (the pods its selector matches).
 */
export function planEndpointSlices(svc: Service, pods: readonly Pod[], existing: readonly EndpointSlice[], zoneOf: ZoneLookup, max = MAX_ENDPOINTS_PER_SLICE): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [], retry: false };
  const byPorts = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    if (slice.addressType !== 'IPv4' || !ownedBy(slice, svc)) {
      plan.delete.push(slice);
      continue;
    }
    const key = portMapKey(slice.ports);
    byPorts.set(key, [...(byPorts.get(key) ?? []), slice]);
  }
  const { groups, retry } = desiredByPorts(svc, pods, zoneOf);
  plan.retry = retry;
  for (const [key, desired] of groups) {
    const r = reconcilePortGroup(svc, byPorts.get(key) ?? [], desired, max);
    plan.create.push(...r.create);
    plan.update.push(...r.update);
    plan.delete.push(...r.delete);
  }
  for (const [key, slices] of byPorts) if (!groups.has(key)) plan.delete.push(...slices);
  if (existing.length === plan.delete.length && plan.create.length === 0) {
    if (plan.delete.length === 1 && isPlaceholder(plan.delete[0], svc)) plan.delete = [];
    else plan.create.push(newSlice(svc, []));
  }
  return recycleDeletes(plan, svc);
}

/** finalize: rather than create one slice and delete another, reuse the one to delete (owned, same address type). */
function recycleDeletes(plan: SlicePlan, svc: Service): SlicePlan {
  const create = [...plan.create];
  const update = [...plan.update];
  const del: EndpointSlice[] = [];
  for (const old of plan.delete) {
    const last = create.at(-1);
    if (last && old.addressType === last.addressType && ownedBy(old, svc)) {
      create.pop();
      update.push({ ...last, metadata: { ...last.metadata, name: old.metadata.name, generateName: old.metadata.generateName, resourceVersion: old.metadata.resourceVersion, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp } });
    } else del.push(old);
  }
  return { ...plan, create, update, delete: del };
}
