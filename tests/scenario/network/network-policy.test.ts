/**
 * NetworkPolicy (issue 6 item 8): the kind and its admission, and enforcement in wget and in the
 * traffic model — the docs' "access=true" example, default-deny egress breaking DNS, ipBlock.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const APPS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: nginx}
spec:
  replicas: 2
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - {name: nginx, image: 'nginx:1.27', ports: [{containerPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  selector: {app: nginx}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: blocked}
spec:
  containers: [{name: bb, image: 'busybox:1.36', command: [sleep, '3600']}]
---
apiVersion: v1
kind: Pod
metadata: {name: allowed, labels: {access: "true"}}
spec:
  containers: [{name: bb, image: 'busybox:1.36', command: [sleep, '3600']}]
`;

const ACCESS_NGINX = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: access-nginx}
spec:
  podSelector: {matchLabels: {app: nginx}}
  ingress:
  - from:
    - podSelector: {matchLabels: {access: "true"}}
`;

function lab(): Lab {
  const l = new Lab(9);
  l.apply(APPS);
  l.advance('30s');
  return l;
}

describe('enforcement', () => {
  it('only pods labelled access=true reach nginx once the policy selects it', () => {
    const l = lab();
    expect(l.out('kubectl exec blocked -- wget -qO- http://nginx')).toContain('Welcome to nginx!');
    expect(l.apply(ACCESS_NGINX)).toBe('networkpolicy.networking.k8s.io/access-nginx created\n');
    expect(l.out('kubectl get netpol')).toBe('NAME           POD-SELECTOR   AGE\naccess-nginx   app=nginx      0s\n');
    expect(l.out('kubectl exec blocked -- wget -qO- http://nginx')).toBe('wget: download timed out\ncommand terminated with exit code 1\n');
    expect(l.out('kubectl exec allowed -- wget -qO- http://nginx')).toContain('Welcome to nginx!');
    expect(l.out('sim traffic nginx --rps 10 --for 3s')).toContain('succeeded: 0   connection refused: 0   timed out: 30   HTTP 5xx: 0\n');
  });

  it('an ipBlock lets the outside clients of sim traffic in', () => {
    const l = lab();
    l.apply(ACCESS_NGINX.replace('- podSelector: {matchLabels: {access: "true"}}', '- ipBlock: {cidr: 192.168.0.0/16, except: [192.168.1.0/28]}'));
    // Clients are 192.168.1.10 … 192.168.1.25: the first six fall in the excepted /28.
    const report = l.out('sim traffic nginx --rps 160 --for 1s --clients 16');
    const m = /succeeded: (\d+) {3}connection refused: 0 {3}timed out: (\d+)/.exec(report)!;
    expect(Number(m[1]) + Number(m[2])).toBe(160);
    expect(Number(m[1])).toBeGreaterThan(60);
    expect(Number(m[2])).toBeGreaterThan(30);
  });

  it('default-deny egress breaks DNS for the pods it selects', () => {
    const l = lab();
    l.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-egress}\nspec:\n  podSelector: {matchLabels: {access: "true"}}\n  policyTypes: [Egress]\n');
    expect(l.out('kubectl exec allowed -- nslookup nginx')).toBe(';; connection timed out; no servers could be reached\n\ncommand terminated with exit code 1\n');
    expect(l.out('kubectl exec blocked -- nslookup nginx')).toContain('Name:\tnginx.default.svc.cluster.local\n');
  });
});

describe('admission', () => {
  it('defaults policyTypes from the rules given', () => {
    const l = lab();
    l.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: both}\nspec:\n  podSelector: {}\n  egress: [{ports: [{port: 53}]}]\n');
    expect(l.out("kubectl get netpol both -o jsonpath='{.spec.policyTypes} {.spec.egress[0].ports[0].protocol}'")).toBe('["Ingress","Egress"] TCP');
  });

  it('rejects bad ports, peers and policy types with the API server wording', () => {
    const bad = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: bad}
spec:
  podSelector: {}
  policyTypes: [Sideways]
  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}, podSelector: {}}, {}]
    ports: [{port: 70000}]
`;
    expect(lab().apply(bad)).toBe(
      [
        'The NetworkPolicy "bad" is invalid: ',
        '* spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
        '* spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "192.168.0.0/16": must be a strict subset of `cidr`',
        '* spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
        '* spec.ingress[0].from[1]: Required value: must specify a peer',
        '* spec.policyTypes[0]: Unsupported value: "Sideways": supported values: "Egress", "Ingress"',
        '',
      ].join('\n'),
    );
  });
});
