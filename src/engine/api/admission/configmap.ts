/**
 * ConfigMap admission: no visible defaults (SetDefaults_ConfigMap makes an empty `data` that
 * serialises away); `binaryData` must be valid base64. Validation is ValidateConfigMap /
 * ValidateConfigMapUpdate, including the 1 MiB total and the `immutable` rules.
 */
import { forbiddenField, invalid, tooLong, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { byteLength, deepEqual, isConfigMapKey, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { base64DecodedLength } from './base64.ts';
import { asDict, carryOverSystemMeta, checkMetaStrings, checkStringMap, isDict, str, type Dict } from './common.ts';
import { checkBase64Map, MAX_SECRET_SIZE_BYTES } from './secret.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  checkStringMap(obj, asDict(obj).data, 'ConfigMap', 'data');
  checkStringMap(obj, asDict(obj).binaryData, 'ConfigMap', 'binaryData');
  checkBase64Map(obj, asDict(obj).binaryData);
  if (old) carryOverSystemMeta(obj, old);
}

/** ValidateConfigMap */
function validateConfigMap(cm: Dict): FieldError[] {
  const errs = validateObjectMeta(isDict(cm.metadata) ? cm.metadata : {}, true, nameIsDNSSubdomain, 'metadata');
  const data = isDict(cm.data) ? cm.data : {};
  const binary = isDict(cm.binaryData) ? cm.binaryData : {};
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(`data[${key}]`, key, m)));
    if (Object.hasOwn(binary, key)) errs.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    total += byteLength(str(value));
  }
  for (const [key, value] of Object.entries(binary)) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(`binaryData[${key}]`, key, m)));
    try {
      total += base64DecodedLength(str(value));
    } catch {
      // Undecodable binaryData never gets this far (defaults reject it).
    }
  }
  // Go reports this one on the empty path, so it prints as ": Too long: ...".
  if (total > MAX_SECRET_SIZE_BYTES) errs.push(tooLong('', '', MAX_SECRET_SIZE_BYTES));
  return errs;
}

/** ValidateConfigMapUpdate */
function validateUpdate(cm: Dict, old: Dict): FieldError[] {
  const errs = validateObjectMetaUpdate(isDict(cm.metadata) ? cm.metadata : {}, isDict(old.metadata) ? old.metadata : {}, 'metadata');
  if (old.immutable === true) {
    if (cm.immutable !== true) errs.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'));
    if (!deepEqual(cm.data ?? {}, old.data ?? {})) errs.push(forbiddenField('data', 'field is immutable when `immutable` is set'));
    if (!deepEqual(cm.binaryData ?? {}, old.binaryData ?? {})) {
      errs.push(forbiddenField('binaryData', 'field is immutable when `immutable` is set'));
    }
  }
  errs.push(...validateConfigMap(cm));
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  return old ? validateUpdate(asDict(obj), asDict(old)) : validateConfigMap(asDict(obj));
}

/** ConfigMap admission (defaults + validation), as a v1.31 API server applies it. */
export const configMapAdmission: KindAdmission = { defaults, validate };
