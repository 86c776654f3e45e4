/**
 * `kubectl set subject (-f FILENAME | TYPE NAME) [--user=] [--group=] [--serviceaccount=ns:name]`
 * (kubectl v1.31 pkg/cmd/set/set_subject.go): adds subjects to stored RoleBindings and
 * ClusterRoleBindings (or to local ones with --local), and refuses every other kind per object.
 */
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { outputFlagsFrom } from '../output.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix } from './common.ts';
import { PRINT_FLAGS, printerFormat } from './metadata-edit.ts';
import { fetchObjects, LOCAL_RESOURCE_ERROR, messageOf, objectError, printSetErrors, selectionFlags, sendUpdate, SetPrinter, withVisitErrors } from './set-common.ts';

const EXAMPLES = `# Update a cluster role binding for serviceaccount1
kubectl set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1

# Update a role binding for user1, user2, and group1
kubectl set subject rolebinding admin --user=user1 --user=user2 --group=group1

# Print the result (in YAML format) of updating rolebinding subjects from a local, without hitting the server
kubectl create rolebinding admin --role=admin --user=admin -o yaml --dry-run=client | kubectl set subject --local -f - --user=foo -o yaml`;

export const setSubjectCommand: Command = {
  name: 'subject',
  short: 'Update the user, group, or service account in a role binding or cluster role binding',
  long: 'Update the user, group, or service account in a role binding or cluster role binding.',
  examples: EXAMPLES,
  usage:
    'kubectl set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
  flags: [
    ...selectionFlags('subject', 'the resource to update the subjects', 'Select all resources, in the namespace of the specified resource types'),
    DRY_RUN_FLAG,
    { name: 'group', type: 'strings', default: [], usage: 'Groups to bind to the role' },
    { name: 'serviceaccount', type: 'strings', default: [], usage: 'Service accounts to bind to the role' },
    { name: 'user', type: 'strings', default: [], usage: 'Usernames to bind to the role' },
    ...PRINT_FLAGS,
  ],
  run: (ctx, args) => withVisitErrors(ctx.io, () => runSubject(ctx, args)),
};

/** rbacv1.Subject, fields in Go's order. */
export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

function runSubject(ctx: CommandContext, args: ParsedArgs): number {
  const dryRun = dryRunMode(ctx, args);
  const format = printerFormat(String(args.flags.output), outputFlagsFrom(ctx.fs, args.flags));
  const local = args.flags.local === true;
  if (local && args.positional.length > 0) throw new CommandError(LOCAL_RESOURCE_ERROR);
  const visits = fetchObjects(ctx, args, args.positional, local);
  const users = args.flags.user as string[];
  const groups = args.flags.group as string[];
  const accounts = args.flags.serviceaccount as string[];
  validate(args, users, groups, accounts, visits.map((v) => v.object));
  const namespace = String(args.flags.namespace ?? '') || 'default';
  const subjects = wantedSubjects(users, groups, accounts, namespace);
  const printer = new SetPrinter(ctx.io);
  const errors: string[] = [];
  for (const visit of visits) {
    if (!BINDING_KINDS.has(visit.object.kind ?? visit.rt.kind)) {
      errors.push(objectError(visit.rt, visit.object, 'setting subjects is only supported for RoleBinding/ClusterRoleBinding'));
      continue;
    }
    const binding = visit.object as KObject & { subjects?: Subject[] };
    const { changed, subjects: next } = addSubjects(binding.subjects ?? [], subjects);
    if (!changed) continue;
    binding.subjects = next;
    let shown: KObject = binding;
    if (!local && dryRun !== 'client') {
      try {
        shown = sendUpdate(ctx, binding, dryRun);
      } catch (e) {
        errors.push(`failed to patch subjects to rolebinding: ${messageOf(e)}`);
        continue;
      }
    }
    printer.print(format, visit.rt, shown, `subjects updated${dryRunSuffix(dryRun)}`);
  }
  return printSetErrors(ctx.io, errors);
}

function validate(args: ParsedArgs, users: string[], groups: string[], accounts: string[], objects: KObject[]): void {
  if (args.flags.all === true && String(args.flags.selector) !== '') throw new CommandError('error: cannot set --all and --selector at the same time');
  if (users.length === 0 && groups.length === 0 && accounts.length === 0) {
    throw new CommandError('error: you must specify at least one value of user, group or serviceaccount');
  }
  for (const sa of accounts) {
    const tokens = sa.split(':');
    if (tokens.length !== 2 || tokens[1] === '') throw new CommandError('error: serviceaccount must be <namespace>:<name>');
    if (tokens[0] === '' && objects.some((o) => o.kind === 'ClusterRoleBinding')) {
      throw new CommandError('error: serviceaccount must be <namespace>:<name>, namespace must be specified');
    }
  }
}

const sortedUnique = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

/** Users, then groups, then service accounts, each set sorted; a service account without namespace gets the command's. */
export function wantedSubjects(users: readonly string[], groups: readonly string[], accounts: readonly string[], namespace: string): Subject[] {
  return [
    ...sortedUnique(users).map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
    ...sortedUnique(groups).map((name) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })),
    ...sortedUnique(accounts).map((sa) => {
      const [ns, name] = sa.split(':');
      return { kind: 'ServiceAccount', name, namespace: ns === '' ? namespace : ns };
    }),
  ];
}

const sameSubject = (a: Subject, b: Subject) => a.kind === b.kind && (a.apiGroup ?? '') === (b.apiGroup ?? '') && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');

/** kubectl's addSubjects: the existing subjects plus each wanted one not already there. */
export function addSubjects(existing: readonly Subject[], wanted: readonly Subject[]): { changed: boolean; subjects: Subject[] } {
  const subjects = [...existing];
  let changed = false;
  for (const s of wanted) {
    if (existing.some((e) => sameSubject(e, s))) continue;
    subjects.push(s);
    changed = true;
  }
  return { changed, subjects };
}
