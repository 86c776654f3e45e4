/**
 * CronJob admission (batch/v1): SetDefaults_CronJob (concurrencyPolicy Allow, suspend false,
 * successfulJobsHistoryLimit 3, failedJobsHistoryLimit 1) and the pod defaults inside the job
 * template, the strategy's status reset and generation, and ValidateCronJobCreate/Update: the
 * schedule (robfig/cron's parser and its messages), the time zone, the concurrency policy, the job
 * template, the history limits and the 52-character name limit.
 */
import { invalid, notSupported, required, type FieldError } from '../errors.ts';
import { CronError, loadLocation, parseStandard } from '../cron.ts';
import type { KObject } from '../types.ts';
import {
  goStringMap,
  labelSelectorAsSelector,
  nameIsDNSSubdomain,
  validateLabelSelector,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateLabels,
  validateAnnotations,
} from '../validation.ts';
import { asDict, bumpGeneration, carryOverSystemMeta, checkIntField, checkMetaStrings, child, dictOf, int, isDict, str, type Dict } from './common.ts';
import { validateJobSpecBody } from './job.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';
import { defaultTemplate } from './workload.ts';

/** A job's name is the CronJob's plus `-<minutes since epoch>` (11 characters), within 63. */
const MAX_CRONJOB_NAME_LENGTH = 52;

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const d = asDict(obj);
  const spec = child(d, 'spec');
  checkIntField(obj, spec.startingDeadlineSeconds, 'CronJobSpec', 'spec.startingDeadlineSeconds', 'int64');
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  if (spec.suspend == null) spec.suspend = false;
  if (spec.successfulJobsHistoryLimit == null) spec.successfulJobsHistoryLimit = 3;
  if (spec.failedJobsHistoryLimit == null) spec.failedJobsHistoryLimit = 1;
  const jobTemplate = child(spec, 'jobTemplate');
  const meta = child(jobTemplate, 'metadata');
  if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
  defaultTemplate(obj, child(jobTemplate, 'spec'));
  if (old) carryOverSystemMeta(obj, old);
  else d.status = {};
  bumpGeneration(obj, old);
}

/** validateScheduleFormat */
function validateSchedule(schedule: string, allowTZ: boolean, timeZone: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  try {
    parseStandard(schedule);
  } catch (e) {
    if (!(e instanceof CronError)) throw e;
    errs.push(invalid(path, schedule, e.message));
  }
  if (allowTZ && schedule.includes('TZ') && timeZone != null) {
    errs.push(invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && schedule.includes('TZ')) {
    errs.push(invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateTimeZone */
export function validateTimeZone(timeZone: unknown, path: string): FieldError[] {
  if (timeZone == null) return [];
  const tz = str(timeZone);
  if (tz === '') return [invalid(path, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) return [invalid(path, tz, `unknown time zone ${tz}`)];
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local') errs.push(invalid(path, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  const loaded = loadLocation(tz);
  if (typeof loaded === 'string') errs.push(invalid(path, tz, loaded));
  return errs;
}

function validateConcurrencyPolicy(policy: string, path: string): FieldError[] {
  if (policy === 'Allow' || policy === 'Forbid' || policy === 'Replace') return [];
  if (policy === '') return [required(path)];
  return [notSupported(path, policy, ['Allow', 'Forbid', 'Replace'])];
}

/** ValidateJobTemplateSpec: the job spec (its selector optional) and the template's metadata. */
function validateJobTemplate(jobTemplate: Dict, path: string): FieldError[] {
  const spec = dictOf(jobTemplate.spec);
  const errs = validateJobSpecBody(spec, `${path}.spec`);
  if (spec.selector != null) {
    errs.push(...validateLabelSelector(spec.selector, `${path}.spec.selector`));
    const matcher = labelSelectorAsSelector(spec.selector);
    const labels = dictOf(dictOf(spec.template).metadata).labels;
    if (matcher && !matcher.matches(isDict(labels) ? (labels as Record<string, string>) : undefined)) {
      errs.push(invalid(`${path}.spec.template.metadata.labels`, goStringMap(labels), '`selector` does not match template `labels`'));
    }
  }
  const meta = dictOf(jobTemplate.metadata);
  errs.push(...validateLabels(meta.labels, `${path}.metadata.labels`), ...validateAnnotations(meta.annotations, `${path}.metadata.annotations`));
  return errs;
}

/** validateCronJobSpec */
function validateSpec(spec: Dict, oldSpec: Dict | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = str(spec.schedule);
  if (schedule === '') errs.push(required(`${path}.schedule`));
  else errs.push(...validateSchedule(schedule, oldSpec !== undefined && str(oldSpec.schedule).includes('TZ'), spec.timeZone, `${path}.schedule`));
  const deadline = int(spec.startingDeadlineSeconds);
  if (deadline !== undefined) errs.push(...validateNonnegativeField(deadline, `${path}.startingDeadlineSeconds`));
  if (oldSpec === undefined || oldSpec.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone, `${path}.timeZone`));
  errs.push(...validateConcurrencyPolicy(str(spec.concurrencyPolicy), `${path}.concurrencyPolicy`));
  errs.push(...validateJobTemplate(dictOf(spec.jobTemplate), `${path}.jobTemplate`));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    const v = int(spec[f]);
    if (v !== undefined) errs.push(...validateNonnegativeField(v, `${path}.${f}`));
  }
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const d = asDict(obj);
  const spec = dictOf(d.spec);
  if (old) {
    const prev = asDict(old);
    return [...validateObjectMetaUpdate(dictOf(d.metadata), dictOf(prev.metadata), 'metadata'), ...validateSpec(spec, dictOf(prev.spec), 'spec')];
  }
  const errs = [...validateObjectMeta(dictOf(d.metadata), true, nameIsDNSSubdomain, 'metadata'), ...validateSpec(spec, undefined, 'spec')];
  const name = obj.metadata.name ?? '';
  if (name.length > MAX_CRONJOB_NAME_LENGTH) errs.push(invalid('metadata.name', name, `must be no more than ${MAX_CRONJOB_NAME_LENGTH} characters`));
  return errs;
}

/** CronJob admission (defaults + validation), as a v1.31 API server applies it. */
export const cronJobAdmission: KindAdmission = { defaults, validate };
