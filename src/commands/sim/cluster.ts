import { DEFAULT_WORKERS, Simulation } from '../../engine/simulation.ts';
import { ScriptError, type Command } from '../types.ts';
import { NODE_SIZE_FLAGS, nonNegativeInt, positiveQuantity } from './parse.ts';

/** `sim cluster [--nodes N] [--cpu C] [--memory M] [--pods P]`: start over on a fresh cluster. */
export const clusterCommand: Command = {
  name: 'cluster',
  short: 'Reset to a fresh cluster: a tainted control-plane node and N workers',
  usage: 'sim cluster [--nodes N] [--cpu C] [--memory M] [--pods P]',
  flags: [
    { name: 'nodes', type: 'string', default: String(DEFAULT_WORKERS), usage: 'worker nodes (node-1 … node-N); may be 0' },
    ...NODE_SIZE_FLAGS,
  ],
  run(ctx, args) {
    if (args.positional.length > 0) throw new ScriptError(`sim cluster: unexpected argument "${args.positional[0]}"`);
    const nodes = nonNegativeInt('sim cluster', 'nodes', args.flags.nodes);
    const pods = nonNegativeInt('sim cluster', 'pods', args.flags.pods);
    const cpu = positiveQuantity('sim cluster', 'cpu', args.flags.cpu);
    const memory = positiveQuantity('sim cluster', 'memory', args.flags.memory);
    ctx.resetCluster(Simulation.create(ctx.seed, { nodes, cpu, memory, pods }));
    const workers = nodes === 1 ? '1 worker' : `${nodes} workers`;
    ctx.io.out(`cluster ready: control-plane + ${workers} (cpu ${cpu}, memory ${memory}, pods ${pods} per node)\n`);
    return 0;
  },
};
