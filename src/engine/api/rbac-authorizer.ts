/**
 * The API server's authorization of one request, as a kubeadm v1.31 cluster configures it
 * (`--authorization-mode=Node,RBAC`, behind the `system:masters` superuser authorizer the API
 * server always puts first). Pure: it reads ClusterRoles, ClusterRoleBindings, Roles and
 * RoleBindings through an `RbacSource` and returns a decision.
 *
 * - RBAC follows plugin/pkg/auth/authorizer/rbac/rbac.go (`Authorize`, `RulesFor`,
 *   `RuleAllows`) and pkg/registry/rbac/validation/rule.go (`VisitRulesFor`, `appliesTo`,
 *   `GetRoleReferenceRules`), with the match helpers of pkg/apis/rbac/v1/evaluation_helpers.go.
 * - The superuser authorizer (authorizerfactory.NewPrivilegedGroups) allows everything for
 *   `system:masters` with no reason, and resolves no rules (it is no RuleResolver).
 * - The Node authorizer is not modelled: it has no opinion on anyone outside `system:nodes`.
 *
 * Errors (a binding naming a role that does not exist) do not stop the walk; a denied request
 * reports them as its reason, as RBAC does (`RBAC: ` + the aggregated errors).
 */
import type { KObject } from './types.ts';

/** Who is asking (apiserver user.Info). */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What is asked: a resource request, or a non-resource one (`path` set). */
export interface RequestAttributes {
  verb: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /** `''` for cluster-scoped requests and for all namespaces. */
  namespace?: string;
  /** A non-resource URL (`/healthz`); present exactly when the request is not for a resource. */
  path?: string;
}

/** One RBAC policy rule (rbac/v1 PolicyRule). */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

interface RoleRef {
  kind: string;
  name: string;
}

/** Where RBAC objects are read from (the API store, or fixtures in tests). */
export interface RbacSource {
  clusterRoleBindings(): readonly KObject[];
  roleBindings(namespace: string): readonly KObject[];
  clusterRole(name: string): KObject | undefined;
  role(namespace: string, name: string): KObject | undefined;
}

/** An authorizer's answer (authorizer.Decision and its reason). */
export interface Decision {
  allowed: boolean;
  reason: string;
}

/** The rules a user holds in a namespace (SubjectRulesReviewStatus). */
export interface RulesReview {
  resourceRules: PolicyRule[];
  nonResourceRules: PolicyRule[];
  incomplete: boolean;
  evaluationError: string;
}

/** user.SystemPrivilegedGroup. */
export const SYSTEM_MASTERS = 'system:masters';
/** user.AllAuthenticated. */
export const SYSTEM_AUTHENTICATED = 'system:authenticated';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** How the API server authenticates kubeadm's admin.conf (v1.29+: O=kubeadm:cluster-admins, not system:masters). */
export const KUBEADM_ADMIN: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', SYSTEM_AUTHENTICATED] };

/** serviceaccount.MakeUsername. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** serviceaccount.SplitUsername: the namespace and name of `system:serviceaccount:NS:NAME`, if it is one. */
export function splitServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  const prefix = 'system:serviceaccount:';
  if (!username.startsWith(prefix)) return undefined;
  const parts = username.slice(prefix.length).split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/**
 * The user an impersonating request acts as (filters/impersonation.go): a service account
 * username gets its fixed groups when none are given; a non-anonymous user gets
 * `system:authenticated` unless the groups already name it or `system:unauthenticated`.
 */
export function impersonatedUser(username: string, groups: readonly string[]): UserInfo {
  let out = [...groups];
  const sa = splitServiceAccountUsername(username);
  if (sa && out.length === 0) out = ['system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`];
  if (username === 'system:anonymous') {
    if (!out.includes('system:unauthenticated')) out.push('system:unauthenticated');
  } else if (!out.includes(SYSTEM_AUTHENTICATED) && !out.includes('system:unauthenticated')) {
    out.push(SYSTEM_AUTHENTICATED);
  }
  return { username, groups: out };
}

// --- evaluation_helpers.go -------------------------------------------------------------------

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === '*' || g === group);
}

/** `*`, the exact `resource[/subresource]`, or (for a subresource request) `*` slash that subresource. */
export function resourceMatches(rule: PolicyRule, combinedResource: string, subresource: string): boolean {
  return (rule.resources ?? []).some(
    (r) => r === '*' || r === combinedResource || (subresource !== '' && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)),
  );
}

/** No resourceNames matches every name (and none); otherwise the name must be listed. */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/** `*`, the exact path, or a prefix ending in `*` (every trailing `*` trimmed, as strings.TrimRight). */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))));
}

/** rbac.go RuleAllows. */
export function ruleAllows(attrs: RequestAttributes, rule: PolicyRule): boolean {
  if (attrs.path !== undefined) return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path);
  const sub = attrs.subresource ?? '';
  const combined = sub === '' ? (attrs.resource ?? '') : `${attrs.resource ?? ''}/${sub}`;
  return verbMatches(rule, attrs.verb) && apiGroupMatches(rule, attrs.apiGroup ?? '') && resourceMatches(rule, combined, sub) && resourceNameMatches(rule, attrs.name ?? '');
}

// --- rule.go ---------------------------------------------------------------------------------

/** appliesToUser: a ServiceAccount subject without a namespace takes the binding's (none for cluster bindings). */
function appliesToUser(user: UserInfo, s: Subject, namespace: string): boolean {
  if (s.kind === 'User') return user.username === s.name;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind !== 'ServiceAccount') return false;
  const ns = s.namespace || namespace;
  return ns !== '' && user.username === serviceAccountUsername(ns, s.name);
}

/** The rules a role reference names, or the lister's NotFound error message. */
function roleReferenceRules(src: RbacSource, ref: RoleRef, namespace: string): PolicyRule[] | string {
  if (ref.kind === 'Role') {
    const role = src.role(namespace, ref.name);
    return role ? rulesOf(role) : `role.${RBAC_GROUP} "${ref.name}" not found`;
  }
  if (ref.kind === 'ClusterRole') {
    const role = src.clusterRole(ref.name);
    return role ? rulesOf(role) : `clusterrole.${RBAC_GROUP} "${ref.name}" not found`;
  }
  return `unsupported role reference kind: "${ref.kind}"`;
}

function rulesOf(role: KObject): PolicyRule[] {
  return ((role as unknown as { rules?: PolicyRule[] }).rules ?? []).map((r) => ({ ...r, verbs: r.verbs ?? [] }));
}

function subjectsOf(b: KObject): Subject[] {
  return (b as unknown as { subjects?: Subject[] }).subjects ?? [];
}

/** describeSubject: service accounts as `name/namespace`. */
function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} "${s.name}/${s.namespace || bindingNamespace}"`;
  return `${s.kind} "${s.name}"`;
}

/** A rule with the binding it came from (for the allow reason), or an error. */
type Visit = { rule: PolicyRule; source: string } | { error: string };

/** VisitRulesFor: cluster role bindings, then (for a namespace) that namespace's role bindings; `visit` returns false to stop. */
export function visitRulesFor(src: RbacSource, user: UserInfo, namespace: string, visit: (v: Visit) => boolean): void {
  const bindings: [KObject, string][] = src.clusterRoleBindings().map((b) => [b, '']);
  if (namespace !== '') for (const b of src.roleBindings(namespace)) bindings.push([b, namespace]);
  for (const [b, ns] of bindings) {
    const subject = subjectsOf(b).find((s) => appliesToUser(user, s, ns));
    if (!subject) continue;
    const ref = (b as unknown as { roleRef: RoleRef }).roleRef;
    const rules = roleReferenceRules(src, ref, ns);
    if (typeof rules === 'string') {
      if (!visit({ error: rules })) return;
      continue;
    }
    const name = ns === '' ? `ClusterRoleBinding "${b.metadata.name}"` : `RoleBinding "${b.metadata.name}/${ns}"`;
    const source = `${name} of ${ref.kind} "${ref.name}" to ${describeSubject(subject, ns)}`;
    for (const rule of rules) if (!visit({ rule, source })) return;
  }
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several deduplicated in brackets. */
function aggregate(errors: readonly string[]): string {
  const seen = [...new Set(errors)];
  return seen.length === 1 ? seen[0] : seen.length === 0 ? '' : `[${seen.join(', ')}]`;
}

/** RBACAuthorizer.Authorize: allowed by the first rule that allows; a denial's reason lists the errors met. */
export function rbacAuthorize(src: RbacSource, user: UserInfo, attrs: RequestAttributes): Decision {
  let allowedBy: string | undefined;
  const errors: string[] = [];
  visitRulesFor(src, user, attrs.namespace ?? '', (v) => {
    if ('error' in v) {
      errors.push(v.error);
      return true;
    }
    if (!ruleAllows(attrs, v.rule)) return true;
    allowedBy = `RBAC: allowed by ${v.source}`;
    return false;
  });
  if (allowedBy !== undefined) return { allowed: true, reason: allowedBy };
  return { allowed: false, reason: errors.length > 0 ? `RBAC: ${aggregate(errors)}` : '' };
}

/** The API server's authorizer chain: the system:masters superuser, then RBAC. */
export function authorize(src: RbacSource, user: UserInfo, attrs: RequestAttributes): Decision {
  if (user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
  return rbacAuthorize(src, user, attrs);
}

/** RBACAuthorizer.RulesFor, as the SelfSubjectRulesReview endpoint returns it (RBAC never reports itself incomplete). */
export function rulesFor(src: RbacSource, user: UserInfo, namespace: string): RulesReview {
  const resourceRules: PolicyRule[] = [];
  const nonResourceRules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(src, user, namespace, (v) => {
    if ('error' in v) errors.push(v.error);
    else {
      const r = v.rule;
      if ((r.resources ?? []).length > 0) resourceRules.push({ verbs: r.verbs, apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames ?? [] });
      if ((r.nonResourceURLs ?? []).length > 0) nonResourceRules.push({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs ?? [] });
    }
    return true;
  });
  return { resourceRules, nonResourceRules, incomplete: false, evaluationError: aggregate(errors) };
}

/** The minimal store surface an RbacSource needs (ApiStore has it). */
export interface RbacStoreReader {
  list(resource: string, opts?: { namespace?: string }): { items: KObject[] };
  tryGet(resource: string, namespace: string, name: string): KObject | undefined;
}

/** Reads RBAC objects from the API store. */
export function storeRbacSource(store: RbacStoreReader): RbacSource {
  return {
    clusterRoleBindings: () => store.list('clusterrolebindings').items,
    roleBindings: (namespace) => store.list('rolebindings', { namespace }).items,
    clusterRole: (name) => store.tryGet('clusterroles', '', name),
    role: (namespace, name) => store.tryGet('roles', namespace, name),
  };
}
