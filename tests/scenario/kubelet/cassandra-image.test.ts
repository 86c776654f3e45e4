/**
 * The Cassandra image (gcr.io/google-samples/cassandra:v14) as the kubelet runs it: the files it
 * adds (/ready-probe.sh), its nodetool against the node's life (JMX refused while the JVM starts,
 * a seed Up/Normal at once, other nodes Joining for two ring delays), and the exec probes of the
 * corpus StatefulSet (rows 47, 48) that use both through `/bin/bash -c`.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const IMAGE = 'gcr.io/google-samples/cassandra:v14';

/** A bare pod of the image with the given env (POD_IP from the downward API, as in the StatefulSet). */
function cassandraPod(name: string, env: Record<string, string>, command?: string[]): string {
  const vars = Object.entries(env)
    .map(([k, v]) => `    - {name: ${k}, value: "${v}"}\n`)
    .join('');
  return `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
  - name: cassandra
    image: ${IMAGE}
${command ? `    command: ${JSON.stringify(command)}\n` : ''}    env:
${vars}    - name: POD_IP
      valueFrom: {fieldRef: {fieldPath: status.podIP}}
`;
}

/** Runs until the pod's container has run for `ms` (the pull takes a few seconds). */
function untilUp(lab: Lab, pod: string, ms: number): void {
  lab.advance('10s');
  const started = Date.parse(lab.jsonpath(pod, '.status.containerStatuses[0].state.running.startedAt')) - Date.parse('2025-01-01T00:00:00Z');
  lab.advanceTo(started + ms);
}

describe('gcr.io/google-samples/cassandra:v14', () => {
  it('has /ready-probe.sh at the root, a bash script over nodetool status', () => {
    const lab = new Lab();
    lab.apply(cassandraPod('c', {}));
    lab.advance('10s');
    const script = lab.run('kubectl exec c -- cat /ready-probe.sh');
    expect(script.exitCode).toBe(0);
    expect(script.stdout).toMatch(/^#!\/bin\/bash\n/);
    expect(script.stdout).toContain('if [[ $(nodetool status | grep $POD_IP) == *"UN"* ]]; then');
    expect(lab.out('kubectl exec c -- ls /')).toContain('ready-probe.sh');
  });

  it('nodetool is refused until Cassandra listens on JMX, then a seed (no CASSANDRA_SEEDS: its own) is UN', () => {
    const lab = new Lab();
    lab.apply(cassandraPod('c', { CASSANDRA_DC: 'DC1', CASSANDRA_RACK: 'R1' }));
    untilUp(lab, 'c', 5_000);
    const early = lab.run('kubectl exec c -- nodetool status');
    expect([early.stdout, early.exitCode]).toEqual(['', 1]);
    expect(early.stderr).toBe("nodetool: Failed to connect to '127.0.0.1:7199' - ConnectException: 'Connection refused (Connection refused)'.\ncommand terminated with exit code 1\n");
    expect(lab.run('kubectl exec c -- /ready-probe.sh').exitCode).toBe(1);
    untilUp(lab, 'c', 21_000);
    const ip = lab.jsonpath('c', '.status.podIP');
    const status = lab.run('kubectl exec c -- nodetool status').stdout.split('\n');
    expect(status.slice(0, 5)).toEqual([
      'Datacenter: DC1',
      '===============',
      'Status=Up/Down',
      '|/ State=Normal/Leaving/Joining/Moving',
      `--  ${'Address'.padEnd(ip.length)}  Load       Tokens       Owns              Host ID                               Rack`,
    ]);
    expect(status[5]).toMatch(new RegExp(`^UN  ${ip.replace(/\./g, '\\.')}  \\d+\\.\\d\\d KiB  32           100\\.0%            [0-9a-f-]{36}  R1$`));
    expect(lab.run('kubectl exec c -- /ready-probe.sh').exitCode).toBe(0);
    expect(lab.run('kubectl exec c -- bash -c "export DEBUG=1; /ready-probe.sh"').stdout).toBe('UN\n');
    expect(lab.run('kubectl exec c -- nodetool drain').exitCode).toBe(0);
  });

  it('a node that is not a seed bootstraps: UJ for two ring delays (CASSANDRA_RING_DELAY), then UN', () => {
    const lab = new Lab();
    lab.apply(cassandraPod('c', { CASSANDRA_SEEDS: 'cassandra-0.cassandra.default.svc.cluster.local', CASSANDRA_RING_DELAY: '5000' }));
    untilUp(lab, 'c', 25_000);
    expect(lab.out('kubectl exec c -- nodetool status')).toMatch(/\nUJ {2}10\.\S+ .* rack1\n/);
    expect(lab.run('kubectl exec c -- /ready-probe.sh').exitCode).toBe(1);
    untilUp(lab, 'c', 31_000);
    expect(lab.out('kubectl exec c -- nodetool status')).toMatch(/\nUN {2}10\.\S+ .* rack1\n/);
  });

  it('with its command replaced Cassandra never runs: nodetool stays refused', () => {
    const lab = new Lab();
    lab.apply(cassandraPod('c', {}, ['sleep', 'infinity']));
    untilUp(lab, 'c', 60_000);
    expect(lab.run('kubectl exec c -- nodetool status').exitCode).toBe(1);
  });

  it('in the StatefulSet of rows 47, 48 the joining node lists the seed as UN and itself as UJ; probes fail quietly, never "not found"', () => {
    const lab = new Lab();
    lab.apply('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: rancher.io/local-path\nvolumeBindingMode: WaitForFirstConsumer\n');
    lab.out('kubectl apply -f kubernetes-examples/databases/cassandra/cassandra-service.yaml');
    lab.out('kubectl apply -f kubernetes-examples/databases/cassandra/cassandra-statefulset.yaml');
    lab.advance('1m');
    const seedIp = lab.jsonpath('cassandra-0', '.status.podIP');
    const ownIp = lab.jsonpath('cassandra-1', '.status.podIP');
    const rows = lab.out('kubectl exec cassandra-1 -- nodetool status').split('\n').filter((l) => /^U[NJ] /.test(l));
    expect(rows.map((r) => r.split(/\s+/).slice(0, 2))).toEqual(
      [['UN', seedIp], ['UJ', ownIp]].sort((a, b) => (a[1] < b[1] ? -1 : 1)),
    );
    const unhealthy = lab.events('cassandra-1').filter((e) => e.reason === 'Unhealthy');
    expect(unhealthy.map((e) => e.message)).toEqual(['Readiness probe failed: ']);
    expect(lab.events('cassandra-0').filter((e) => e.reason === 'Unhealthy')).toEqual([]);
  });
});
