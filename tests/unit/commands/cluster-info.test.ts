/**
 * `kubectl cluster-info` against real kubectl v1.31 (info-golden.ts; recorded with TERM=dumb, so
 * without go-colortext's colour codes, as Podlab prints it).
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { recordedCluster, run, serverRows } from './info-golden.ts';

describe('kubectl cluster-info, as kubectl v1.31 prints it', () => {
  const s = recordedCluster();
  it.each(serverRows('cluster-info').map((r) => [r.command, r] as const))('%s', (command, row) => {
    expect(run(s, command)).toEqual(row);
  });
});

describe('kubectl cluster-info', () => {
  const hint = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";

  it('looks in kube-system whatever the context namespace, and in -n when given', () => {
    const s = new Session();
    s.execLine('kubectl config set-context --current --namespace=default');
    const withDns = s.execLine('kubectl cluster-info').stdout;
    expect(withDns).toContain('\nCoreDNS is running at https://172.18.0.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n');
    expect(s.execLine('kubectl cluster-info -n default').stdout).toBe(`Kubernetes control plane is running at https://172.18.0.2:6443\n${hint}`);
  });

  it('links a cluster service with a load balancer to its ingress ports', () => {
    const s = new Session();
    s.execLine('sim cloud on');
    s.execLine('kubectl create service loadbalancer dash --tcp=80:8080 --tcp=443:8443 -n kube-system');
    s.execLine('kubectl label service dash -n kube-system kubernetes.io/cluster-service=true');
    s.execLine('sim advance 10s');
    const ip = s.execLine("kubectl get svc dash -n kube-system -o jsonpath='{.status.loadBalancer.ingress[0].ip}'").stdout;
    expect(ip).not.toBe('');
    expect(s.execLine('kubectl cluster-info').stdout).toContain(`\ndash is running at http://${ip}:80 http://${ip}:443 \n`);
  });
});
