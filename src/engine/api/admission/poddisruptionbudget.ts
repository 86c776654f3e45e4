/**
 * PodDisruptionBudget (policy/v1) admission: no field defaults; the strategy's PrepareForCreate
 * (an empty status, whose four counters print as 0; generation 1) and PrepareForUpdate (status
 * kept, generation bumped on a spec change); ValidatePodDisruptionBudget (minAvailable and
 * maxUnavailable exclusive, each a non-negative int or a percentage ≤ 100%, the selector, the
 * unhealthyPodEvictionPolicy values).
 */
import { GoValue, invalid, notSupported, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { isValidPercent, nameIsDNSSubdomain, validateLabelSelector, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { asDict, bumpGeneration, carryOverSystemMeta, checkMetaStrings, child, dictOf, type Dict } from './common.ts';
import { goIntOrString } from './gofmt.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';
import { percentOf } from './workload.ts';

const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const d = asDict(obj);
  child(d, 'spec');
  if (old) carryOverSystemMeta(obj, old);
  else d.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  bumpGeneration(obj, old);
}

/** ValidatePositiveIntOrPercent + IsNotMoreThan100Percent. */
function validateIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') {
    const errs = isValidPercent(v).map((m) => invalid(path, goIntOrString(v), m));
    const pct = percentOf(v);
    if (pct !== undefined && pct > 100) errs.push(invalid(path, goIntOrString(v), 'must not be greater than 100%'));
    return errs;
  }
  return validateNonnegativeField(typeof v === 'number' ? v : 0, path);
}

/**
 * The spec as Go's %#v prints the internal struct (its pointer fields print as addresses; Podlab
 * prints a fixed one so the message is deterministic).
 */
function goSpec(spec: Dict): GoValue {
  const ptr = (v: unknown, type: string) => (v === undefined || v === null ? `(${type})(nil)` : `(${type})(0xc000a1b2c0)`);
  return new GoValue(
    `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr(spec.minAvailable, '*intstr.IntOrString')}, Selector:${ptr(spec.selector, '*v1.LabelSelector')}, ` +
      `MaxUnavailable:${ptr(spec.maxUnavailable, '*intstr.IntOrString')}, UnhealthyPodEvictionPolicy:${ptr(spec.unhealthyPodEvictionPolicy, '*policy.UnhealthyPodEvictionPolicyType')}}`,
  );
}

/** ValidatePodDisruptionBudgetSpec. */
function validateSpec(spec: Dict): FieldError[] {
  const errs: FieldError[] = [];
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(spec.minAvailable) && has(spec.maxUnavailable)) errs.push(invalid('spec', goSpec(spec), 'minAvailable and maxUnavailable cannot be both set'));
  if (has(spec.minAvailable)) errs.push(...validateIntOrPercent(spec.minAvailable, 'spec.minAvailable'));
  if (has(spec.maxUnavailable)) errs.push(...validateIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
  if (has(spec.selector)) errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (has(policy) && !UNHEALTHY_POD_EVICTION_POLICIES.includes(String(policy))) {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, UNHEALTHY_POD_EVICTION_POLICIES));
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

/** PodDisruptionBudget admission (defaults + validation), as a v1.31 API server applies it. */
export const podDisruptionBudgetAdmission: KindAdmission = { defaults, validate };
