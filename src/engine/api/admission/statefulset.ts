/**
 * StatefulSet admission (v1.31): SetDefaults_StatefulSet (OrderedReady, RollingUpdate with
 * partition 0, replicas 1, revisionHistoryLimit 10, the Retain/Retain claim retention policy of the
 * beta StatefulSetAutoDeletePVC gate), the pod template and claim template defaults, the strategy's
 * PrepareForCreate/Update (status reset, generation), and ValidateStatefulSet /
 * ValidateStatefulSetUpdate. As upstream, the pod template is not validated as a PodSpec: only its
 * labels against the selector, its labels and its annotations (a bad pod fails when created).
 */
import { forbiddenField, GoValue, goQuote, invalid, notSupported, required, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import {
  deepEqual,
  goLabelSelector,
  goStringMap,
  isValidPercent,
  labelSelectorAsSelector,
  nameIsDNSSubdomain,
  validateAnnotations,
  validateLabels,
  validateLabelSelector,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../validation.ts';
import { arr, asDict, bumpGeneration, carryOverSystemMeta, checkIntField, checkMetaStrings, child, dictOf, int, isDict, str, type Dict } from './common.ts';
import { goIntOrString } from './gofmt.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';
import { defaultTemplate, intOrPercentValue, percentOf, validateSelectorImmutable } from './workload.ts';

const RETENTION_POLICIES = ['Delete', 'Retain'];

/** SetDefaults_StatefulSet (apps/v1, v1.31 feature gates). */
function defaultSpec(spec: Dict): void {
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const strategy = child(spec, 'updateStrategy');
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    if (!isDict(strategy.rollingUpdate)) strategy.rollingUpdate = {};
  }
  if (strategy.type === 'RollingUpdate' && isDict(strategy.rollingUpdate)) {
    const ru = strategy.rollingUpdate;
    if (ru.partition === undefined || ru.partition === null) ru.partition = 0;
  }
  const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
}

/**
 * The claim templates as apps/v1 stores them: typed as v1 PersistentVolumeClaims, with
 * SetDefaults_PersistentVolumeClaim (phase Pending, volumeMode Filesystem).
 */
function defaultClaimTemplates(spec: Dict): void {
  for (const t of arr(spec.volumeClaimTemplates)) {
    if (!isDict(t)) continue;
    if (!t.apiVersion) t.apiVersion = 'v1';
    if (!t.kind) t.kind = 'PersistentVolumeClaim';
    const meta = child(t, 'metadata');
    if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
    const claimSpec = child(t, 'spec');
    if (!claimSpec.volumeMode) claimSpec.volumeMode = 'Filesystem';
    const status = child(t, 'status');
    if (!status.phase) status.phase = 'Pending';
  }
}

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const d = asDict(obj);
  const spec = child(d, 'spec');
  checkIntField(obj, spec.replicas, 'StatefulSetSpec', 'spec.replicas');
  defaultSpec(spec);
  defaultTemplate(obj, spec);
  defaultClaimTemplates(spec);
  if (old) carryOverSystemMeta(obj, old);
  // The zero StatefulSetStatus: replicas and availableReplicas have no omitempty.
  else d.status = { replicas: 0, availableReplicas: 0 };
  bumpGeneration(obj, old);
}

/** %#v of an apps.StatefulSetUpdateStrategy (a pointer shown as a fixed fake address). */
function goStrategy(s: Dict): GoValue {
  const ru = isDict(s.rollingUpdate) ? '(*apps.RollingUpdateStatefulSetStrategy)(0xc000000000)' : '(*apps.RollingUpdateStatefulSetStrategy)(nil)';
  return new GoValue(`apps.StatefulSetUpdateStrategy{Type:${goQuote(str(s.type))}, RollingUpdate:${ru}}`);
}

/** %#v of the RollingUpdateStatefulSetStrategy a field error dereferences. */
function goRollingUpdate(ru: Dict): GoValue {
  const max = ru.maxUnavailable === undefined || ru.maxUnavailable === null ? '(*intstr.IntOrString)(nil)' : '(*intstr.IntOrString)(0xc000000000)';
  return new GoValue(`apps.RollingUpdateStatefulSetStrategy{Partition:${int(ru.partition) ?? 0}, MaxUnavailable:${max}}`);
}

/** validateRollingUpdateStatefulSet: partition not negative; maxUnavailable (when given) 1..100%. */
function validateRollingUpdate(ru: Dict, path: string): FieldError[] {
  const errs = validateNonnegativeField(int(ru.partition) ?? 0, `${path}.partition`);
  const max = ru.maxUnavailable;
  if (max === undefined || max === null) return errs;
  const maxPath = `${path}.maxUnavailable`;
  if (typeof max === 'string') errs.push(...isValidPercent(max).map((m) => invalid(maxPath, goIntOrString(max), m)));
  else errs.push(...validateNonnegativeField(typeof max === 'number' ? max : 0, maxPath));
  if (intOrPercentValue(max) === 0) errs.push(invalid(maxPath, goIntOrString(max), 'cannot be 0'));
  const pct = percentOf(max);
  if (pct !== undefined && pct > 100) errs.push(invalid(maxPath, goIntOrString(max), 'must not be greater than 100%'));
  return errs;
}

/** The podManagementPolicy and updateStrategy switches of ValidateStatefulSetSpec. */
function validatePolicies(spec: Dict): FieldError[] {
  const errs: FieldError[] = [];
  const policy = str(spec.podManagementPolicy);
  if (policy === '') errs.push(required('spec.podManagementPolicy', ''));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  const strategy = dictOf(spec.updateStrategy);
  const path = 'spec.updateStrategy';
  switch (str(strategy.type)) {
    case '':
      errs.push(required(path, ''));
      break;
    case 'OnDelete':
      if (isDict(strategy.rollingUpdate)) {
        errs.push(invalid(`${path}.rollingUpdate`, goRollingUpdate(strategy.rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'"));
      }
      break;
    case 'RollingUpdate':
      if (isDict(strategy.rollingUpdate)) errs.push(...validateRollingUpdate(strategy.rollingUpdate, `${path}.rollingUpdate`));
      break;
    default:
      errs.push(invalid(path, goStrategy(strategy), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (isDict(retention)) {
    for (const key of ['whenDeleted', 'whenScaled']) {
      const v = str(retention[key]);
      if (!RETENTION_POLICIES.includes(v)) errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${key}`, v, RETENTION_POLICIES));
    }
  }
  return errs;
}

/** The selector and ValidatePodTemplateSpecForStatefulSet. */
function validateSelectorAndTemplate(spec: Dict): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector;
  if (selector === undefined || selector === null) errs.push(required('spec.selector', ''));
  else {
    errs.push(...validateLabelSelector(selector, 'spec.selector'));
    const s = dictOf(selector);
    if (Object.keys(dictOf(s.matchLabels)).length + arr(s.matchExpressions).length === 0) {
      errs.push(invalid('spec.selector', goLabelSelector(selector), 'empty selector is invalid for statefulset'));
    }
  }
  const matcher = labelSelectorAsSelector(selector);
  if (!matcher) {
    errs.push(invalid('spec.selector', goLabelSelector(selector), ''));
    return errs;
  }
  const meta = dictOf(dictOf(spec.template).metadata);
  const labels = isDict(meta.labels) ? (meta.labels as Record<string, string>) : undefined;
  if (!matcher.empty && !matcher.matches(labels)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(meta.labels), '`selector` does not match template `labels`'));
  }
  if (meta.labels !== undefined) errs.push(...validateLabels(meta.labels, 'spec.template.labels'));
  if (meta.annotations !== undefined) errs.push(...validateAnnotations(meta.annotations, 'spec.template.annotations'));
  return errs;
}

/** ValidateStatefulSetSpec */
function validateSpec(spec: Dict): FieldError[] {
  const errs = validatePolicies(spec);
  errs.push(...validateNonnegativeField(int(spec.replicas) ?? 0, 'spec.replicas'));
  errs.push(...validateNonnegativeField(int(spec.minReadySeconds) ?? 0, 'spec.minReadySeconds'));
  if (isDict(spec.ordinals)) errs.push(...validateNonnegativeField(int(spec.ordinals.start) ?? 0, 'spec.ordinals.start'));
  errs.push(...validateSelectorAndTemplate(spec));
  const tspec = dictOf(dictOf(spec.template).spec);
  const restart = str(tspec.restartPolicy);
  if (restart !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', restart, ['Always']));
  if (tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null) {
    errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

/** The spec fields an update may change (ValidateStatefulSetUpdate). */
const MUTABLE_FIELDS = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
const FORBIDDEN_UPDATE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function withoutMutable(spec: Dict): Dict {
  const rest: Dict = { ...spec };
  for (const f of MUTABLE_FIELDS) delete rest[f];
  return rest;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const d = asDict(obj);
  const spec = dictOf(d.spec);
  if (!old) return [...validateObjectMeta(dictOf(d.metadata), true, nameIsDNSSubdomain, 'metadata'), ...validateSpec(spec)];
  const prev = asDict(old);
  const prevSpec = dictOf(prev.spec);
  const errs = [...validateObjectMetaUpdate(dictOf(d.metadata), dictOf(prev.metadata), 'metadata'), ...validateSpec(spec)];
  if (!deepEqual(withoutMutable(spec), withoutMutable(prevSpec))) errs.push(forbiddenField('spec', FORBIDDEN_UPDATE));
  // The selector is part of the forbidden set; apps/v1 also reports it as immutable on its own.
  errs.push(...validateSelectorImmutable(spec, prevSpec));
  return errs;
}

/** StatefulSet admission (defaults + validation), as a v1.31 API server applies it. */
export const statefulSetAdmission: KindAdmission = { defaults, validate };

/** ControllerRevision admission lives in controllerrevision.ts (the default cluster's DaemonSets write revisions). */
export { controllerRevisionAdmission } from './controllerrevision.ts';
