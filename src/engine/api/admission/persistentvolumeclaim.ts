/**
 * PersistentVolumeClaim admission, as a v1.31 API server applies it: SetDefaults (volumeMode
 * Filesystem, phase Pending), the DefaultStorageClass plugin (a claim that names no class gets the
 * default one), StorageObjectInUseProtection (the kubernetes.io/pvc-protection finalizer), and
 * ValidatePersistentVolumeClaim / ValidatePersistentVolumeClaimUpdate with Kubernetes' wording.
 */
import { forbiddenField, invalid, notSupported, required, type FieldError } from '../errors.ts';
import { compareQuantity, parseQuantity } from '../quantity.ts';
import { ACCESS_MODES, BETA_STORAGE_CLASS_ANNOTATION, defaultClass, PVC_PROTECTION_FINALIZER } from '../storage.ts';
import type { KObject } from '../types.ts';
import { deepEqual, isDNS1123Subdomain, nameIsDNSSubdomain, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { asDict, carryOverSystemMeta, checkMetaStrings, child, cloneJson, dictOf, isDict, normalizeResourceList, str, type Dict } from './common.ts';
import { structDiff } from './gofmt-diff.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

const VOLUME_MODES = ['Block', 'Filesystem'];

/** core.PersistentVolumeClaimSpec fields in Go declaration order (for the immutability diff). */
const CLAIM_SPEC_FIELDS: readonly [string, string][] = [
  ['AccessModes', 'accessModes'], ['*Selector', 'selector'], ['Resources', 'resources'], ['VolumeName', 'volumeName'],
  ['*StorageClassName', 'storageClassName'], ['*VolumeMode', 'volumeMode'], ['*DataSource', 'dataSource'],
  ['*DataSourceRef', 'dataSourceRef'], ['*VolumeAttributesClassName', 'volumeAttributesClassName'],
];

const IMMUTABLE_SPEC = 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

/** A claim template's (or claim's) spec defaults: SetDefaults_PersistentVolumeClaimSpec. */
export function defaultClaimSpec(owner: KObject, spec: Dict): void {
  if (spec.volumeMode === undefined || spec.volumeMode === null) spec.volumeMode = 'Filesystem';
  const resources = dictOf(spec.resources);
  normalizeResourceList(owner, resources.requests);
  normalizeResourceList(owner, resources.limits);
}

function defaults(obj: KObject, ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const pvc = asDict(obj);
  const spec = child(pvc, 'spec');
  defaultClaimSpec(obj, spec);
  if (old) {
    carryOverSystemMeta(obj, old);
    return;
  }
  pvc.status = { phase: 'Pending' };
  admitDefaultClass(obj, spec, ctx);
  const finalizers = obj.metadata.finalizers ?? [];
  if (!finalizers.includes(PVC_PROTECTION_FINALIZER)) obj.metadata.finalizers = [...finalizers, PVC_PROTECTION_FINALIZER];
}

/** The DefaultStorageClass admission plugin: only a claim with no class at all gets one ("" stays ""). */
function admitDefaultClass(obj: KObject, spec: Dict, ctx: AdmissionContext): void {
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
  if (obj.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] !== undefined) return;
  const sc = defaultClass(ctx.list('storageclasses'));
  if (sc) spec.storageClassName = sc.metadata.name;
}

/** ValidatePersistentVolumeClaimSpec */
export function validateClaimSpec(spec: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const modes = Array.isArray(spec.accessModes) ? spec.accessModes.map(str) : [];
  if (modes.length === 0) errs.push(required(`${path}.accessModes`, 'at least 1 access mode is required'));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(`${path}.accessModes`, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) {
    errs.push(forbiddenField(`${path}.accessModes`, 'may not use ReadWriteOncePod with other access modes'));
  }
  if (spec.selector !== undefined && spec.selector !== null) errs.push(...validateLabelSelector(spec.selector, `${path}.selector`));
  const requests = dictOf(dictOf(spec.resources).requests);
  const storagePath = `${path}.resources[storage]`;
  if (requests.storage === undefined) errs.push(required(storagePath, ''));
  else if (compareQuantity(parseQuantity(str(requests.storage)), parseQuantity('0')) <= 0) {
    errs.push(invalid(storagePath, str(requests.storage), 'must be greater than zero'));
  }
  const className = str(spec.storageClassName);
  if (className !== '') errs.push(...isDNS1123Subdomain(className).map((m) => invalid(`${path}.storageClassName`, className, m)));
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(str(spec.volumeMode))) {
    errs.push(notSupported(`${path}.volumeMode`, str(spec.volumeMode), VOLUME_MODES));
  }
  return errs;
}

function validateCreate(pvc: Dict): FieldError[] {
  const errs = validateObjectMeta(dictOf(pvc.metadata), true, nameIsDNSSubdomain, 'metadata');
  errs.push(...validateClaimSpec(dictOf(pvc.spec), 'spec'));
  return errs;
}

/** ValidatePersistentVolumeClaimUpdate: the spec is frozen except what the rules let change. */
function validateUpdate(pvc: Dict, old: Dict): FieldError[] {
  const errs = validateObjectMetaUpdate(dictOf(pvc.metadata), dictOf(old.metadata), 'metadata');
  const spec = cloneJson(dictOf(pvc.spec));
  const oldSpec = cloneJson(dictOf(old.spec));
  // The controller may set volumeName once; a claim without a class may get one (retroactive default).
  if (str(oldSpec.volumeName) === '') oldSpec.volumeName = spec.volumeName;
  if (oldSpec.storageClassName === undefined && spec.storageClassName !== undefined) oldSpec.storageClassName = spec.storageClassName;
  oldSpec.volumeAttributesClassName = spec.volumeAttributesClassName;
  const bound = dictOf(old.status).phase === 'Bound';
  const requests = dictOf(dictOf(spec.resources).requests);
  const oldRequests = dictOf(dictOf(oldSpec.resources).requests);
  if (bound && isDict(dictOf(spec.resources).requests)) requests.storage = oldRequests.storage;
  if (!deepEqual(spec, oldSpec)) errs.push(forbiddenField('spec', `${IMMUTABLE_SPEC}\n${structDiff('core.PersistentVolumeClaimSpec', CLAIM_SPEC_FIELDS, oldSpec, spec)}`));
  const newSize = str(dictOf(dictOf(dictOf(pvc.spec).resources).requests).storage);
  const oldSize = str(oldRequests.storage);
  if (newSize !== '' && oldSize !== '' && compareQuantity(parseQuantity(newSize), parseQuantity(oldSize)) < 0) {
    errs.push(forbiddenField('spec.resources.requests.storage', 'field can not be less than previous value'));
  }
  if (errs.length === 0) errs.push(...validateClaimSpec(dictOf(pvc.spec), 'spec'));
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  return old ? validateUpdate(asDict(obj), asDict(old)) : validateCreate(asDict(obj));
}

/** PersistentVolumeClaim admission (defaults + validation), as a v1.31 API server applies it. */
export const persistentVolumeClaimAdmission: KindAdmission = { defaults, validate };
