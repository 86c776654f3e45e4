import { isDNS1123Label } from '../../engine/api/validation.ts';
import { DEFAULT_NODE_CPU, DEFAULT_NODE_MEMORY } from '../../engine/cluster/nodes.ts';
import type { ParsedArgs } from '../flags.ts';
import { renderTable } from '../printers/table.ts';
import { ScriptError, type Command, type CommandContext } from '../types.ts';
import { nonNegativeInt, positiveQuantity } from './parse.ts';

/**
 * `sim nodegroup add NAME --min A --max B [--cpu C] [--memory M]`, `sim nodegroup list` and
 * `sim nodegroup delete NAME`: the simulated cloud's node groups, which cluster-autoscaler
 * resizes. A new group starts with its `min` nodes (`NAME-1`, `NAME-2`...); nodes it adds later
 * boot for 45 s before they register.
 */
export const nodegroupCommand: Command = {
  name: 'nodegroup',
  completion: { subcommands: ['add', 'delete', 'list'], args: 'none' },
  short: 'Add, list or delete node groups for the cluster autoscaler',
  usage: 'sim nodegroup add NAME --min A --max B [--cpu C] [--memory M] | sim nodegroup list | sim nodegroup delete NAME',
  flags: [
    { name: 'min', type: 'string', default: '0', usage: 'smallest size of the group' },
    { name: 'max', type: 'string', default: '', usage: 'largest size of the group (required)' },
    { name: 'cpu', type: 'string', default: DEFAULT_NODE_CPU, usage: 'CPU capacity of each node' },
    { name: 'memory', type: 'string', default: DEFAULT_NODE_MEMORY, usage: 'memory capacity of each node' },
  ],
  run(ctx, args) {
    const [action, name, ...extra] = args.positional;
    if (extra.length > 0) throw new ScriptError(`sim nodegroup ${action}: unexpected argument "${extra[0]}"`);
    switch (action) {
      case 'add':
        return addGroup(ctx, args, name);
      case 'list':
        return listGroups(ctx, args, name);
      case 'delete':
        return deleteGroup(ctx, args, name);
      default:
        throw new ScriptError(`sim nodegroup: unknown action "${action ?? ''}" (usage: ${this.usage})`);
    }
  },
};

function addGroup(ctx: CommandContext, args: ParsedArgs, name: string | undefined): number {
  const verb = 'sim nodegroup add';
  if (!name) throw new ScriptError(`${verb}: a group NAME is required`);
  const bad = isDNS1123Label(name);
  if (bad.length > 0) throw new ScriptError(`${verb}: invalid name "${name}": ${bad[0]}`);
  if (!args.set.has('max')) throw new ScriptError(`${verb}: --max is required`);
  const min = nonNegativeInt(verb, 'min', args.flags.min);
  const max = nonNegativeInt(verb, 'max', args.flags.max);
  if (max < 1 || max < min) throw new ScriptError(`${verb}: --max must be at least 1 and at least --min, got min ${min}, max ${max}`);
  const cpu = positiveQuantity(verb, 'cpu', args.flags.cpu);
  const memory = positiveQuantity(verb, 'memory', args.flags.memory);
  try {
    ctx.sim.clusterAutoscaler.addGroup({ name, min, max, cpu, memory });
  } catch (e) {
    if (e instanceof Error) throw new ScriptError(`${verb}: ${e.message}`);
    throw e;
  }
  ctx.io.out(`nodegroup/${name} added (min ${min}, max ${max}, ${cpu} CPU and ${memory} memory per node)\n`);
  return 0;
}

function refuseFlags(verb: string, args: ParsedArgs): void {
  const [flag] = [...args.set];
  if (flag !== undefined) throw new ScriptError(`${verb}: unexpected flag --${flag}`);
}

function listGroups(ctx: CommandContext, args: ParsedArgs, extra: string | undefined): number {
  if (extra !== undefined) throw new ScriptError(`sim nodegroup list: unexpected argument "${extra}"`);
  refuseFlags('sim nodegroup list', args);
  const rows = ctx.sim.clusterAutoscaler.groups().map((g) => [g.name, String(g.min), String(g.max), String(g.ready), String(g.booting), g.cpu, g.memory]);
  if (rows.length === 0) {
    ctx.io.out('no node groups\n');
    return 0;
  }
  ctx.io.out(renderTable(['NAME', 'MIN', 'MAX', 'NODES', 'BOOTING', 'CPU', 'MEMORY'], rows));
  return 0;
}

function deleteGroup(ctx: CommandContext, args: ParsedArgs, name: string | undefined): number {
  const verb = 'sim nodegroup delete';
  if (!name) throw new ScriptError(`${verb}: a group NAME is required`);
  refuseFlags(verb, args);
  try {
    ctx.sim.clusterAutoscaler.deleteGroup(name);
  } catch (e) {
    if (e instanceof Error) throw new ScriptError(`${verb}: ${e.message}`);
    throw e;
  }
  ctx.io.out(`nodegroup/${name} deleted\n`);
  return 0;
}
