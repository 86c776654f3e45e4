/**
 * PriorityClass (scheduling.k8s.io/v1) admission, as a v1.31 API server applies it:
 * SetDefaults_PriorityClass (preemptionPolicy PreemptLowerPriority), the wire form (value always
 * present, globalDefault and description omitted when empty), ValidatePriorityClass /
 * ValidatePriorityClassUpdate (pkg/apis/scheduling/validation), and the validating half of the
 * Priority admission plugin (plugin/pkg/admission/priority: only one globalDefault class), which
 * answers Forbidden after field validation has passed. The strategy's generation of 1 comes from
 * the resource's `tracksGeneration` (PriorityClass has no spec, so it never moves).
 */
import { forbidden, forbiddenField, notSupported, required, type FieldError, type StatusError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { nameIsDNSSubdomain, validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { asDict, carryOverSystemMeta, checkIntField, checkMetaStrings, decodeError, dictOf, str, type Dict } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

/** scheduling.HighestUserDefinablePriority: larger values are reserved for the system classes. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
/** scheduling.SystemCriticalPriority. */
export const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
/** scheduling.SystemPriorityClassPrefix. */
export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';

/** The API server's built-in classes (pkg/apis/scheduling/v1 helpers.go), in its creation order. */
export const SYSTEM_PRIORITY_CLASSES: readonly { name: string; value: number; description: string }[] = [
  {
    name: 'system-node-critical',
    value: SYSTEM_CRITICAL_PRIORITY + 1000,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    name: 'system-cluster-critical',
    value: SYSTEM_CRITICAL_PRIORITY,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const GROUP_RESOURCE = { group: 'scheduling.k8s.io', resource: 'priorityclasses' };

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const pc = asDict(obj);
  checkIntField(obj, pc.value, 'PriorityClass', 'value');
  if (typeof pc.value === 'number' && (pc.value < INT32_MIN || pc.value > INT32_MAX)) {
    throw decodeError(obj, `json: cannot unmarshal number ${pc.value} into Go struct field PriorityClass.value of type int32`);
  }
  if (pc.globalDefault !== undefined && pc.globalDefault !== null && typeof pc.globalDefault !== 'boolean') {
    const kind = Array.isArray(pc.globalDefault) ? 'array' : typeof pc.globalDefault;
    throw decodeError(obj, `json: cannot unmarshal ${kind} into Go struct field PriorityClass.globalDefault of type bool`);
  }
  // `value` has no omitempty: an absent value is Go's zero and is served as 0.
  if (typeof pc.value !== 'number') pc.value = 0;
  if (pc.globalDefault !== true) delete pc.globalDefault;
  if (typeof pc.description !== 'string' || pc.description === '') delete pc.description;
  // SetDefaults_PriorityClass
  if (pc.preemptionPolicy === undefined || pc.preemptionPolicy === null) pc.preemptionPolicy = 'PreemptLowerPriority';
  if (old) carryOverSystemMeta(obj, old);
}

/** schedulingapiv1.IsKnownSystemPriorityClass: the reason a system- name is refused, or undefined. */
function systemClassMismatch(name: string, value: number, globalDefault: boolean): string | undefined {
  const known = SYSTEM_PRIORITY_CLASSES.find((c) => c.name === name);
  if (!known) return `${name} is not a known system priority class`;
  if (known.value !== value) return `value of ${known.name} PriorityClass must be ${known.value}`;
  if (globalDefault) return `globalDefault of ${known.name} PriorityClass must be false`;
  return undefined;
}

/** ValidatePriorityClass */
function validateCreate(pc: Dict): FieldError[] {
  const meta = dictOf(pc.metadata);
  const errs = validateObjectMeta(meta, false, nameIsDNSSubdomain, 'metadata');
  const name = str(meta.name) || str(meta.generateName);
  const value = typeof pc.value === 'number' ? pc.value : 0;
  if (name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const why = systemClassMismatch(name, value, pc.globalDefault === true);
    if (why !== undefined) {
      errs.push(forbiddenField('metadata.name', `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${why}`));
    }
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbiddenField('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined && pc.preemptionPolicy !== null) {
    // ValidatePreemptionPolicy
    const policy = str(pc.preemptionPolicy);
    if (policy === '') errs.push(required('preemptionPolicy'));
    else if (!PREEMPTION_POLICIES.includes(policy)) errs.push(notSupported('preemptionPolicy', policy, PREEMPTION_POLICIES));
  }
  return errs;
}

/** ValidatePriorityClassUpdate: value and preemptionPolicy are immutable. */
function validateUpdate(pc: Dict, old: Dict): FieldError[] {
  const errs = validateObjectMetaUpdate(dictOf(pc.metadata), dictOf(old.metadata), 'metadata');
  if (pc.value !== old.value) errs.push(forbiddenField('value', 'may not be changed in an update.'));
  errs.push(...validateImmutableField(pc.preemptionPolicy ?? null, old.preemptionPolicy ?? null, 'preemptionPolicy'));
  return errs;
}

/**
 * The Priority plugin's Validate: a class may become the global default only while no other
 * class is (the lowest-valued default counts, as getDefaultPriorityClass picks it).
 */
function admitGlobalDefault(pc: Dict, ctx: AdmissionContext, updating: boolean): void {
  if (pc.globalDefault !== true) return;
  const name = str(dictOf(pc.metadata).name);
  let current: Dict | undefined;
  for (const c of ctx.list('priorityclasses') as unknown as readonly Dict[]) {
    if (c.globalDefault !== true) continue;
    if (!current || Number(current.value) > Number(c.value)) current = c;
  }
  if (!current) return;
  const currentName = str(dictOf(current.metadata).name);
  if (!updating || currentName !== name) {
    throw forbidden(GROUP_RESOURCE, name, `PriorityClass ${currentName} is already marked as default. Only one default can exist`);
  }
}

function validate(obj: KObject, ctx: AdmissionContext, old?: KObject): FieldError[] {
  const pc = asDict(obj);
  const errs = old ? validateUpdate(pc, asDict(old)) : validateCreate(pc);
  // Validating admission runs after the strategy's validation has passed.
  if (errs.length === 0) admitGlobalDefault(pc, ctx, old !== undefined);
  return errs;
}

/** PriorityClass admission (defaults + validation), as a v1.31 API server applies it. */
/** The registry's Delete: the system classes stay (pkg/registry/scheduling/priorityclass/storage). */
function validateDelete(obj: KObject): StatusError | undefined {
  const name = obj.metadata.name ?? '';
  if (!SYSTEM_PRIORITY_CLASSES.some((c) => c.name === name)) return undefined;
  return forbidden({ group: 'scheduling.k8s.io', resource: 'priorityclasses' }, name, 'this is a system priority class and cannot be deleted');
}

export const priorityClassAdmission: KindAdmission = { defaults, validate, validateDelete };
