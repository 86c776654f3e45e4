/**
 * `kubectl rollout SUBCOMMAND (TYPE NAME | TYPE/NAME)`: status, history, undo, pause, resume and
 * restart for Deployments (kubectl pkg/cmd/rollout, v0.31). The subcommands live in
 * ../rollout/; this file is the verb: its flags (the union of the subcommands') and dispatch.
 */
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { rolloutHistory } from '../rollout/history.ts';
import { rolloutPause, rolloutRestart, rolloutResume } from '../rollout/pause.ts';
import { rolloutStatus } from '../rollout/status.ts';
import { rolloutUndo } from '../rollout/undo.ts';
import { DRY_RUN_FLAG } from './common.ts';

type Sub = (ctx: CommandContext, args: ParsedArgs, rest: readonly string[]) => number;

/** The subcommands, in the order `kubectl rollout --help` lists them. */
const SUBCOMMANDS: readonly { name: string; short: string; run: Sub }[] = [
  { name: 'history', short: 'View rollout history', run: rolloutHistory },
  { name: 'pause', short: 'Mark the provided resource as paused', run: rolloutPause },
  { name: 'restart', short: 'Restart a resource', run: rolloutRestart },
  { name: 'resume', short: 'Resume a paused resource', run: rolloutResume },
  { name: 'status', short: 'Show the status of the rollout', run: rolloutStatus },
  { name: 'undo', short: 'Undo a previous rollout', run: rolloutUndo },
];

export const rolloutCommand: Command = {
  name: 'rollout',
  completion: { subcommands: SUBCOMMANDS.map((s) => s.name), args: 'resources' },
  short: 'Manage the rollout of a resource',
  usage: 'kubectl rollout SUBCOMMAND [options]',
  flags: [
    { name: 'watch', short: 'w', type: 'bool', default: true, usage: "Watch the status of the rollout until it's done." },
    { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
    { name: 'revision', type: 'int', default: 0, usage: 'See the details, including podTemplate of the revision specified' },
    { name: 'to-revision', type: 'int', default: 0, usage: 'The revision to rollback to. Default to 0 (last revision).' },
    DRY_RUN_FLAG,
  ],
  run(ctx, args) {
    const [sub, ...rest] = args.positional;
    if (sub === undefined) {
      ctx.io.out(rolloutHelp());
      return 0;
    }
    const found = SUBCOMMANDS.find((s) => s.name === sub);
    if (!found) throw new CommandError(`error: unknown command "${sub}"\nSee 'kubectl rollout -h' for help and examples`);
    return found.run(ctx, args, rest);
  },
};

function rolloutHelp(): string {
  const rows = SUBCOMMANDS.map((s) => `  ${s.name.padEnd(9)}${s.short}`).join('\n');
  return `Manage the deployment of one or more resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

  # Restart a deployment
  kubectl rollout restart deployment/abc

  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
${rows}

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
}
