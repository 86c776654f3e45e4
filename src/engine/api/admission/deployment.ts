/**
 * Deployment admission: SetDefaults_Deployment (§7.1: replicas 1, RollingUpdate 25%/25%,
 * revisionHistoryLimit 10, progressDeadlineSeconds 600) and the template defaults, the strategy's
 * PrepareForCreate/Update (status reset, generation bumps on spec or annotation changes), and
 * ValidateDeployment / ValidateDeploymentUpdate with apps/v1 selector immutability.
 */
import { forbiddenField, invalid, notSupported, required, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { isValidPercent, validateNonnegativeField } from '../validation.ts';
import { asDict, bumpGeneration, carryOverSystemMeta, checkIntField, checkMetaStrings, child, dictOf, int, isDict, str, type Dict } from './common.ts';
import { goDeploymentStrategy, goIntOrString } from './gofmt.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';
import { defaultTemplate, validateMinReadySeconds, validateReplicas, validateSelectorAndTemplate, intOrPercentValue, percentOf, workloadValidator } from './workload.ts';

/** SetDefaults_Deployment */
function defaultSpec(spec: Dict): void {
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  const strategy = child(spec, 'strategy');
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = child(strategy, 'rollingUpdate');
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
}

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const d = asDict(obj);
  const spec = child(d, 'spec');
  checkIntField(obj, spec.replicas, 'DeploymentSpec', 'spec.replicas');
  defaultSpec(spec);
  defaultTemplate(obj, spec);
  if (old) carryOverSystemMeta(obj, old);
  else d.status = {};
  bumpGeneration(obj, old, true);
}

/** ValidatePositiveIntOrPercent */
function validateIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(path, goIntOrString(v), m));
  return validateNonnegativeField(typeof v === 'number' ? v : 0, path);
}

/** ValidateRollingUpdateDeployment */
function validateRollingUpdate(ru: Dict, path: string): FieldError[] {
  const errs = validateIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`);
  errs.push(...validateIntOrPercent(ru.maxSurge, `${path}.maxSurge`));
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(invalid(`${path}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  const pct = percentOf(ru.maxUnavailable);
  if (pct !== undefined && pct > 100) errs.push(invalid(`${path}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'must not be greater than 100%'));
  return errs;
}

/** ValidateDeploymentStrategy */
function validateStrategy(strategy: Dict, path: string): FieldError[] {
  switch (str(strategy.type)) {
    case 'Recreate':
      return isDict(strategy.rollingUpdate)
        ? [forbiddenField(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")]
        : [];
    case 'RollingUpdate':
      return isDict(strategy.rollingUpdate)
        ? validateRollingUpdate(strategy.rollingUpdate, `${path}.rollingUpdate`)
        : [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
    default:
      return [notSupported(path, goDeploymentStrategy(strategy), ['Recreate', 'RollingUpdate'])];
  }
}

/** ValidateDeploymentSpec */
function validateSpec(spec: Dict): FieldError[] {
  const errs = [...validateReplicas(spec), ...validateSelectorAndTemplate(spec)];
  errs.push(...validateStrategy(dictOf(spec.strategy), 'spec.strategy'));
  errs.push(...validateMinReadySeconds(spec));
  const history = int(spec.revisionHistoryLimit);
  if (history !== undefined) errs.push(...validateNonnegativeField(history, 'spec.revisionHistoryLimit'));
  const deadline = int(spec.progressDeadlineSeconds);
  if (deadline !== undefined) {
    errs.push(...validateNonnegativeField(deadline, 'spec.progressDeadlineSeconds'));
    if (deadline <= (int(spec.minReadySeconds) ?? 0)) {
      errs.push(invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

const validate = workloadValidator(validateSpec);

/** Deployment admission (defaults + validation), as a v1.31 API server applies it. */
export const deploymentAdmission: KindAdmission = { defaults, validate };
