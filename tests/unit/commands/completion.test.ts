/**
 * Tab completion reads the command registries and the cluster: verbs, subcommands, flags, types,
 * and object names in the namespace the line names.
 */
import { describe, expect, it } from 'vitest';
import { complete } from '../../../src/commands/completion.ts';
import { Session } from '../../../src/commands/session.ts';

function cluster(): Session {
  const s = new Session();
  for (const line of [
    'kubectl create deployment web --image=nginx --replicas=2',
    'kubectl create namespace shop',
    'kubectl create configmap cart-config -n shop --from-literal=a=b',
    'sim advance 30s',
  ]) {
    expect(s.execLine(line).exitCode).toBe(0);
  }
  return s;
}

describe('tab completion', () => {
  const session = cluster();
  const sim = session.sim;

  it.each([
    ['', ['kubectl', 'sim']],
    ['kub', ['kubectl']],
    ['kubectl ro', ['rollout']],
    ['kubectl rollout ', ['history', 'pause', 'restart', 'resume', 'status', 'undo']],
    ['kubectl rollout status deploy', ['deploy', 'deployments']],
    ['kubectl rollout status deployments/', ['deployments/web']],
    ['kubectl get deploy ', ['web']],
    ['kubectl get cm -n shop ', ['cart-config', 'kube-root-ca.crt']],
    ['kubectl get cm --namespace=shop c', ['cart-config']],
    ['kubectl get -n ', ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'shop']],
    ['kubectl get pods -o y', ['yaml']],
    ['kubectl scale --repl', ['--replicas']],
    ['kubectl cordon ', ['control-plane', 'node-1', 'node-2', 'node-3']],
    ['kubectl get nosuchtype ', []],
    ['sim no', ['node', 'nodegroup']],
    ['sim node ', ['add', 'exec', 'fail', 'recover']],
    ['sim node fail node', ['node-1', 'node-2', 'node-3']],
    ['sim cloud o', ['off', 'on']],
    ['ls ', []],
    ['kubectl create s', ['sa', 'secret', 'service', 'serviceaccount', 'svc']],
    ['kubectl create secret ', ['docker-registry', 'generic', 'tls']],
    ['kubectl create namespace x --im', []],
    ['kubectl create deployment x --im', ['--image']],
  ])('%j', (line, expected) => {
    expect(complete(line, sim).candidates).toEqual(expected);
  });

  it('offers the names of pods for logs, prefixed by the typed word', () => {
    const pods = session.execLine('kubectl get pods -o name').stdout.trim().split('\n').map((p) => p.replace('pod/', ''));
    expect(complete('kubectl logs web', sim).candidates).toEqual([...pods].sort());
    expect(complete('kubectl logs web', sim).word).toBe('web');
  });

  it('completes flags of the verb together with the global ones', () => {
    const flags = complete('kubectl get --', sim).candidates;
    expect(flags).toContain('--all-namespaces');
    expect(flags).toContain('--namespace');
    expect(flags).not.toContain('--replicas');
  });

  it('completes a word inside quotes without crashing', () => {
    expect(complete('kubectl get "dep', sim).candidates).toEqual(['deploy', 'deployments']);
  });
});
