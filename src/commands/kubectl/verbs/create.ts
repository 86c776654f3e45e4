/**
 * `kubectl create -f FILE` (honouring generateName) and the generators: namespace, deployment, job,
 * cronjob, configmap, secret, quota (each in its own file).
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { deepClone } from '../../../engine/kernel/objects.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { addSourceToErr, printErrors } from '../errors.ts';
import { withLastApplied } from '../last-applied.ts';
import { readManifests } from '../manifests.ts';
import { parseOutputFormat, renderObjects } from '../output.ts';
import { kindSlashName, resolveType } from '../resources.ts';
import { BATCH_CREATE_FLAGS, cronJobGenerator, jobGenerator } from './create-batch.ts';
import { CONFIG_CREATE_FLAGS, configMapGenerator } from './create-configmap.ts';
import { SECRET_CREATE_FLAGS, secretGenerator } from './create-secret.ts';
import { QUOTA_CREATE_FLAGS, quotaGenerator } from './create-quota.ts';
import { DEPLOYMENT_CREATE_FLAGS, deploymentGenerator } from './create-deployment.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, filenameFlags, resolveNamespace, VALIDATE_FLAG, type DryRun } from './common.ts';

export const createCommand: Command = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  usage: 'kubectl create -f FILENAME [options]',
  flags: [
    ...filenameFlags('Filename, directory, or URL to files to use to create the resource'),
    DRY_RUN_FLAG,
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name).' },
    { name: 'save-config', type: 'bool', default: false, usage: 'If true, the configuration of current object will be saved in its annotation.' },
    VALIDATE_FLAG,
    ...BATCH_CREATE_FLAGS,
    ...CONFIG_CREATE_FLAGS,
    ...SECRET_CREATE_FLAGS,
    ...QUOTA_CREATE_FLAGS,
    ...DEPLOYMENT_CREATE_FLAGS,
  ],
  run: runCreate,
};

const GENERATORS: Record<string, (ctx: CommandContext, args: ParsedArgs, names: string[]) => KObject> = {
  namespace: namespaceGenerator,
  deployment: deploymentGenerator,
  deploy: deploymentGenerator,
  ns: namespaceGenerator,
  job: jobGenerator,
  cronjob: cronJobGenerator,
  cj: cronJobGenerator,
  configmap: configMapGenerator,
  cm: configMapGenerator,
  secret: secretGenerator,
  quota: quotaGenerator,
  resourcequota: quotaGenerator,
};

/** Generators whose create call kubectl wraps as `failed to create KIND: ...`. */
const FAILED_TO_CREATE: Record<string, string> = { configmap: 'configmap', cm: 'configmap', secret: 'secret' };

function runCreate(ctx: CommandContext, args: ParsedArgs): number {
  const dryRun = dryRunMode(args);
  const filenames = args.flags.filename as string[];
  const [sub, ...rest] = args.positional;
  if (sub !== undefined && GENERATORS[sub]) {
    const obj = GENERATORS[sub](ctx, args, rest);
    const created = createGenerated(ctx, sub, obj, args, dryRun);
    printCreated(ctx, args, resolveType(obj.kind), created, dryRun);
    return 0;
  }
  if (sub !== undefined) throw new CommandError(`error: Unexpected args: [${args.positional.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  if (filenames.length === 0) throw new CommandError('error: must specify one of -f and -k');
  const manifests = readManifests(ctx.fs, filenames, args.flags.recursive === true, ctx.stdin);
  const errors: unknown[] = [...manifests.errors];
  for (const m of manifests.objects) {
    try {
      const obj = deepClone(m.object);
      obj.metadata = obj.metadata ?? {};
      if (m.rt.namespaced) obj.metadata.namespace = resolveNamespace(m.rt, obj, args);
      const created = createObject(ctx, m.rt, args.flags['save-config'] === true ? withLastApplied(obj) : obj, args, dryRun, m.source);
      printCreated(ctx, args, m.rt, created, dryRun);
    } catch (e) {
      errors.push(e);
    }
  }
  return printErrors(ctx.io, errors);
}

function createObject(ctx: CommandContext, rt: ResourceType, obj: KObject, _args: ParsedArgs, dryRun: DryRun, source: string): KObject {
  if (dryRun === 'client') return obj;
  try {
    return ctx.sim.store.create(obj, { dryRun: dryRun === 'server', namespace: rt.namespaced ? obj.metadata.namespace : undefined });
  } catch (e) {
    throw addSourceToErr('creating', source, e);
  }
}

function createGenerated(ctx: CommandContext, sub: string, obj: KObject, args: ParsedArgs, dryRun: DryRun): KObject {
  const rt = resolveType(obj.kind);
  // A generated object carries a namespace only with an explicit -n; the request goes to -n or default.
  const namespace = rt.namespaced ? (obj.metadata.namespace ?? (args.set.has('namespace') ? String(args.flags.namespace) : 'default')) : undefined;
  try {
    if (dryRun === 'client') return obj;
    return ctx.sim.store.create(obj, { dryRun: dryRun === 'server', namespace });
  } catch (e) {
    const kind = FAILED_TO_CREATE[sub];
    if (kind && e instanceof Error) throw new CommandError(`error: failed to create ${kind}: ${e.message}`);
    throw e;
  }
}

function printCreated(ctx: CommandContext, args: ParsedArgs, rt: ResourceType, obj: KObject, dryRun: DryRun): void {
  const output = String(args.flags.output);
  if (output === '') {
    ctx.io.out(`${kindSlashName(rt, obj.metadata.name ?? obj.metadata.generateName ?? '')} created${dryRunSuffix(dryRun)}\n`);
    return;
  }
  const format = parseOutputFormat(output);
  if (format.kind === 'table') throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,jsonpath,name,yaml`);
  ctx.io.out(renderObjects(format, [{ rt, object: obj }], true));
}

function namespaceGenerator(_ctx: CommandContext, _args: ParsedArgs, names: string[]): KObject {
  if (names.length !== 1) {
    throw new CommandError(`error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create namespace -h' for help and examples`);
  }
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: names[0] }, spec: {}, status: {} };
}
