/**
 * The namespace controller (kube-controller-manager): when a namespace is being deleted, delete
 * everything in it, and once nothing is left remove the `kubernetes` finalizer so the API server
 * can drop the namespace.
 */
import { NAMESPACE_FINALIZER } from '../api/store.ts';
import { RESOURCE_TYPES } from '../api/resources.ts';
import type { KObject, Namespace } from '../api/types.ts';
import type { Component, ComponentContext } from './component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from './workqueue.ts';

/** How often a terminating namespace is checked again while content remains. */
const RECHECK_MS = 1000;

export class NamespaceController implements Component {
  readonly name = 'namespace-controller';
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.reconcile(key));
  }

  start(resume: boolean): void {
    this.ctx.store.watch(
      'namespaces',
      (e) => {
        if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) this.queue.add(e.object.metadata.name ?? '');
      },
      resume ? { resourceVersion: this.ctx.store.resourceVersion } : {},
    );
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  private reconcile(name: string): ReconcileResult {
    const { store } = this.ctx;
    const ns = store.tryGet<Namespace>('namespaces', '', name);
    if (!ns || !ns.metadata.deletionTimestamp) return 'done';
    let remaining = 0;
    for (const rt of RESOURCE_TYPES) {
      if (!rt.namespaced) continue;
      for (const obj of store.list(rt, { namespace: name }).items) {
        remaining++;
        if (!obj.metadata.deletionTimestamp) this.deleteQuietly(rt.plural, obj);
      }
    }
    if (remaining > 0 && this.anyLeft(name)) return RECHECK_MS;
    const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== NAMESPACE_FINALIZER);
    store.update({ ...ns, spec: { ...ns.spec, finalizers } }, { subresource: 'finalize' });
    return 'done';
  }

  private anyLeft(namespace: string): boolean {
    return RESOURCE_TYPES.some((rt) => rt.namespaced && this.ctx.store.list(rt, { namespace }).items.length > 0);
  }

  private deleteQuietly(resource: string, obj: KObject): void {
    try {
      this.ctx.store.delete(resource, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
    } catch {
      // Already gone: nothing to do.
    }
  }
}
