/**
 * The serviceaccounts controller (kube-controller-manager's "serviceaccount-controller",
 * pkg/controller/serviceaccount/serviceaccounts_controller.go): every active namespace has a
 * ServiceAccount `default`, created when the namespace appears and recreated if deleted. Pods
 * that name no account run as it (the ServiceAccount admission plugin, admission/serviceaccount.ts).
 */
import { DEFAULT_SERVICE_ACCOUNT } from '../api/admission/serviceaccount.ts';
import { isStatusError } from '../api/errors.ts';
import type { KObject, Namespace } from '../api/types.ts';
import type { Component, ComponentContext } from './component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from './workqueue.ts';

/** The ServiceAccount `name` in `namespace`, as a client creates it (the API server fills the rest). */
export function serviceAccountObject(namespace: string, name: string): KObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
}

export class ServiceAccountsController implements Component {
  readonly name = 'serviceaccount-controller';
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (ns) => this.reconcile(ns));
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch(
      'namespaces',
      (e) => {
        const ns = e.object as Namespace;
        if (e.type !== 'DELETED' && !ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name ?? '');
      },
      from,
    );
    // serviceAccountDeleted: a deleted account is recreated (when it is one the controller manages).
    this.ctx.store.watch(
      'serviceaccounts',
      (e) => {
        if (e.type === 'DELETED') this.queue.add(e.object.metadata.namespace ?? '');
      },
      { ...from, fieldSelector: `metadata.name=${DEFAULT_SERVICE_ACCOUNT}` },
    );
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  /** syncNamespace: an active namespace without `default` gets one. */
  private reconcile(namespace: string): ReconcileResult {
    const { store } = this.ctx;
    const ns = store.tryGet<Namespace>('namespaces', '', namespace);
    if (!ns || ns.metadata.deletionTimestamp) return 'done';
    if (store.tryGet('serviceaccounts', namespace, DEFAULT_SERVICE_ACCOUNT)) return 'done';
    try {
      store.create(serviceAccountObject(namespace, DEFAULT_SERVICE_ACCOUNT));
    } catch (e) {
      // Another writer was first, or the namespace went away meanwhile: nothing left to do.
      if (isStatusError(e, 'AlreadyExists') || isStatusError(e, 'NotFound') || isStatusError(e, 'Forbidden')) return 'done';
      throw e;
    }
    return 'done';
  }
}
