/**
 * kube-controller-manager's persistentvolume-binder (pkg/controller/volume/persistentvolume,
 * v1.31): syncClaim binds a claim to the smallest fitting Available volume (or the one it names),
 * asks an external provisioner for one when its class has a provisioner (`ExternalProvisioning`),
 * waits for the scheduler on WaitForFirstConsumer classes (`WaitForFirstConsumer`), and says
 * `FailedBinding` when there is neither a volume nor a class. syncVolume keeps a volume's phase
 * (Available / Bound / Released / Failed) and reclaims released volumes (Retain keeps them,
 * Delete leaves a provisioned volume to its provisioner and fails a hostPath one outside /tmp).
 *
 * As in Kubernetes, claims are synced when they change and every 15 s (the resync period), not
 * when a new volume appears: a Pending claim finds a volume created after it at the next resync.
 */
import type { PersistentVolumeClaim } from '../../../api/storage.ts';
import type { Pod } from '../../../api/types.ts';
import type { Component, ComponentContext } from '../../component.ts';
import { late } from '../../../late.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../../workqueue.ts';

/** kube-controller-manager --pvclaimbinder-sync-period. */
export const PV_RESYNC_PERIOD_MS = 15_000;
export const PV_CONTROLLER = 'persistentvolume-controller';
export const RESYNC_TIMER = 'persistentvolume-binder.resync';

interface State {
  queue: WorkQueueState;
  /** A resync timer is pending (it runs while any claim or volume exists). */
  resyncScheduled: boolean;
}

/** The message of the ExternalProvisioning event (provisionClaimOperationExternal). */
export function externalProvisioningMessage(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

export class PersistentVolumeController implements Component {
  readonly name = 'persistentvolume-binder';
  protected readonly queue: WorkQueue;
  protected resyncScheduled = false;

  constructor(protected readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.reconcile(key));
    ctx.kernel.on(RESYNC_TIMER, () => late().resyncPersistentVolumes(this));
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch('persistentvolumeclaims', (e) => e.type !== 'DELETED' && this.queue.add(`claim:${e.object.metadata.namespace}/${e.object.metadata.name}`), from);
    // A deleted claim releases its volume: the volume's sync notices.
    this.ctx.store.watch(
      'persistentvolumeclaims',
      (e) => {
        if (e.type !== 'DELETED') return;
        const name = (e.object as PersistentVolumeClaim).spec?.volumeName;
        if (name) this.queue.add(`volume:${name}`);
      },
      from,
    );
    this.ctx.store.watch('persistentvolumes', (e) => e.type !== 'DELETED' && this.queue.add(`volume:${e.object.metadata.name}`), from);
  }

  save(): State {
    return { queue: this.queue.save(), resyncScheduled: this.resyncScheduled };
  }

  load(state: unknown): void {
    const s = state as State;
    this.queue.load(s.queue);
    this.resyncScheduled = s.resyncScheduled;
  }

  /** The PersistentVolume controller's sync of a claim or a volume (controller-sync.ts, a late part: engine/late.ts). */
  protected reconcile(key: string): ReconcileResult {
    return late().reconcilePersistentVolumeKey(this, key);
  }
}

/** The pod mounts the claim through a persistentVolumeClaim volume. */
export function podUsesClaim(pod: Pod, claimName: string): boolean {
  const volumes = (pod.spec.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[];
  return volumes.some((v) => v.persistentVolumeClaim?.claimName === claimName);
}
