/**
 * `kubectl create role|clusterrole|rolebinding|clusterrolebinding` (kubectl v1.31
 * pkg/cmd/create/create_role.go, create_clusterrole.go, create_rolebinding.go,
 * create_clusterrolebinding.go): the objects built from the flags, with kubectl's checks — verbs
 * (a non-standard one warned about), resources mapped through discovery (`rs.apps` becomes
 * `replicasets` in group `apps`, one rule per group), the special verbs' resources, non-resource
 * URLs, aggregation rules, and subjects. The objects are created through the store
 * (create-generated.ts), and printed as built under --dry-run=client.
 */
import { resolveResourceName } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { generatedMeta, nameFromArgs } from './create-generator.ts';
import { generatedKindCommand, sliceFlag } from './create-generated.ts';

const RBAC = 'rbac.authorization.k8s.io';
const RBAC_V1 = `${RBAC}/v1`;

const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

/** The verbs that only apply to certain resources: [resource, group] pairs. */
const SPECIAL_VERBS: Record<string, readonly [string, string][]> = {
  use: [['podsecuritypolicies', 'policy']],
  bind: [
    ['roles', RBAC],
    ['clusterroles', RBAC],
  ],
  escalate: [
    ['roles', RBAC],
    ['clusterroles', RBAC],
  ],
  impersonate: [
    ['users', ''],
    ['serviceaccounts', ''],
    ['groups', ''],
    ['userextras', 'authentication.k8s.io'],
    ['uids', 'authentication.k8s.io'],
  ],
};

interface ResourceOption {
  resource: string;
  group: string;
  subresource: string;
}

/** The verbs without duplicates; `*` alone when given. */
function completeVerbs(args: ParsedArgs): string[] {
  const verbs: string[] = [];
  for (const v of sliceFlag(args, 'verb')) {
    if (v === '*') return ['*'];
    if (!verbs.includes(v)) verbs.push(v);
  }
  return verbs;
}

/** `resource.group/subresource`; a bare `*` alone replaces the rest. */
function completeResources(args: ParsedArgs): ResourceOption[] {
  const out: ResourceOption[] = [];
  for (const r of sliceFlag(args, 'resource')) {
    const slash = r.indexOf('/');
    const main = slash < 0 ? r : r.slice(0, slash);
    const subresource = slash < 0 ? '' : r.slice(slash + 1);
    const dot = main.indexOf('.');
    const opt = { resource: dot < 0 ? main : main.slice(0, dot), group: dot < 0 ? '' : main.slice(dot + 1), subresource };
    if (opt.resource === '*' && dot < 0 && slash < 0) return [opt];
    out.push(opt);
  }
  return out;
}

const unique = (xs: readonly string[]) => xs.filter((x, i) => xs.indexOf(x) === i);

/** RESTMapper.ResourceFor: the full plural and group of what was typed, or the mapper's error. */
function resourceFor(r: ResourceOption): { resource: string; group: string } | CommandError {
  const typed = r.group ? `${r.resource}.${r.group}` : r.resource;
  const rt = resolveResourceName(typed);
  if (rt) return { resource: rt.plural, group: rt.group };
  return new CommandError(`the server doesn't have a resource type "${r.resource}"`);
}

function validateResources(resources: readonly ResourceOption[], verbs: readonly string[]): void {
  for (const r of resources) {
    if (r.resource === '') throw new CommandError('error: resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const mapped = resourceFor(r);
    let err = mapped instanceof CommandError ? mapped : undefined;
    const res = mapped instanceof CommandError ? { resource: r.resource, group: r.group } : mapped;
    for (const v of verbs) {
      const special = SPECIAL_VERBS[v];
      if (!special) continue;
      if (!special.some(([resource, group]) => resource === res.resource && group === res.group)) {
        throw new CommandError(`error: can not perform '${v}' on '${res.resource}' in group '${res.group}'`);
      }
      err = undefined;
    }
    if (err) throw err;
  }
}

/** One rule per API group (groups sorted), resources in the order given; non-resource URLs in a rule of their own. */
function policyRules(verbs: string[], resources: readonly ResourceOption[], names: string[], urls: string[]): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const mapped = resourceFor(r);
    const res = mapped instanceof CommandError ? { resource: r.resource, group: r.group } : { ...mapped };
    if (r.subresource) res.resource = `${res.resource}/${r.subresource}`;
    const list = byGroup.get(res.group) ?? [];
    if (!list.includes(res.resource)) list.push(res.resource);
    byGroup.set(res.group, list);
  }
  const rules: Record<string, unknown>[] = [...byGroup.keys()].sort().map((g) => ({
    verbs,
    apiGroups: [g],
    resources: byGroup.get(g),
    resourceNames: names.length > 0 ? names : undefined,
  }));
  if (urls.length > 0) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

function warnVerbs(ctx: CommandContext, verbs: readonly string[]): void {
  for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) ctx.io.err(`Warning: '${v}' is not a standard resource verb\n`);
}

export const createRoleCommand = generatedKindCommand({
  name: 'role',
  short: 'Create a role with single rule',
  build(ctx, args, names) {
    const name = nameFromArgs(names, 'role');
    const verbs = completeVerbs(args);
    const resources = completeResources(args);
    const resourceNames = unique(args.flags['resource-name'] as string[]);
    if (verbs.length === 0) throw new CommandError('error: at least one verb must be specified');
    warnVerbs(ctx, verbs);
    if (resources.length === 0) throw new CommandError('error: at least one resource must be specified');
    validateResources(resources, verbs);
    return { kind: 'Role', apiVersion: RBAC_V1, metadata: generatedMeta(name, args), rules: policyRules(verbs, resources, resourceNames, []) } as KObject;
  },
});

export const createClusterRoleCommand = generatedKindCommand({
  name: 'clusterrole',
  short: 'Create a cluster role',
  build(ctx, args, names) {
    const name = nameFromArgs(names, 'clusterrole');
    const verbs = completeVerbs(args);
    const resources = completeResources(args);
    const resourceNames = unique(args.flags['resource-name'] as string[]);
    const urls = unique(sliceFlag(args, 'non-resource-url'));
    const aggregation = aggregationLabels(String(args.flags['aggregation-rule'] ?? ''));
    const meta = generatedMeta(name, args, undefined, false);
    if (aggregation) {
      if (urls.length > 0 || verbs.length > 0 || resources.length > 0 || resourceNames.length > 0) {
        throw new CommandError('error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
      }
      return { kind: 'ClusterRole', apiVersion: RBAC_V1, metadata: meta, rules: null, aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregation }] } } as unknown as KObject;
    }
    validateClusterRole(ctx, verbs, resources, urls);
    return { kind: 'ClusterRole', apiVersion: RBAC_V1, metadata: meta, rules: policyRules(verbs, resources, resourceNames, urls) } as KObject;
  },
});

/** `--aggregation-rule=k=v,k2=v2` (a map flag); undefined when not given. */
function aggregationLabels(text: string): Record<string, string> | undefined {
  if (text === '') return undefined;
  const labels: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new CommandError(`error: invalid argument "${text}" for "--aggregation-rule" flag: ${pair} must be formatted as key=value`);
    labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return labels;
}

function validateClusterRole(ctx: CommandContext, verbs: string[], resources: ResourceOption[], urls: string[]): void {
  if (verbs.length === 0) throw new CommandError('error: at least one verb must be specified');
  if (resources.length === 0 && urls.length === 0) throw new CommandError('error: one of resource or nonResourceURL must be specified');
  if (resources.length > 0) {
    warnVerbs(ctx, verbs);
    validateResources(resources, verbs);
  }
  if (urls.length === 0) return;
  for (const v of verbs) if (!VALID_NON_RESOURCE_VERBS.includes(v)) throw new CommandError(`error: invalid verb: '${v}' for nonResourceURL`);
  for (const url of urls) {
    if (url === '*') continue;
    if (url === '' || !url.startsWith('/')) throw new CommandError('error: nonResourceURL should start with /');
    if (url.slice(0, -1).includes('*')) throw new CommandError("error: nonResourceURL only supports wildcard matches when '*' is at the end");
  }
}

/** Users, then groups, then service accounts, each in the order given (rbacv1.Subject field order). */
function subjects(args: ParsedArgs): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const name of args.flags.user as string[]) out.push({ kind: 'User', apiGroup: RBAC, name });
  for (const name of args.flags.group as string[]) out.push({ kind: 'Group', apiGroup: RBAC, name });
  for (const sa of args.flags.serviceaccount as string[]) {
    const tokens = sa.split(':');
    if (tokens.length !== 2 || tokens[1] === '') throw new CommandError('error: serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: tokens[1], namespace: tokens[0] === '' ? undefined : tokens[0] });
  }
  return out;
}

export const createRoleBindingCommand = generatedKindCommand({
  name: 'rolebinding',
  short: 'Create a role binding for a particular role or cluster role',
  build(_ctx, args, names) {
    const name = nameFromArgs(names, 'rolebinding');
    const role = String(args.flags.role ?? '');
    const clusterRole = String(args.flags.clusterrole ?? '');
    if ((role === '') === (clusterRole === '')) throw new CommandError('error: exactly one of clusterrole or role must be specified');
    const subs = subjects(args);
    return {
      kind: 'RoleBinding',
      apiVersion: RBAC_V1,
      metadata: generatedMeta(name, args),
      subjects: subs.length > 0 ? subs : undefined,
      roleRef: { apiGroup: RBAC, kind: role !== '' ? 'Role' : 'ClusterRole', name: role !== '' ? role : clusterRole },
    } as unknown as KObject;
  },
});

export const createClusterRoleBindingCommand = generatedKindCommand({
  name: 'clusterrolebinding',
  short: 'Create a cluster role binding for a particular cluster role',
  required: ['clusterrole'],
  build(_ctx, args, names) {
    const name = nameFromArgs(names, 'clusterrolebinding');
    const subs = subjects(args);
    return {
      kind: 'ClusterRoleBinding',
      apiVersion: RBAC_V1,
      metadata: generatedMeta(name, args, undefined, false),
      subjects: subs.length > 0 ? subs : undefined,
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: String(args.flags.clusterrole) },
    } as unknown as KObject;
  },
});
