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
import { generatedMeta, generatorCommand, nameFromArgs } from './create-generator.ts';

/** A container in struct order: name, image, command, resources. */
function container(name: string, image: string, command: string[]): Record<string, unknown> {
  const c: Record<string, unknown> = { name, image };
  if (command.length > 0) c.command = command;
  c.resources = {};
  return c;
}

/** The pod template a generated Job carries. */
function podTemplate(name: string, image: string, command: string[], restartPolicy: string): Record<string, unknown> {
  return { metadata: { creationTimestamp: null }, spec: { containers: [container(name, image, command)], restartPolicy } };
}

/** `kubectl create job NAME --image=IMAGE [-- COMMAND...]` or `--from=cronjob/NAME`. */
function jobGenerator(ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  const name = nameFromArgs(names, 'job');
  const image = String(args.flags.image ?? '');
  const from = String(args.flags.from ?? '');
  if ((image === '') === (from === '')) throw new CommandError('error: either --image or --from must be specified');
  if (args.rest.length > 0 && from !== '') throw new CommandError('error: cannot specify --from and command');
  if (from !== '') return jobFromCronJob(ctx, args, name, from);
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: generatedMeta(name, args),
    spec: { template: podTemplate(name, image, args.rest, 'Never') },
    status: {},
  };
}

/** createJobFromCronJob: the CronJob's job template, owned by it, marked as instantiated by hand. */
function jobFromCronJob(ctx: CommandContext, args: ParsedArgs, name: string, from: string): KObject {
  const slash = from.indexOf('/');
  const kind = slash < 0 ? from : from.slice(0, slash);
  const source = slash < 0 ? '' : from.slice(slash + 1);
  const rt = resolveType(kind);
  if (rt.kind !== 'CronJob') throw new CommandError(`error: from must be an existing cronjob: ${rt.kind}`);
  const namespace = resolveNamespace(rt, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: {} }, args);
  const cj = ctx.sim.store.get('cronjobs', namespace, source);
  const template = ((cj.spec ?? {}) as { jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } }).jobTemplate ?? {};
  const metadata = generatedMeta(name, args, template.metadata?.labels ? { ...template.metadata.labels } : undefined);
  metadata.annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) };
  metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: source, uid: cj.metadata.uid ?? '', controller: true }];
  return { kind: 'Job', apiVersion: 'batch/v1', metadata, spec: deepClone(template.spec ?? {}), status: {} };
}

/** `kubectl create cronjob NAME --image=IMAGE --schedule=SCHEDULE [--restart=...] [-- COMMAND...]` */
function cronJobGenerator(_ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  const name = nameFromArgs(names, 'cronjob');
  const image = String(args.flags.image ?? '');
  const restart = String(args.flags.restart ?? '') || 'OnFailure';
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: generatedMeta(name, args),
    spec: {
      schedule: String(args.flags.schedule ?? ''),
      jobTemplate: { metadata: { name, creationTimestamp: null }, spec: { template: podTemplate(name, image, args.rest, restart) } },
    },
    status: {},
  };
}

export const jobCommand = generatorCommand({ path: 'job', short: 'Create a job with the specified name', build: jobGenerator });

export const cronJobCommand = generatorCommand({
  path: 'cronjob',
  aliases: ['cj'],
  short: 'Create a cron job with the specified name',
  required: ['image', 'schedule'],
  build: cronJobGenerator,
});
