/**
 * kind's local-path-provisioner (rancher.io/local-path, an external provisioner built on
 * sig-storage-lib-external-provisioner): a claim the PV controller handed to it
 * (volume.kubernetes.io/storage-provisioner) and the scheduler placed (selected-node) gets a
 * hostPath PersistentVolume `pvc-<claim uid>` under /var/local-path-provisioner on that node,
 * pinned there by node affinity and pre-bound to the claim; the PV controller finishes the
 * binding. A released volume of its own with reclaim policy Delete is deleted.
 *
 * Kind runs it as a Deployment in local-path-storage; here it is a component of the control
 * plane (no pod), named in its events the way the real one names itself.
 */
import { Prng } from '../../../kernel/prng.ts';
import {
  claimClass,
  LOCAL_PATH_PROVISIONER,
  LOCAL_PATH_ROOT,
  PROVISIONED_BY_ANNOTATION,
  SELECTED_NODE_ANNOTATION,
  STORAGE_PROVISIONER_ANNOTATION,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from '../../../api/storage.ts';
import type { KObject } from '../../../api/types.ts';
import type { Component, ComponentContext } from '../../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../../workqueue.ts';

/** The annotation local-path-provisioner records the node on. */
export const LOCAL_PATH_NODE_ANNOTATION = 'local.path.provisioner/selected-node';

/** Where a claim's volume lives on its node: `<root>/pvc-<uid>_<namespace>_<name>`. */
export function localPathFor(pvc: PersistentVolumeClaim): string {
  return `${LOCAL_PATH_ROOT}/pvc-${pvc.metadata.uid}_${pvc.metadata.namespace}_${pvc.metadata.name}`;
}

export class LocalPathProvisioner implements Component {
  readonly name = 'local-path-provisioner';
  private readonly queue: WorkQueue;
  /** `rancher.io/local-path_<pod name>_<uuid>`, as the provisioner signs its events. */
  readonly identity: string;

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.reconcile(key));
    this.identity = provisionerIdentity(ctx.kernel.seed);
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch('persistentvolumeclaims', (e) => e.type !== 'DELETED' && this.queue.add(`claim:${e.object.metadata.namespace}/${e.object.metadata.name}`), from);
    this.ctx.store.watch('persistentvolumes', (e) => e.type !== 'DELETED' && this.queue.add(`volume:${e.object.metadata.name}`), from);
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
      if (pv) this.maybeDelete(pv);
      return 'done';
    }
    const [ns, name] = rest.split('/');
    const pvc = this.ctx.store.tryGet<PersistentVolumeClaim>('persistentvolumeclaims', ns, name);
    if (pvc) this.maybeProvision(pvc);
    return 'done';
  }

  /** shouldProvision + provisionClaimOperation of the external-provisioner library. */
  private maybeProvision(pvc: PersistentVolumeClaim): void {
    if (pvc.spec.volumeName || pvc.metadata.deletionTimestamp) return;
    const a = pvc.metadata.annotations ?? {};
    if (a[STORAGE_PROVISIONER_ANNOTATION] !== LOCAL_PATH_PROVISIONER) return;
    const sc = this.ctx.store.tryGet<StorageClass>('storageclasses', '', claimClass(pvc));
    if (!sc || sc.provisioner !== LOCAL_PATH_PROVISIONER) return;
    const node = a[SELECTED_NODE_ANNOTATION];
    if (node === undefined) return;
    const name = `pvc-${pvc.metadata.uid}`;
    if (this.ctx.store.tryGet('persistentvolumes', '', name)) return;
    this.event(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`);
    this.ctx.store.create(localPathVolume(pvc, sc, node));
    this.event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
  }

  /** A released volume of ours with reclaim policy Delete: the helper pod empties it, then it goes. */
  private maybeDelete(pv: PersistentVolume): void {
    if (pv.metadata.annotations?.[PROVISIONED_BY_ANNOTATION] !== LOCAL_PATH_PROVISIONER) return;
    if (pv.status?.phase !== 'Released' || pv.spec.persistentVolumeReclaimPolicy !== 'Delete' || pv.metadata.deletionTimestamp) return;
    this.ctx.store.delete('persistentvolumes', '', pv.metadata.name ?? '');
  }

  private event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record({ involved: obj, type, reason, message, component: this.identity });
  }
}

/** The PersistentVolume local-path-provisioner makes for a claim on a node. */
export function localPathVolume(pvc: PersistentVolumeClaim, sc: StorageClass, node: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: `pvc-${pvc.metadata.uid}`,
      annotations: { [LOCAL_PATH_NODE_ANNOTATION]: node, [PROVISIONED_BY_ANNOTATION]: LOCAL_PATH_PROVISIONER },
    },
    spec: {
      accessModes: [...(pvc.spec.accessModes ?? [])],
      capacity: { storage: pvc.spec.resources?.requests?.storage ?? '0' },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        name: pvc.metadata.name,
        namespace: pvc.metadata.namespace,
        resourceVersion: pvc.metadata.resourceVersion,
        uid: pvc.metadata.uid,
      },
      hostPath: { path: localPathFor(pvc), type: 'DirectoryOrCreate' },
      nodeAffinity: {
        required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] },
      },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
    },
  };
}

const HEX = '0123456789abcdef';
const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * A stable identity per seed, shaped like the real one (`rancher.io/local-path_<deployment pod
 * name>_<uuid>`), from its own PRNG so the simulation's random sequence is not disturbed.
 */
function provisionerIdentity(seed: number): string {
  const prng = new Prng((seed ^ 0x10ca1da7) >>> 0);
  const pick = (alphabet: string, n: number): string => Array.from({ length: n }, () => alphabet[prng.nextInt(alphabet.length)]).join('');
  const uuid = `${pick(HEX, 8)}-${pick(HEX, 4)}-4${pick(HEX, 3)}-${'89ab'[prng.nextInt(4)]}${pick(HEX, 3)}-${pick(HEX, 12)}`;
  return `${LOCAL_PATH_PROVISIONER}_local-path-provisioner-${pick(ALNUM, 10)}-${pick(ALNUM, 5)}_${uuid}`;
}
