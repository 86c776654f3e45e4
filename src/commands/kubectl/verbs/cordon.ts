/**
 * `kubectl cordon NODE...` and `kubectl uncordon NODE...` (or `-l selector`): set or clear
 * spec.unschedulable, as kubectl v1.31 does (pkg/cmd/drain/drain.go RunCordonOrUncordon and
 * pkg/drain/cordon.go). Every node is looked up first, and the first lookup that fails ends the
 * command before anything changes; a node already in the wanted state is reported `already
 * cordoned`; a failed write is reported on stderr and the command goes on (and still exits 0).
 * Uncordoning removes the field (the patch sets it to null), as kubectl's patch does.
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject, Node } from '../../../engine/api/types.ts';
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { resolveType } from '../resources.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, type DryRun } from './common.ts';
import { usageError } from './exec.ts';
import { NO_RESOURCES } from './targets.ts';

const SELECTOR_USAGE =
  "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.";

const FLAGS: FlagSpec[] = [DRY_RUN_FLAG, { name: 'selector', short: 'l', type: 'string', default: '', usage: SELECTOR_USAGE }];

export const cordonCommand: Command = {
  name: 'cordon',
  completion: { args: 'nodes' },
  short: 'Mark node as unschedulable',
  examples: '# Mark node "foo" as unschedulable\nkubectl cordon foo',
  usage: 'kubectl cordon NODE [options]',
  flags: FLAGS,
  run: (ctx, args) => runCordonOrUncordon(ctx, args, true),
};

export const uncordonCommand: Command = {
  name: 'uncordon',
  completion: { args: 'nodes' },
  short: 'Mark node as schedulable',
  examples: '# Mark node "foo" as schedulable\nkubectl uncordon foo',
  usage: 'kubectl uncordon NODE [options]',
  flags: FLAGS,
  run: (ctx, args) => runCordonOrUncordon(ctx, args, false),
};

function runCordonOrUncordon(ctx: CommandContext, args: ParsedArgs, desired: boolean): number {
  const verb = desired ? 'cordon' : 'uncordon';
  const selector = String(args.flags.selector);
  if (args.positional.length === 0 && !args.set.has('selector')) throw usageError(verb, `USAGE: ${verb} NODE [flags]`);
  if (args.positional.length > 0 && selector !== '') throw usageError(verb, 'cannot specify both a node name and a --selector option');
  cordonNodes(ctx, lookUp(ctx, args, selector), desired, dryRunMode(ctx, args));
  return 0;
}

/** RunCordonOrUncordon's loop over the nodes (drain cordons through it too). */
export function cordonNodes(ctx: CommandContext, nodes: readonly Node[], desired: boolean, dryRun: DryRun): void {
  const verb = desired ? 'cordon' : 'uncordon';
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const suffix = dryRunSuffix(dryRun);
    if ((node.spec?.unschedulable === true) === desired) {
      ctx.io.out(`node/${name} already ${verb}ed${suffix}\n`);
      continue;
    }
    try {
      write(ctx, name, desired, dryRun);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      ctx.io.err(`error: unable to ${verb} node ${JSON.stringify(name)}: ${why}\n`);
      continue;
    }
    ctx.io.out(`node/${name} ${verb}ed${suffix}\n`);
  }
}

/**
 * Complete's resource builder: `NAME` or `TYPE/NAME` arguments (nodes by default), or the nodes
 * matching -l. The first failure ends the command; a resource of another type is refused.
 */
export function lookUp(ctx: CommandContext, args: ParsedArgs, selector: string): Node[] {
  if (selector !== '') return ctx.sim.store.list<Node>('nodes', { labelSelector: selector }).items;
  if (args.positional.length === 0) throw new CommandError(NO_RESOURCES);
  const ns = (args.flags.namespace as string | undefined) || 'default';
  const nodes: Node[] = [];
  for (const arg of args.positional) {
    const slash = arg.indexOf('/');
    const rt = slash >= 0 ? resolveType(arg.slice(0, slash)) : resolveType('nodes');
    const name = slash >= 0 ? arg.slice(slash + 1) : arg;
    const obj: KObject = ctx.sim.store.get(rt, rt.namespaced ? ns : '', name);
    if (rt.kind !== 'Node') throw new CommandError(`error: expected resource of type node, got ${JSON.stringify(gvrString(rt))}`);
    nodes.push(obj as Node);
  }
  return nodes;
}

/** schema.GroupVersionResource's String(): `/v1, Resource=pods`, `apps/v1, Resource=deployments`. */
function gvrString(rt: ResourceType): string {
  return `${rt.group}/${rt.version}, Resource=${rt.plural}`;
}

/** CordonHelper.PatchOrReplace: a patch of spec.unschedulable (null removes it). */
function write(ctx: CommandContext, name: string, desired: boolean, dryRun: DryRun): void {
  if (dryRun === 'client') return;
  const patch = { spec: { unschedulable: desired ? true : null } };
  ctx.sim.store.patch('nodes', '', name, 'merge', patch, { dryRun: dryRun === 'server' });
}
