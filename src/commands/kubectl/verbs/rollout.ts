/**
 * `kubectl rollout SUBCOMMAND`: history, pause, restart, resume, status and undo for Deployments,
 * DaemonSets and StatefulSets (kubectl pkg/cmd/rollout, v1.31). Each subcommand is a cobra child
 * with its own flags, in ../rollout/; this file is the parent, which only prints its help.
 */
import { CommandError, type Command } from '../../types.ts';
import { commandHelp } from '../help.ts';
import { historyCommand } from '../rollout/history.ts';
import { pauseCommand, restartCommand, resumeCommand } from '../rollout/pause.ts';
import { statusCommand } from '../rollout/status.ts';
import { undoCommand } from '../rollout/undo.ts';

const SUBCOMMANDS: readonly Command[] = [historyCommand, pauseCommand, restartCommand, resumeCommand, statusCommand, undoCommand];

export const rolloutCommand: Command = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  // kubectl's text has a line of eight spaces after the first (kept as written, not trimmed).
  long: `Manage the rollout of one or many resources.
${' '.repeat(8)}
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets`,
  examples: `# Rollback to the previous deployment
kubectl rollout undo deployment/abc

# Check the rollout status of a daemonset
kubectl rollout status daemonset/foo

# Restart a deployment
kubectl rollout restart deployment/abc

# Restart deployments with the 'app=nginx' label
kubectl rollout restart deployment --selector=app=nginx`,
  usage: 'kubectl rollout SUBCOMMAND [options]',
  flags: [],
  subcommands: SUBCOMMANDS,
  completion: { subcommands: SUBCOMMANDS.map((c) => c.name), args: 'resources' },
  run(ctx, args) {
    const [sub] = args.positional;
    if (sub !== undefined) throw new CommandError(`error: unknown command "${sub}"\nSee 'kubectl rollout -h' for help and examples`);
    // DefaultSubCommandRun(streams.Out) as kubectl 1.31 wires it: the help on stdout, exit 1.
    ctx.io.out(commandHelp(rolloutCommand, 'rollout'));
    return 1;
  },
};
