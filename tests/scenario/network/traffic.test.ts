/**
 * `sim traffic` through kube-proxy's rules (issue 6 acceptance): a 3-pod Service splits 300 rps
 * for 30 s within ±10% of a third each, with the same numbers for the same seed; a pod that is
 * not ready gets nothing; a Service without endpoints refuses connections; the php-apache HPA
 * of the INDEX (group 2) scales up under load and back down after it.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { networkOf } from '../../../src/engine/network/network.ts';
import { runTraffic } from '../../../src/engine/network/traffic.ts';
import { Simulation } from '../../../src/engine/simulation.ts';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: nginx, image: 'nginx:1.27', ports: [{containerPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
`;

/** A pod of app=web whose readiness probe never passes (nothing listens on 8080). */
const NOT_READY = `apiVersion: v1
kind: Pod
metadata: {name: web-unready, labels: {app: web}}
spec:
  containers:
  - name: nginx
    image: 'nginx:1.27'
    readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 5}
`;

/** POD → REQUESTS from the report's table. */
function requestsByPod(report: string): Map<string, number> {
  const rows = report.split('\n').filter((l) => /^\S+\s+node-\d+\s+\d+\s/.test(l));
  return new Map(rows.map((l) => l.split(/\s+/)).map((c) => [c[0], Number(c[2])]));
}

function webLab(seed: number): Lab {
  const lab = new Lab(seed);
  lab.apply(WEB);
  lab.advance('30s');
  return lab;
}

describe('sim traffic over a 3-pod Service', () => {
  it('splits 300 rps for 30 s within ±10% of a third each, the same way for the same seed', () => {
    const report = webLab(11).out('sim traffic web --rps 300 --for 30s');
    expect(report).toMatch(/^9000 requests to service\/web \(10\.\d+\.\d+\.\d+:80\) through kube-proxy on node-1 over 30s \(300 rps\)\n/);
    const counts = requestsByPod(report);
    expect(counts.size).toBe(3);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(9000);
    for (const n of counts.values()) expect(Math.abs(n - 3000)).toBeLessThanOrEqual(300);
    expect(report).toContain('succeeded: 9000   connection refused: 0   timed out: 0   HTTP 5xx: 0\n');
    expect(report).toMatch(/latency: p50 \S+ms {3}p90 \S+ms {3}p99 \S+ms\n/);
    expect(webLab(11).out('sim traffic web --rps 300 --for 30s')).toBe(report);
  });

  it('sends nothing to a pod that is not ready', () => {
    const lab = webLab(3);
    lab.apply(NOT_READY);
    lab.advance('20s');
    expect(lab.out('kubectl get pod web-unready')).toContain('0/1     Running');
    const counts = requestsByPod(lab.out('sim traffic web --rps 300 --for 30s'));
    expect(counts.has('web-unready')).toBe(false);
    expect(counts.size).toBe(3);
    for (const n of counts.values()) expect(Math.abs(n - 3000)).toBeLessThanOrEqual(300);
  });

  it('shows the same endpoints in the node rules: 1/3, 1/2, then the last', () => {
    const lab = webLab(5);
    const services = lab.out('sim node exec node-2 -- iptables -t nat -L KUBE-SERVICES');
    const chain = /^(KUBE-SVC-\w+) .*\/\* default\/web cluster IP \*\//m.exec(services)?.[1];
    expect(chain).toBe('KUBE-SVC-LOLE4ISW44XBNF3G');
    const rules = lab.out(`sim node exec node-2 -- iptables -t nat -L ${chain}`).split('\n');
    expect(rules.filter((l) => l.startsWith('KUBE-SEP-')).map((l) => /probability (\S+)|$/.exec(l)![1] ?? 'last')).toEqual(['0.33333333349', '0.50000000000', 'last']);
  });
});

describe('Service options kube-proxy honours', () => {
  const nodePortWeb = (extra: string) =>
    WEB.replace('  selector: {app: web}\n  ports: [{port: 80, targetPort: 80}]', `  type: NodePort\n${extra}  selector: {app: web}\n  ports: [{port: 80, targetPort: 80, nodePort: 30080}]`);

  it('sessionAffinity ClientIP: each client sticks to one pod', () => {
    const lab = new Lab(7);
    lab.apply(nodePortWeb('  sessionAffinity: ClientIP\n'));
    lab.advance('30s');
    const counts = requestsByPod(lab.out('sim traffic web --rps 100 --for 10s --clients 1'));
    expect([...counts.values()]).toEqual([1000]);
  });

  it('ClientIP affinity survives a snapshot and restore (the recent lists are in the snapshot)', () => {
    const lab = new Lab(3);
    lab.apply(nodePortWeb('  sessionAffinity: ClientIP\n'));
    lab.advance('30s');
    const sim = lab.session.sim;
    const opts = { targets: [{ namespace: 'default', service: 'web', rps: 20 }], durationMs: 3000, node: 'node-1', clients: 5 };
    runTraffic(networkOf(sim.store)!, sim, opts);
    const restored = Simulation.restore(JSON.parse(JSON.stringify(sim.snapshot())));
    const straight = runTraffic(networkOf(sim.store)!, sim, opts)[0].pods;
    const again = runTraffic(networkOf(restored.store)!, restored, opts)[0].pods;
    expect(again).toEqual(straight);
    expect(restored.traceHash()).toBe(sim.traceHash());
  });

  it('externalTrafficPolicy Local: a node without a local endpoint drops NodePort traffic, one with it keeps it local', () => {
    const lab = new Lab(7);
    lab.apply(nodePortWeb('  externalTrafficPolicy: Local\n'));
    lab.advance('30s');
    expect(lab.out('sim traffic web --rps 100 --for 10s --nodeport --node control-plane')).toContain('succeeded: 0   connection refused: 0   timed out: 1000');
    const report = lab.out('sim traffic web --rps 100 --for 10s --nodeport --node node-1');
    expect(report).toMatch(/ node-1 +1000 +100\.0% /);
    expect(report).toContain('(172.18.0.3:30080)');
  });
});

describe('LoadBalancer (INDEX #10 nginx-app.yaml)', () => {
  it('has no address to send to while EXTERNAL-IP is pending; with sim cloud on, KUBE-SERVICES captures the LB IP', () => {
    const lab = new Lab(7);
    lab.out('kubectl apply -f kubernetes-website/content/en/examples/application/nginx-app.yaml');
    lab.advance('30s');
    expect(lab.out('sim traffic my-nginx-svc --rps 30 --for 3s --loadbalancer')).toBe('Error: service my-nginx-svc has no load-balancer ingress IP (EXTERNAL-IP <pending>; see sim cloud)\n');
    lab.out('sim cloud on');
    lab.advance('30s');
    const ip = lab.out("kubectl get svc my-nginx-svc -o jsonpath='{.status.loadBalancer.ingress[0].ip}'");
    expect(lab.out('sim node exec node-1 -- iptables -t nat -L KUBE-SERVICES')).toMatch(new RegExp(`^KUBE-EXT-\\w+ +tcp +-- +anywhere +${ip.replaceAll('.', '\\.')} +/\\* default/my-nginx-svc loadbalancer IP \\*/ tcp dpt:http$`, 'm'));
    const report = lab.out('sim traffic my-nginx-svc --rps 30 --for 3s --loadbalancer');
    expect(report).toContain(`(${ip}:80)`);
    expect(report).toContain('succeeded: 90   connection refused: 0');
    expect(requestsByPod(report).size).toBe(3);
  });
});

describe('errors', () => {
  it('a Service without endpoints refuses every connection', () => {
    const lab = new Lab(2);
    lab.apply('apiVersion: v1\nkind: Service\nmetadata: {name: nobody}\nspec:\n  selector: {app: nobody}\n  ports: [{port: 80}]\n');
    const report = lab.out('sim traffic nobody --rps 10 --for 5s');
    expect(report).toContain('succeeded: 0   connection refused: 50   timed out: 0   HTTP 5xx: 0\n');
    expect(lab.out('sim node exec node-1 -- iptables -L KUBE-SERVICES')).toContain('/* default/nobody has no endpoints */ tcp dpt:http reject-with icmp-port-unreachable');
  });

  it('an unknown Service is an error', () => {
    const r = new Lab(2).run('sim traffic nope --rps 10 --for 5s');
    expect(r.output).toBe('Error: services "nope" not found\n');
    expect(r.exitCode).toBe(1);
  });
});

describe('php-apache HPA under load (INDEX group 2)', () => {
  it('scales up while traffic runs and back to 1 after the 5-minute stabilisation', () => {
    const lab = new Lab(1);
    lab.out('kubectl apply -f kubernetes-website/content/en/examples/application/php-apache.yaml');
    lab.out('kubectl apply -f kubernetes-website/content/en/examples/application/hpa/php-apache.yaml');
    lab.advance('1m');
    lab.out('sim traffic php-apache --rps 20 --for 3m');
    const replicas = Number(lab.out("kubectl get hpa php-apache -o jsonpath='{.status.currentReplicas}'"));
    expect(replicas).toBeGreaterThan(4);
    lab.advance('7m');
    expect(lab.out("kubectl get hpa php-apache -o jsonpath='{.status.currentReplicas}'")).toBe('1');
  });
});
