/**
 * kube-controller-manager's pvc-protection and pv-protection controllers (v1.31): a claim being
 * deleted keeps its kubernetes.io/pvc-protection finalizer (and shows Terminating) while a pod
 * that has not finished still uses it; a volume being deleted keeps kubernetes.io/pv-protection
 * while it is Bound. Once free, the finalizer goes and the API server removes the object.
 */
import { isStatusError } from '../../../api/errors.ts';
import { PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER, type PersistentVolume, type PersistentVolumeClaim } from '../../../api/storage.ts';
import type { KObject, Pod } from '../../../api/types.ts';
import type { Component, ComponentContext } from '../../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../../workqueue.ts';
import { podUsesClaim } from './controller.ts';

export class StorageProtectionController implements Component {
  readonly name = 'storage-protection';
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.reconcile(key));
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch(
      'persistentvolumeclaims',
      (e) => e.type !== 'DELETED' && e.object.metadata.deletionTimestamp && this.queue.add(`claim:${e.object.metadata.namespace}/${e.object.metadata.name}`),
      from,
    );
    this.ctx.store.watch('persistentvolumes', (e) => e.type !== 'DELETED' && e.object.metadata.deletionTimestamp && this.queue.add(`volume:${e.object.metadata.name}`), from);
    // A pod that finishes or goes may free the claims it used.
    this.ctx.store.watch(
      'pods',
      (e) => {
        const pod = e.object as Pod;
        const phase = pod.status?.phase;
        if (e.type !== 'DELETED' && phase !== 'Succeeded' && phase !== 'Failed') return;
        for (const v of (pod.spec.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[]) {
          if (v.persistentVolumeClaim?.claimName) this.queue.add(`claim:${pod.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
        }
      },
      from,
    );
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  private reconcile(key: string): ReconcileResult {
    const rest = key.slice(key.indexOf(':') + 1);
    if (key.startsWith('volume:')) {
      const pv = this.ctx.store.tryGet<PersistentVolume>('persistentvolumes', '', rest);
      if (pv?.metadata.deletionTimestamp && pv.status?.phase !== 'Bound') this.release(pv, PV_PROTECTION_FINALIZER);
      return 'done';
    }
    const [ns, name] = rest.split('/');
    const pvc = this.ctx.store.tryGet<PersistentVolumeClaim>('persistentvolumeclaims', ns, name);
    if (pvc?.metadata.deletionTimestamp && !this.inUse(pvc)) this.release(pvc, PVC_PROTECTION_FINALIZER);
    return 'done';
  }

  /** podUsesPVC over the claim's namespace: a pod that has not terminated still needs it. */
  private inUse(pvc: PersistentVolumeClaim): boolean {
    const pods = this.ctx.store.list<Pod>('pods', { namespace: pvc.metadata.namespace }).items;
    return pods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && podUsesClaim(p, pvc.metadata.name ?? ''));
  }

  private release(obj: KObject, finalizer: string): void {
    const finalizers = obj.metadata.finalizers ?? [];
    if (!finalizers.includes(finalizer)) return;
    try {
      this.ctx.store.update({ ...obj, metadata: { ...obj.metadata, finalizers: finalizers.filter((f) => f !== finalizer) } });
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  }
}
