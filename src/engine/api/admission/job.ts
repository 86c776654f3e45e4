/**
 * Job admission (batch/v1): SetDefaults_Job (completions/parallelism 1, backoffLimit 6,
 * completionMode NonIndexed, suspend false, podReplacementPolicy TerminatingOrFailed,
 * manualSelector false), the strategy's PrepareForCreate (status reset, generation, and the
 * generated selector: `batch.kubernetes.io/controller-uid` plus the four labels on the template),
 * and ValidateJob / ValidateJobUpdate (pkg/apis/batch/validation) with their wording.
 */
import { GoValue, invalid, notSupported, required, type FieldError } from '../errors.ts';
import { newUid } from '../names.ts';
import type { KObject } from '../types.ts';
import {
  goLabelSelector,
  goStringMap,
  isDNS1123Label,
  labelSelectorAsSelector,
  nameIsDNSSubdomain,
  validateImmutableField,
  validateLabelSelector,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../validation.ts';
import { asDict, bumpGeneration, carryOverSystemMeta, checkIntField, checkMetaStrings, child, dictOf, int, isDict, str, type Dict } from './common.ts';
import { validatePodTemplateSpec } from './podspec-validation.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';
import { defaultTemplate } from './workload.ts';

/** batch.ControllerUidLabel: the label the generated selector selects on. */
export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
/** batch.JobNameLabel */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
/** batch.LegacyControllerUidLabel */
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
/** batch.LegacyJobNameLabel */
export const LEGACY_JOB_NAME_LABEL = 'job-name';
/** The largest parallelism an Indexed Job may ask for (maxParallelismForIndexedJob). */
const MAX_PARALLELISM_INDEXED = 100_000;

/** SetDefaults_Job (decode-time: the job's labels come from the template as the user wrote it). */
export function defaultJobSpec(spec: Dict, meta?: Dict): void {
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism == null) spec.parallelism = 1;
  if (spec.backoffLimit == null) spec.backoffLimit = spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  if (meta) {
    const labels = dictOf(dictOf(spec.template).metadata).labels;
    if (isDict(labels) && Object.keys(dictOf(meta.labels)).length === 0) meta.labels = { ...labels };
  }
  if (spec.completionMode == null) spec.completionMode = 'NonIndexed';
  if (spec.suspend == null) spec.suspend = false;
  if (spec.podReplacementPolicy == null) spec.podReplacementPolicy = spec.podFailurePolicy != null ? 'Failed' : 'TerminatingOrFailed';
  if (spec.manualSelector == null) spec.manualSelector = false;
}

/** generateSelector (registry/batch/job/strategy.go): labels a user already set are left alone. */
function generateSelector(spec: Dict, name: string, uid: string): void {
  const meta = child(child(spec, 'template'), 'metadata');
  const labels = child(meta, 'labels') as Record<string, unknown>;
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, JOB_CONTROLLER_UID_LABEL]) if (!(key in labels)) labels[key] = uid;
  const selector = child(spec, 'selector');
  const matchLabels = child(selector, 'matchLabels');
  if (!(JOB_CONTROLLER_UID_LABEL in matchLabels)) matchLabels[JOB_CONTROLLER_UID_LABEL] = uid;
}

function checkInts(obj: KObject, spec: Dict): void {
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'ttlSecondsAfterFinished']) checkIntField(obj, spec[f], 'JobSpec', `spec.${f}`);
  checkIntField(obj, spec.activeDeadlineSeconds, 'JobSpec', 'spec.activeDeadlineSeconds', 'int64');
}

function defaults(obj: KObject, ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const d = asDict(obj);
  const spec = child(d, 'spec');
  checkInts(obj, spec);
  defaultJobSpec(spec, d.metadata as Dict);
  defaultTemplate(obj, spec);
  if (old) {
    carryOverSystemMeta(obj, old);
  } else {
    d.status = {};
    // The API server fills in the UID before the strategy runs; the selector is generated from it.
    obj.metadata.uid = newUid(ctx.prng);
    if (spec.manualSelector !== true) generateSelector(spec, obj.metadata.name ?? '', obj.metadata.uid);
    // SetDefaults_Job runs again whenever the object is read: empty labels become the template's.
    if (Object.keys(obj.metadata.labels ?? {}).length === 0) {
      obj.metadata.labels = { ...(dictOf(dictOf(dictOf(spec.template).metadata).labels) as Record<string, string>) };
    }
  }
  bumpGeneration(obj, old);
}

/** The restartPolicy rule of validateJobSpec: Always (the pod default) is reported as Required. */
export function validateJobRestartPolicy(tspec: Dict, path: string): FieldError[] {
  const restart = str(tspec.restartPolicy);
  if (restart === 'Always' || restart === '') return [required(path, 'valid values: "OnFailure", "Never"')];
  if (restart !== 'OnFailure' && restart !== 'Never') return [notSupported(path, restart, ['OnFailure', 'Never'])];
  return [];
}

/** The counters validateJobSpec checks for being non-negative, in its order. */
const NONNEGATIVE = ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished'];

function validateCompletionMode(spec: Dict, path: string): FieldError[] {
  if (spec.completionMode == null) return [];
  const mode = str(spec.completionMode);
  if (mode !== 'NonIndexed' && mode !== 'Indexed') return [notSupported(`${path}.completionMode`, mode, ['NonIndexed', 'Indexed'])];
  const errs: FieldError[] = [];
  if (mode === 'Indexed') {
    if (spec.completions == null) errs.push(required(`${path}.completions`, 'when completion mode is Indexed'));
    const p = int(spec.parallelism);
    if (p !== undefined && p > MAX_PARALLELISM_INDEXED) {
      errs.push(invalid(`${path}.parallelism`, p, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
    }
  }
  return errs;
}

/** validateJobSpec: counters, completion mode, pod replacement policy, template, restartPolicy. */
export function validateJobSpecBody(spec: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of NONNEGATIVE) {
    const v = int(spec[f]);
    if (v !== undefined) errs.push(...validateNonnegativeField(v, `${path}.${f}`));
  }
  errs.push(...validateCompletionMode(spec, path));
  if (spec.podReplacementPolicy != null) {
    const p = str(spec.podReplacementPolicy);
    if (p !== 'TerminatingOrFailed' && p !== 'Failed') errs.push(notSupported(`${path}.podReplacementPolicy`, p, ['Failed', 'TerminatingOrFailed']));
  }
  const template = dictOf(spec.template);
  errs.push(...validatePodTemplateSpec(template, `${path}.template`));
  errs.push(...validateJobRestartPolicy(dictOf(template.spec), `${path}.template.spec.restartPolicy`));
  return errs;
}

/** ValidateJobSpec: the body, then the selector and that it matches the template. */
function validateSpec(spec: Dict, path: string): FieldError[] {
  const errs = validateJobSpecBody(spec, path);
  if (spec.selector == null) errs.push(required(`${path}.selector`));
  else errs.push(...validateLabelSelector(spec.selector, `${path}.selector`));
  const matcher = labelSelectorAsSelector(spec.selector);
  const labels = dictOf(dictOf(spec.template).metadata).labels;
  if (spec.selector != null && matcher && !matcher.matches(isDict(labels) ? (labels as Record<string, string>) : undefined)) {
    errs.push(invalid(`${path}.template.metadata.labels`, goStringMap(labels), '`selector` does not match template `labels`'));
  }
  return errs;
}

/** validateGeneratedSelector: with a generated selector, the uid labels must carry this Job's UID. */
function validateGeneratedSelector(obj: KObject, spec: Dict): FieldError[] {
  if (spec.manualSelector === true) return [];
  const uid = obj.metadata.uid ?? '';
  const labels = dictOf(dictOf(dictOf(spec.template).metadata).labels);
  const errs: FieldError[] = [];
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, JOB_CONTROLLER_UID_LABEL]) {
    if (key in labels && labels[key] !== uid) {
      errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` not auto-generated'));
      return errs;
    }
  }
  const matchLabels = dictOf(dictOf(spec.selector).matchLabels);
  if (spec.selector != null && matchLabels[JOB_CONTROLLER_UID_LABEL] !== uid) {
    errs.push(invalid('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

/** ValidateJob's check that an Indexed Job's last pod hostname is a DNS label. */
function validateIndexedHostname(obj: KObject, spec: Dict): FieldError[] {
  const completions = int(spec.completions);
  if (spec.completionMode !== 'Indexed' || completions === undefined || completions <= 0) return [];
  const host = `${obj.metadata.name ?? ''}-${completions - 1}`;
  if (isDNS1123Label(host).length === 0) return [];
  return [invalid('metadata.name', obj.metadata.name ?? '', `will not able to create pod with invalid DNS label: ${host}`)];
}

/** ValidateJobSpecUpdate: what may not change once the Job exists. */
function validateSpecUpdate(spec: Dict, oldSpec: Dict): FieldError[] {
  return [
    ...validateImmutableField(spec.completions, oldSpec.completions, 'spec.completions'),
    ...validateImmutableField(spec.selector, oldSpec.selector, 'spec.selector', goLabelSelector(spec.selector)),
    // Go prints the whole core.PodTemplateSpec here; Podlab shortens it.
    ...validateImmutableField(spec.template, oldSpec.template, 'spec.template', new GoValue('core.PodTemplateSpec{...}')),
    ...validateImmutableField(spec.completionMode, oldSpec.completionMode, 'spec.completionMode'),
  ];
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const d = asDict(obj);
  const spec = dictOf(d.spec);
  if (!old) {
    return [
      ...validateObjectMeta(dictOf(d.metadata), true, nameIsDNSSubdomain, 'metadata'),
      ...validateGeneratedSelector(obj, spec),
      ...validateSpec(spec, 'spec'),
      ...validateIndexedHostname(obj, spec),
    ];
  }
  const prev = asDict(old);
  return [...validateObjectMetaUpdate(dictOf(d.metadata), dictOf(prev.metadata), 'metadata'), ...validateSpec(spec, 'spec'), ...validateSpecUpdate(spec, dictOf(prev.spec))];
}

/** Job admission (defaults + validation), as a v1.31 API server applies it. */
export const jobAdmission: KindAdmission = { defaults, validate, assignsUid: true };
