/**
 * RBAC (Role, ClusterRole, RoleBinding, ClusterRoleBinding) and networking (Ingress,
 * IngressClass) admission as a v1.31 API server applies it: defaults, and pkg/apis/rbac and
 * pkg/apis/networking validation errors in kubectl's words.
 */
import { describe, expect, it } from 'vitest';
import { StatusError } from '../../../src/engine/api/errors.ts';
import { resolveResourceName } from '../../../src/engine/api/resources.ts';
import { ApiStore } from '../../../src/engine/api/store.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { Kernel } from '../../../src/engine/kernel/kernel.ts';
import { errorMessage } from '../../../src/commands/kubectl/errors.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';
const NET = 'networking.k8s.io/v1';

function store(): ApiStore {
  const s = new ApiStore(new Kernel(1));
  s.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return s;
}

function createError(obj: KObject, s = store()): string {
  try {
    s.create(obj);
  } catch (e) {
    if (e instanceof StatusError) return errorMessage(e);
    throw e;
  }
  throw new Error('expected an error');
}

const role = (rules: unknown, kind = 'Role'): KObject =>
  ({ apiVersion: RBAC, kind, metadata: { name: 'r', ...(kind === 'Role' ? { namespace: 'default' } : {}) }, rules }) as unknown as KObject;
const binding = (extra: Record<string, unknown>, kind = 'RoleBinding'): KObject =>
  ({
    apiVersion: RBAC,
    kind,
    metadata: { name: 'b', ...(kind === 'RoleBinding' ? { namespace: 'default' } : {}) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    ...extra,
  }) as unknown as KObject;
const ingress = (spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KObject =>
  ({ apiVersion: NET, kind: 'Ingress', metadata: { name: 'web', namespace: 'default', ...meta }, spec }) as unknown as KObject;
const backend = (port: Record<string, unknown> = { number: 80 }, name = 'web') => ({ service: { name, port } });
const rule = (path: Record<string, unknown>, host?: string) => ({ ...(host ? { host } : {}), http: { paths: [path] } });

describe('RBAC resources', () => {
  it.each([
    ['role', 'rbac.authorization.k8s.io/v1', 'roles', true],
    ['clusterrole', 'rbac.authorization.k8s.io/v1', 'clusterroles', false],
    ['rolebindings', 'rbac.authorization.k8s.io/v1', 'rolebindings', true],
    ['clusterrolebinding.rbac.authorization.k8s.io', 'rbac.authorization.k8s.io/v1', 'clusterrolebindings', false],
    ['ing', 'networking.k8s.io/v1', 'ingresses', true],
    ['ingressclass', 'networking.k8s.io/v1', 'ingressclasses', false],
  ])('%s resolves to %s %s', (typed, apiVersion, plural, namespaced) => {
    const rt = resolveResourceName(typed);
    expect([rt?.apiVersion, rt?.plural, rt?.namespaced]).toEqual([apiVersion, plural, namespaced]);
  });
});

describe('Role and ClusterRole admission', () => {
  it('stores a role without rules as rules: null', () => {
    const created = store().create(role(undefined)) as unknown as { rules: unknown };
    expect(created.rules).toBeNull();
  });

  it.each([
    { name: 'a rule without verbs', rules: [{ apiGroups: [''], resources: ['pods'] }], want: 'The Role "r" is invalid: rules[0].verbs: Required value: verbs must contain at least one value' },
    {
      name: 'a rule without groups or resources',
      rules: [{ verbs: ['get'] }],
      want: 'The Role "r" is invalid: \n* rules[0].apiGroups: Required value: resource rules must supply at least one api group\n* rules[0].resources: Required value: resource rules must supply at least one resource',
    },
    {
      name: 'a namespaced rule with a non-resource URL',
      rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
      want: 'The Role "r" is invalid: rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    },
  ])('refuses $name', ({ rules, want }) => {
    expect(createError(role(rules))).toBe(want);
  });

  it('lets a ClusterRole have non-resource URLs, but not mixed with resources', () => {
    expect(() => store().create(role([{ verbs: ['get'], nonResourceURLs: ['/healthz'] }], 'ClusterRole'))).not.toThrow();
    expect(createError(role([{ verbs: ['get'], nonResourceURLs: ['/healthz'], resources: ['pods'] }], 'ClusterRole'))).toBe(
      'The ClusterRole "r" is invalid: rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: rules cannot apply to both regular resources and non-resource URLs',
    );
  });

  it('takes names that are path segments, such as system:controller:x, and refuses a slash', () => {
    const cr = { ...role([], 'ClusterRole'), metadata: { name: 'system:controller:x' } };
    expect(() => store().create(cr)).not.toThrow();
    expect(createError({ ...cr, metadata: { name: 'a/b' } })).toBe(`The ClusterRole "a/b" is invalid: metadata.name: Invalid value: "a/b": may not contain '/'`);
  });

  it('requires a selector in an aggregation rule', () => {
    const cr = { ...role(null, 'ClusterRole'), aggregationRule: { clusterRoleSelectors: [] } } as KObject;
    expect(createError(cr)).toBe(
      'The ClusterRole "r" is invalid: aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil',
    );
  });
});

describe('RoleBinding and ClusterRoleBinding admission', () => {
  it('defaults the roleRef and User/Group subjects to the RBAC group, not ServiceAccounts', () => {
    const created = store().create(
      binding({ roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'u' }, { kind: 'ServiceAccount', name: 'sa' }] }),
    ) as unknown as { roleRef: unknown; subjects: unknown };
    expect(created.roleRef).toEqual({ kind: 'Role', name: 'r', apiGroup: 'rbac.authorization.k8s.io' });
    expect(created.subjects).toEqual([{ kind: 'User', name: 'u', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'sa' }]);
  });

  it('refuses to change the roleRef', () => {
    const s = store();
    const created = s.create(binding({}));
    try {
      s.update({ ...created, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' } } as KObject);
      throw new Error('expected an error');
    } catch (e) {
      expect(errorMessage(e as StatusError)).toBe(
        'The RoleBinding "b" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
      );
    }
  });

  it.each([
    {
      name: 'a ClusterRoleBinding to a Role',
      obj: binding({ roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' } }, 'ClusterRoleBinding'),
      want: 'The ClusterRoleBinding "b" is invalid: roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    },
    {
      name: 'a roleRef without a name',
      obj: binding({ roleRef: { kind: 'Role' } }),
      want: 'The RoleBinding "b" is invalid: roleRef.name: Required value',
    },
    {
      name: 'an unknown subject kind',
      obj: binding({ subjects: [{ kind: 'Robot', name: 'x' }] }),
      want: 'The RoleBinding "b" is invalid: subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    },
    {
      name: 'a cluster-wide ServiceAccount subject without a namespace',
      obj: binding({ subjects: [{ kind: 'ServiceAccount', name: 'x' }] }, 'ClusterRoleBinding'),
      want: 'The ClusterRoleBinding "b" is invalid: subjects[0].namespace: Required value',
    },
    {
      name: 'a ServiceAccount subject with an API group',
      obj: binding({ subjects: [{ kind: 'ServiceAccount', name: 'x', apiGroup: 'v1' }] }),
      want: 'The RoleBinding "b" is invalid: subjects[0].apiGroup: Unsupported value: "v1": supported values: ""',
    },
  ])('refuses $name', ({ obj, want }) => {
    expect(createError(obj)).toBe(want);
  });
});

describe('Ingress admission', () => {
  it('starts with an empty load balancer status and generation 1', () => {
    const created = store().create(ingress({ defaultBackend: backend() })) as unknown as { status: unknown; metadata: { generation: number } };
    expect(created.status).toEqual({ loadBalancer: {} });
    expect(created.metadata.generation).toBe(1);
  });

  it('gives an Ingress without a class the default IngressClass', () => {
    const s = store();
    s.create({
      apiVersion: NET,
      kind: 'IngressClass',
      metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: { controller: 'k8s.io/ingress-nginx' },
    } as unknown as KObject);
    const created = s.create(ingress({ defaultBackend: backend() })) as unknown as { spec: { ingressClassName?: string } };
    expect(created.spec.ingressClassName).toBe('nginx');
  });

  it.each([
    { name: 'neither rules nor a default backend', spec: {}, want: 'The Ingress "web" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified' },
    {
      name: 'a path without pathType',
      spec: { rules: [rule({ path: '/', backend: backend() })] },
      want: 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    },
    {
      name: 'an unknown pathType',
      spec: { rules: [rule({ path: '/', pathType: 'Regex', backend: backend() })] },
      want: 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    },
    {
      name: 'a relative Prefix path',
      spec: { rules: [rule({ path: 'api', pathType: 'Prefix', backend: backend() })] },
      want: 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
    },
    {
      name: 'a backend without a port',
      spec: { rules: [rule({ path: '/', pathType: 'Prefix', backend: backend({}) })] },
      want: 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].backend: Required value: port name or number is required',
    },
    {
      name: 'a backend with both port name and number',
      spec: { defaultBackend: backend({ name: 'http', number: 80 }) },
      want: 'The Ingress "web" is invalid: spec.defaultBackend: Invalid value: "": cannot set both port name & port number',
    },
    {
      name: 'a backend service that is not a DNS-1035 label',
      spec: { defaultBackend: backend({ number: 80 }, '1web') },
      want: `The Ingress "web" is invalid: spec.defaultBackend.service.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    },
    {
      name: 'an IP address as host',
      spec: { rules: [rule({ path: '/', pathType: 'Prefix', backend: backend() }, '10.0.0.1')] },
      want: 'The Ingress "web" is invalid: spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
    },
    {
      name: 'a bad wildcard host',
      spec: { rules: [rule({ path: '/', pathType: 'Prefix', backend: backend() }, 'foo.*.com')] },
      want: `The Ingress "web" is invalid: spec.rules[0].host: Invalid value: "foo.*.com": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    },
  ])('refuses $name', ({ spec, want }) => {
    expect(createError(ingress(spec))).toBe(want);
  });

  it('refuses a class annotation that differs from ingressClassName', () => {
    expect(createError(ingress({ ingressClassName: 'a', defaultBackend: backend() }, { annotations: { 'kubernetes.io/ingress.class': 'b' } }))).toBe(
      'The Ingress "web" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: "b": must match `ingressClassName` when both are specified',
    );
  });
});

describe('IngressClass admission', () => {
  const cls = (spec: Record<string, unknown>): KObject => ({ apiVersion: NET, kind: 'IngressClass', metadata: { name: 'c' }, spec }) as unknown as KObject;

  it('defaults parameters.scope to Cluster', () => {
    const created = store().create(cls({ controller: 'example.com/ctl', parameters: { kind: 'Params', name: 'p' } })) as unknown as { spec: { parameters: unknown } };
    expect(created.spec.parameters).toEqual({ kind: 'Params', name: 'p', scope: 'Cluster' });
  });

  it('requires a domain-prefixed controller that never changes', () => {
    expect(createError(cls({ controller: 'nginx' }))).toBe('The IngressClass "c" is invalid: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")');
    const s = store();
    const created = s.create(cls({ controller: 'example.com/a' }));
    expect(() => s.update({ ...created, spec: { controller: 'example.com/b' } } as KObject)).toThrow(
      'spec.controller: Invalid value: "example.com/b": field is immutable',
    );
  });
});
