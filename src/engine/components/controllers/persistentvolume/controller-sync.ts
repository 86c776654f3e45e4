/**
 * The PersistentVolume controller's sync of a claim or a volume (controller.ts): a late part of the engine (engine/late.ts), since the default
 * cluster never runs it. Its methods are lent to the controller made at boot.
 */
import { isStatusError } from '../../../api/errors.ts';
import { BETA_STORAGE_CLASS_ANNOTATION, BETA_STORAGE_PROVISIONER_ANNOTATION, BIND_COMPLETED_ANNOTATION, BOUND_BY_CONTROLLER_ANNOTATION, claimClass, defaultClass, PROVISIONED_BY_ANNOTATION, SELECTED_NODE_ANNOTATION, STORAGE_PROVISIONER_ANNOTATION, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from '../../../api/storage.ts';
import type { KObject, Pod } from '../../../api/types.ts';
import { formatTimestamp, parseTimestamp } from '../../../kernel/time.ts';
import { type ReconcileResult } from '../../workqueue.ts';
import { findMatchingVolume, isVolumeBoundToClaim, volumeSatisfyError } from './matching.ts';
import { PersistentVolumeController, PV_CONTROLLER, PV_RESYNC_PERIOD_MS, RESYNC_TIMER, externalProvisioningMessage, podUsesClaim } from './controller.ts';
import { lendMethods } from '../../../late.ts';

class PersistentVolumeSync extends (Object as unknown as typeof PersistentVolumeController) {
  reconcileKey(key: string): ReconcileResult {
    this.ensureResync();
    const [kind, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'volume') {
      const pv = this.ctx.store.tryGet<PersistentVolume>('persistentvolumes', '', rest);
      if (pv) this.syncVolume(pv);
      return 'done';
    }
    const [ns, name] = rest.split('/');
    const pvc = this.ctx.store.tryGet<PersistentVolumeClaim>('persistentvolumeclaims', ns, name);
    if (pvc) this.syncClaim(pvc);
    return 'done';
  }

  /** The informers' resync: every claim and volume again, every 15 s, while there are any. */
  resync(): void {
    this.resyncScheduled = false;
    const claims = this.ctx.store.list<PersistentVolumeClaim>('persistentvolumeclaims').items;
    const volumes = this.ctx.store.list<PersistentVolume>('persistentvolumes').items;
    for (const c of claims) this.queue.add(`claim:${c.metadata.namespace}/${c.metadata.name}`);
    for (const v of volumes) this.queue.add(`volume:${v.metadata.name}`);
    if (claims.length + volumes.length > 0) this.ensureResync();
  }

  private ensureResync(): void {
    if (this.resyncScheduled) return;
    this.resyncScheduled = true;
    this.ctx.kernel.schedule(PV_RESYNC_PERIOD_MS, RESYNC_TIMER);
  }

  // ---- claims ----------------------------------------------------------------------------

  private syncClaim(pvc: PersistentVolumeClaim): void {
    if (pvc.metadata.deletionTimestamp && pvc.status?.phase !== 'Bound') return;
    if (pvc.metadata.annotations?.[BIND_COMPLETED_ANNOTATION] === undefined) this.syncUnboundClaim(pvc);
    else this.syncBoundClaim(pvc);
  }

  private syncUnboundClaim(pvc: PersistentVolumeClaim): void {
    if (pvc.spec.volumeName) return this.syncRequestedVolume(pvc, pvc.spec.volumeName);
    const delayBinding = this.isDelayBinding(pvc);
    const volumes = this.ctx.store.list<PersistentVolume>('persistentvolumes').items;
    const pv = findMatchingVolume(pvc, volumes, undefined, delayBinding);
    if (pv) return this.bind(pv, pvc);
    if (this.assignDefaultClass(pvc)) return;
    const annotations = pvc.metadata.annotations ?? {};
    if (delayBinding && annotations[SELECTED_NODE_ANNOTATION] === undefined) this.waitForConsumer(pvc);
    else if (claimClass(pvc) !== '') return this.provision(pvc);
    else this.claimEvent(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    this.updateClaimStatus(pvc, 'Pending', undefined);
  }

  /** The claim names its volume (spec.volumeName): bind if it fits, else say why not. */
  private syncRequestedVolume(pvc: PersistentVolumeClaim, volumeName: string): void {
    const pv = this.ctx.store.tryGet<PersistentVolume>('persistentvolumes', '', volumeName);
    if (!pv) return this.updateClaimStatus(pvc, 'Pending', undefined);
    if (!pv.spec.claimRef) {
      const why = volumeSatisfyError(pv, pvc);
      if (why === undefined) return this.bind(pv, pvc);
      this.claimEvent(pvc, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volumeName}": ${why}`);
      return this.updateClaimStatus(pvc, 'Pending', undefined);
    }
    if (isVolumeBoundToClaim(pv, pvc)) return this.bind(pv, pvc);
    this.claimEvent(pvc, 'Warning', 'FailedBinding', `volume "${volumeName}" already bound to a different claim.`);
    this.updateClaimStatus(pvc, 'Pending', undefined);
  }

  private syncBoundClaim(pvc: PersistentVolumeClaim): void {
    if (!pvc.spec.volumeName) {
      return this.lost(pvc, 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
    }
    const pv = this.ctx.store.tryGet<PersistentVolume>('persistentvolumes', '', pvc.spec.volumeName);
    if (!pv) return this.lost(pvc, 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
    if (!pv.spec.claimRef || pv.spec.claimRef.uid === pvc.metadata.uid) return this.bind(pv, pvc);
    this.lost(pvc, 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
  }

  private lost(pvc: PersistentVolumeClaim, reason: string, message: string): void {
    if (pvc.status?.phase === 'Lost') return;
    this.updateClaimStatus(pvc, 'Lost', undefined);
    this.claimEvent(pvc, 'Warning', reason, message);
  }

  /**
   * emitEventForUnboundDelayBindingClaim: who the claim is waiting for. The controller reads pods
   * from an informer, which has not yet seen a pod created this very second (a StatefulSet makes
   * claim and pod together, and the claim's first sync says WaitForFirstConsumer).
   */
  private waitForConsumer(pvc: PersistentVolumeClaim): void {
    const pods = this.ctx.store.list<Pod>('pods', { namespace: pvc.metadata.namespace }).items;
    const thisSecond = Math.floor(this.ctx.kernel.now / 1000) * 1000;
    const seen = (p: Pod): boolean => parseTimestamp(p.metadata.creationTimestamp ?? '') < thisSecond;
    const waiting = pods.filter((p) => !p.spec.nodeName && seen(p) && podUsesClaim(p, pvc.metadata.name ?? '')).map((p) => p.metadata.name ?? '');
    if (waiting.length === 0) this.claimEvent(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    else if (waiting.length === 1) this.claimEvent(pvc, 'Normal', 'WaitForPodScheduled', `waiting for pod ${waiting[0]} to be scheduled`);
    else this.claimEvent(pvc, 'Normal', 'WaitForPodScheduled', `waiting for pods ${waiting.join(',')} to be scheduled`);
  }

  /** Retroactive default class: a claim written before any default class existed gets it now. */
  private assignDefaultClass(pvc: PersistentVolumeClaim): boolean {
    if (pvc.spec.storageClassName !== undefined || pvc.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] !== undefined) return false;
    const sc = defaultClass(this.ctx.store.list('storageclasses').items);
    if (!sc) return false;
    this.ctx.store.update({ ...pvc, spec: { ...pvc.spec, storageClassName: sc.metadata.name } });
    return true;
  }

  /** provisionClaim for an external provisioner: annotate the claim, say who is expected to act. */
  private provision(pvc: PersistentVolumeClaim): void {
    const className = claimClass(pvc);
    const sc = this.ctx.store.tryGet<StorageClass>('storageclasses', '', className);
    if (!sc) {
      this.claimEvent(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    const provisioner = sc.provisioner ?? '';
    let claim = pvc;
    const a = pvc.metadata.annotations ?? {};
    if (a[STORAGE_PROVISIONER_ANNOTATION] !== provisioner || a[BETA_STORAGE_PROVISIONER_ANNOTATION] !== provisioner) {
      const annotations = { ...a, [BETA_STORAGE_PROVISIONER_ANNOTATION]: provisioner, [STORAGE_PROVISIONER_ANNOTATION]: provisioner };
      claim = this.ctx.store.update<PersistentVolumeClaim>({ ...pvc, metadata: { ...pvc.metadata, annotations } });
    }
    this.claimEvent(claim, 'Normal', 'ExternalProvisioning', externalProvisioningMessage(provisioner));
  }

  private isDelayBinding(pvc: PersistentVolumeClaim): boolean {
    const className = claimClass(pvc);
    if (className === '') return false;
    const sc = this.ctx.store.tryGet<StorageClass>('storageclasses', '', className);
    return sc?.volumeBindingMode === 'WaitForFirstConsumer';
  }

  // ---- binding ---------------------------------------------------------------------------

  /** bind: volume → claim (claimRef), volume phase Bound, claim → volume, claim phase Bound. */
  private bind(pv: PersistentVolume, pvc: PersistentVolumeClaim): void {
    const volume = this.bindVolumeToClaim(pv, pvc);
    const boundVolume = this.updateVolumePhase(volume, 'Bound', undefined);
    const claim = this.bindClaimToVolume(pvc, boundVolume);
    this.updateClaimStatus(claim, 'Bound', boundVolume);
  }

  private bindVolumeToClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): PersistentVolume {
    const ref = pv.spec.claimRef;
    if (ref && ref.uid === pvc.metadata.uid && ref.name === pvc.metadata.name && ref.namespace === pvc.metadata.namespace) return pv;
    const claimRef = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      name: pvc.metadata.name,
      namespace: pvc.metadata.namespace,
      resourceVersion: pvc.metadata.resourceVersion,
      uid: pvc.metadata.uid,
    };
    const annotations = { ...(pv.metadata.annotations ?? {}) };
    if (!ref) annotations[BOUND_BY_CONTROLLER_ANNOTATION] = 'yes';
    return this.ctx.store.update<PersistentVolume>({ ...pv, metadata: { ...pv.metadata, annotations }, spec: { ...pv.spec, claimRef } });
  }

  private bindClaimToVolume(pvc: PersistentVolumeClaim, pv: PersistentVolume): PersistentVolumeClaim {
    const a = pvc.metadata.annotations ?? {};
    if (pvc.spec.volumeName === pv.metadata.name && a[BIND_COMPLETED_ANNOTATION] === 'yes') return pvc;
    const annotations: Record<string, string> = { ...a, [BIND_COMPLETED_ANNOTATION]: 'yes' };
    if (!pvc.spec.volumeName) annotations[BOUND_BY_CONTROLLER_ANNOTATION] = 'yes';
    return this.ctx.store.update<PersistentVolumeClaim>({ ...pvc, metadata: { ...pvc.metadata, annotations }, spec: { ...pvc.spec, volumeName: pv.metadata.name } });
  }

  private updateClaimStatus(pvc: PersistentVolumeClaim, phase: string, pv: PersistentVolume | undefined): void {
    const status: Record<string, unknown> = { ...(pvc.status ?? {}), phase };
    delete status.accessModes;
    delete status.capacity;
    if (pv) {
      status.accessModes = [...(pv.spec.accessModes ?? [])];
      status.capacity = { ...(pv.spec.capacity ?? {}) };
    }
    if (JSON.stringify(status) === JSON.stringify(pvc.status ?? {})) return;
    this.ctx.store.update({ ...pvc, status }, { subresource: 'status' });
  }

  private updateVolumePhase(pv: PersistentVolume, phase: string, message: string | undefined): PersistentVolume {
    if (pv.status?.phase === phase && pv.status?.message === message) return pv;
    const status: Record<string, unknown> = { phase, lastPhaseTransitionTime: formatTimestamp(this.ctx.kernel.now) };
    if (pv.status?.phase === phase && pv.status.lastPhaseTransitionTime) status.lastPhaseTransitionTime = pv.status.lastPhaseTransitionTime;
    if (message) status.message = message;
    return this.ctx.store.update<PersistentVolume>({ ...pv, status }, { subresource: 'status' });
  }

  // ---- volumes ---------------------------------------------------------------------------

  private syncVolume(pv: PersistentVolume): void {
    const ref = pv.spec.claimRef;
    if (!ref || !ref.uid) {
      this.updateVolumePhase(pv, 'Available', undefined);
      return;
    }
    let claim = this.ctx.store.tryGet<PersistentVolumeClaim>('persistentvolumeclaims', ref.namespace ?? '', ref.name ?? '');
    if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
    if (!claim) return this.release(pv);
    if (!claim.spec.volumeName) {
      this.queue.add(`claim:${claim.metadata.namespace}/${claim.metadata.name}`);
      return;
    }
    if (claim.spec.volumeName === pv.metadata.name) {
      this.updateVolumePhase(pv, 'Bound', undefined);
      return;
    }
    // The claim is bound elsewhere: a volume provisioned for it goes, one bound by us is freed.
    if (pv.metadata.annotations?.[PROVISIONED_BY_ANNOTATION] && pv.spec.persistentVolumeReclaimPolicy === 'Delete') return this.release(pv);
    this.unbindVolume(pv);
  }

  private unbindVolume(pv: PersistentVolume): void {
    const annotations = { ...(pv.metadata.annotations ?? {}) };
    const byController = annotations[BOUND_BY_CONTROLLER_ANNOTATION] !== undefined;
    delete annotations[BOUND_BY_CONTROLLER_ANNOTATION];
    const spec: PersistentVolume['spec'] = { ...pv.spec };
    if (byController) delete spec.claimRef;
    else spec.claimRef = { ...pv.spec.claimRef, uid: '' };
    const updated = this.ctx.store.update<PersistentVolume>({ ...pv, metadata: { ...pv.metadata, annotations }, spec });
    this.updateVolumePhase(updated, 'Available', undefined);
  }

  /** The volume's claim is gone: Released, then the reclaim policy. */
  private release(pv: PersistentVolume): void {
    let volume = pv;
    if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') volume = this.updateVolumePhase(pv, 'Released', undefined);
    if (volume.spec.persistentVolumeReclaimPolicy !== 'Delete') return;
    // A provisioned volume is deleted by its provisioner; a hand-made hostPath one only under /tmp.
    if (volume.metadata.annotations?.[PROVISIONED_BY_ANNOTATION]) return;
    const path = volume.spec.hostPath?.path;
    if (path !== undefined && /^\/tmp\/.+/.test(path)) {
      this.deleteVolume(volume);
      return;
    }
    if (volume.status?.phase === 'Failed') return;
    const message = path !== undefined ? `host_path deleter only supports /tmp/.+ but received provided ${path}` : `error getting deleter volume plugin for volume "${volume.metadata.name}": no deletable volume plugin matched`;
    const failed = this.updateVolumePhase(volume, 'Failed', message);
    this.ctx.events.record({ involved: failed, type: 'Warning', reason: 'VolumeFailedDelete', message, component: PV_CONTROLLER });
  }

  private deleteVolume(pv: PersistentVolume): void {
    try {
      this.ctx.store.delete('persistentvolumes', '', pv.metadata.name ?? '');
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  }

  private claimEvent(pvc: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record({ involved: pvc, type, reason, message, component: PV_CONTROLLER });
  }
}


/** The resync timer: every claim and volume looks again (while any exists). */
export function resyncPersistentVolumes(c: PersistentVolumeController): void {
  lendMethods(PersistentVolumeController, PersistentVolumeSync);
  (c as PersistentVolumeSync).resync();
}

/** PersistentVolumeController.reconcile: The PersistentVolume controller's sync of a claim or a volume. */
export function reconcilePersistentVolumeKey(c: PersistentVolumeController, key: string): ReconcileResult {
  lendMethods(PersistentVolumeController, PersistentVolumeSync);
  return (c as PersistentVolumeSync).reconcileKey(key);
}
