/**
 * Job and CronJob admission: registration, SetDefaults_Job / SetDefaults_CronJob, the generated
 * selector and labels, and the validation wording of ValidateJob / ValidateCronJob.
 */
import { describe, expect, it } from 'vitest';
import { cronJobAdmission } from '../../../src/engine/api/admission/cronjob.ts';
import { jobAdmission } from '../../../src/engine/api/admission/job.ts';
import { resolveResourceName, resourcesInCategory } from '../../../src/engine/api/resources.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { admit, makeCtx } from './helpers.ts';

const podTemplate = (restartPolicy?: string, labels?: Record<string, string>) => ({
  metadata: labels ? { labels } : {},
  spec: { ...(restartPolicy ? { restartPolicy } : {}), containers: [{ name: 'pi', image: 'perl:5.40' }] },
});
const job = (spec: Record<string, unknown>, name = 'pi'): KObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default' }, spec });
const cronJob = (spec: Record<string, unknown>, name = 'hello'): KObject => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace: 'default' }, spec });
const jobErrors = (spec: Record<string, unknown>, name?: string) => admit(jobAdmission, job(spec, name)).errors;
const cronErrors = (spec: Record<string, unknown>, name?: string) => admit(cronJobAdmission, cronJob(spec, name)).errors;
const cronSpec = (extra: Record<string, unknown> = {}) => ({ schedule: '*/1 * * * *', jobTemplate: { spec: { template: podTemplate('OnFailure') } }, ...extra });

describe('registration', () => {
  it('serves batch/v1 jobs (no short name) and cronjobs (cj), both in category all', () => {
    expect(resolveResourceName('jobs')).toMatchObject({ kind: 'Job', apiVersion: 'batch/v1', shortNames: [], hasStatus: true, tracksGeneration: true });
    expect(resolveResourceName('cj')).toMatchObject({ kind: 'CronJob', apiVersion: 'batch/v1', plural: 'cronjobs' });
    expect(resolveResourceName('job.batch')?.kind).toBe('Job');
    const all = resourcesInCategory('all').map((r) => r.plural);
    expect(all.indexOf('cronjobs')).toBeLessThan(all.indexOf('jobs'));
  });
});

describe('Job defaults', () => {
  it('sets v1.31 defaults, the generated selector and the four template labels', () => {
    const { obj, errors } = admit(jobAdmission, job({ template: podTemplate('Never') }));
    expect(errors).toEqual([]);
    const uid = obj.metadata.uid ?? '';
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);
    const spec = obj.spec as Record<string, unknown>;
    expect(spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
    });
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect((spec.template as { metadata: { labels: unknown } }).metadata.labels).toEqual(labels);
    expect(obj.metadata.labels).toEqual(labels);
    expect(obj.status).toEqual({});
  });

  it('keeps completions unset for a work queue (parallelism only) and the user’s own labels', () => {
    const { obj } = admit(jobAdmission, job({ parallelism: 3, template: podTemplate('Never', { app: 'q' }) }));
    const spec = obj.spec as Record<string, unknown>;
    expect(spec.completions).toBeUndefined();
    expect(spec.parallelism).toBe(3);
    expect(obj.metadata.labels).toEqual({ app: 'q' });
  });
});

describe('Job validation', () => {
  it.each([
    [{ template: podTemplate() }, ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    [{ template: podTemplate('Always') }, ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    [{ parallelism: -1, template: podTemplate('Never') }, ['spec.parallelism: Invalid value: -1: must be greater than or equal to 0']],
    [{ backoffLimit: -2, activeDeadlineSeconds: -1, template: podTemplate('Never') }, ['spec.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0', 'spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0']],
    [{ completionMode: 'Sometimes', template: podTemplate('Never') }, ['spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"']],
    [{ completionMode: 'Indexed', parallelism: 2, template: podTemplate('Never') }, ['spec.completions: Required value: when completion mode is Indexed']],
    [{ podReplacementPolicy: 'Never', template: podTemplate('Never') }, ['spec.podReplacementPolicy: Unsupported value: "Never": supported values: "Failed", "TerminatingOrFailed"']],
  ])('%j', (spec, want) => {
    expect(jobErrors(spec)).toEqual(want);
  });

  it('rejects an unknown restartPolicy as unsupported', () => {
    expect(jobErrors({ template: podTemplate('Sometimes') })).toContain('spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"');
  });

  it('rejects an Indexed Job whose last pod hostname is not a DNS label', () => {
    expect(jobErrors({ completionMode: 'Indexed', completions: 3, template: podTemplate('Never') }, 'a'.repeat(62))).toContain(
      `metadata.name: Invalid value: "${'a'.repeat(62)}": will not able to create pod with invalid DNS label: ${'a'.repeat(62)}-2`,
    );
  });

  it('keeps the template and selector immutable', () => {
    const { obj } = admit(jobAdmission, job({ template: podTemplate('Never') }));
    const stored = { ...obj, metadata: { ...obj.metadata, creationTimestamp: '2025-01-01T00:00:00Z', resourceVersion: '3' } };
    const next = structuredClone(stored) as KObject & { spec: { completions: number } };
    next.spec.completions = 4;
    const { errors } = admit(jobAdmission, next, makeCtx({ operation: 'UPDATE' }), stored);
    expect(errors).toEqual(['spec.completions: Invalid value: 4: field is immutable']);
  });
});

describe('CronJob admission', () => {
  it('defaults Allow, suspend false, history 3/1, and pod defaults in the job template', () => {
    const { obj, errors } = admit(cronJobAdmission, cronJob(cronSpec()));
    expect(errors).toEqual([]);
    expect(obj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    const jt = (obj.spec as { jobTemplate: { metadata: unknown; spec: Record<string, unknown> } }).jobTemplate;
    expect(jt.metadata).toEqual({ creationTimestamp: null });
    expect(jt.spec.backoffLimit).toBeUndefined();
    expect(jt.spec.template).toMatchObject({ spec: { dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30 } });
  });

  it.each([
    [{ schedule: '' }, ['spec.schedule: Required value']],
    [{ schedule: 'every minute' }, ['spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]']],
    [{ schedule: '@fortnightly' }, ['spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly']],
    [{ schedule: 'TZ=UTC * * * * *' }, ['spec.schedule: Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']],
    [{ timeZone: 'Mars/Base' }, ['spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base']],
    [{ timeZone: '' }, ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']],
    [{ timeZone: '../etc' }, ['spec.timeZone: Invalid value: "../etc": unknown time zone ../etc']],
    [{ concurrencyPolicy: 'Sometimes' }, ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"']],
    [{ startingDeadlineSeconds: -5 }, ['spec.startingDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0']],
    [{ successfulJobsHistoryLimit: -1 }, ['spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0']],
    [{ jobTemplate: { spec: { template: podTemplate('Always') } } }, ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    [{ timeZone: 'Europe/Berlin', schedule: '@hourly' }, []],
  ])('%j', (extra, want) => {
    expect(cronErrors(cronSpec(extra))).toEqual(want);
  });

  it('limits the name to 52 characters (the Job name adds 11)', () => {
    const name = 'c'.repeat(53);
    expect(cronErrors(cronSpec(), name)).toEqual([`metadata.name: Invalid value: "${name}": must be no more than 52 characters`]);
  });
});
