import { isStatusError } from '../../engine/api/errors.ts';
import { ScriptError, type Command } from '../types.ts';
import { labelList, NODE_SIZE_FLAGS, nonNegativeInt, positiveQuantity, taintList } from './parse.ts';

/** `sim node add NAME [--cpu C] [--memory M] [--pods P] [--labels k=v,...] [--taints k=v:Effect,...]`. */
export const nodeCommand: Command = {
  name: 'node',
  short: 'Add a node to the cluster',
  usage: 'sim node add NAME [--cpu C] [--memory M] [--pods P] [--labels k=v,...] [--taints k=v:Effect,...]',
  flags: [
    ...NODE_SIZE_FLAGS,
    { name: 'labels', type: 'string', default: '', usage: 'extra node labels, k=v,...' },
    { name: 'taints', type: 'string', default: '', usage: 'taints, key[=value]:Effect,...' },
  ],
  run(ctx, args) {
    const [action, name, ...extra] = args.positional;
    if (action !== 'add') throw new ScriptError(`sim node: unknown action "${action ?? ''}" (usage: ${this.usage})`);
    if (!name) throw new ScriptError('sim node add: a node NAME is required');
    if (extra.length > 0) throw new ScriptError(`sim node add: unexpected argument "${extra[0]}"`);
    const shape = {
      name,
      cpu: positiveQuantity('sim node add', 'cpu', args.flags.cpu),
      memory: positiveQuantity('sim node add', 'memory', args.flags.memory),
      pods: nonNegativeInt('sim node add', 'pods', args.flags.pods),
      labels: labelList('sim node add', String(args.flags.labels)),
      taints: taintList('sim node add', String(args.flags.taints)),
    };
    try {
      ctx.sim.addNode(shape);
    } catch (e) {
      if (isStatusError(e)) throw new ScriptError(`sim node add: ${e.message}`);
      throw e;
    }
    ctx.io.out(`node/${name} added\n`);
    return 0;
  },
};
