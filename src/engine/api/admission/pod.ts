/**
 * Pod admission: SetDefaults_Pod + SetDefaults_PodSpec, the default-on admission plugins that
 * mutate pods (ServiceAccount, Priority, DefaultTolerationSeconds), the pod strategy's
 * PrepareForCreate (status Pending + QoS class), and ValidatePodCreate / ValidatePodUpdate.
 */
import { forbidden, forbiddenField, invalid, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { deepEqual, inclusiveRangeError, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { asDict, carryOverSystemMeta, checkMetaStrings, child, cloneJson, dicts, int, isDict, str, type Dict } from './common.ts';
import { late } from '../../late.ts';
import { CONTAINER_LISTS, defaultPodSpec } from './podspec-defaults.ts';
import { validatePodSpec, validateTolerations, type PodSpecOptions } from './podspec-validation.ts';
import { podQOSClass } from './resources.ts';
import { admitPodServiceAccount } from './serviceaccount.ts';
import { sharedConstant } from '../../kernel/trace.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

/** --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds */
export const DEFAULT_TOLERATION_SECONDS = 300;
const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

/** The built-in PriorityClasses every cluster has. */
const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** The lists pod update validation walks (ephemeral containers are handled apart). */
const POD_CONTAINER_LISTS = ['containers', 'initContainers'];
const DEFAULT_TOLERATION_KEYS = [NOT_READY_TAINT, UNREACHABLE_TAINT];

/**
 * SetDefaults_Pod: limits become requests where none is given; service links on; hostNetwork ports.
 * (The create path reads spec.containers and spec.initContainers by name, not through a loop
 * over their keys: V8 looks up an absent computed key much more slowly.)
 */
function defaultPodOnly(spec: Dict): void {
  defaultRequestsFromLimits(spec.containers);
  defaultRequestsFromLimits(spec.initContainers);
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    defaultHostPorts(spec.containers);
    defaultHostPorts(spec.initContainers);
  }
}

function defaultRequestsFromLimits(containers: unknown): void {
  for (const c of dicts(containers)) {
    const res = child(c, 'resources');
    if (!isDict(res.limits)) continue;
    const requests = child(res, 'requests');
    for (const [k, v] of Object.entries(res.limits)) if (!Object.hasOwn(requests, k)) requests[k] = v;
  }
}

function defaultHostPorts(containers: unknown): void {
  for (const c of dicts(containers)) {
    for (const p of dicts(c.ports)) if (!p.hostPort) p.hostPort = p.containerPort;
  }
}

/**
 * The tolerations DefaultTolerationSeconds adds, one per key, and the list of both that most pods
 * get: shared by every pod (deep-frozen, as stored pods are) and registered with the trace, which
 * mixes their recorded hash input instead of walking them in each pod written.
 */
const DEFAULT_TOLERATIONS: readonly Readonly<Dict>[] = DEFAULT_TOLERATION_KEYS.map((key) =>
  sharedConstant({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS }),
);
const BOTH_DEFAULT_TOLERATIONS: readonly Readonly<Dict>[] = sharedConstant([...DEFAULT_TOLERATIONS]);

/** DefaultTolerationSeconds admission: tolerate not-ready/unreachable NoExecute for 300s unless already tolerated. */
function addDefaultTolerations(spec: Dict): void {
  const tolerations = dicts(spec.tolerations);
  const added = DEFAULT_TOLERATIONS.filter((t) => !toleratesNoExecute(tolerations, t.key as string));
  if (added.length === 0) return;
  if (Array.isArray(spec.tolerations)) spec.tolerations = [...spec.tolerations, ...added];
  else spec.tolerations = added.length === BOTH_DEFAULT_TOLERATIONS.length ? BOTH_DEFAULT_TOLERATIONS : added;
}

/** Some toleration matches `key` (or every key) for the NoExecute effect (or every effect). */
function toleratesNoExecute(tolerations: readonly Dict[], key: string): boolean {
  for (const t of tolerations) {
    const k = str(t.key);
    const effect = str(t.effect);
    if ((k === key || k === '') && (effect === 'NoExecute' || effect === '')) return true;
  }
  return false;
}

/** Priority admission on create: resolve priority and preemptionPolicy from the PriorityClass. */
function admitPriority(pod: KObject, spec: Dict, ctx: AdmissionContext): void {
  const classes = ctx.list('priorityclasses') as unknown as readonly Dict[];
  let className = str(spec.priorityClassName);
  let priority = 0;
  let policy = 'PreemptLowerPriority';
  if (className === '') {
    const def = classes.find((c) => c.globalDefault === true);
    if (def) {
      className = str(dictOrEmpty(def.metadata).name);
      priority = int(def.value) ?? 0;
      policy = str(def.preemptionPolicy) || policy;
      spec.priorityClassName = className;
    }
  } else {
    const pc = classes.find((c) => str(dictOrEmpty(c.metadata).name) === className);
    if (pc) {
      priority = int(pc.value) ?? 0;
      policy = str(pc.preemptionPolicy) || policy;
    } else if (Object.hasOwn(SYSTEM_PRIORITY_CLASSES, className)) {
      priority = SYSTEM_PRIORITY_CLASSES[className];
    } else {
      throw forbidden({ group: '', resource: 'pods' }, pod.metadata?.name ?? '', `no PriorityClass with name ${className} was found`);
    }
  }
  const given = int(spec.priority);
  if (given !== undefined && given !== priority) {
    throw forbidden(
      { group: '', resource: 'pods' },
      pod.metadata?.name ?? '',
      `the integer value of priority (${given}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = policy;
}

const dictOrEmpty = (v: unknown): Dict => (isDict(v) ? v : {});

/** On update the plugins do not run again; values the client omitted are kept from the stored pod. */
function keepAdmittedFields(spec: Dict, oldSpec: Dict): void {
  for (const f of ['serviceAccountName', 'serviceAccount', 'priority', 'preemptionPolicy', 'priorityClassName']) {
    if ((spec[f] === undefined || spec[f] === '') && oldSpec[f] !== undefined) spec[f] = oldSpec[f];
  }
  if (str(spec.serviceAccountName) !== '' && str(spec.serviceAccount) === '') spec.serviceAccount = spec.serviceAccountName;
}

function defaults(obj: KObject, ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const pod = asDict(obj);
  const spec = child(pod, 'spec');
  defaultPodSpec(obj, spec);
  defaultPodOnly(spec);
  if (old) {
    carryOverSystemMeta(obj, old);
    keepAdmittedFields(spec, dictOrEmpty(asDict(old).spec));
    addDefaultTolerations(spec);
    return;
  }
  // LimitRanger (limitrange.ts, a late part: engine/late.ts) acts only where a LimitRange is.
  if (obj.metadata.namespace && ctx.list('limitranges').some((lr) => lr.metadata.namespace === obj.metadata.namespace)) late().admitLimitRanges(obj, spec, ctx);
  admitPodServiceAccount(obj, spec, ctx);
  admitPriority(obj, spec, ctx);
  addDefaultTolerations(spec);
  pod.status = PENDING_STATUS[podQOSClass(spec)];
}

/**
 * A new pod's status by QoS class (the strategy's PrepareForCreate): shared by every pod created
 * and registered with the trace, like the default tolerations. Status writes replace it whole.
 */
const PENDING_STATUS: Readonly<Record<ReturnType<typeof podQOSClass>, Readonly<Dict>>> = {
  Guaranteed: sharedConstant({ phase: 'Pending', qosClass: 'Guaranteed' }),
  Burstable: sharedConstant({ phase: 'Pending', qosClass: 'Burstable' }),
  BestEffort: sharedConstant({ phase: 'Pending', qosClass: 'BestEffort' }),
};

const POD_SPEC_OPTIONS: PodSpecOptions = { resourceIsPod: true };

/** validatePodMetadataAndSpec */
function validateMetadataAndSpec(pod: Dict): FieldError[] {
  const spec = dictOrEmpty(pod.spec);
  const errs = validateObjectMeta(dictOrEmpty(pod.metadata), true, nameIsDNSSubdomain, 'metadata');
  errs.push(...validatePodSpec(spec, 'spec', POD_SPEC_OPTIONS));
  validateImageWhitespace(errs, spec.containers, 'containers');
  validateImageWhitespace(errs, spec.initContainers, 'initContainers');
  return errs;
}

function validateImageWhitespace(errs: FieldError[], containers: unknown, list: string): void {
  dicts(containers).forEach((c, i) => {
    const image = str(c.image);
    if (image !== image.trim()) errs.push(invalid(`spec.${list}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
}

/** ValidatePodCreate */
function validateCreate(pod: Dict): FieldError[] {
  const spec = dictOrEmpty(pod.spec);
  const errs = validateMetadataAndSpec(pod);
  if (dicts(spec.ephemeralContainers).length > 0) errs.push(forbiddenField('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) !== '' && dicts(spec.schedulingGates).length > 0) {
    errs.push(forbiddenField('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/** ValidateContainerUpdates: same number of containers, and images still set. */
function validateContainerUpdates(next: unknown, prev: unknown, path: string): { errs: FieldError[]; stop: boolean } {
  const a = dicts(next);
  if (a.length !== dicts(prev).length) return { errs: [forbiddenField(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  a.forEach((c, i) => {
    const image = str(c.image);
    if (image === '') errs.push({ type: 'Required value', field: `${path}[${i}].image` });
    if (image.trim() !== image) errs.push(invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** validateOnlyAddedTolerations: existing tolerations may only change their tolerationSeconds. */
function validateOnlyAddedTolerations(next: unknown, prev: unknown, path: string): FieldError[] {
  const added = dicts(next);
  for (const old of dicts(prev)) {
    const found = added.some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbiddenField(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, path);
}

/** ValidatePodUpdate */
function validateUpdate(pod: Dict, oldPod: Dict): FieldError[] {
  const spec = dictOrEmpty(pod.spec);
  const oldSpec = dictOrEmpty(oldPod.spec);
  const errs = validateObjectMetaUpdate(dictOrEmpty(pod.metadata), dictOrEmpty(oldPod.metadata), 'metadata');
  // The stored spec itself (a status write shares it): it passed these checks when it was stored,
  // and every check below compares it with itself, so only the metadata can be wrong.
  if (pod.spec === oldPod.spec && Object.isFrozen(spec)) {
    errs.push(...validateObjectMeta(dictOrEmpty(pod.metadata), true, nameIsDNSSubdomain, 'metadata'));
    return errs;
  }
  errs.push(...validateMetadataAndSpec(pod));
  for (const list of POD_CONTAINER_LISTS) {
    const r = validateContainerUpdates(spec[list], oldSpec[list], `spec.${list}`);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const adsErr = validateActiveDeadlineUpdate(spec, oldSpec);
  if (adsErr) {
    errs.push(adsErr);
    if (adsErr.detail !== 'must not update from a positive integer to nil value') return errs;
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, 'spec.tolerations'));
  if (deepEqual(spec, oldSpec)) return errs;
  const munged = mungePodSpec(spec, oldSpec);
  if (!deepEqual(munged, oldSpec)) {
    const detail = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${late().podSpecDiff(oldSpec, munged)}`;
    errs.push(forbiddenField('spec', detail));
  }
  return errs;
}

function validateActiveDeadlineUpdate(spec: Dict, oldSpec: Dict): FieldError | undefined {
  const next = int(spec.activeDeadlineSeconds);
  const prev = int(oldSpec.activeDeadlineSeconds);
  if (next !== undefined) {
    if (next < 0 || next > 2147483647) return invalid('spec.activeDeadlineSeconds', next, inclusiveRangeError(0, 2147483647));
    if (prev !== undefined && prev < next) return invalid('spec.activeDeadlineSeconds', next, 'must be less than or equal to previous value');
  } else if (prev !== undefined) {
    // Go passes a nil *int64, which field errors print as the string "null".
    return invalid('spec.activeDeadlineSeconds', 'null', 'must not update from a positive integer to nil value');
  }
  return undefined;
}

/**
 * The new spec with every field a user may change put back to its old value. Binding (nodeName
 * going from empty to set) is also allowed: in Kubernetes it happens through pods/binding, which
 * this simulator's scheduler may express as a plain update.
 */
function mungePodSpec(spec: Dict, oldSpec: Dict): Dict {
  const munged = cloneJson(spec);
  for (const list of CONTAINER_LISTS) {
    const prev = dicts(oldSpec[list]);
    dicts(munged[list]).forEach((c, i) => {
      if (prev[i]) c.image = prev[i].image;
    });
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = int(oldSpec.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && int(munged.terminationGracePeriodSeconds) === 1) {
    munged.terminationGracePeriodSeconds = oldGrace;
  }
  if (str(oldSpec.nodeName) === '' && str(munged.nodeName) !== '') munged.nodeName = oldSpec.nodeName;
  return munged;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  return old ? validateUpdate(asDict(obj), asDict(old)) : validateCreate(asDict(obj));
}

/** Pod admission (defaults + validation), as a v1.31 API server applies it. */
export const podAdmission: KindAdmission = { defaults, validate };
