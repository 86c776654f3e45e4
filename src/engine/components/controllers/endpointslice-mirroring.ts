/**
 * The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring, v1.31): a
 * Service without a selector gets its endpoints from an Endpoints object someone wrote by hand;
 * this controller mirrors that object into EndpointSlices (managed-by
 * `endpointslicemirroring-controller.k8s.io`, owned by the Endpoints), so kube-proxy and DNS,
 * which read only slices, see them. One slice per subset (its ports, ready and not-ready
 * addresses). Endpoints labelled `endpointslice.kubernetes.io/skip-mirror: "true"` (the API
 * server's own `kubernetes`) and those of Services with a selector are not mirrored.
 */
import { isStatusError } from '../../api/errors.ts';
import type { EndpointAddress, EndpointSlice, EndpointSubset, Endpoints, SliceEndpoint, SlicePort } from '../../api/admission/endpointslice.ts';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../../api/admission/endpointslice.ts';
import type { KObject, Service } from '../../api/types.ts';
import { deepEqual } from '../../kernel/objects.ts';
import type { Component, ComponentContext } from '../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import { serviceSelector, TRIGGER_TIME_ANNOTATION } from './endpoint-util.ts';
import { slicePrefix } from './endpointslice-plan.ts';
import { keyOf, splitKey } from './util.ts';

/** The controller name in `endpointslice.kubernetes.io/managed-by`. */
export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** --mirroring-max-endpoints-per-subset default. */
const MAX_ENDPOINTS_PER_SUBSET = 1000;

/** The slice contents one subset mirrors to (everything the controller compares). */
interface Mirror {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string>; ownerReferences: KObject['metadata']['ownerReferences'] };
  ports: SlicePort[];
  endpoints: SliceEndpoint[];
}

function toEndpoint(a: EndpointAddress, ready: boolean): SliceEndpoint {
  const ep: SliceEndpoint = { addresses: [a.ip], conditions: { ready } };
  if (a.hostname) ep.hostname = a.hostname;
  if (a.nodeName) ep.nodeName = a.nodeName;
  if (a.targetRef) ep.targetRef = a.targetRef;
  return ep;
}

/** newEndpointSlice + addressesToEndpoints for one subset (IPv4 addresses only). */
function mirrorOf(ep: Endpoints, subset: EndpointSubset): Mirror {
  const labels: Record<string, string> = { ...(ep.metadata.labels ?? {}), [LABEL_SERVICE_NAME]: ep.metadata.name ?? '', [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER_NAME };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(ep.metadata.annotations ?? {})) if (k !== TRIGGER_TIME_ANNOTATION && k !== LAST_APPLIED) annotations[k] = v;
  const v4 = (a: EndpointAddress): boolean => !a.ip.includes(':');
  const endpoints = [...(subset.addresses ?? []).filter(v4).map((a) => toEndpoint(a, true)), ...(subset.notReadyAddresses ?? []).filter(v4).map((a) => toEndpoint(a, false))];
  return {
    metadata: {
      labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name: ep.metadata.name ?? '', uid: ep.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    ports: (subset.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) })),
    endpoints: endpoints.slice(0, MAX_ENDPOINTS_PER_SUBSET),
  };
}

const portsKey = (ports: readonly SlicePort[] | null): string => JSON.stringify([...(ports ?? [])].map((p) => JSON.stringify(p)).sort());

export class EndpointSliceMirroringController implements Component {
  readonly name = 'endpointslice-mirroring-controller';
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.sync(key));
  }

  start(resume: boolean): void {
    const { store } = this.ctx;
    const from = resume ? { resourceVersion: store.resourceVersion } : {};
    const add = (e: { object: KObject }): void => this.queue.add(keyOf(e.object));
    store.watch('endpoints', add, from);
    store.watch('services', add, from);
    store.watch(
      'endpointslices',
      (e) => {
        const svc = e.object.metadata.labels?.[LABEL_SERVICE_NAME];
        if (svc) this.queue.add(`${e.object.metadata.namespace ?? ''}/${svc}`);
      },
      { ...from, labelSelector: `${LABEL_MANAGED_BY}=${MIRRORING_CONTROLLER_NAME}` },
    );
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  private sync(key: string): ReconcileResult {
    const { store } = this.ctx;
    const { namespace, name } = splitKey(key);
    const existing = store.list<EndpointSlice>('endpointslices', {
      namespace,
      labelSelector: `${LABEL_SERVICE_NAME}=${name},${LABEL_MANAGED_BY}=${MIRRORING_CONTROLLER_NAME}`,
    }).items;
    const svc = store.tryGet<Service>('services', namespace, name);
    const ep = store.tryGet<Endpoints>('endpoints', namespace, name);
    const mirror = svc !== undefined && ep !== undefined && !serviceSelector(svc) && ep.metadata.labels?.[LABEL_SKIP_MIRROR] !== 'true';
    const wanted = mirror && ep ? (ep.subsets ?? []).map((s) => mirrorOf(ep, s)).filter((m) => m.endpoints.length > 0) : [];
    try {
      this.reconcile(namespace, name, wanted, existing);
    } catch (e) {
      if (isStatusError(e, 'Forbidden') || isStatusError(e, 'NotFound')) return 'done';
      if (isStatusError(e)) return 'retry';
      throw e;
    }
    return 'done';
  }

  /** Matches slices to subsets by their ports; updates what differs, creates and deletes the rest. */
  private reconcile(namespace: string, name: string, wanted: Mirror[], existing: readonly EndpointSlice[]): void {
    const { store } = this.ctx;
    const left = [...existing];
    for (const m of wanted) {
      const i = left.findIndex((s) => portsKey(s.ports) === portsKey(m.ports));
      const body = { addressType: 'IPv4', endpoints: m.endpoints.length > 0 ? m.endpoints : null, ports: m.ports.length > 0 ? m.ports : null };
      if (i < 0) {
        store.create({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { ...m.metadata, generateName: slicePrefix(name), namespace }, ...body });
        continue;
      }
      const [slice] = left.splice(i, 1);
      const same =
        deepEqual(slice.endpoints, body.endpoints) &&
        deepEqual(slice.ports, body.ports) &&
        deepEqual(slice.metadata.labels ?? {}, m.metadata.labels) &&
        deepEqual(slice.metadata.annotations ?? {}, m.metadata.annotations ?? {});
      if (same) continue;
      const metadata = { ...slice.metadata, labels: m.metadata.labels, ownerReferences: m.metadata.ownerReferences, annotations: m.metadata.annotations };
      if (!metadata.annotations) delete metadata.annotations;
      store.update({ ...slice, ...body, metadata });
    }
    for (const s of left) store.delete('endpointslices', namespace, s.metadata.name ?? '');
  }
}
