/**
 * `sim ...` directives drive the simulator itself (cluster shape, nodes, time, trace). Each verb is
 * registered data in its own file. A malformed directive throws ScriptError: the runner stops with
 * exit status 2, the app's terminal shows the message.
 */
import { FlagError, formatFlagHelp, parseFlags } from '../flags.ts';
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

const HELP_WORDS = ['--help', '-h'];

export function runSim(ctx: CommandContext, argv: readonly string[]): number {
  const [verbName, ...rest] = argv;
  if (verbName === 'help' || HELP_WORDS.includes(verbName)) {
    ctx.io.out(simHelp());
    return 0;
  }
  const verb = SIM_VERBS.find((v) => v.name === verbName);
  if (!verb) {
    const known = SIM_VERBS.map((v) => v.name).join(', ');
    const hint = ' (sim --help describes them)';
    throw new ScriptError(verbName === undefined ? `sim: missing directive (one of: ${known})${hint}` : `sim: unknown directive "${verbName}" (one of: ${known})${hint}`);
  }
  // Help is asked for before any `--` (after it come a node command's own words: `-- ls -h`).
  const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (own.some((w) => HELP_WORDS.includes(w))) {
    ctx.io.out(verbHelp(verb));
    return 0;
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

/** `sim --help`: what the simulator's own directives are (they are not kubectl: a real cluster has none). */
function simHelp(): string {
  const width = Math.max(...SIM_VERBS.map((v) => v.name.length)) + 3;
  const rows = SIM_VERBS.map((v) => `  ${v.name.padEnd(width)}${v.short}\n`).join('');
  return `Drive the simulator itself: the cluster's shape, its nodes, simulated time, and what it traces.
These directives are Podlab's own; a real cluster has no "sim" command.

Available Commands:
${rows}
Use "sim <command> --help" for more information about a given command.
`;
}

function verbHelp(verb: Command): string {
  const options = verb.flags.length > 0 ? `Options:\n${formatFlagHelp(verb.flags)}\n` : '';
  return `${verb.long ?? `${verb.short}.`}

${options}Usage:
${verb.usage
    .split(' | ')
    .map((u) => `  ${u}\n`)
    .join('')}`;
}
