import { formatTimestamp, parseDuration } from '../../engine/kernel/time.ts';
import { ScriptError, type Command } from '../types.ts';

/** `sim advance DURATION`: let simulated time run (500ms, 30s, 5m, 2h, 1h30m). */
export const advanceCommand: Command = {
  name: 'advance',
  short: 'Run the simulation forward by a duration',
  usage: 'sim advance DURATION   (e.g. 500ms, 30s, 5m, 2h)',
  flags: [],
  run(ctx, args) {
    const [text, ...extra] = args.positional;
    const ms = text === undefined ? undefined : parseDuration(text);
    if (ms === undefined || extra.length > 0) {
      throw new ScriptError(`sim advance: expected one duration such as 500ms, 30s, 5m or 2h, got "${args.positional.join(' ')}"`);
    }
    ctx.sim.advance(ms);
    ctx.io.out(`time is now ${formatTimestamp(ctx.sim.now)}\n`);
    return 0;
  },
};
