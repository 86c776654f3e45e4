/**
 * HorizontalPodAutoscaler admission (autoscaling/v2 stored, autoscaling/v1 accepted):
 * the v1 → v2 conversion (`targetCPUUtilizationPercentage` becomes a cpu Utilization metric),
 * SetDefaults_HorizontalPodAutoscaler (minReplicas 1, cpu 80 % when no metric, and — only when
 * `behavior` is set — the missing scaling rules of pkg/apis/autoscaling/v2/defaults.go), the
 * strategy's status reset on create, and ValidateHorizontalPodAutoscaler with v1.31's wording.
 */
import { forbiddenField, invalid, notSupported, required, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate, validatePathSegmentName } from '../validation.ts';
import { formatQuantity, parseQuantity, QuantityError } from '../quantity.ts';
import { arr, asDict, carryOverSystemMeta, checkIntField, checkMetaStrings, child, decodeError, dictOf, dicts, int, isDict, str, type Dict } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

/** The version objects are stored and served in. */
export const HPA_API_VERSION = 'autoscaling/v2';
/** The controller's default target when an HPA names no metric. */
export const DEFAULT_CPU_UTILIZATION = 80;
/** MaxPeriodSeconds and MaxStabilizationWindowSeconds of the autoscaling validation. */
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

/** defaults.go's scale-up rules: no stabilisation, max of 4 pods or 100 % every 15 s. */
export function defaultScaleUpRules(): Dict {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/** defaults.go's scale-down rules; the window stays unset (the controller's --downscale-stabilization applies). */
export function defaultScaleDownRules(): Dict {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** autoscaling/v1 → v2: the one cpu target becomes a Resource metric. */
function convertFromV1(obj: KObject): void {
  obj.apiVersion = HPA_API_VERSION;
  const spec = child(asDict(obj), 'spec');
  const target = spec.targetCPUUtilizationPercentage;
  delete spec.targetCPUUtilizationPercentage;
  if (typeof target === 'number') {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
  }
}

/** MetricTarget's value / averageValue are resource.Quantity: a bad one fails decoding, a good one is stored canonically. */
function decodeTargetQuantities(obj: KObject, target: Dict): void {
  for (const key of ['value', 'averageValue']) {
    const raw = target[key];
    if (raw === undefined || raw === null) continue;
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : undefined;
    if (text === undefined) throw decodeError(obj, 'quantities must be strings or numbers');
    try {
      target[key] = formatQuantity(parseQuantity(text.trim()));
    } catch (e) {
      if (e instanceof QuantityError) throw decodeError(obj, e.message);
      throw e;
    }
  }
}

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: unset fields of given rules from the defaults. */
function fillRules(behavior: Dict, key: 'scaleUp' | 'scaleDown'): void {
  const defaults = key === 'scaleUp' ? defaultScaleUpRules() : defaultScaleDownRules();
  if (!isDict(behavior[key])) {
    behavior[key] = defaults;
    return;
  }
  const rules = behavior[key] as Dict;
  for (const [k, v] of Object.entries(defaults)) if (rules[k] === undefined || rules[k] === null) rules[k] = v;
}

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  if (obj.apiVersion === 'autoscaling/v1') convertFromV1(obj);
  checkMetaStrings(obj, obj.metadata);
  const hpa = asDict(obj);
  const spec = child(hpa, 'spec');
  checkIntField(obj, spec.minReplicas, 'HorizontalPodAutoscalerSpec', 'spec.minReplicas');
  checkIntField(obj, spec.maxReplicas, 'HorizontalPodAutoscalerSpec', 'spec.maxReplicas');
  if (spec.minReplicas === undefined || spec.minReplicas === null) spec.minReplicas = 1;
  if (arr(spec.metrics).length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  // Every metric source's target is a MetricTarget (Resource, ContainerResource, Pods, Object, External).
  for (const m of dicts(spec.metrics)) {
    for (const source of ['resource', 'containerResource', 'pods', 'object', 'external']) {
      if (isDict(m[source]) && isDict(m[source].target)) decodeTargetQuantities(obj, m[source].target);
    }
  }
  if (isDict(spec.behavior)) {
    fillRules(spec.behavior, 'scaleUp');
    fillRules(spec.behavior, 'scaleDown');
  }
  if (old) carryOverSystemMeta(obj, old);
  else hpa.status = { desiredReplicas: 0 };
}

function validateCrossVersionObjectReference(ref: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['kind', 'name']) {
    const v = str(ref[field]);
    if (v === '') errs.push(required(`${path}.${field}`, ''));
    else for (const msg of validatePathSegmentName(v, false)) errs.push(invalid(`${path}.${field}`, v, msg));
  }
  return errs;
}

/** validateMetricTarget */
function validateTarget(target: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(target.type);
  if (type === '') errs.push(required(`${path}.type`, 'must specify a metric target type'));
  else if (!['Utilization', 'Value', 'AverageValue'].includes(type)) {
    errs.push(invalid(`${path}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  }
  const util = int(target.averageUtilization);
  if (util !== undefined && util < 1) errs.push(invalid(`${path}.averageUtilization`, util, 'must be greater than 0'));
  return errs;
}

/** validateResourceSource (v2) */
function validateResourceSource(src: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (str(src.name) === '') errs.push(required(`${path}.name`, 'must specify a resource name'));
  const target = dictOf(src.target);
  errs.push(...validateTarget(target, `${path}.target`));
  const hasUtil = target.averageUtilization !== undefined && target.averageUtilization !== null;
  const hasAvg = target.averageValue !== undefined && target.averageValue !== null;
  if (!hasUtil && !hasAvg) errs.push(required(`${path}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
  if (hasUtil && hasAvg) errs.push(forbiddenField(`${path}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
  return errs;
}

const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

/** validateMetricSpec: Podlab evaluates Resource metrics; the other kinds are checked for shape only. */
function validateMetricSpec(spec: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(spec.type);
  if (type === '') errs.push(required(`${path}.type`, 'must specify a metric source type'));
  if (!METRIC_SOURCE_TYPES.includes(type)) errs.push(notSupported(`${path}.type`, type, METRIC_SOURCE_TYPES));
  const fields: Record<string, string> = { ContainerResource: 'containerResource', External: 'external', Object: 'object', Pods: 'pods', Resource: 'resource' };
  const present = Object.values(fields).filter((f) => isDict(spec[f]));
  if (present[0] === 'resource') errs.push(...validateResourceSource(spec.resource as Dict, `${path}.resource`));
  const expected = fields[type] ?? type.toLowerCase();
  if (!present.includes(expected)) errs.push(required(`${path}.${expected}`, 'must populate information for the given metric source'));
  if (present.length > 1) {
    for (const f of present) if (f !== expected) errs.push(forbiddenField(`${path}.${f}`, 'must populate the given metric source only'));
  }
  return errs;
}

/** validateScalingRules */
function validateScalingRules(rules: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const window = int(rules.stabilizationWindowSeconds);
  if (window !== undefined && window < 0) errs.push(invalid(`${path}.stabilizationWindowSeconds`, window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(invalid(`${path}.stabilizationWindowSeconds`, window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  const select = rules.selectPolicy;
  if (typeof select === 'string' && !['Disabled', 'Max', 'Min'].includes(select)) errs.push(notSupported(`${path}.selectPolicy`, select, ['Disabled', 'Max', 'Min']));
  const policies = dicts(rules.policies);
  if (policies.length === 0) errs.push(required(`${path}.policies`, 'must specify at least one Policy'));
  policies.forEach((p, i) => errs.push(...validateScalingPolicy(p, `${path}.policies[${i}]`)));
  return errs;
}

function validateScalingPolicy(p: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(p.type);
  if (type !== 'Pods' && type !== 'Percent') errs.push(notSupported(`${path}.type`, type, ['Percent', 'Pods']));
  const value = int(p.value) ?? 0;
  if (value <= 0) errs.push(invalid(`${path}.value`, value, 'must be greater than zero'));
  const period = int(p.periodSeconds) ?? 0;
  if (period <= 0) errs.push(invalid(`${path}.periodSeconds`, period, 'must be greater than zero'));
  if (period > MAX_PERIOD_SECONDS) errs.push(invalid(`${path}.periodSeconds`, period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  return errs;
}

/** validateHorizontalPodAutoscalerSpec (minReplicas lower bound 1: HPAScaleToZero is alpha and off). */
function validateSpec(spec: Dict): FieldError[] {
  const errs: FieldError[] = [];
  const min = int(spec.minReplicas);
  const max = int(spec.maxReplicas) ?? 0;
  if (min !== undefined && min < 1) errs.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (min !== undefined && max < min) errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(dictOf(spec.scaleTargetRef), 'spec.scaleTargetRef'));
  dicts(spec.metrics).forEach((m, i) => errs.push(...validateMetricSpec(m, `spec.metrics[${i}]`)));
  const behavior = dictOf(spec.behavior);
  for (const key of ['scaleUp', 'scaleDown']) {
    if (isDict(behavior[key])) errs.push(...validateScalingRules(behavior[key] as Dict, `spec.behavior.${key}`));
  }
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const meta = old ? validateObjectMetaUpdate(obj.metadata, old.metadata, 'metadata') : validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain, 'metadata');
  return [...meta, ...validateSpec(dictOf(asDict(obj).spec))];
}

/** HorizontalPodAutoscaler admission (defaults + validation), as a v1.31 API server applies it. */
export const hpaAdmission: KindAdmission = { defaults, validate };
