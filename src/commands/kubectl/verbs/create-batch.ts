/**
 * The `kubectl create job` and `kubectl create cronjob` generators (pkg/cmd/create/create_job.go,
 * create_cronjob.go, v1.31): a Job running one container (`--image`, the command after `--`,
 * restartPolicy Never), a Job instantiated from a CronJob's template (`--from=cronjob/NAME`, with
 * the `cronjob.kubernetes.io/instantiate: manual` annotation), and a CronJob (`--schedule`,
 * restartPolicy from `--restart`, default OnFailure).
 */
import type { KObject } from '../../../engine/api/types.ts';
import { deepClone } from '../../../engine/kernel/objects.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { resolveType } from '../resources.ts';
import { resolveNamespace } from './common.ts';
import { explicitNamespace } from './create-configmap.ts';

/** The flags these generators read (added to `kubectl create`'s flag set). */
export const BATCH_CREATE_FLAGS = [
  // Repeatable for `create deployment`; job and cronjob take the last one, as a string flag would.
  { name: 'image', type: 'strings' as const, default: [] as string[], usage: 'Image name to run.' },
  { name: 'from', type: 'string' as const, default: '', usage: 'The name of the resource to create a Job from (only cronjob is supported).' },
  { name: 'schedule', type: 'string' as const, default: '', usage: 'A schedule in the Cron format the job should be run with.' },
  { name: 'restart', type: 'string' as const, default: 'OnFailure', usage: "job's restart policy. supported values: OnFailure, Never" },
];

/** A generated object's metadata as kubectl prints it: a null creationTimestamp, a namespace only with -n. */
function generatedMeta(name: string, args: ParsedArgs): KObject['metadata'] {
  const namespace = explicitNamespace(args);
  return { creationTimestamp: null, name, ...(namespace ? { namespace } : {}) } as unknown as KObject['metadata'];
}

function lastImage(args: ParsedArgs): string {
  return ((args.flags.image as string[] | undefined) ?? []).at(-1) ?? '';
}

function nameOf(sub: string, names: string[]): string {
  if (names.length !== 1) {
    throw new CommandError(`error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create ${sub} -h' for help and examples`);
  }
  return names[0];
}

function container(name: string, image: string, command: string[]): Record<string, unknown> {
  const c: Record<string, unknown> = { name, image, resources: {} };
  if (command.length > 0) c.command = command;
  return c;
}

/** `kubectl create job NAME --image=IMAGE [-- COMMAND...]` or `--from=cronjob/NAME`. */
export function jobGenerator(ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  const name = nameOf('job', names);
  const image = lastImage(args);
  const from = String(args.flags.from ?? '');
  if ((image === '') === (from === '')) throw new CommandError('error: either --image or --from must be specified');
  if (args.rest.length > 0 && from !== '') throw new CommandError('error: cannot specify --from and command');
  if (from !== '') return jobFromCronJob(ctx, args, name, from);
  const job: KObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: generatedMeta(name, args),
    spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, image, args.rest)], restartPolicy: 'Never' } } },
    status: {},
  };
  return job;
}

/** createJobFromCronJob */
function jobFromCronJob(ctx: CommandContext, args: ParsedArgs, name: string, from: string): KObject {
  const slash = from.indexOf('/');
  const kind = slash < 0 ? from : from.slice(0, slash);
  const source = slash < 0 ? '' : from.slice(slash + 1);
  const rt = resolveType(kind);
  if (rt.kind !== 'CronJob') throw new CommandError(`error: from must be an existing cronjob: ${rt.kind}`);
  const namespace = resolveNamespace(rt, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: {} }, args);
  const cj = ctx.sim.store.get('cronjobs', namespace, source);
  const template = ((cj.spec ?? {}) as { jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } }).jobTemplate ?? {};
  const metadata: KObject['metadata'] = {
    name,
    namespace,
    annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) },
    ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: source, uid: cj.metadata.uid ?? '', controller: true }],
  };
  if (template.metadata?.labels) metadata.labels = { ...template.metadata.labels };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: deepClone(template.spec ?? {}), status: {} };
}

/** `kubectl create cronjob NAME --image=IMAGE --schedule=SCHEDULE [--restart=...] [-- COMMAND...]` */
export function cronJobGenerator(_ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  const name = nameOf('cronjob', names);
  const image = lastImage(args);
  const schedule = String(args.flags.schedule ?? '');
  if (image === '') throw new CommandError('error: --image must be specified');
  if (schedule === '') throw new CommandError('error: --schedule must be specified');
  const restart = String(args.flags.restart ?? 'OnFailure');
  const cj: KObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: generatedMeta(name, args),
    spec: {
      schedule,
      jobTemplate: {
        metadata: { creationTimestamp: null, name },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, image, args.rest)], restartPolicy: restart } } },
      },
    },
    status: {},
  };
  return cj;
}
