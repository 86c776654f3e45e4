import { formatTimestamp } from '../../engine/kernel/time.ts';
import { ScriptError, type Command } from '../types.ts';

/** `sim trace hash` prints the trace hash; `sim trace [--tail N]` the latest recorded changes. */
export const traceCommand: Command = {
  name: 'trace',
  completion: { subcommands: ['hash'], args: 'none' },
  short: 'Show the trace hash or the most recent changes',
  usage: 'sim trace hash | sim trace [--tail N]',
  flags: [{ name: 'tail', type: 'string', default: '20', usage: 'how many recent changes to show' }],
  run(ctx, args) {
    const [what, ...extra] = args.positional;
    if (extra.length > 0 || (what !== undefined && what !== 'hash')) throw new ScriptError(`sim trace: usage: ${this.usage}`);
    const trace = ctx.sim.kernel.trace;
    if (what === 'hash') {
      ctx.io.out(`${trace.hash()}\n`);
      return 0;
    }
    const tail = Number(args.flags.tail);
    if (!Number.isInteger(tail) || tail < 0) throw new ScriptError(`sim trace: --tail must be a whole number, got "${args.flags.tail}"`);
    for (const e of trace.recent(tail)) {
      const where = e.namespace ? `${e.namespace}/${e.name}` : e.name;
      ctx.io.out(`${formatTimestamp(e.time)}  rv=${e.rv}  ${e.type.padEnd(8)}  ${e.resource}/${where}\n`);
    }
    ctx.io.out(`${trace.count} changes, hash ${trace.hash()}\n`);
    return 0;
  },
};
