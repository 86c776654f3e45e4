/**
 * `kubectl set SUBCOMMAND` (kubectl v1.31 pkg/cmd/set/set.go): a parent whose children change a
 * field of existing objects, one file each (set-env.ts, set-image.ts, set-resources.ts,
 * set-selector.ts, set-serviceaccount.ts, set-subject.ts). Without a subcommand it prints its help to stderr and fails, as cobra's DefaultSubCommandRun does.
 */
import { CommandError, type Command } from '../../types.ts';
import { commandHelp } from '../help.ts';
import { setEnvCommand } from './set-env.ts';
import { setImageCommand } from './set-image.ts';
import { setResourcesCommand } from './set-resources.ts';
import { setSelectorCommand } from './set-selector.ts';
import { setServiceAccountCommand } from './set-serviceaccount.ts';
import { setSubjectCommand } from './set-subject.ts';

const SUBCOMMANDS: Command[] = [setEnvCommand, setImageCommand, setResourcesCommand, setSelectorCommand, setServiceAccountCommand, setSubjectCommand];

export const setCommand: Command = {
  name: 'set',
  short: 'Set specific features on objects',
  long: `Configure application resources.

 These commands help you make changes to existing application resources.`,
  usage: 'kubectl set SUBCOMMAND [options]',
  flags: [],
  subcommands: SUBCOMMANDS,
  completion: { subcommands: SUBCOMMANDS.map((c) => c.name), args: 'none' },
  run(ctx, args) {
    if (args.positional.length > 0) throw new CommandError(`error: unknown command "${args.positional[0]}"\nSee 'kubectl set -h' for help and examples`);
    ctx.io.err(commandHelp(setCommand, 'set'));
    return 1;
  },
};
