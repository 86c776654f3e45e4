/**
 * Roles, bindings, Ingresses and IngressClasses as stored kinds: the `kubectl create` generators
 * now create them (their --dry-run=client output is checked against real kubectl in
 * create-more-generators.test.ts), `kubectl get` prints printers.go's tables (the API server
 * builds those, so they cannot be recorded through the fake API server), and the cluster starts
 * with kubeadm's default roles. describe and -o yaml are checked against real kubectl in
 * tests/golden-kubectl/rbac-ingress.json.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';

const run = (s: Session, line: string, stdin?: string) => s.execLine(line, stdin);

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: many
spec:
  ingressClassName: nginx
  tls:
  - hosts: [a.example.com]
  rules:
  - host: a.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
  - host: b.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
  - http: {paths: [{path: /x, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
  - host: c.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
  - host: d.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
`;

describe('kubectl create role|clusterrole|rolebinding|clusterrolebinding|ingress against the store', () => {
  it.each([
    ['kubectl create role r --verb=get --resource=pods', 'role.rbac.authorization.k8s.io/r created\n', 'kubectl get role r -o name'],
    ['kubectl create clusterrole cr --verb=get --non-resource-url=/healthz', 'clusterrole.rbac.authorization.k8s.io/cr created\n', 'kubectl get clusterrole cr -o name'],
    ['kubectl create rolebinding rb --clusterrole=view --user=a -n kube-public', 'rolebinding.rbac.authorization.k8s.io/rb created\n', 'kubectl get rolebinding rb -n kube-public -o name'],
    ['kubectl create clusterrolebinding crb --clusterrole=view --group=g', 'clusterrolebinding.rbac.authorization.k8s.io/crb created\n', 'kubectl get clusterrolebinding crb -o name'],
    ['kubectl create ingress i --rule=/=svc:80', 'ingress.networking.k8s.io/i created\n', 'kubectl get ingress i -o name'],
  ])('%s', (line, out, check) => {
    const s = new Session({ seed: 1 });
    expect(run(s, line)).toMatchObject({ stdout: out, stderr: '', exitCode: 0 });
    expect(run(s, check).exitCode).toBe(0);
  });

  it('--dry-run=server admits without storing; a second create is AlreadyExists', () => {
    const s = new Session({ seed: 1 });
    const before = s.sim.traceHash();
    expect(run(s, 'kubectl create role r --verb=get --resource=pods --dry-run=server').stdout).toBe('role.rbac.authorization.k8s.io/r created (server dry run)\n');
    expect(s.sim.traceHash()).toBe(before);
    run(s, 'kubectl create role r --verb=get --resource=pods');
    expect(run(s, 'kubectl create role r --verb=get --resource=pods').stderr).toBe('Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "r" already exists\n');
  });

  it('prints the stored object with -o yaml, with the defaults the server added', () => {
    const s = new Session({ seed: 1 });
    const out = run(s, 'kubectl create ingress i --rule=foo.com/=svc:80 -o yaml').stdout;
    expect(out).toContain('  generation: 1\n');
    expect(out).toContain('status:\n  loadBalancer: {}\n');
  });

  it('an invalid generated object is refused by the server in its words', () => {
    const s = new Session({ seed: 1 });
    expect(run(s, 'kubectl create ingress i --rule=/=1svc:80').stderr).toBe(
      `The Ingress "i" is invalid: spec.rules[0].http.paths[0].backend.service.name: Invalid value: "1svc": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n`,
    );
  });
});

describe('kubectl get tables (printers.go)', () => {
  it('roles show CREATED AT; bindings ROLE and AGE, and subjects with -o wide', () => {
    const s = new Session({ seed: 1 });
    run(s, 'kubectl create role r --verb=get --resource=pods');
    run(s, 'kubectl create rolebinding rb --role=r --user=u1 --user=u2 --group=g --serviceaccount=default:robot');
    run(s, 'sim advance 90s');
    expect(run(s, 'kubectl get role').stdout).toBe('NAME   CREATED AT\nr      2025-01-01T00:00:00Z\n');
    expect(run(s, 'kubectl get rolebinding').stdout).toBe('NAME   ROLE     AGE\nrb     Role/r   90s\n');
    expect(run(s, 'kubectl get rolebinding -o wide').stdout).toBe(
      'NAME   ROLE     AGE   USERS    GROUPS   SERVICEACCOUNTS\nrb     Role/r   90s   u1, u2   g        default/robot\n',
    );
  });

  it('ingresses show CLASS, at most three HOSTS, an empty ADDRESS (no controller) and PORTS 80, 443 with TLS', () => {
    const s = new Session({ seed: 1 });
    run(s, 'kubectl apply -f -', INGRESS);
    run(s, 'kubectl create ingress plain --rule=/=web:80');
    // formatHosts counts "more" against every rule, the host-less one included: 5 rules - 3 shown.
    expect(run(s, 'kubectl get ing').stdout).toBe(
      [
        'NAME    CLASS    HOSTS                                                   ADDRESS   PORTS     AGE',
        'many    nginx    a.example.com,b.example.com,c.example.com + 2 more...             80, 443   0s',
        'plain   <none>   *                                                                 80        0s',
        '',
      ].join('\n'),
    );
  });

  it('lists three hosts without "more" when there are only three rules', () => {
    const s = new Session({ seed: 1 });
    run(s, 'kubectl apply -f -', INGRESS.split('  - host: c.example.com')[0]);
    expect(run(s, 'kubectl get ing many -o wide').stdout).toContain('   a.example.com,b.example.com   ');
  });

  it('ingress classes show CONTROLLER and PARAMETERS; the default class fills in ingressClassName', () => {
    const s = new Session({ seed: 1 });
    run(
      s,
      'kubectl apply -f -',
      'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n  annotations:\n    ingressclass.kubernetes.io/is-default-class: "true"\nspec:\n  controller: k8s.io/ingress-nginx\n  parameters:\n    apiGroup: k8s.example.com\n    kind: Params\n    name: p\n',
    );
    expect(run(s, 'kubectl get ingressclass').stdout).toBe('NAME    CONTROLLER             PARAMETERS                 AGE\nnginx   k8s.io/ingress-nginx   Params.k8s.example.com/p   0s\n');
    run(s, 'kubectl create ingress i --rule=/=web:80');
    expect(run(s, 'kubectl get ing i -o jsonpath={.spec.ingressClassName}').stdout).toBe('nginx');
  });
});

describe("a kubeadm cluster's default RBAC objects", () => {
  it('has cluster-admin, admin, edit, view and the controllers roles, bound to their subjects', () => {
    const s = new Session({ seed: 1 });
    const roles = run(s, 'kubectl get clusterroles -o name').stdout.split('\n');
    for (const name of ['cluster-admin', 'admin', 'edit', 'view', 'system:node', 'system:kube-scheduler', 'system:controller:deployment-controller']) {
      expect(roles).toContain(`clusterrole.rbac.authorization.k8s.io/${name}`);
    }
    expect(run(s, 'kubectl get clusterrolebinding cluster-admin -o jsonpath={.subjects[0].name}').stdout).toBe('system:masters');
    expect(run(s, 'kubectl get clusterrolebinding system:controller:job-controller -o jsonpath={.subjects[0].namespace}/{.subjects[0].name}').stdout).toBe(
      'kube-system/job-controller',
    );
    expect(run(s, 'kubectl get roles -n kube-system -o name').stdout).toBe(
      [
        'role.rbac.authorization.k8s.io/extension-apiserver-authentication-reader',
        'role.rbac.authorization.k8s.io/kube-proxy',
        'role.rbac.authorization.k8s.io/kubeadm:kubelet-config',
        'role.rbac.authorization.k8s.io/kubeadm:nodes-kubeadm-config',
        '',
      ].join('\n'),
    );
  });

  it('aggregates view into edit and edit into admin, as the aggregation controller does', () => {
    const s = new Session({ seed: 1 });
    const rules = (name: string) => JSON.parse(run(s, `kubectl get clusterrole ${name} -o jsonpath={.rules}`).stdout) as unknown[];
    const [view, edit, admin] = [rules('view'), rules('edit'), rules('admin')];
    for (const r of view) expect(edit).toContainEqual(r);
    for (const r of edit) expect(admin).toContainEqual(r);
    expect(admin.length).toBeGreaterThan(edit.length);
  });

  it('seeds them without moving the simulation PRNG (generated names are unchanged by their UIDs)', () => {
    const a = new Session({ seed: 3 });
    const uid = run(a, 'kubectl get clusterrole view -o jsonpath={.metadata.uid}').stdout;
    expect(uid).toMatch(/^[0-9a-f]{8}-/);
    expect(run(new Session({ seed: 3 }), 'kubectl get clusterrole view -o jsonpath={.metadata.uid}').stdout).toBe(uid);
  });
});
