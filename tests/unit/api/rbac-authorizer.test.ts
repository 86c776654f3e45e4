/**
 * The RBAC authorizer (src/engine/api/rbac-authorizer.ts), table-driven as
 * pkg/apis/rbac/v1/evaluation_helpers_test.go and plugin/pkg/auth/authorizer/rbac/rbac_test.go
 * are: the match helpers' edge cases, subjects (User, Group, ServiceAccount with and without a
 * namespace), RoleBindings to ClusterRoles, missing roles, the superuser group, rules listing, and
 * the seeded kubeadm cluster's own bindings.
 */
import { describe, expect, it } from 'vitest';
import {
  apiGroupMatches,
  authorize,
  impersonatedUser,
  KUBEADM_ADMIN,
  nonResourceURLMatches,
  rbacAuthorize,
  resourceMatches,
  resourceNameMatches,
  ruleAllows,
  rulesFor,
  splitServiceAccountUsername,
  storeRbacSource,
  verbMatches,
  type PolicyRule,
  type RbacSource,
  type RequestAttributes,
  type UserInfo,
} from '../../../src/engine/api/rbac-authorizer.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { Simulation } from '../../../src/engine/simulation.ts';

const rule = (r: Partial<PolicyRule>): PolicyRule => ({ verbs: [], ...r });

describe('evaluation helpers', () => {
  it.each([
    [['get'], 'get', true],
    [['*'], 'escalate', true],
    [['get', 'list'], 'watch', false],
    [['GET'], 'get', false],
    [[], 'get', false],
  ] as const)('VerbMatches(%j, %s) = %s', (verbs, verb, want) => {
    expect(verbMatches(rule({ verbs: [...verbs] }), verb)).toBe(want);
  });

  it.each([
    [[''], '', true],
    [['*'], 'apps', true],
    [['apps'], '', false],
    [[''], 'apps', false],
    [[], '', false],
  ] as const)('APIGroupMatches(%j, %j) = %s', (groups, group, want) => {
    expect(apiGroupMatches(rule({ apiGroups: [...groups] }), group)).toBe(want);
  });

  it.each([
    [['pods'], 'pods', '', true],
    [['*'], 'pods/log', 'log', true],
    [['pods'], 'pods/log', 'log', false],
    [['pods/log'], 'pods/log', 'log', true],
    [['pods/log'], 'pods', '', false],
    [['*/log'], 'pods/log', 'log', true],
    [['*/log'], 'pods', '', false],
    [['*/status'], 'pods/log', 'log', false],
    // */subresource needs the exact length: `*/xlog` is not `*/log`.
    [['*/xlog'], 'pods/log', 'log', false],
    [['pods/*'], 'pods/log', 'log', false],
  ] as const)('ResourceMatches(%j, %s, %j) = %s', (resources, combined, sub, want) => {
    expect(resourceMatches(rule({ resources: [...resources] }), combined, sub)).toBe(want);
  });

  it.each([
    [[], 'anything', true],
    [[], '', true],
    [['cfg'], 'cfg', true],
    [['cfg'], 'other', false],
    // A list without a name (list, create) is not allowed by a rule that names objects.
    [['cfg'], '', false],
  ] as const)('ResourceNameMatches(%j, %j) = %s', (names, name, want) => {
    expect(resourceNameMatches(rule({ resourceNames: [...names] }), name)).toBe(want);
  });

  it.each([
    [['*'], '/anything', true],
    [['/healthz'], '/healthz', true],
    [['/healthz'], '/healthz/ping', false],
    [['/healthz/*'], '/healthz/ping', true],
    [['/healthz/*'], '/healthz', false],
    [['/api*'], '/apis/apps', true],
    [['/logs/**'], '/logs/x', true],
    [['/version/'], '/version', false],
  ] as const)('NonResourceURLMatches(%j, %s) = %s', (urls, path, want) => {
    expect(nonResourceURLMatches(rule({ nonResourceURLs: [...urls] }), path)).toBe(want);
  });

  it('RuleAllows checks non-resource rules against paths and resource rules against resources, never across', () => {
    const both = rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'], nonResourceURLs: ['/healthz'] });
    expect(ruleAllows({ verb: 'get', path: '/healthz' }, both)).toBe(true);
    expect(ruleAllows({ verb: 'get', resource: 'pods', apiGroup: '' }, both)).toBe(true);
    expect(ruleAllows({ verb: 'get', path: '/healthz' }, rule({ verbs: ['get'], apiGroups: ['*'], resources: ['*'] }))).toBe(false);
    expect(ruleAllows({ verb: 'get', resource: 'pods' }, rule({ verbs: ['*'], nonResourceURLs: ['*'] }))).toBe(false);
  });
});

function obj(kind: string, name: string, namespace: string | undefined, rest: Record<string, unknown>): KObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...rest } as KObject;
}

/** An RbacSource over plain objects. */
function source(objects: KObject[]): RbacSource {
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  return {
    clusterRoleBindings: () => of('ClusterRoleBinding'),
    roleBindings: (ns) => of('RoleBinding').filter((b) => b.metadata.namespace === ns),
    clusterRole: (name) => of('ClusterRole').find((r) => r.metadata.name === name),
    role: (ns, name) => of('Role').find((r) => r.metadata.namespace === ns && r.metadata.name === name),
  };
}

const ref = (kind: string, name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });

const FIXTURE = source([
  obj('ClusterRole', 'pod-reader', undefined, { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] }),
  obj('ClusterRole', 'node-reader', undefined, { rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }] }),
  obj('Role', 'cm-writer', 'dev', { rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['update'], resourceNames: ['cfg'] }] }),
  // A RoleBinding may name a ClusterRole: its rules apply in the binding's namespace only.
  obj('RoleBinding', 'read-pods', 'dev', { roleRef: ref('ClusterRole', 'pod-reader'), subjects: [{ kind: 'User', name: 'alice' }, { kind: 'ServiceAccount', name: 'app' }] }),
  obj('RoleBinding', 'write-cm', 'dev', { roleRef: ref('Role', 'cm-writer'), subjects: [{ kind: 'Group', name: 'writers' }] }),
  obj('RoleBinding', 'ghost', 'dev', { roleRef: ref('Role', 'missing'), subjects: [{ kind: 'User', name: 'carol' }] }),
  obj('RoleBinding', 'ghost2', 'dev', { roleRef: ref('ClusterRole', 'missing'), subjects: [{ kind: 'User', name: 'carol' }] }),
  // No namespace on a ClusterRoleBinding's service account: it matches nobody.
  obj('ClusterRoleBinding', 'nodes', undefined, { roleRef: ref('ClusterRole', 'node-reader'), subjects: [{ kind: 'ServiceAccount', name: 'app' }, { kind: 'ServiceAccount', name: 'mon', namespace: 'ops' }] }),
]);

const user = (username: string, groups: string[] = ['system:authenticated']): UserInfo => ({ username, groups });
const sa = (ns: string, name: string) => impersonatedUser(`system:serviceaccount:${ns}:${name}`, []);

describe('RBAC authorizer', () => {
  it.each([
    ['alice gets pods in dev', user('alice'), { verb: 'get', resource: 'pods', namespace: 'dev' }, true],
    ['alice lists pods in default', user('alice'), { verb: 'list', resource: 'pods', namespace: 'default' }, false],
    ['alice lists pods in all namespaces', user('alice'), { verb: 'list', resource: 'pods', namespace: '' }, false],
    ['alice deletes pods in dev', user('alice'), { verb: 'delete', resource: 'pods', namespace: 'dev' }, false],
    ['alice gets apps pods in dev', user('alice'), { verb: 'get', apiGroup: 'apps', resource: 'pods', namespace: 'dev' }, false],
    ['alice gets pods/log in dev', user('alice'), { verb: 'get', resource: 'pods', subresource: 'log', namespace: 'dev' }, false],
    ['dev:app (namespace from the binding) gets pods', sa('dev', 'app'), { verb: 'get', resource: 'pods', namespace: 'dev' }, true],
    ['other:app does not', sa('other', 'app'), { verb: 'get', resource: 'pods', namespace: 'dev' }, false],
    ['dev:app gets nodes (cluster binding without a namespace)', sa('dev', 'app'), { verb: 'get', resource: 'nodes', namespace: '' }, false],
    ['ops:mon gets nodes', sa('ops', 'mon'), { verb: 'get', resource: 'nodes', namespace: '' }, true],
    ['ops:mon gets nodes asking in a namespace', sa('ops', 'mon'), { verb: 'get', resource: 'nodes', namespace: 'dev' }, true],
    ['writers update cfg', user('w', ['writers']), { verb: 'update', resource: 'configmaps', name: 'cfg', namespace: 'dev' }, true],
    ['writers update other', user('w', ['writers']), { verb: 'update', resource: 'configmaps', name: 'other', namespace: 'dev' }, false],
    ['writers update unnamed', user('w', ['writers']), { verb: 'update', resource: 'configmaps', namespace: 'dev' }, false],
    ['a user named like the group', user('writers', []), { verb: 'update', resource: 'configmaps', name: 'cfg', namespace: 'dev' }, false],
    ['bob in system:masters', user('bob', ['system:masters']), { verb: 'delete', resource: 'nodes', namespace: '' }, true],
    ['bob in system:masters, a URL', user('bob', ['system:masters']), { verb: 'post', path: '/anything' }, true],
  ] as [string, UserInfo, RequestAttributes, boolean][])('%s', (_name, u, attrs, want) => {
    expect(authorize(FIXTURE, u, attrs).allowed).toBe(want);
  });

  it('gives the binding that allowed, and a denial no reason', () => {
    expect(rbacAuthorize(FIXTURE, sa('dev', 'app'), { verb: 'get', resource: 'pods', namespace: 'dev' }).reason).toBe(
      'RBAC: allowed by RoleBinding "read-pods/dev" of ClusterRole "pod-reader" to ServiceAccount "app/dev"',
    );
    expect(rbacAuthorize(FIXTURE, sa('ops', 'mon'), { verb: 'get', resource: 'nodes', namespace: '' }).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "nodes" of ClusterRole "node-reader" to ServiceAccount "mon/ops"',
    );
    expect(authorize(FIXTURE, user('alice'), { verb: 'delete', resource: 'pods', namespace: 'dev' })).toEqual({ allowed: false, reason: '' });
  });

  it('reports missing roles as the reason of a denial (aggregated, in brackets when several)', () => {
    expect(authorize(FIXTURE, user('carol'), { verb: 'get', resource: 'pods', namespace: 'dev' }).reason).toBe(
      'RBAC: [role.rbac.authorization.k8s.io "missing" not found, clusterrole.rbac.authorization.k8s.io "missing" not found]',
    );
    // Outside the namespace the bindings are not read: no error.
    expect(authorize(FIXTURE, user('carol'), { verb: 'get', resource: 'pods', namespace: 'default' }).reason).toBe('');
  });

  it('lists the rules of every binding that applies, resource and non-resource apart, with the errors met', () => {
    expect(rulesFor(FIXTURE, user('alice'), 'dev')).toEqual({
      resourceRules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'], resourceNames: [] }],
      nonResourceRules: [],
      incomplete: false,
      evaluationError: '',
    });
    expect(rulesFor(FIXTURE, user('carol'), 'dev').evaluationError).toBe('[role.rbac.authorization.k8s.io "missing" not found, clusterrole.rbac.authorization.k8s.io "missing" not found]');
  });
});

describe('identities', () => {
  it('splits service account usernames', () => {
    expect(splitServiceAccountUsername('system:serviceaccount:dev:app')).toEqual({ namespace: 'dev', name: 'app' });
    expect(splitServiceAccountUsername('system:serviceaccount:dev')).toBeUndefined();
    expect(splitServiceAccountUsername('system:serviceaccount:dev:app:x')).toBeUndefined();
    expect(splitServiceAccountUsername('alice')).toBeUndefined();
  });

  it('gives impersonated users their groups as the impersonation filter does', () => {
    expect(impersonatedUser('system:serviceaccount:dev:app', []).groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated']);
    expect(impersonatedUser('system:serviceaccount:dev:app', ['g']).groups).toEqual(['g', 'system:authenticated']);
    expect(impersonatedUser('alice', []).groups).toEqual(['system:authenticated']);
    expect(impersonatedUser('alice', ['system:authenticated', 'g']).groups).toEqual(['system:authenticated', 'g']);
    expect(impersonatedUser('alice', ['system:unauthenticated']).groups).toEqual(['system:unauthenticated']);
    expect(impersonatedUser('system:anonymous', []).groups).toEqual(['system:unauthenticated']);
  });
});

describe('a seeded kubeadm cluster', () => {
  const sim = Simulation.create(1, { nodes: 1 });
  const src = storeRbacSource(sim.store);

  it("gives the admin everything through the kubeadm:cluster-admins binding, not a bypass", () => {
    expect(rbacAuthorize(src, KUBEADM_ADMIN, { verb: 'delete', resource: 'nodes', namespace: '' }).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
    );
    const bindings = src.clusterRoleBindings().filter((b) => b.metadata.name !== 'kubeadm:cluster-admins');
    const without: RbacSource = { ...src, clusterRoleBindings: () => bindings };
    expect(authorize(without, KUBEADM_ADMIN, { verb: 'delete', resource: 'nodes', namespace: '' }).allowed).toBe(false);
    // system:basic-user and system:discovery still apply to every authenticated user.
    expect(authorize(without, KUBEADM_ADMIN, { verb: 'create', apiGroup: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews', namespace: '' }).allowed).toBe(true);
    expect(authorize(without, KUBEADM_ADMIN, { verb: 'get', path: '/version' }).allowed).toBe(true);
  });

  it('lets a fresh service account do only what every authenticated user may', () => {
    const app = impersonatedUser('system:serviceaccount:default:default', []);
    expect(authorize(src, app, { verb: 'list', resource: 'pods', namespace: 'default' }).allowed).toBe(false);
    expect(authorize(src, app, { verb: 'get', path: '/openid/v1/jwks' }).allowed).toBe(true);
    expect(authorize(src, app, { verb: 'get', path: '/metrics' }).allowed).toBe(false);
  });
});
