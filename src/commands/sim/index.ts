/**
 * `sim ...` directives drive the simulator itself (cluster shape, nodes, time, trace). Each verb is
 * registered data in its own file. A malformed directive throws ScriptError: the runner stops with
 * exit status 2, the app's terminal shows the message.
 */
import { FlagError, parseFlags } from '../flags.ts';
import { ScriptError, type Command, type CommandContext } from '../types.ts';
import { advanceCommand } from './advance.ts';
import { clusterCommand } from './cluster.ts';
import { killCommand } from './kill.ts';
import { nodeCommand } from './node.ts';
import { nodegroupCommand } from './nodegroup.ts';
import { traceCommand } from './trace.ts';
import { explainCommand } from './explain.ts';
import { schedulerCommand } from './scheduler.ts';
import { cloudCommand } from './cloud.ts';
import { trafficCommand } from './traffic.ts';

export const SIM_VERBS: readonly Command[] = [clusterCommand, nodeCommand, killCommand, advanceCommand, traceCommand, explainCommand, schedulerCommand, nodegroupCommand, trafficCommand, cloudCommand];

export function runSim(ctx: CommandContext, argv: readonly string[]): number {
  const [verbName, ...rest] = argv;
  const verb = SIM_VERBS.find((v) => v.name === verbName);
  if (!verb) {
    const known = SIM_VERBS.map((v) => v.name).join(', ');
    throw new ScriptError(verbName === undefined ? `sim: missing directive (one of: ${known})` : `sim: unknown directive "${verbName}" (one of: ${known})`);
  }
  let args;
  try {
    args = parseFlags(rest, verb.flags);
  } catch (e) {
    if (e instanceof FlagError) throw new ScriptError(`sim ${verb.name}: ${e.message}`);
    throw e;
  }
  return verb.run(ctx, args);
}
