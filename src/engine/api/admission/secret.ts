/**
 * Secret admission: type defaults to Opaque; `stringData` is merged into `data` (base64 of its UTF-8
 * bytes, overwriting) and dropped, as the v1 → internal conversion does; `data` must be valid
 * base64 (else the request fails to decode). Validation is ValidateSecret / ValidateSecretUpdate.
 */
import { forbiddenField, invalid, required, tooLong, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { deepEqual, isConfigMapKey, nameIsDNSSubdomain, validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { Base64Error, base64DecodedLength, base64EncodeString } from './base64.ts';
import { asDict, carryOverSystemMeta, checkMetaStrings, checkStringMap, decodeError, isDict, str, type Dict } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

/** core.MaxSecretSize: 1 MiB for a Secret's (or ConfigMap's) data. */
export const MAX_SECRET_SIZE_BYTES = 1024 * 1024;

/** Checks every base64 value of a map decodes; a bad one is the decode error Go's JSON decoder raises. */
export function checkBase64Map(owner: KObject, data: unknown): void {
  if (!isDict(data)) return;
  for (const v of Object.values(data)) {
    try {
      base64DecodedLength(str(v));
    } catch (e) {
      if (e instanceof Base64Error) throw decodeError(owner, e.message);
      throw e;
    }
  }
}

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  checkStringMap(obj, asDict(obj).data, 'Secret', 'data');
  checkStringMap(obj, asDict(obj).stringData, 'Secret', 'stringData');
  const secret = asDict(obj);
  if (!secret.type) secret.type = 'Opaque';
  checkBase64Map(obj, secret.data);
  if (isDict(secret.stringData) && Object.keys(secret.stringData).length > 0) {
    const data: Dict = isDict(secret.data) ? secret.data : {};
    for (const [k, v] of Object.entries(secret.stringData)) data[k] = base64EncodeString(str(v));
    secret.data = data;
  }
  delete secret.stringData;
  if (old) carryOverSystemMeta(obj, old);
}

/** Keys the well-known secret types must carry. */
function validateType(secret: Dict, data: Dict): FieldError[] {
  const has = (k: string): boolean => Object.hasOwn(data, k);
  const annotations = isDict(secret.metadata) && isDict(secret.metadata.annotations) ? secret.metadata.annotations : {};
  switch (str(secret.type)) {
    case 'kubernetes.io/service-account-token':
      return str(annotations['kubernetes.io/service-account.name']) === ''
        ? [required('metadata.annotations[kubernetes.io/service-account.name]')]
        : [];
    case 'kubernetes.io/dockercfg':
      return has('.dockercfg') ? [] : [required('data[.dockercfg]')];
    case 'kubernetes.io/dockerconfigjson':
      return has('.dockerconfigjson') ? [] : [required('data[.dockerconfigjson]')];
    case 'kubernetes.io/basic-auth':
      return has('username') || has('password') ? [] : [required('data[username]'), required('data[password]')];
    case 'kubernetes.io/ssh-auth':
      return has('ssh-privatekey') && str(data['ssh-privatekey']) !== '' ? [] : [required('data[ssh-privatekey]')];
    case 'kubernetes.io/tls':
      return [...(has('tls.crt') ? [] : [required('data[tls.crt]')]), ...(has('tls.key') ? [] : [required('data[tls.key]')])];
    default:
      return [];
  }
}

/** ValidateSecret */
function validateSecret(secret: Dict): FieldError[] {
  const errs = validateObjectMeta(isDict(secret.metadata) ? secret.metadata : {}, true, nameIsDNSSubdomain, 'metadata');
  const data = isDict(secret.data) ? secret.data : {};
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(`data[${key}]`, key, m)));
    try {
      total += base64DecodedLength(str(value));
    } catch {
      // Undecodable data never gets this far (defaults reject it).
    }
  }
  if (total > MAX_SECRET_SIZE_BYTES) errs.push(tooLong('data', '', MAX_SECRET_SIZE_BYTES));
  errs.push(...validateType(secret, data));
  return errs;
}

/** ValidateSecretUpdate */
function validateUpdate(secret: Dict, old: Dict): FieldError[] {
  const errs = validateObjectMetaUpdate(isDict(secret.metadata) ? secret.metadata : {}, isDict(old.metadata) ? old.metadata : {}, 'metadata');
  errs.push(...validateImmutableField(str(secret.type), str(old.type), 'type'));
  if (old.immutable === true) {
    if (secret.immutable !== true) errs.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'));
    if (!deepEqual(secret.data ?? {}, old.data ?? {})) errs.push(forbiddenField('data', 'field is immutable when `immutable` is set'));
  }
  errs.push(...validateSecret(secret));
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  return old ? validateUpdate(asDict(obj), asDict(old)) : validateSecret(asDict(obj));
}

/** Secret admission (defaults + validation), as a v1.31 API server applies it. */
export const secretAdmission: KindAdmission = { defaults, validate };
