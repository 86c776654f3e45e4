/**
 * PersistentVolume admission, as a v1.31 API server applies it: SetDefaults (reclaim policy
 * Retain, volumeMode Filesystem, hostPath type ""), the strategy's status on create (phase
 * Pending until the PV controller makes it Available), StorageObjectInUseProtection (the
 * kubernetes.io/pv-protection finalizer), and ValidatePersistentVolume / ...Update.
 */
import { forbiddenField, invalid, notSupported, required, type FieldError } from '../errors.ts';
import { formatTimestamp } from '../../kernel/time.ts';
import { ACCESS_MODES, PV_PROTECTION_FINALIZER, RECLAIM_POLICIES } from '../storage.ts';
import type { KObject } from '../types.ts';
import { deepEqual, isDNS1123Subdomain, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { asDict, carryOverSystemMeta, checkMetaStrings, child, dictOf, isDict, normalizeResourceList, str, type Dict } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

/** The volume sources a PV may name (core.PersistentVolumeSource), exactly one of them. */
const PV_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs', 'fc',
  'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume',
  'scaleIO', 'local', 'storageos', 'csi',
];
const VOLUME_MODES = ['Block', 'Filesystem'];

function defaults(obj: KObject, ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const pv = asDict(obj);
  const spec = child(pv, 'spec');
  if (spec.persistentVolumeReclaimPolicy === undefined || spec.persistentVolumeReclaimPolicy === null) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (spec.volumeMode === undefined || spec.volumeMode === null) spec.volumeMode = 'Filesystem';
  if (isDict(spec.hostPath) && spec.hostPath.type === undefined) spec.hostPath.type = '';
  normalizeResourceList(obj, spec.capacity);
  if (old) {
    carryOverSystemMeta(obj, old);
    return;
  }
  pv.status = { phase: 'Pending', lastPhaseTransitionTime: formatTimestamp(ctx.now) };
  const finalizers = obj.metadata.finalizers ?? [];
  if (!finalizers.includes(PV_PROTECTION_FINALIZER)) obj.metadata.finalizers = [...finalizers, PV_PROTECTION_FINALIZER];
}

/** The volume source checks Podlab models (hostPath and local need an absolute path). */
function validateSource(spec: Dict): FieldError[] {
  const named = PV_SOURCES.filter((s) => spec[s] !== undefined && spec[s] !== null);
  if (named.length === 0) return [required('spec', 'must specify a volume type')];
  if (named.length > 1) return [forbiddenField(`spec.${named[1]}`, 'may not specify more than 1 volume type')];
  const errs: FieldError[] = [];
  for (const s of ['hostPath', 'local']) {
    if (!isDict(spec[s])) continue;
    const path = str(dictOf(spec[s]).path);
    if (path === '') errs.push(required(`spec.${s}.path`, ''));
    else if (path.split('/').includes('..')) errs.push(invalid(`spec.${s}.path`, path, "must not contain '..'"));
  }
  if (isDict(spec.local) && !isDict(spec.nodeAffinity)) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  return errs;
}

/** ValidatePersistentVolumeSpec, as far as the fields Podlab models go. */
function validateSpec(spec: Dict): FieldError[] {
  const errs: FieldError[] = [];
  const modes = Array.isArray(spec.accessModes) ? spec.accessModes.map(str) : [];
  if (modes.length === 0) errs.push(required('spec.accessModes', 'must specify at least 1 access mode'));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported('spec.accessModes', m, ACCESS_MODES));
  const capacity = dictOf(spec.capacity);
  if (Object.keys(capacity).length === 0) errs.push(required('spec.capacity', ''));
  if (capacity.storage === undefined || Object.keys(capacity).length > 1) errs.push(notSupported('spec.capacity', Object.keys(capacity).join(','), ['storage']));
  const policy = str(spec.persistentVolumeReclaimPolicy);
  if (!RECLAIM_POLICIES.includes(policy)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, RECLAIM_POLICIES));
  const className = str(spec.storageClassName);
  if (className !== '') errs.push(...isDNS1123Subdomain(className).map((m) => invalid('spec.storageClassName', className, m)));
  if (!VOLUME_MODES.includes(str(spec.volumeMode))) errs.push(notSupported('spec.volumeMode', str(spec.volumeMode), VOLUME_MODES));
  errs.push(...validateSource(spec));
  return errs;
}

/** ValidatePersistentVolumeUpdate: the source, volumeMode and node affinity (once set) are frozen. */
function validateUpdate(pv: Dict, old: Dict): FieldError[] {
  const errs = validateObjectMetaUpdate(dictOf(pv.metadata), dictOf(old.metadata), 'metadata');
  const spec = dictOf(pv.spec);
  const oldSpec = dictOf(old.spec);
  for (const s of PV_SOURCES) {
    if (!deepEqual(spec[s] ?? null, oldSpec[s] ?? null)) {
      errs.push(forbiddenField('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
      break;
    }
  }
  if (str(spec.volumeMode) !== str(oldSpec.volumeMode)) errs.push(invalid('spec.volumeMode', str(spec.volumeMode), 'field is immutable'));
  if (isDict(oldSpec.nodeAffinity) && !deepEqual(spec.nodeAffinity, oldSpec.nodeAffinity)) {
    errs.push(invalid('spec.nodeAffinity.required', spec.nodeAffinity ?? null, 'field is immutable'));
  }
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const pv = asDict(obj);
  const errs = old ? validateUpdate(pv, asDict(old)) : validateObjectMeta(dictOf(pv.metadata), false, nameIsDNSSubdomain, 'metadata');
  errs.push(...validateSpec(dictOf(pv.spec)));
  return errs;
}

/** PersistentVolume admission (defaults + validation), as a v1.31 API server applies it. */
export const persistentVolumeAdmission: KindAdmission = { defaults, validate };
