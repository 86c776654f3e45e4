/**
 * What the apps/v1 workloads (ReplicaSets, Deployments, DaemonSets) share
 * (pkg/apis/apps/validation): the selector rules, the pod template checked against it, the
 * pod-template defaults, and the create/update validation around a kind's own spec checks.
 */
import { forbiddenField, invalid, notSupported, required, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import {
  goLabelSelector,
  goStringMap,
  labelSelectorAsSelector,
  validateImmutableField,
  validateLabelSelector,
  validateNonnegativeField,
  isValidPercent,
  nameIsDNSSubdomain,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../validation.ts';
import { asDict, checkMetaStrings, child, dictOf, int, isDict, str, type Dict } from './common.ts';
import type { AdmissionContext } from './types.ts';
import { defaultPodSpec } from './podspec-defaults.ts';
import { validatePodTemplateSpec } from './podspec-validation.ts';

/** Defaults inside `spec.template` (SetDefaults_PodSpec and below; no Pod-only defaults). */
export function defaultTemplate(owner: KObject, spec: Dict): void {
  const template = child(spec, 'template');
  checkMetaStrings(owner, template.metadata, 'spec.template.metadata');
  // A template's ObjectMeta has a zero creationTimestamp, which v1.31 serialises as null
  // (`creationTimestamp: null` in `kubectl get -o yaml`).
  const meta = child(template, 'metadata');
  if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
  defaultPodSpec(owner, child(template, 'spec'), 'spec.template.spec');
}

/** Selector required, valid and non-empty; then the template must match it (ValidateReplicaSetSpec order). */
export function validateSelectorAndTemplate(spec: Dict): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector;
  if (selector === undefined || selector === null) {
    errs.push(required('spec.selector'));
  } else {
    errs.push(...validateLabelSelector(selector, 'spec.selector'));
    const s = dictOf(selector);
    const count = Object.keys(dictOf(s.matchLabels)).length + (Array.isArray(s.matchExpressions) ? s.matchExpressions.length : 0);
    // Both ReplicaSets and Deployments say "deployment" here: an upstream copy-paste kept for fidelity.
    if (count === 0) errs.push(invalid('spec.selector', goLabelSelector(selector), 'empty selector is invalid for deployment'));
  }
  const matcher = labelSelectorAsSelector(selector);
  if (!matcher) {
    errs.push(invalid('spec.selector', goLabelSelector(selector), 'invalid label selector'));
    return errs;
  }
  const template = dictOf(spec.template);
  const labels = dictOf(template.metadata).labels;
  if (!matcher.empty && !matcher.matches(isDict(labels) ? (labels as Record<string, string>) : undefined)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  const tspec = dictOf(template.spec);
  const restart = str(tspec.restartPolicy);
  if (restart !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', restart, ['Always']));
  if (tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null) {
    errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

/** spec.replicas and spec.minReadySeconds must not be negative. */
export const validateReplicas = (spec: Dict): FieldError[] => validateNonnegativeField(int(spec.replicas) ?? 0, 'spec.replicas');

export const validateMinReadySeconds = (spec: Dict): FieldError[] =>
  validateNonnegativeField(int(spec.minReadySeconds) ?? 0, 'spec.minReadySeconds');

/** apps/v1 selectors are immutable (the strategies' ValidateUpdate). */
export function validateSelectorImmutable(spec: Dict, oldSpec: Dict): FieldError[] {
  return validateImmutableField(spec.selector, oldSpec.selector, 'spec.selector', goLabelSelector(spec.selector));
}

/**
 * The create/update validation of an apps/v1 workload around its kind's spec checks: object
 * meta on create, meta update rules and the immutable selector on update.
 */
export function workloadValidator(validateSpec: (spec: Dict) => FieldError[]) {
  return (obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] => {
    const d = asDict(obj);
    const spec = dictOf(d.spec);
    if (!old) return [...validateObjectMeta(dictOf(d.metadata), true, nameIsDNSSubdomain, 'metadata'), ...validateSpec(spec)];
    const prev = asDict(old);
    return [
      ...validateObjectMetaUpdate(dictOf(d.metadata), dictOf(prev.metadata), 'metadata'),
      ...validateSpec(spec),
      ...validateSelectorImmutable(spec, dictOf(prev.spec)),
    ];
  };
}

/** The percentage of a valid "N%" string, else undefined (getPercentValue). */
export function percentOf(v: unknown): number | undefined {
  return typeof v === 'string' && isValidPercent(v).length === 0 ? Number(v.slice(0, -1)) : undefined;
}

/** getIntOrPercentValue: a percent's number, an int, or Atoi of any other string (0 when not numeric). */
export function intOrPercentValue(v: unknown): number {
  const pct = percentOf(v);
  if (pct !== undefined) return pct;
  if (typeof v === 'number') return v;
  return typeof v === 'string' && /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
}
