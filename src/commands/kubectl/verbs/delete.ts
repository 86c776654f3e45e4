/**
 * `kubectl delete`: by type and name, `type/name`, `-f`, `-l` or `--all`. Like kubectl it waits
 * (`--wait`, on by default) until each object is really gone — here by running the simulation
 * forward — so a namespace or a gracefully terminating pod has finished when the command returns.
 */
import { StatusError } from '../../../engine/api/errors.ts';
import type { PropagationPolicy } from '../../../engine/api/store.ts';
import type { ParsedArgs } from '../../flags.ts';
import { parseDuration } from '../../../engine/kernel/time.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { addSourceToErr, printErrors } from '../errors.ts';
import { kindQuotedName, kindSlashName } from '../resources.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix } from './common.ts';
import { checkNamedSelection } from './named-selection.ts';
import { collectTargets, type Target } from './targets.ts';

/**
 * How long `--wait` runs the simulation before giving up when no --timeout is given. (kubectl's own
 * default is a week; ten simulated minutes is far beyond any grace period the cluster honours.)
 */
const DEFAULT_WAIT_LIMIT_MS = 10 * 60 * 1000;

const DELETE_LONG = `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.

 IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.

 Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.

 After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don't want to wait, you might want to run "kubectl api-resources" to refresh the discovery cache.`;

const DELETE_EXAMPLES = `# Delete a pod using the type and name specified in pod.json
kubectl delete -f ./pod.json

# Delete resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml
kubectl delete -k dir

# Delete resources from all files that end with '.json'
kubectl delete -f '*.json'

# Delete a pod based on the type and name in the JSON passed into stdin
cat pod.json | kubectl delete -f -

# Delete pods and services with same names "baz" and "foo"
kubectl delete pod,service baz foo

# Delete pods and services with label name=myLabel
kubectl delete pods,services -l name=myLabel

# Delete a pod with minimal delay
kubectl delete pod foo --now

# Force delete a pod on a dead node
kubectl delete pod foo --force

# Delete all pods
kubectl delete pods --all`;

export const deleteCommand: Command = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long: DELETE_LONG,
  examples: DELETE_EXAMPLES,
  usage: 'kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'strings', default: [], usage: 'containing the resource to delete.' },
    {
      name: 'recursive',
      short: 'R',
      type: 'bool',
      default: false,
      usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    },
    { name: 'kustomize', short: 'k', type: 'string', default: '', usage: "Process a kustomization directory. This flag can't be used together with -f or -R." },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      default: '',
      usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    },
    {
      name: 'field-selector',
      type: 'string',
      default: '',
      usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    },
    { name: 'all', type: 'bool', default: false, usage: 'Delete all resources, in the namespace of the specified resource types.' },
    {
      name: 'cascade',
      type: 'string',
      default: 'background',
      noOptDefault: 'background',
      usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
    },
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'bool',
      default: false,
      usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
    },
    { name: 'ignore-not-found', type: 'bool', default: false, usage: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' },
    {
      name: 'grace-period',
      type: 'int',
      default: -1,
      usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
    },
    {
      name: 'force',
      type: 'bool',
      default: false,
      usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
    },
    { name: 'now', type: 'bool', default: false, usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'interactive', short: 'i', type: 'bool', default: false, usage: 'If true, delete resource only when user confirms.' },
    { name: 'wait', type: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'raw', type: 'string', default: '', usage: 'Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file.' },
    DRY_RUN_FLAG,
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
  ],
  run: runDelete,
};

function runDelete(ctx: CommandContext, args: ParsedArgs): number {
  // Podlab has no kustomize and no raw HTTP transport to send a DELETE through.
  if (args.flags.kustomize !== '') throw new CommandError('error: kustomize directories are not supported in Podlab');
  if (args.flags.raw !== '') throw new CommandError('error: --raw is not available in Podlab yet');
  const propagationPolicy = cascadingStrategy(ctx, String(args.flags.cascade));
  const errors: unknown[] = [];
  checkNamedSelection(args);
  const targets = collectTargets(ctx, args, errors);
  if (targets.length === 0 && (args.flags.filename as string[]).length === 0) ctx.io.err('No resources found\n');
  const dryRun = dryRunMode(ctx, args);
  const grace = gracePeriod(ctx, args);
  if (args.flags.interactive === true && targets.length > 0 && !confirmed(ctx, targets)) {
    ctx.io.out('deletion is cancelled\n');
    return 0;
  }
  const deleted: Target[] = [];
  for (const t of targets) {
    try {
      if (dryRun !== 'client') ctx.sim.store.delete(t.rt, t.namespace, t.name, { gracePeriodSeconds: grace, dryRun: dryRun === 'server', propagationPolicy });
      ctx.io.out(args.flags.output === 'name' ? `${kindSlashName(t.rt, t.name)}\n` : `${kindQuotedName(t.rt, t.name)} deleted${dryRunSuffix(dryRun)}\n`);
      if (dryRun === 'none') deleted.push(t);
    } catch (e) {
      if (!(args.flags['ignore-not-found'] === true && e instanceof StatusError && e.reason === 'NotFound')) {
        errors.push(t.source ? addSourceToErr('deleting', t.source, e) : e);
      }
    }
  }
  if (args.flags.wait === true && deleted.length > 0) waitForDeletion(ctx, args, deleted, errors);
  return printErrors(ctx.io, errors);
}

/**
 * `--interactive`: lists what would go and asks on stdout; the answer is the first word of stdin
 * (fmt.Scan skips leading blanks and newlines), and only `y` or `Y` goes ahead. No stdin is no.
 */
function confirmed(ctx: CommandContext, targets: readonly Target[]): boolean {
  ctx.io.out(`You are about to delete the following ${targets.length} resource(s):\n${targets.map((t) => `${kindSlashName(t.rt, t.name)}\n`).join('')}Do you want to continue? (y/n): `);
  const answer = (ctx.stdin ?? '').trim().split(/\s+/)[0];
  return answer.toLowerCase() === 'y';
}

/** Go's strconv.ParseBool spellings. */
const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * parseCascadingFlag: background (kubectl's default), foreground or orphan; the old boolean
 * spellings still work with a warning (true → background, false → orphan).
 */
function cascadingStrategy(ctx: CommandContext, flag: string): PropagationPolicy {
  const named: Record<string, PropagationPolicy> = { orphan: 'Orphan', foreground: 'Foreground', background: 'Background' };
  const isTrue = GO_TRUE.has(flag);
  if (isTrue || GO_FALSE.has(flag)) {
    const replacement = isTrue ? 'background' : 'orphan';
    ctx.io.err(`warning: --cascade=${flag} is deprecated (boolean value) and can be replaced with --cascade=${replacement}.\n`);
    return isTrue ? 'Background' : 'Orphan';
  }
  if (Object.hasOwn(named, flag)) return named[flag];
  throw new CommandError(`error: invalid cascade value (${flag}). Must be "background", "foreground", or "orphan"`);
}

function gracePeriod(ctx: CommandContext, args: ParsedArgs): number | undefined {
  const g = Number(args.flags['grace-period']);
  if (args.flags.now === true) {
    if (g >= 0) throw new CommandError('error: --now and --grace-period cannot be specified together');
    return 1;
  }
  if (args.flags.force === true) {
    ctx.io.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
    return g > 0 ? g : 0;
  }
  if (g === 0) throw new CommandError('error: --grace-period must have --force specified');
  return g >= 0 ? g : undefined;
}

/** Runs the simulation forward, timer by timer, until every deleted object is gone. */
function waitForDeletion(ctx: CommandContext, args: ParsedArgs, targets: Target[], errors: unknown[]): void {
  const timeout = parseDuration(String(args.flags.timeout)) || DEFAULT_WAIT_LIMIT_MS;
  const deadline = ctx.sim.now + timeout;
  const remaining = () => targets.filter((t) => ctx.sim.store.tryGet(t.rt, t.namespace, t.name) !== undefined);
  let left = remaining();
  while (left.length > 0) {
    const next = ctx.sim.kernel.nextTimerAt();
    if (next === undefined || next > deadline) {
      // Nothing will happen before the deadline, but kubectl would still have waited for it.
      ctx.sim.advance(deadline - ctx.sim.now);
      break;
    }
    ctx.sim.advance(next - ctx.sim.now);
    left = remaining();
  }
  for (const t of left) errors.push(new CommandError(`error: timed out waiting for the condition on ${t.rt.plural}/${t.name}`));
}
