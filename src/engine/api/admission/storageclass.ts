/**
 * StorageClass (storage.k8s.io/v1) admission, as a v1.31 API server applies it:
 * SetDefaults_StorageClass (reclaimPolicy Delete, volumeBindingMode Immediate) and
 * ValidateStorageClass / ValidateStorageClassUpdate (pkg/apis/storage/validation).
 */
import { forbiddenField, invalid, notSupported, required, type FieldError } from '../errors.ts';
import { BINDING_MODES } from '../storage.ts';
import type { KObject } from '../types.ts';
import { deepEqual, isQualifiedName, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { asDict, carryOverSystemMeta, checkMetaStrings, checkStringMap, dictOf, str, type Dict } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

const CLASS_RECLAIM_POLICIES = ['Delete', 'Retain'];

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const sc = asDict(obj);
  checkStringMap(obj, sc.parameters, 'StorageClass', 'parameters');
  if (sc.reclaimPolicy === undefined || sc.reclaimPolicy === null) sc.reclaimPolicy = 'Delete';
  if (sc.volumeBindingMode === undefined || sc.volumeBindingMode === null) sc.volumeBindingMode = 'Immediate';
  if (old) carryOverSystemMeta(obj, old);
}

/** ValidateStorageClass */
function validateCreate(sc: Dict): FieldError[] {
  const errs = validateObjectMeta(dictOf(sc.metadata), false, nameIsDNSSubdomain, 'metadata');
  const provisioner = str(sc.provisioner);
  if (provisioner === '') errs.push(required('provisioner', ''));
  else if (provisioner.length > 0) errs.push(...isQualifiedName(provisioner.toLowerCase()).map((m) => invalid('provisioner', provisioner, m)));
  const policy = str(sc.reclaimPolicy);
  if (!CLASS_RECLAIM_POLICIES.includes(policy)) errs.push(notSupported('reclaimPolicy', policy, CLASS_RECLAIM_POLICIES));
  const mode = str(sc.volumeBindingMode);
  if (!BINDING_MODES.includes(mode)) errs.push(notSupported('volumeBindingMode', mode, BINDING_MODES));
  return errs;
}

/** ValidateStorageClassUpdate: parameters, provisioner, reclaimPolicy and the binding mode are frozen. */
function validateUpdate(sc: Dict, old: Dict): FieldError[] {
  const errs = validateObjectMetaUpdate(dictOf(sc.metadata), dictOf(old.metadata), 'metadata');
  if (!deepEqual(sc.parameters ?? {}, old.parameters ?? {})) errs.push(forbiddenField('parameters', 'updates to parameters are forbidden.'));
  if (str(sc.provisioner) !== str(old.provisioner)) errs.push(forbiddenField('provisioner', 'updates to provisioner are forbidden.'));
  if (str(sc.reclaimPolicy) !== str(old.reclaimPolicy)) errs.push(forbiddenField('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  if (str(sc.volumeBindingMode) !== str(old.volumeBindingMode)) errs.push(invalid('volumeBindingMode', str(sc.volumeBindingMode), 'field is immutable'));
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const sc = asDict(obj);
  return old ? [...validateUpdate(sc, asDict(old)), ...validateCreate(sc).filter((e) => !e.field.startsWith('metadata'))] : validateCreate(sc);
}

/**
 * StorageClass admission (defaults + validation), as a v1.31 API server applies it. `assignsUid`
 * lets the cluster bootstrap give the default class a UID from its own seeded PRNG, so adding it
 * does not shift the simulation's random sequence (every generated name after it); a class created
 * without a UID gets one from the store as usual. (The real API server ignores a client's UID.)
 */
export const storageClassAdmission: KindAdmission = { defaults, validate, assignsUid: true };
