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
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, filenameFlags } from './common.ts';
import { collectTargets, type Target } from './targets.ts';

/**
 * How long `--wait` runs the simulation before giving up when no --timeout is given. (kubectl's own
 * default is a week; ten simulated minutes is far beyond any grace period the cluster honours.)
 */
const DEFAULT_WAIT_LIMIT_MS = 10 * 60 * 1000;

export const deleteCommand: Command = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  usage: "kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [options]",
  flags: [
    ...filenameFlags('containing the resource to delete.'),
    { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on.' },
    { name: 'field-selector', type: 'string', default: '', usage: 'Selector (field query) to filter on.' },
    { name: 'all', type: 'bool', default: false, usage: 'Delete all resources, in the namespace of the specified resource types.' },
    {
      name: 'cascade',
      type: 'string',
      default: 'background',
      noOptDefault: 'background',
      usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
    },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'ignore-not-found', type: 'bool', default: false, usage: 'Treat "resource not found" as a successful delete.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully.' },
    { name: 'force', type: 'bool', default: false, usage: 'If true, immediately remove resources from API and bypass graceful deletion.' },
    { name: 'now', type: 'bool', default: false, usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'wait', type: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning.' },
    { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    DRY_RUN_FLAG,
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
  ],
  run: runDelete,
};

function runDelete(ctx: CommandContext, args: ParsedArgs): number {
  const propagationPolicy = cascadingStrategy(ctx, String(args.flags.cascade));
  const errors: unknown[] = [];
  const targets = collectTargets(ctx, args, errors);
  if (targets.length === 0 && (args.flags.filename as string[]).length === 0) ctx.io.err('No resources found\n');
  const dryRun = dryRunMode(args);
  const grace = gracePeriod(ctx, args);
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
