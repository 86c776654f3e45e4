/**
 * DaemonSet admission: SetDefaults_DaemonSet (RollingUpdate with maxUnavailable 1 / maxSurge 0,
 * revisionHistoryLimit 10) and the template defaults, the strategy's PrepareForCreate/Update
 * (status reset, generation, the template generation that apps/v1 carries in the
 * `deprecated.daemonset.template.generation` annotation), and ValidateDaemonSet /
 * ValidateDaemonSetUpdate with apps/v1 selector immutability.
 */
import { GoValue, goQuote, invalid, notSupported, required, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import {
  deepEqual,
  goLabelSelector,
  goStringMap,
  isValidPercent,
  labelSelectorAsSelector,
  validateLabelSelector,
  validateNonnegativeField,
  } from '../validation.ts';
import { asDict, bumpGeneration, carryOverSystemMeta, checkMetaStrings, child, dictOf, int, isDict, str, type Dict } from './common.ts';
import { goIntOrString } from './gofmt.ts';
import { validatePodTemplateSpec } from './podspec-validation.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';
import { defaultTemplate, validateMinReadySeconds, intOrPercentValue, percentOf, workloadValidator } from './workload.ts';

/** apps/v1 keeps the internal spec.templateGeneration in this annotation (appsv1.DeprecatedTemplateGeneration). */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** SetDefaults_DaemonSet */
function defaultSpec(spec: Dict): void {
  const strategy = child(spec, 'updateStrategy');
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = child(strategy, 'rollingUpdate');
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = 1;
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
}

/** The template generation a stored DaemonSet carries (0 when the annotation is missing or junk). */
function templateGeneration(obj: KObject): number {
  const n = Number(obj.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION]);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/** PrepareForCreate/Update: 1 on create; the old value, bumped when the template changed. */
function setTemplateGeneration(obj: KObject, old: KObject | undefined): void {
  let generation = 1;
  if (old) {
    const changed = !deepEqual(dictOf(asDict(obj).spec).template, dictOf(asDict(old).spec).template);
    generation = templateGeneration(old) + (changed ? 1 : 0);
  }
  const meta = obj.metadata;
  meta.annotations = { ...(meta.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(generation) };
}

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const d = asDict(obj);
  const spec = child(d, 'spec');
  defaultSpec(spec);
  defaultTemplate(obj, spec);
  if (old) carryOverSystemMeta(obj, old);
  // The zero DaemonSetStatus: these four counters have no omitempty, so they print as 0.
  else d.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
  setTemplateGeneration(obj, old);
  bumpGeneration(obj, old);
}

/** ValidatePositiveIntOrPercent + IsNotMoreThan100Percent */
function validateIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') {
    const errs = isValidPercent(v).map((m) => invalid(path, goIntOrString(v), m));
    const pct = percentOf(v);
    if (pct !== undefined && pct > 100) errs.push(invalid(path, goIntOrString(v), 'must not be greater than 100%'));
    return errs;
  }
  return validateNonnegativeField(typeof v === 'number' ? v : 0, path);
}

/** ValidateRollingUpdateDaemonSet: exactly one of maxUnavailable and maxSurge is non-zero. */
function validateRollingUpdate(ru: Dict, path: string): FieldError[] {
  const errs = validateIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`);
  errs.push(...validateIntOrPercent(ru.maxSurge, `${path}.maxSurge`));
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(invalid(`${path}.maxSurge`, goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  }
  return errs;
}

/** %#v of an apps.DaemonSetUpdateStrategy (pointer addresses shown as a fixed fake one). */
function goStrategy(s: Dict): GoValue {
  const ru = isDict(s.rollingUpdate) ? '(*apps.RollingUpdateDaemonSet)(0xc000000000)' : '(*apps.RollingUpdateDaemonSet)(nil)';
  return new GoValue(`apps.DaemonSetUpdateStrategy{Type:${goQuote(str(s.type))}, RollingUpdate:${ru}}`);
}

/** ValidateDaemonSetUpdateStrategy */
function validateStrategy(strategy: Dict, path: string): FieldError[] {
  switch (str(strategy.type)) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      return isDict(strategy.rollingUpdate) ? validateRollingUpdate(strategy.rollingUpdate, `${path}.rollingUpdate`) : [required(`${path}.rollingUpdate`)];
    default:
      return [notSupported(path, goStrategy(strategy), ['RollingUpdate', 'OnDelete'])];
  }
}

/** The selector/template part of ValidateDaemonSetSpec (no Required: a nil selector matches nothing). */
function validateSelectorAndTemplate(spec: Dict): FieldError[] {
  const errs = validateLabelSelector(spec.selector, 'spec.selector');
  const template = dictOf(spec.template);
  const labels = dictOf(template.metadata).labels;
  const matcher = labelSelectorAsSelector(spec.selector);
  if (matcher && !matcher.matches(isDict(labels) ? (labels as Record<string, string>) : undefined)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  }
  const s = spec.selector;
  if (isDict(s) && Object.keys(dictOf(s.matchLabels)).length + (Array.isArray(s.matchExpressions) ? s.matchExpressions.length : 0) === 0) {
    errs.push(invalid('spec.selector', goLabelSelector(s), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  return errs;
}

/** ValidateDaemonSetSpec */
function validateSpec(spec: Dict): FieldError[] {
  const errs = validateSelectorAndTemplate(spec);
  const tspec = dictOf(dictOf(spec.template).spec);
  const restart = str(tspec.restartPolicy);
  if (restart !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', restart, ['Always']));
  const deadline = int(tspec.activeDeadlineSeconds);
  if (deadline !== undefined) errs.push(invalid('spec.template.spec.activeDeadlineSeconds', deadline, 'must not be specified'));
  errs.push(...validateMinReadySeconds(spec));
  errs.push(...validateStrategy(dictOf(spec.updateStrategy), 'spec.updateStrategy'));
  const history = int(spec.revisionHistoryLimit);
  if (history !== undefined) errs.push(...validateNonnegativeField(history, 'spec.revisionHistoryLimit'));
  return errs;
}

const validate = workloadValidator(validateSpec);

/** DaemonSet admission (defaults + validation), as a v1.31 API server applies it. */
export const daemonSetAdmission: KindAdmission = { defaults, validate };
