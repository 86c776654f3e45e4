/**
 * `kubectl auth can-i` and `kubectl auth whoami` (kubectl v1.31 pkg/cmd/auth cani.go, whoami.go),
 * answered as a kubeadm cluster's API server answers their SelfSubjectAccessReview,
 * SelfSubjectRulesReview and SelfSubjectReview: by the engine's RBAC authorizer over the store's
 * roles and bindings, for admin.conf's user (`kubernetes-admin` in `kubeadm:cluster-admins`) or
 * the user `--as`/`--as-group` impersonate. `auth reconcile` is listed but not modelled.
 */
import {
  authorize,
  impersonatedUser,
  KUBEADM_ADMIN,
  rulesFor,
  storeRbacSource,
  type RequestAttributes,
  type UserInfo,
} from '../../../engine/api/rbac-authorizer.ts';
import { resolveResourceName } from '../../../engine/api/resources.ts';
import { formatTimestamp } from '../../../engine/kernel/time.ts';
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { alignTabs } from '../../printers/tabwriter.ts';
import { toYaml } from '../../printers/yaml.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { commandHelp } from '../help.ts';
import { activeContext, contextNamespace, toStructJson } from '../kubeconfig.ts';
import { rulesTable } from './auth-rules.ts';

/** kubectl's global impersonation flags; accepted here, left out of help as global options are. */
const IMPERSONATION_FLAGS: FlagSpec[] = [
  { name: 'as', type: 'string', usage: 'Username to impersonate for the operation.', hidden: true },
  { name: 'as-group', type: 'strings', usage: 'Group to impersonate for the operation.', hidden: true },
  { name: 'as-uid', type: 'string', usage: 'UID to impersonate for the operation.', hidden: true },
];

const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
/** Resources the server knows but discovery does not list (the impersonate verb's). */
const NON_STANDARD_RESOURCES = new Set(['users', 'groups']);

/**
 * The user the request is authenticated (and, with --as, impersonated) as. client-go refuses
 * groups or a UID without a user to impersonate, naming the kubeconfig's user.
 */
function requestUser(ctx: CommandContext, args: ParsedArgs): UserInfo {
  const as = String(args.flags.as ?? '');
  const groups = (args.flags['as-group'] as string[] | undefined) ?? [];
  const uid = String(args.flags['as-uid'] ?? '');
  if (as === '') {
    if (groups.length > 0 || uid !== '') {
      throw new CommandError(`error: requesting uid, groups or user-extra for ${activeContext(ctx.kubeconfig, args)?.user ?? ''} without impersonating a user`);
    }
    return KUBEADM_ADMIN;
  }
  const user = impersonatedUser(as, groups);
  return uid === '' ? user : { ...user, uid };
}

/** WarningPrinter's `Warning: %s\n` around kubectl's own `\n`-terminated message: a blank line follows. */
const warn = (ctx: CommandContext, message: string) => ctx.io.err(`Warning: ${message}\n\n`);

interface Target {
  group: string;
  resource: string;
  /** Known to discovery: whether it is namespaced. */
  namespaced?: boolean;
}

/** CanIOptions.resourceFor: the REST mapper's resource, or the word itself with a warning. */
function resourceFor(ctx: CommandContext, word: string): Target {
  if (word === '*') return { group: '', resource: '*', namespaced: true };
  const lower = word.toLowerCase();
  const rt = resolveResourceName(lower);
  if (rt) return { group: rt.group, resource: rt.plural, namespaced: rt.namespaced };
  const dot = lower.indexOf('.');
  const [resource, group] = dot < 0 ? [lower, ''] : [lower.slice(0, dot), lower.slice(dot + 1)];
  if (!NON_STANDARD_RESOURCES.has(lower)) {
    warn(ctx, group === '' ? `the server doesn't have a resource type '${resource}'` : `the server doesn't have a resource type '${resource}' in group '${group}'`);
  }
  return { group: '', resource: word };
}

const canIFlags: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If true, check the specified action in all namespaces.' },
  { name: 'list', type: 'bool', usage: 'If true, prints all allowed actions.' },
  { name: 'no-headers', type: 'bool', usage: 'If true, prints allowed actions without headers' },
  { name: 'quiet', short: 'q', type: 'bool', usage: 'If true, suppress output and just return the exit code.' },
  { name: 'subresource', type: 'string', usage: 'SubResource such as pod/log or deployment/scale' },
  ...IMPERSONATION_FLAGS,
];

function runCanI(ctx: CommandContext, args: ParsedArgs): number {
  const list = args.flags.list === true;
  const allNamespaces = args.flags['all-namespaces'] === true;
  const quiet = args.flags.quiet === true;
  const subresource = String(args.flags.subresource ?? '');
  const user = requestUser(ctx, args);
  const namespace = allNamespaces ? '' : (args.set.has('namespace') ? String(args.flags.namespace) : contextNamespace(ctx.kubeconfig, args));
  if (list) {
    if (args.positional.length !== 0) throw new CommandError('error: list option must be specified with no arguments');
    if (quiet || allNamespaces || subresource !== '') throw new CommandError("error: list option can't be specified with neither quiet, all-namespaces nor subresource options");
    ctx.io.out(rulesTable(rulesFor(storeRbacSource(ctx.sim.store), user, namespace), args.flags['no-headers'] === true));
    return 0;
  }
  if (args.positional.length !== 2) {
    throw new CommandError("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  }
  const attrs = accessAttributes(ctx, args.positional[0], args.positional[1], subresource, namespace, allNamespaces);
  if (args.flags['no-headers'] === true) throw new CommandError('error: --no-headers cannot be set without --list specified');
  const decision = authorize(storeRbacSource(ctx.sim.store), user, attrs);
  if (!quiet) ctx.io.out(decision.allowed ? 'yes\n' : `no${decision.reason === '' ? '' : ` - ${decision.reason}`}\n`);
  return decision.allowed ? 0 : 1;
}

/** Complete and Validate: the review's attributes, with kubectl's warnings on the way. */
function accessAttributes(ctx: CommandContext, verb: string, what: string, subresource: string, namespace: string, allNamespaces: boolean): RequestAttributes {
  if (what.startsWith('/')) {
    if (subresource !== '') throw new CommandError('error: --subresource can not be used with NonResourceURL');
    if (!NON_RESOURCE_VERBS.has(verb)) warn(ctx, `verb '${verb}' is not a known verb`);
    return { verb, path: what };
  }
  const slash = what.indexOf('/');
  const target = resourceFor(ctx, slash < 0 ? what : what.slice(0, slash));
  const name = slash < 0 ? '' : what.slice(slash + 1);
  if (!allNamespaces) {
    if (target.namespaced === false) {
      warn(ctx, target.group === '' ? `resource '${target.resource}' is not namespace scoped` : `resource '${target.resource}' is not namespace scoped in group '${target.group}'`);
    }
    if (!RESOURCE_VERBS.has(verb)) warn(ctx, `verb '${verb}' is not a known verb`);
  }
  return { verb, apiGroup: target.group, resource: target.resource, subresource, name, namespace };
}

export const canICommand: Command = {
  name: 'can-i',
  short: 'Check whether an action is allowed',
  long: `Check whether an action is allowed.

 VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with "/". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.`,
  examples: `# Check to see if I can create pods in any namespace
kubectl auth can-i create pods --all-namespaces

# Check to see if I can list deployments in my current namespace
kubectl auth can-i list deployments.apps

# Check to see if service account "foo" of namespace "dev" can list pods in the namespace "prod"
# You must be allowed to use impersonation for the global option "--as"
kubectl auth can-i list pods --as=system:serviceaccount:dev:foo -n prod

# Check to see if I can do everything in my current namespace ("*" means all)
kubectl auth can-i '*' '*'

# Check to see if I can get the job named "bar" in namespace "foo"
kubectl auth can-i list jobs.batch/bar -n foo

# Check to see if I can read pod logs
kubectl auth can-i get pods --subresource=log

# Check to see if I can access the URL /logs/
kubectl auth can-i get /logs/

# Check to see if I can approve certificates.k8s.io
kubectl auth can-i approve certificates.k8s.io

# List all allowed actions in namespace "foo"
kubectl auth can-i --list --namespace=foo`,
  usage: 'kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]',
  flags: canIFlags,
  completion: { args: 'resources' },
  run: runCanI,
};

/** SelfSubjectReview (authentication.k8s.io/v1), fields in struct order. */
function selfSubjectReview(ctx: CommandContext, user: UserInfo): Record<string, unknown> {
  const userInfo: Record<string, unknown> = { username: user.username };
  if (user.uid) userInfo.uid = user.uid;
  if (user.groups.length > 0) userInfo.groups = user.groups;
  if (user.extra && Object.keys(user.extra).length > 0) userInfo.extra = user.extra;
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: formatTimestamp(ctx.sim.now) },
    status: { userInfo },
  };
}

/** whoami's ATTRIBUTE/VALUE table: Username, UID, Groups, then each extra key sorted. */
function whoamiTable(user: UserInfo): string {
  let text = 'ATTRIBUTE\tVALUE\n';
  if (user.username !== '') text += `Username\t${user.username}\n`;
  if (user.uid) text += `UID\t${user.uid}\n`;
  if (user.groups.length > 0) text += `Groups\t[${user.groups.join(' ')}]\n`;
  for (const k of Object.keys(user.extra ?? {}).sort()) text += `Extra: ${k}\t[${(user.extra?.[k] ?? []).join(' ')}]\n`;
  return alignTabs(text);
}

export const whoamiCommand: Command = {
  name: 'whoami',
  short: 'Experimental: Check self subject attributes',
  long: `Experimental: Check who you are and your attributes (groups, extra).

        This command is helpful to get yourself aware of the current user attributes,
        especially when dynamic authentication, e.g., token webhook, auth proxy, or OIDC provider,
        is enabled in the Kubernetes cluster.`,
  examples: `# Get your subject attributes
kubectl auth whoami

# Get your subject attributes in JSON format
kubectl auth whoami -o json`,
  usage: 'kubectl auth whoami [options]',
  flags: [
    { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    { name: 'template', type: 'string', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
    ...IMPERSONATION_FLAGS,
  ],
  completion: { args: 'none' },
  run(ctx, args) {
    const user = requestUser(ctx, args);
    const output = String(args.flags.output ?? '');
    if (output === '') ctx.io.out(whoamiTable(user));
    else if (output === 'json') ctx.io.out(toStructJson(selfSubjectReview(ctx, user)));
    else if (output === 'yaml') ctx.io.out(toYaml(sortedKeys(selfSubjectReview(ctx, user))));
    else throw new CommandError(`error: "kubectl auth whoami -o ${output}" is not available in Podlab yet`);
    return 0;
  },
};

/** kubectl's YAML printer goes through JSON to a map: keys sorted at every level. */
function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedKeys((v as Record<string, unknown>)[k])]));
}

const reconcileCommand: Command = {
  name: 'reconcile',
  short: 'Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects',
  usage: 'kubectl auth reconcile -f FILENAME [options]',
  flags: [],
  run() {
    throw new CommandError('error: "kubectl auth reconcile" is not available in Podlab yet');
  },
};

export const authCommand: Command = {
  name: 'auth',
  short: 'Inspect authorization',
  long: 'Inspect authorization.',
  usage: 'kubectl auth [flags] [options]',
  flags: [],
  subcommands: [canICommand, reconcileCommand, whoamiCommand],
  completion: { subcommands: ['can-i', 'reconcile', 'whoami'], args: 'none' },
  run(ctx, args) {
    const [sub] = args.positional;
    if (sub !== undefined) throw new CommandError(`error: unknown command "${sub}"\nSee 'kubectl auth -h' for help and examples`);
    // cobra's help for a command without Run, which kubectl 1.31 writes to stderr here (recorded).
    ctx.io.err(commandHelp(authCommand, 'auth'));
    return 1;
  },
};
