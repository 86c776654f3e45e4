/**
 * Lease (coordination.k8s.io/v1) admission: no defaults; the strategy drops the alpha
 * CoordinatedLeaderElection fields (off by default in v1.31); ValidateLease / ValidateLeaseUpdate.
 *
 * Kept cheap on purpose: every kubelet renews its node Lease every 10 s, so this runs on the
 * simulator's most frequent write.
 */
import { invalid, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { asDict, carryOverSystemMeta, checkIntField, checkMetaStrings, dictOf, int, isDict } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const spec = asDict(obj).spec;
  if (isDict(spec)) {
    checkIntField(obj, spec.leaseDurationSeconds, 'LeaseSpec', 'spec.leaseDurationSeconds');
    checkIntField(obj, spec.leaseTransitions, 'LeaseSpec', 'spec.leaseTransitions');
    // dropDisabledFields: CoordinatedLeaderElection is alpha and off in v1.31.
    if (spec.strategy !== undefined) delete spec.strategy;
    if (spec.preferredHolder !== undefined) delete spec.preferredHolder;
  }
  if (old) carryOverSystemMeta(obj, old);
}

/** ValidateLeaseSpec */
function validateSpec(spec: Record<string, unknown>): FieldError[] {
  const errs: FieldError[] = [];
  const duration = int(spec.leaseDurationSeconds);
  if (duration !== undefined && duration <= 0) errs.push(invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
  const transitions = int(spec.leaseTransitions);
  if (transitions !== undefined && transitions < 0) {
    errs.push(invalid('spec.leaseTransitions', transitions, 'must be greater than or equal to 0'));
  }
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const d = asDict(obj);
  const meta = dictOf(d.metadata);
  const errs = old ? validateObjectMetaUpdate(meta, dictOf(asDict(old).metadata), 'metadata') : validateObjectMeta(meta, true, nameIsDNSSubdomain, 'metadata');
  errs.push(...validateSpec(dictOf(d.spec)));
  return errs;
}

/** Lease admission (defaults + validation), as a v1.31 API server applies it. */
export const leaseAdmission: KindAdmission = { defaults, validate, sharesFrozenOnUpdate: true };
