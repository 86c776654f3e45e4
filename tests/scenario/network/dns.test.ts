/**
 * DNS and HTTP from inside containers: resolv.conf, busybox nslookup and wget, curl and getent in
 * nginx, Service, headless and StatefulSet names (INDEX #7 web.yaml), and CoreDNS scaled to 0.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const APPS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: front}
spec:
  replicas: 2
  selector: {matchLabels: {app: front}}
  template:
    metadata: {labels: {app: front}}
    spec:
      containers:
      - {name: nginx, image: 'nginx:1.27', ports: [{containerPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: front}
spec:
  selector: {app: front}
  ports: [{name: http, port: 80, targetPort: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers:
  - {name: bb, image: 'busybox:1.36', command: [sleep, '3600']}
`;

function lab(): Lab {
  const l = new Lab(4);
  l.apply(APPS);
  l.out('kubectl apply -f kubernetes-website/content/en/examples/application/web/web.yaml');
  l.advance('40s');
  return l;
}

const clusterIP = (l: Lab, svc: string): string => l.out(`kubectl get svc ${svc} -o jsonpath='{.spec.clusterIP}'`);
const podIP = (l: Lab, pod: string): string => l.jsonpath(pod, '.status.podIP');
const SERVER = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';

describe('inside a pod', () => {
  const l = lab();

  it('resolv.conf points at kube-dns with the namespace search list', () => {
    expect(l.out('kubectl exec client -- cat /etc/resolv.conf')).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('nslookup answers Service, StatefulSet pod and SRV names', () => {
    expect(l.out('kubectl exec client -- nslookup front')).toBe(`${SERVER}Name:\tfront.default.svc.cluster.local\nAddress: ${clusterIP(l, 'front')}\n\n`);
    expect(l.out('kubectl exec client -- nslookup web-0.nginx')).toBe(`${SERVER}Name:\tweb-0.nginx.default.svc.cluster.local\nAddress: ${podIP(l, 'web-0')}\n\n`);
    expect(l.out('kubectl exec client -- nslookup -type=srv _http._tcp.front.default.svc.cluster.local')).toBe(
      `${SERVER}_http._tcp.front.default.svc.cluster.local\tservice = 0 100 80 front.default.svc.cluster.local\n\n`,
    );
    expect(l.out('kubectl exec client -- nslookup nothing-here')).toBe(`${SERVER}** server can't find nothing-here: NXDOMAIN\n\ncommand terminated with exit code 1\n`);
  });

  it('a headless Service resolves to its ready pods', () => {
    const out = l.out('kubectl exec client -- nslookup nginx');
    expect(out).toContain(`Address: ${podIP(l, 'web-0')}\n`);
    expect(out).toContain(`Address: ${podIP(l, 'web-1')}\n`);
  });

  it('wget -qO- fetches the page through the Service; errors are worded as busybox does', () => {
    expect(l.out('kubectl exec client -- wget -qO- http://front')).toContain('<title>Welcome to nginx!</title>');
    expect(l.out('kubectl exec client -- wget -qO- http://front/nope')).toBe('wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n');
    expect(l.out('kubectl exec client -- wget -qO- http://missing')).toBe("wget: bad address 'missing'\ncommand terminated with exit code 1\n");
  });

  it('curl and getent in the nginx image', () => {
    const pod = l.out("kubectl get pods -l app=front -o jsonpath='{.items[0].metadata.name}'");
    expect(l.out(`kubectl exec ${pod} -- curl -s http://front/nope`)).toContain('<hr><center>nginx/1.27.2</center>');
    expect(l.out(`kubectl exec ${pod} -- getent hosts front`)).toBe(`${clusterIP(l, 'front').padEnd(15)} front.default.svc.cluster.local\n`);
    expect(l.out(`kubectl exec ${pod} -- curl -s http://missing`)).toBe('command terminated with exit code 6\n');
    expect(l.out(`kubectl exec ${pod} -- curl http://missing`)).toBe('curl: (6) Could not resolve host: missing\ncommand terminated with exit code 6\n');
  });
});

describe('CoreDNS scaled to 0', () => {
  it('breaks name resolution but not connections by IP', () => {
    const l = lab();
    l.out('kubectl -n kube-system scale deployment coredns --replicas=0');
    l.advance('40s');
    expect(l.out('kubectl exec client -- nslookup front')).toBe(';; connection timed out; no servers could be reached\n\ncommand terminated with exit code 1\n');
    expect(l.out('kubectl exec client -- wget -qO- http://front')).toBe("wget: bad address 'front'\ncommand terminated with exit code 1\n");
    expect(l.out(`kubectl exec client -- wget -qO- http://${clusterIP(l, 'front')}`)).toContain('Welcome to nginx!');
  });
});
