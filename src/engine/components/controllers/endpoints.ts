/**
 * The legacy Endpoints controller (pkg/controller/endpoint, v1.31): for every Service with a
 * selector (not ExternalName), a v1 Endpoints object of the same name whose subsets list the
 * selected pods' IPs — ready pods under `addresses`, the others under `notReadyAddresses` (all
 * under `addresses` with publishNotReadyAddresses), terminating pods left out — with each Service
 * port resolved per pod, repacked into the canonical subsets (endpoints-order.ts), at most 1000
 * addresses (then truncated and annotated `endpoints.kubernetes.io/over-capacity: truncated`).
 * The Endpoints object goes when its Service does.
 *
 * Also here: the API server's own reconciler for `default/kubernetes`, a selector-less Service
 * whose Endpoints and EndpointSlice name the control-plane node's address, port 6443.
 */
import { isStatusError } from '../../api/errors.ts';
import type { EndpointAddress, EndpointSubset, Endpoints, EndpointsPort } from '../../api/admission/endpointslice.ts';
import { LABEL_HEADLESS, LABEL_SERVICE_NAME } from '../../api/admission/endpointslice.ts';
import type { KObject, Node, ObjectMeta, Pod, Service } from '../../api/types.ts';
import { deepEqual } from '../../kernel/objects.ts';
import type { Component, ComponentContext } from '../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import {
  CLUSTER_IP_NONE,
  PodMemberships,
  TriggerTimeTracker,
  findPort,
  isServiceIPSet,
  podIPv4s,
  podsForService,
  serviceSelector,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  withTriggerTime,
  type TriggerState,
} from './endpoint-util.ts';
import { sortSubsets } from './endpoints-order.ts';
import { isPodReady, keyOf, splitKey } from './util.ts';

/** Event source of the controller. */
export const ENDPOINTS_COMPONENT = 'endpoint-controller';
/** maxCapacity: addresses one Endpoints object may hold. */
export const ENDPOINTS_MAX_CAPACITY = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

interface Entry {
  address: EndpointAddress;
  ready: boolean;
  port: EndpointsPort | undefined;
}

/** The address of a pod for a Service (podToEndpointAddressForService + hostname). */
function podAddress(pod: Pod, svc: Service): EndpointAddress | undefined {
  const ip = podIPv4s(pod)[0];
  if (!ip) return undefined;
  const a: EndpointAddress = { ip, nodeName: pod.spec.nodeName ?? '', targetRef: { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' } };
  if (shouldSetHostname(pod, svc)) a.hostname = (pod.spec as { hostname?: string }).hostname;
  return a;
}

/** One (address, port) entry per pod and resolvable Service port, as addEndpointSubset adds them. */
function entriesFor(svc: Service, pods: readonly Pod[]): Entry[] {
  const publish = svc.spec.publishNotReadyAddresses === true;
  const entries: Entry[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publish)) continue;
    const address = podAddress(pod, svc);
    if (!address) continue;
    const ready = publish || isPodReady(pod);
    const ports = svc.spec.ports ?? [];
    if (ports.length === 0) {
      if (svc.spec.clusterIP === CLUSTER_IP_NONE) entries.push({ address, ready, port: undefined });
      continue;
    }
    for (const sp of ports) {
      const num = findPort(pod, sp);
      if (num === undefined) continue;
      const port: EndpointsPort = { ...(sp.name ? { name: sp.name } : {}), port: num, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol !== undefined) port.appProtocol = sp.appProtocol;
      entries.push({ address, ready, port });
    }
  }
  return entries;
}

/**
 * RepackSubsets: group addresses by the exact set of ports they offer (not ready wins over ready
 * for an address), one subset per group, in canonical order.
 */
export function repackSubsets(entries: readonly Entry[]): EndpointSubset[] {
  const addrKey = (a: EndpointAddress): string => `${a.ip}|${a.targetRef?.uid ?? ''}`;
  const byPort = new Map<string, { port: EndpointsPort | undefined; addrs: Map<string, { address: EndpointAddress; ready: boolean }> }>();
  for (const e of entries) {
    // Addresses are mapped by port, so a headless Service without ports ends up with no subsets.
    if (!e.port) continue;
    const pk = JSON.stringify(e.port);
    let group = byPort.get(pk);
    if (!group) byPort.set(pk, (group = { port: e.port, addrs: new Map() }));
    const prev = group.addrs.get(addrKey(e.address));
    if (!prev || prev.ready) group.addrs.set(addrKey(e.address), { address: e.address, ready: e.ready });
  }
  const bySet = new Map<string, { addrs: { address: EndpointAddress; ready: boolean }[]; ports: EndpointsPort[] }>();
  for (const { port, addrs } of byPort.values()) {
    const list = [...addrs.values()];
    const key = list
      .map((a) => `${addrKey(a.address)}|${a.ready ? 1 : 0}`)
      .sort()
      .join(',');
    const set = bySet.get(key) ?? { addrs: list, ports: [] };
    if (port) set.ports.push(port);
    bySet.set(key, set);
  }
  const subsets: EndpointSubset[] = [];
  for (const { addrs, ports } of bySet.values()) {
    const s: EndpointSubset = {};
    const ready = addrs.filter((a) => a.ready).map((a) => a.address);
    const notReady = addrs.filter((a) => !a.ready).map((a) => a.address);
    if (ready.length > 0) s.addresses = ready;
    if (notReady.length > 0) s.notReadyAddresses = notReady;
    s.ports = ports;
    subsets.push(s);
  }
  return sortSubsets(subsets);
}

/** truncateEndpoints: keep at most 1000 addresses, ready ones first, proportionally per subset. */
function truncate(subsets: EndpointSubset[]): boolean {
  const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  const notReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0);
  if (ready + notReady <= ENDPOINTS_MAX_CAPACITY) return false;
  const truncateReady = ready > ENDPOINTS_MAX_CAPACITY;
  const max = truncateReady ? ENDPOINTS_MAX_CAPACITY : ENDPOINTS_MAX_CAPACITY - ready;
  const total = truncateReady ? ready : notReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const inSubset = (truncateReady ? s.addresses : s.notReadyAddresses)?.length ?? 0;
    const toBeAdded = Math.min(Math.ceil((inSubset / total) * max), canBeAdded);
    if (truncateReady) {
      s.addresses = s.addresses?.slice(0, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses?.length ?? 0;
    } else {
      s.notReadyAddresses = s.notReadyAddresses?.slice(0, toBeAdded);
      canBeAdded -= s.notReadyAddresses?.length ?? 0;
    }
  }
  return true;
}

/**
 * The Endpoints object the controller wants for a Service, built on the current one if any, with
 * the trigger-time annotation for this sync (none: removed).
 */
export function desiredEndpoints(svc: Service, pods: readonly Pod[], current: Endpoints | undefined, triggerMs?: number): Endpoints {
  const subsets = repackSubsets(entriesFor(svc, pods));
  const annotations = withTriggerTime(current?.metadata.annotations, triggerMs);
  if (truncate(subsets)) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
  else delete annotations[OVER_CAPACITY_ANNOTATION];
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = '';
  else delete labels[LABEL_HEADLESS];
  const metadata: ObjectMeta = { ...(current?.metadata ?? { name: svc.metadata.name, namespace: svc.metadata.namespace }), labels };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  if (Object.keys(labels).length === 0) delete metadata.labels;
  const ep: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata };
  if (subsets.length > 0) ep.subsets = subsets;
  return ep;
}

/** What the Endpoints controller keeps across a snapshot. */
export interface EndpointsControllerState {
  queue: WorkQueueState;
  triggers: [string, TriggerState][];
}

/**
 * The controller's no-op test: same subsets, same labels (minus the headless label), and the
 * over-capacity annotation where it belongs. The trigger time alone is no reason to write.
 */
function unchanged(current: Endpoints, want: Endpoints): boolean {
  const labels = (m: Endpoints): Record<string, string> => {
    const l = { ...(m.metadata.labels ?? {}) };
    delete l[LABEL_HEADLESS];
    return l;
  };
  const overCapacity = (m: Endpoints): boolean => m.metadata.annotations?.[OVER_CAPACITY_ANNOTATION] !== undefined;
  return deepEqual(current.subsets ?? [], want.subsets ?? []) && deepEqual(labels(current), labels(want)) && overCapacity(current) === overCapacity(want) && (current.metadata.labels?.[LABEL_HEADLESS] === undefined) === (want.metadata.labels?.[LABEL_HEADLESS] === undefined);
}

export class EndpointsController implements Component {
  readonly name = 'endpoints-controller';
  private readonly queue: WorkQueue;
  private readonly memberships = new PodMemberships();
  private readonly triggers = new TriggerTimeTracker();

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.sync(key));
  }

  start(resume: boolean): void {
    const { store } = this.ctx;
    const from = resume ? { resourceVersion: store.resourceVersion } : {};
    if (resume) this.memberships.rebuild(store);
    store.watch('services', (e) => this.queue.add(keyOf(e.object)), from);
    store.watch(
      'pods',
      (e) => {
        for (const key of this.memberships.changed(store, e.object as Pod, e.type === 'DELETED')) this.queue.add(key);
      },
      from,
    );
    store.watch('endpoints', (e) => e.type === 'DELETED' && this.queue.add(keyOf(e.object)), from);
  }

  save(): EndpointsControllerState {
    return { queue: this.queue.save(), triggers: this.triggers.save() };
  }

  load(state: unknown): void {
    const s = state as EndpointsControllerState;
    this.queue.load(s.queue);
    this.triggers.load(s.triggers);
  }

  private sync(key: string): ReconcileResult {
    const { store } = this.ctx;
    const { namespace, name } = splitKey(key);
    const svc = store.tryGet<Service>('services', namespace, name);
    if (!svc) {
      this.triggers.delete(key);
      return this.deleteEndpoints(namespace, name);
    }
    if (svc.spec.type === 'ExternalName' || !serviceSelector(svc)) return 'done';
    const pods = podsForService(store, svc);
    // Computed even when nothing is written, so the tracker sees every sync.
    const trigger = this.triggers.compute(svc, pods);
    const current = store.tryGet<Endpoints>('endpoints', namespace, name);
    const want = desiredEndpoints(svc, pods, current, trigger);
    if (current && unchanged(current, want)) return 'done';
    try {
      if (current) store.update(want);
      else store.create(want);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      if (!current && isStatusError(e, 'Forbidden')) return 'done';
      const [reason, message] = current
        ? ['FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${name}: ${(e as Error).message}`]
        : ['FailedToCreateEndpoint', `Failed to create endpoint for service ${namespace}/${name}: ${(e as Error).message}`];
      this.ctx.events.record({ involved: want, type: 'Warning', reason, message, component: ENDPOINTS_COMPONENT });
      return 'retry';
    }
    return 'done';
  }

  /** The Service is gone: so are its Endpoints (a selector-less Service's hand-made ones too). */
  private deleteEndpoints(namespace: string, name: string): ReconcileResult {
    try {
      this.ctx.store.delete('endpoints', namespace, name);
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
    return 'done';
  }
}

// ---- the API server's `kubernetes` endpoints ------------------------------------------------

/** The port kube-apiserver listens on (kubeadm's default bind port). */
export const APISERVER_PORT = 6443;
const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';
/** discovery.LabelSkipMirror: the API server's own Endpoints are not mirrored into slices. */
const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';

/**
 * kube-apiserver's endpoint reconciler (lease reconciler + EndpointsAdapter): keeps
 * `default/kubernetes` Endpoints and the EndpointSlice of the same name pointing at the
 * control-plane nodes' InternalIPs on port 6443.
 */
export class ApiServerEndpointsReconciler implements Component {
  readonly name = 'apiserver-endpoint-reconciler';
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, () => this.sync());
  }

  start(resume: boolean): void {
    const { store } = this.ctx;
    const from = resume ? { resourceVersion: store.resourceVersion } : {};
    const wake = (): void => this.queue.add('default/kubernetes');
    store.watch('nodes', wake, { ...from, labelSelector: CONTROL_PLANE_LABEL });
    store.watch('services', wake, { ...from, namespace: 'default', fieldSelector: 'metadata.name=kubernetes' });
    store.watch('endpoints', wake, { ...from, namespace: 'default', fieldSelector: 'metadata.name=kubernetes' });
    store.watch('endpointslices', wake, { ...from, namespace: 'default', fieldSelector: 'metadata.name=kubernetes' });
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  private sync(): ReconcileResult {
    const { store } = this.ctx;
    if (!store.tryGet('services', 'default', 'kubernetes')) return 'done';
    const ips = store
      .list<Node>('nodes', { labelSelector: CONTROL_PLANE_LABEL })
      .items.map((n) => n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '')
      .filter((ip) => ip !== '')
      .sort();
    if (ips.length === 0) return 'done';
    const port = { name: 'https', port: APISERVER_PORT, protocol: 'TCP' };
    this.ensure({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { [LABEL_SKIP_MIRROR]: 'true' } },
      subsets: [{ addresses: ips.map((ip) => ({ ip })), ports: [port] }],
    });
    this.ensure({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { [LABEL_SERVICE_NAME]: 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
      ports: [port],
    });
    return 'done';
  }

  /** Creates the object, or rewrites it when its content drifted. */
  private ensure(want: KObject): void {
    const { store } = this.ctx;
    const plural = want.kind === 'Endpoints' ? 'endpoints' : 'endpointslices';
    const current = store.tryGet(plural, 'default', 'kubernetes');
    if (!current) {
      store.create(want);
      return;
    }
    const { metadata: _m, ...body } = want;
    const { metadata: _c, ...currentBody } = current;
    if (deepEqual(body, currentBody) && deepEqual(current.metadata.labels ?? {}, want.metadata.labels)) return;
    store.update({ ...current, ...body, metadata: { ...current.metadata, labels: want.metadata.labels } });
  }
}
