import { isStatusError } from '../../engine/api/errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { failNode, nodeAgent, recoverNode } from '../node-agent.ts';
import { ScriptError, type Command, type CommandContext } from '../types.ts';
import { extendedResourceList, labelList, NODE_SIZE_FLAGS, nonNegativeInt, positiveQuantity, taintList } from './parse.ts';

/**
 * `sim node add NAME [--cpu C] [--memory M] [--pods P] [--gpus N] [--extended-resources name=N,...]
 * [--labels k=v,...] [--taints k=v:Effect,...]` (a GPU node advertises `nvidia.com/gpu`, as the
 * NVIDIA device plugin makes the kubelet do),
 * `sim node fail NAME` / `sim node recover NAME` (the machine goes down / comes back), and
 * `sim node exec NAME -- CMD...` (a shell on the node: crictl, systemctl, lsns, cat...).
 */
export const nodeCommand: Command = {
  name: 'node',
  completion: { subcommands: ['add', 'exec', 'fail', 'recover'], args: 'nodes' },
  short: 'Add, fail or recover a node, or run a command on it',
  usage:
    'sim node add NAME [--cpu C] [--memory M] [--pods P] [--gpus N] [--extended-resources name=N,...] [--labels k=v,...] [--taints k=v:Effect,...] | sim node fail NAME | sim node recover NAME | sim node exec NAME -- CMD...',
  flags: [
    ...NODE_SIZE_FLAGS,
    { name: 'labels', type: 'string', default: '', usage: 'extra node labels, k=v,...' },
    { name: 'taints', type: 'string', default: '', usage: 'taints, key[=value]:Effect,...' },
    { name: 'gpus', type: 'string', default: '0', usage: 'NVIDIA GPUs: capacity and allocatable nvidia.com/gpu' },
    { name: 'extended-resources', type: 'string', default: '', usage: 'device-plugin resources, domain/name=N,... (e.g. example.com/fpga=2)' },
  ],
  run(ctx, args) {
    const [action, name, ...extra] = args.positional;
    switch (action) {
      case 'add':
        return addNode(ctx, args, name, extra);
      case 'fail':
      case 'recover':
        return failOrRecover(ctx, args, action, name, extra);
      case 'exec':
        return execOnNode(ctx, args, name, extra);
      default:
        throw new ScriptError(`sim node: unknown action "${action ?? ''}" (usage: ${this.usage})`);
    }
  },
};

function addNode(ctx: CommandContext, args: ParsedArgs, name: string | undefined, extra: string[]): number {
  if (!name) throw new ScriptError('sim node add: a node NAME is required');
  if (extra.length > 0) throw new ScriptError(`sim node add: unexpected argument "${extra[0]}"`);
  const shape = {
    name,
    cpu: positiveQuantity('sim node add', 'cpu', args.flags.cpu),
    memory: positiveQuantity('sim node add', 'memory', args.flags.memory),
    pods: nonNegativeInt('sim node add', 'pods', args.flags.pods),
    labels: labelList('sim node add', String(args.flags.labels)),
    taints: taintList('sim node add', String(args.flags.taints)),
    extendedResources: extendedResourceList('sim node add', String(args.flags['extended-resources']), nonNegativeInt('sim node add', 'gpus', args.flags.gpus)),
  };
  try {
    ctx.sim.addNode(shape);
  } catch (e) {
    if (isStatusError(e)) throw new ScriptError(`sim node add: ${e.message}`);
    throw e;
  }
  ctx.io.out(`node/${name} added\n`);
  return 0;
}

/** The size flags belong to `add`; other actions refuse them rather than ignore them. */
function refuseAddFlags(verb: string, args: ParsedArgs): void {
  const [flag] = [...args.set];
  if (flag !== undefined) throw new ScriptError(`${verb}: unexpected flag --${flag}`);
}

function failOrRecover(ctx: CommandContext, args: ParsedArgs, action: 'fail' | 'recover', name: string | undefined, extra: string[]): number {
  const verb = `sim node ${action}`;
  if (!name) throw new ScriptError(`${verb}: a node NAME is required`);
  if (extra.length > 0) throw new ScriptError(`${verb}: unexpected argument "${extra[0]}"`);
  refuseAddFlags(verb, args);
  try {
    if (action === 'fail') failNode(ctx.sim, name);
    else recoverNode(ctx.sim, name);
  } catch (e) {
    if (e instanceof Error) throw new ScriptError(`${verb}: ${e.message}`);
    throw e;
  }
  ctx.io.out(`node/${name} ${action === 'fail' ? 'failed' : 'recovered'}\n`);
  return 0;
}

function execOnNode(ctx: CommandContext, args: ParsedArgs, name: string | undefined, extra: string[]): number {
  const verb = 'sim node exec';
  if (!name) throw new ScriptError(`${verb}: a node NAME is required (usage: sim node exec NAME -- CMD...)`);
  refuseAddFlags(verb, args);
  // `sim node exec n1 -- crictl ps -a`; without `--` the words after NAME are the command.
  const argv = args.rest.length > 0 ? [...extra, ...args.rest] : extra;
  if (argv.length === 0) throw new ScriptError(`${verb}: a command is required (usage: sim node exec NAME -- CMD...)`);
  const agent = nodeAgent(ctx.sim, name);
  if (!agent) throw new ScriptError(`${verb}: node "${name}" not found`);
  const result = agent.nodeExec(argv);
  if (result.stdout) ctx.io.out(result.stdout);
  if (result.stderr) ctx.io.err(result.stderr);
  return result.exitCode;
}
