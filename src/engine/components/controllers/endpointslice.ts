/**
 * The EndpointSlice controller (pkg/controller/endpointslice, v1.31): for every Service with a
 * selector (not ExternalName), discovery.k8s.io/v1 EndpointSlices named `<service>-<random>`,
 * labelled `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by:
 * endpointslice-controller.k8s.io`, owned by the Service (so the garbage collector removes them
 * with it), holding one endpoint per pod with an IP — ready, serving and terminating conditions,
 * nodeName, zone, targetRef — at most 100 per slice. The plan is `endpointslice-plan.ts`; this
 * file watches, queues Services and applies the plan through the API.
 */
import { isStatusError } from '../../api/errors.ts';
import type { EndpointSlice } from '../../api/admission/endpointslice.ts';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../../api/admission/endpointslice.ts';
import type { Node, Pod, Service } from '../../api/types.ts';
import type { Component, ComponentContext } from '../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import { PodMemberships, TriggerTimeTracker, podsForService, serviceSelector, withTriggerTime, type TriggerState } from './endpoint-util.ts';
import { ENDPOINTSLICE_CONTROLLER_NAME, planEndpointSlices, ZONE_LABEL, type SlicePlan } from './endpointslice-plan.ts';
import { keyOf, splitKey } from './util.ts';

/** Event source of the controller. */
export const ENDPOINTSLICE_COMPONENT = 'endpoint-slice-controller';
/** How soon a Service whose pods sit on an unknown node is synced again. */
const NODE_MISSING_RETRY_MS = 1000;

/** What the EndpointSlice controller keeps across a snapshot. */
export interface EndpointSliceControllerState {
  queue: WorkQueueState;
  triggers: [string, TriggerState][];
}

export class EndpointSliceController implements Component {
  readonly name = 'endpointslice-controller';
  private readonly queue: WorkQueue;
  private readonly memberships = new PodMemberships();
  private readonly triggers = new TriggerTimeTracker();
  /**
   * The EndpointSliceTracker's job: the watch event of a write the controller made itself is no
   * reason to sync again. The store delivers those events during the write, so a flag will do.
   */
  private applying = false;

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
    // A managed slice changed or deleted by someone else is put back.
    store.watch(
      'endpointslices',
      (e) => {
        if (this.applying) return;
        const svc = e.object.metadata.labels?.[LABEL_SERVICE_NAME];
        if (svc) this.queue.add(`${e.object.metadata.namespace ?? ''}/${svc}`);
      },
      { ...from, labelSelector: `${LABEL_MANAGED_BY}=${ENDPOINTSLICE_CONTROLLER_NAME}` },
    );
  }

  save(): EndpointSliceControllerState {
    return { queue: this.queue.save(), triggers: this.triggers.save() };
  }

  load(state: unknown): void {
    const s = state as EndpointSliceControllerState;
    this.queue.load(s.queue);
    this.triggers.load(s.triggers);
  }

  private sync(key: string): ReconcileResult {
    const { store } = this.ctx;
    const { namespace, name } = splitKey(key);
    const svc = store.tryGet<Service>('services', namespace, name);
    // A deleted Service's slices go with it (ownerReferences); ExternalName and selector-less
    // Services get none from this controller.
    if (!svc) {
      this.triggers.delete(key);
      return 'done';
    }
    if (svc.spec.type === 'ExternalName' || !serviceSelector(svc)) return 'done';
    const existing = store.list<EndpointSlice>('endpointslices', {
      namespace,
      labelSelector: `${LABEL_SERVICE_NAME}=${name},${LABEL_MANAGED_BY}=${ENDPOINTSLICE_CONTROLLER_NAME}`,
    }).items;
    const zoneOf = (nodeName: string): string | undefined => {
      const node = store.tryGet<Node>('nodes', '', nodeName);
      return node ? (node.metadata.labels?.[ZONE_LABEL] ?? '') : undefined;
    };
    const pods = podsForService(store, svc);
    const trigger = this.triggers.compute(svc, pods);
    const plan = planEndpointSlices(svc, pods, existing, zoneOf);
    // addTriggerTimeAnnotation: every slice written carries this sync's trigger time (or loses it).
    for (const s of [...plan.create, ...plan.update]) {
      const annotations = withTriggerTime(s.metadata.annotations, trigger);
      if (Object.keys(annotations).length > 0) s.metadata.annotations = annotations;
      else delete s.metadata.annotations;
    }
    const failed = this.apply(svc, plan);
    if (failed) return 'retry';
    return plan.retry ? NODE_MISSING_RETRY_MS : 'done';
  }

  /** finalize: creates (not while the Service is being deleted), updates, deletes. Returns whether a write failed. */
  private apply(svc: Service, plan: SlicePlan): boolean {
    const { store } = this.ctx;
    try {
      this.applying = true;
      if (!svc.metadata.deletionTimestamp) for (const s of plan.create) store.create(s);
      for (const s of plan.update) store.update(s);
      for (const s of plan.delete) {
        try {
          store.delete('endpointslices', s.metadata.namespace ?? '', s.metadata.name ?? '');
        } catch (e) {
          if (!isStatusError(e, 'NotFound')) throw e;
        }
      }
    } catch (e) {
      this.applying = false;
      if (!isStatusError(e)) throw e;
      // The namespace is terminating: creates will keep failing, drop the Service.
      if (isStatusError(e, 'Forbidden')) return false;
      this.ctx.events.record({
        involved: svc,
        type: 'Warning',
        reason: 'FailedToUpdateEndpointSlices',
        message: `Error updating Endpoint Slices for Service ${svc.metadata.namespace}/${svc.metadata.name}: ${(e as Error).message}`,
        component: ENDPOINTSLICE_COMPONENT,
      });
      return true;
    }
    this.applying = false;
    return false;
  }
}
