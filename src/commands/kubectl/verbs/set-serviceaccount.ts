/**
 * `kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT` (kubectl v1.31
 * pkg/cmd/set/set_serviceaccount.go): the last argument becomes `serviceAccountName` of the pod
 * spec of every selected object (the kinds set-common.ts knows); other kinds are refused one by
 * one. kubectl patches whether or not the name changes, so the message always prints. With
 * `--local` the resource arguments are ignored (only files are read).
 */
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { outputFlagsFrom } from '../output.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix } from './common.ts';
import { PRINT_FLAGS, printerFormat } from './metadata-edit.ts';
import { fetchObjects, messageOf, objectError, podSpecFor, printSetErrors, selectionFlags, sendUpdate, SetPrinter, withVisitErrors } from './set-common.ts';

const LONG = `Update the service account of pod template resources.

 Possible resources (case insensitive) can be:

 replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset`;

const EXAMPLES = `# Set deployment nginx-deployment's service account to serviceaccount1
kubectl set serviceaccount deployment nginx-deployment serviceaccount1

# Print the result (in YAML format) of updated nginx deployment with the service account from local file, without hitting the API server
kubectl set sa -f nginx-deployment.yaml serviceaccount1 --local --dry-run=client -o yaml`;

export const setServiceAccountCommand: Command = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Update the service account of a resource',
  long: LONG,
  examples: EXAMPLES,
  usage: 'kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]',
  flags: [
    ...selectionFlags('serviceaccount', 'identifying the resource to get from a server.', 'Select all resources, in the namespace of the specified resource types').filter(
      (f) => f.name !== 'selector',
    ),
    DRY_RUN_FLAG,
    ...PRINT_FLAGS,
  ],
  run: (ctx, args) => withVisitErrors(ctx.io, () => runServiceAccount(ctx, args)),
};

function runServiceAccount(ctx: CommandContext, args: ParsedArgs): number {
  const dryRun = dryRunMode(ctx, args);
  const format = printerFormat(String(args.flags.output), outputFlagsFrom(ctx.fs, args.flags));
  const words = args.positional;
  if (words.length === 0) throw new CommandError('error: serviceaccount is required');
  const account = words[words.length - 1];
  const local = args.flags.local === true;
  const visits = fetchObjects(ctx, args, local ? [] : words.slice(0, -1), local);
  const printer = new SetPrinter(ctx.io);
  const errors: string[] = [];
  for (const visit of visits) {
    try {
      podSpecFor(visit.rt, visit.object).serviceAccountName = account;
    } catch (e) {
      errors.push(objectError(visit.rt, visit.object, messageOf(e)));
      continue;
    }
    let shown = visit.object;
    if (!local && dryRun !== 'client') {
      try {
        shown = sendUpdate(ctx, visit.object, dryRun);
      } catch (e) {
        errors.push(`failed to patch ServiceAccountName ${messageOf(e)}`);
        continue;
      }
    }
    printer.print(format, visit.rt, shown, `serviceaccount updated${dryRunSuffix(dryRun)}`);
  }
  return printSetErrors(ctx.io, errors);
}
