/**
 * The voting app (INDEX group 9, example-voting-app/k8s-specifications): its Services reached the
 * ways the app uses them — by name from inside the cluster, on the NodePort from a node's address,
 * and redis (not HTTP) through `sim traffic`.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const FILES = ['db-deployment', 'db-service', 'redis-deployment', 'redis-service', 'vote-deployment', 'vote-service', 'result-deployment', 'result-service', 'worker-deployment'];

describe('voting app data path', () => {
  const lab = new Lab(7);
  for (const f of FILES) lab.out(`kubectl apply -f example-voting-app/k8s-specifications/${f}.yaml`);
  lab.apply("apiVersion: v1\nkind: Pod\nmetadata: {name: client}\nspec:\n  containers: [{name: bb, image: 'busybox:1.36', command: [sleep, '3600']}]\n");
  lab.advance('60s');

  it('vote answers on its Service name and on nodePort 31000 of any node', () => {
    expect(lab.run('kubectl exec client -- wget -qO- http://vote:8080').exitCode).toBe(0);
    expect(lab.run('kubectl exec client -- wget -qO- http://172.18.0.2:31000').exitCode).toBe(0);
    expect(lab.out('kubectl exec client -- wget -qO- http://vote')).toBe('wget: download timed out\ncommand terminated with exit code 1\n');
  });

  it('the db and redis names resolve to their cluster IPs', () => {
    const ip = lab.out("kubectl get svc db -o jsonpath='{.spec.clusterIP}'");
    expect(lab.out('kubectl exec client -- nslookup db')).toContain(`Name:\tdb.default.svc.cluster.local\nAddress: ${ip}\n`);
  });

  it('redis accepts connections (not HTTP): traffic succeeds, wget sees a reset', () => {
    expect(lab.out('sim traffic redis --rps 50 --for 5s')).toContain('succeeded: 250   connection refused: 0   timed out: 0   HTTP 5xx: 0\n');
    expect(lab.out('kubectl exec client -- wget -qO- http://redis:6379')).toBe('wget: error getting response: Connection reset by peer\ncommand terminated with exit code 1\n');
  });
});

describe('guestbook (INDEX group 9, guestbook-all-in-one.yaml)', () => {
  it('spreads frontend traffic over its 3 pods, by cluster IP and by NodePort from another node', () => {
    const lab = new Lab(5);
    lab.out('kubectl apply -f kubernetes-examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml');
    lab.advance('90s');
    const nodePort = lab.out("kubectl get svc frontend -o jsonpath='{.spec.ports[0].nodePort}'");
    for (const line of ['sim traffic frontend --rps 90 --for 10s', 'sim traffic frontend --rps 90 --for 10s --nodeport --node node-2']) {
      const report = lab.out(line);
      expect(report).toContain('succeeded: 900   connection refused: 0   timed out: 0   HTTP 5xx: 0\n');
      expect(report.split('\n').filter((l) => l.startsWith('frontend-'))).toHaveLength(3);
    }
    expect(lab.out('sim traffic frontend --rps 90 --for 1s --nodeport --node node-2')).toContain(`(172.18.0.4:${nodePort})`);
  });
});
