/**
 * `kubectl create -f FILE` (honouring generateName) and its generators as cobra children, each
 * with its own flag set (pkg/cmd/create, v1.31): namespace, deployment, job, cronjob, configmap,
 * secret generic|docker-registry|tls, quota, priorityclass, poddisruptionbudget and service
 * clusterip|nodeport|loadbalancer|externalname (each in a create-*.ts file); role, clusterrole,
 * rolebinding, clusterrolebinding, serviceaccount, ingress and token for kinds Podlab does not
 * store yet (create-rbac.ts, create-ingress.ts: kubectl's objects and checks under
 * --dry-run=client, a refusal when they would reach the API server).
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { matchesLabels, parseLabelSelector } from '../../../engine/api/selectors.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { addSourceToErr, printErrors } from '../errors.ts';
import { withLastApplied } from '../last-applied.ts';
import { decodeForServer, fieldValidation, readManifests } from '../manifests.ts';
import { cronJobCommand, jobCommand } from './create-batch.ts';
import { configMapCommand } from './create-configmap.ts';
import { deploymentCommand } from './create-deployment.ts';
import { generatorCommand, generatedMeta, nameFromArgs, printCreated } from './create-generator.ts';
import { CREATE_HELP } from './create-help.ts';
import { createIngressCommand, createServiceAccountCommand, createTokenCommand } from './create-ingress.ts';
import { createClusterRoleBindingCommand, createClusterRoleCommand, createRoleBindingCommand, createRoleCommand } from './create-rbac.ts';
import { podDisruptionBudgetCommand, priorityClassCommand } from './create-policy.ts';
import { quotaCommand } from './create-quota.ts';
import { secretCommand } from './create-secret.ts';
import { serviceCommand } from './create-service.ts';
import { dryRunMode, resolveNamespace, type DryRun } from './common.ts';

/** `kubectl create namespace NAME` (alias ns): spec and status empty, as the typed object prints. */
const namespaceCommand = generatorCommand({
  path: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  build: (_ctx, args, names) => ({
    kind: 'Namespace',
    apiVersion: 'v1',
    metadata: generatedMeta(nameFromArgs(names, 'namespace'), args, undefined, false),
    spec: {},
    status: {},
  }),
});

/** The generators, in the order `kubectl create --help` lists them. */
const SUBCOMMANDS: Command[] = [
  createClusterRoleCommand,
  createClusterRoleBindingCommand,
  configMapCommand,
  cronJobCommand,
  deploymentCommand,
  createIngressCommand,
  jobCommand,
  namespaceCommand,
  podDisruptionBudgetCommand,
  priorityClassCommand,
  quotaCommand,
  createRoleCommand,
  createRoleBindingCommand,
  secretCommand,
  serviceCommand,
  createServiceAccountCommand,
  createTokenCommand,
];

export const createCommand: Command = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  long: CREATE_HELP.long,
  examples: CREATE_HELP.examples,
  usage: CREATE_HELP.usage,
  flags: CREATE_HELP.flags,
  subcommands: SUBCOMMANDS,
  completion: { subcommands: SUBCOMMANDS.map((c) => c.name), args: 'none' },
  run: runCreate,
};

/** Flags of `create -f` that need what Podlab does not have (an editor, kustomize, raw URIs). */
const UNSUPPORTED_FLAGS = ['edit', 'kustomize', 'raw'];

function runCreate(ctx: CommandContext, args: ParsedArgs): number {
  if (args.positional.length > 0) throw new CommandError(`error: Unexpected args: [${args.positional.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  const unsupported = UNSUPPORTED_FLAGS.find((f) => args.set.has(f) && args.flags[f] !== false);
  if (unsupported) throw new CommandError(`error: --${unsupported} is not available in Podlab yet`);
  const dryRun = dryRunMode(ctx, args);
  const validation = fieldValidation(args.flags.validate);
  const filenames = args.flags.filename as string[];
  if (filenames.length === 0) throw new CommandError('error: must specify one of -f and -k');
  const manifests = readManifests(ctx.fs, filenames, args.flags.recursive === true, ctx.stdin);
  const selector = String(args.flags.selector ?? '');
  const requirements = selector === '' ? undefined : parseLabelSelector(selector);
  const errors: unknown[] = [...manifests.errors];
  for (const m of manifests.objects) {
    if (requirements && !matchesLabels(requirements, m.object.metadata?.labels)) continue;
    try {
      const obj = decodeForServer(ctx.io, m, validation, dryRun === 'client');
      obj.metadata = obj.metadata ?? {};
      if (m.rt.namespaced) obj.metadata.namespace = resolveNamespace(m.rt, obj, args);
      const created = createObject(ctx, m.rt, args.flags['save-config'] === true ? withLastApplied(obj) : obj, dryRun, m.source);
      printCreated(ctx, args, m.rt, created, dryRun);
    } catch (e) {
      errors.push(e);
    }
  }
  return printErrors(ctx.io, errors);
}

function createObject(ctx: CommandContext, rt: ResourceType, obj: KObject, dryRun: DryRun, source: string): KObject {
  if (dryRun === 'client') return obj;
  try {
    return ctx.sim.store.create(obj, { dryRun: dryRun === 'server', namespace: rt.namespaced ? obj.metadata.namespace : undefined });
  } catch (e) {
    throw addSourceToErr('creating', source, e);
  }
}
