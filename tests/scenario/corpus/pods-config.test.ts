/**
 * Corpus rows 13–26: configuration (13 the WordPress MySQL tier without its Secret; 14–15 scenario
 * group 4, ConfigMap env; 16–17 scenario group 5, Secret volume; 18 a namespace) and the kubelet's
 * side of a pod: probes (19–21) and requests/limits (22–26, in the tutorial namespaces
 * mem-example and cpu-example, created first).
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { ROW, applyRow, column, labWithNamespaces, table } from './support.ts';

/** The pod's STATUS every `stepS` seconds for `forS` seconds. */
function statuses(lab: Lab, pod: string, forS: number, namespace = 'default', stepS = 5): string[] {
  const seen: string[] = [];
  for (let t = 0; t < forS; t += stepS) {
    lab.advance(`${stepS}s`);
    seen.push(lab.status(pod, namespace));
  }
  return seen;
}

describe('configuration, secrets and namespaces (rows 13–18)', () => {
  it('row 13 application/wordpress/mysql-deployment.yaml: claim Bound (default class), pod CreateContainerConfigError: secret "mysql-pass" not found', () => {
    // Deeper: tests/scenario/storage/dynamic.test.ts and tests/scenario/kubelet/manifests.test.ts.
    const lab = new Lab();
    expect(applyRow(lab, 13)).toBe('service/wordpress-mysql created\npersistentvolumeclaim/mysql-pv-claim created\ndeployment.apps/wordpress-mysql created\n');
    lab.advance('1m');
    expect(table(lab.out('kubectl get svc wordpress-mysql'))[0]['CLUSTER-IP']).toBe('None');
    const pvc = table(lab.out('kubectl get pvc mysql-pv-claim'))[0];
    expect([pvc.STATUS, pvc.CAPACITY, pvc.STORAGECLASS]).toEqual(['Bound', '20Gi', 'standard']);
    expect(lab.out('kubectl get deploy wordpress-mysql -o jsonpath={.spec.strategy}')).toBe('{"type":"Recreate"}');
    const pod = table(lab.out('kubectl get pods'))[0];
    expect([pod.READY, pod.STATUS]).toEqual(['0/1', 'CreateContainerConfigError']);
    expect(lab.events(pod.NAME).filter((e) => e.reason === 'Failed').map((e) => e.message)).toEqual(['Error: secret "mysql-pass" not found']);
  });

  it('row 13 application/wordpress/mysql-deployment.yaml without a default StorageClass: claim Pending, pod Pending', () => {
    const lab = new Lab();
    lab.run('kubectl delete sc standard');
    applyRow(lab, 13);
    lab.advance('1m');
    expect(column(lab.out('kubectl get pvc mysql-pv-claim'), 'STATUS')).toEqual(['Pending']);
    expect(column(lab.out('kubectl get pods'), 'STATUS')).toEqual(['Pending']);
  });

  it('row 14 configmap/configmaps.yaml (blank line after ---): special-config (special.how=very) and env-config (log_level=INFO) in default', () => {
    const lab = new Lab();
    expect(applyRow(lab, 14)).toBe('configmap/special-config created\nconfigmap/env-config created\n');
    expect(lab.out('kubectl get cm special-config -o jsonpath={.data}')).toBe('{"special.how":"very"}');
    expect(lab.out('kubectl get cm env-config -o jsonpath={.data}')).toBe('{"log_level":"INFO"}');
    expect(column(lab.out('kubectl get cm special-config env-config'), 'DATA')).toEqual(['1', '1']);
  });

  it('rows 14, 15 configmaps.yaml → uk pod-multiple-configmap-env-variable.yaml: dapi-test-pod Completed, log has SPECIAL_LEVEL_KEY=very and LOG_LEVEL=INFO', () => {
    // Scenario group 4. Deeper: tests/scenario/config/configmap-env.test.ts.
    const lab = new Lab();
    applyRow(lab, 14);
    expect(applyRow(lab, 15)).toBe('pod/dapi-test-pod created\n');
    lab.advance('1m');
    expect(lab.podRow('dapi-test-pod')).toEqual({ ready: '0/1', status: 'Completed', restarts: '0' });
    const log = lab.out('kubectl logs dapi-test-pod').split('\n');
    expect(log).toContain('SPECIAL_LEVEL_KEY=very');
    expect(log).toContain('LOG_LEVEL=INFO');
  });

  it('row 15 pod-multiple-configmap-env-variable.yaml before configmaps.yaml: CreateContainerConfigError, configmap "special-config" not found', () => {
    const lab = new Lab();
    applyRow(lab, 15);
    lab.advance('30s');
    expect(lab.status('dapi-test-pod')).toBe('CreateContainerConfigError');
    expect(lab.events('dapi-test-pod').find((e) => e.reason === 'Failed')?.message).toBe('Error: configmap "special-config" not found');
  });

  it('row 16 zh-cn inject/secret.yaml: Opaque Secret test-secret, username=my-app, password=39528$vdg7Jb', () => {
    const lab = new Lab();
    expect(applyRow(lab, 16)).toBe('secret/test-secret created\n');
    expect(lab.out('kubectl get secret test-secret')).toBe('NAME          TYPE     DATA   AGE\ntest-secret   Opaque   2      0s\n');
    const data = JSON.parse(lab.out('kubectl get secret test-secret -o jsonpath={.data}')) as Record<string, string>;
    expect(Buffer.from(data.username, 'base64').toString()).toBe('my-app');
    expect(Buffer.from(data.password, 'base64').toString()).toBe('39528$vdg7Jb');
  });

  it('rows 16, 17 secret.yaml → zh-cn inject/secret-pod.yaml (UTF-8 comments): secret-test-pod Running with /etc/secret-volume/{username,password}', () => {
    // Scenario group 5. Deeper: tests/scenario/config/secret-volume.test.ts.
    const lab = new Lab();
    applyRow(lab, 16);
    expect(applyRow(lab, 17)).toBe('pod/secret-test-pod created\n');
    lab.advance('1m');
    expect(lab.status('secret-test-pod')).toBe('Running');
    expect(lab.out('kubectl exec secret-test-pod -- ls /etc/secret-volume')).toBe('password\nusername\n');
    expect(lab.out('kubectl exec secret-test-pod -- cat /etc/secret-volume/username')).toBe('my-app');
  });

  it('row 17 secret-pod.yaml without the Secret: stuck ContainerCreating, FailedMount secret "test-secret" not found', () => {
    const lab = new Lab();
    applyRow(lab, 17);
    lab.advance('1m');
    expect(lab.status('secret-test-pod')).toBe('ContainerCreating');
    expect(lab.events('secret-test-pod').find((e) => e.reason === 'FailedMount')?.message).toBe(
      'MountVolume.SetUp failed for volume "secret-volume" : secret "test-secret" not found',
    );
  });

  it('row 18 _archived/cluster-dns/namespace-dev.yaml: namespace development Active, labelled name=development', () => {
    const lab = new Lab();
    expect(applyRow(lab, 18)).toBe('namespace/development created\n');
    expect(lab.out('kubectl get ns development --show-labels')).toBe(
      'NAME          STATUS   AGE   LABELS\ndevelopment   Active   0s    kubernetes.io/metadata.name=development,name=development\n',
    );
  });
});

describe('probes (rows 19–21)', () => {
  it('row 19 probe/tcp-liveness-readiness.yaml: goproxy Running 0/1 until the readiness delay (15 s) has passed, then 1/1; no restarts', () => {
    const lab = new Lab();
    expect(applyRow(lab, 19)).toBe('pod/goproxy created\n');
    lab.advance('10s');
    expect(lab.podRow('goproxy')).toEqual({ ready: '0/1', status: 'Running', restarts: '0' });
    lab.advance('20s');
    expect(lab.podRow('goproxy')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    lab.advance('3m');
    expect(lab.podRow('goproxy')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(lab.events('goproxy').filter((e) => e.type === 'Warning')).toEqual([]);
  });

  it('row 20 probe/exec-liveness.yaml (old-rev): healthy for 30 s, then "Liveness probe failed" and a restart; RESTARTS climbs, status passes through CrashLoopBackOff', () => {
    // Probe timing in depth: tests/scenario/kubelet/manifests.test.ts.
    const lab = new Lab();
    expect(applyRow(lab, 20)).toBe('pod/liveness-exec created\n');
    lab.advance('30s');
    expect(lab.podRow('liveness-exec')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    // Killed after 3 failed probes; busybox sh as PID 1 ignores SIGTERM, so the kill takes the 30 s grace period.
    lab.advance('60s');
    expect(lab.restartCount('liveness-exec')).toBe(1);
    const events = lab.events('liveness-exec');
    expect(events.find((e) => e.reason === 'Unhealthy')?.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(events.find((e) => e.reason === 'Killing')?.message).toBe('Container liveness failed liveness probe, will be restarted');
    expect(statuses(lab, 'liveness-exec', 600)).toContain('CrashLoopBackOff');
    expect(lab.restartCount('liveness-exec')).toBeGreaterThanOrEqual(4);
  });

  it('row 21 probe/http-liveness.yaml (old-rev): /healthz 500 after 10 s → "HTTP probe failed with statuscode: 500", restarts, CrashLoopBackOff', () => {
    // Probe timing in depth: tests/scenario/kubelet/manifests.test.ts.
    const lab = new Lab();
    expect(applyRow(lab, 21)).toBe('pod/liveness-http created\n');
    lab.advance('10s');
    expect(lab.podRow('liveness-http')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    const seen = statuses(lab, 'liveness-http', 300);
    expect(seen).toContain('CrashLoopBackOff');
    expect(lab.restartCount('liveness-http')).toBeGreaterThanOrEqual(4);
    const events = lab.events('liveness-http');
    expect(events.find((e) => e.reason === 'Unhealthy')?.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(events.find((e) => e.reason === 'Killing')?.message).toBe('Container liveness failed liveness probe, will be restarted');
  });
});

describe('requests and limits (rows 22–26)', () => {
  it('row 22 ja resource/memory-request-limit.yaml without namespace mem-example: NotFound', () => {
    const r = new Lab().run(`kubectl apply -f ${ROW[22]}`);
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(`Error from server (NotFound): error when creating "${ROW[22]}": namespaces "mem-example" not found\n`);
  });

  it('row 22 ja resource/memory-request-limit.yaml in mem-example: memory-demo Running, stable, using ~150Mi of its 200Mi limit', () => {
    const lab = labWithNamespaces('mem-example');
    expect(applyRow(lab, 22)).toBe('pod/memory-demo created\n');
    lab.advance('2m');
    expect(lab.podRow('memory-demo', 'mem-example')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    // stress --vm-bytes 150M allocates 150Mi (stress's M is 2^20); the tutorial's metrics show ~155Mi.
    const memoryMi = Number(/^(\d+)Mi$/.exec(table(lab.out('kubectl top pod memory-demo -n mem-example'))[0]['MEMORY(bytes)'])?.[1]);
    expect(memoryMi).toBeGreaterThanOrEqual(145);
    expect(memoryMi).toBeLessThan(200);
  });

  it('row 23 id resource/memory-request-limit-2.yaml in mem-example: OOMKilled (exit 137), restarted, CrashLoopBackOff', () => {
    // The OOM kill and back-off timing in depth: tests/scenario/kubelet/manifests.test.ts.
    const lab = labWithNamespaces('mem-example');
    expect(applyRow(lab, 23)).toBe('pod/memory-demo-2 created\n');
    const seen = statuses(lab, 'memory-demo-2', 120, 'mem-example').concat(lab.status('memory-demo-2', 'mem-example'));
    expect(seen).toContain('OOMKilled');
    expect(seen).toContain('CrashLoopBackOff');
    expect(lab.jsonpath('memory-demo-2', '.status.containerStatuses[0].lastState.terminated.reason', 'mem-example')).toBe('OOMKilled');
    expect(lab.jsonpath('memory-demo-2', '.status.containerStatuses[0].lastState.terminated.exitCode', 'mem-example')).toBe('137');
    expect(lab.restartCount('memory-demo-2', 'mem-example')).toBeGreaterThanOrEqual(3);
  });

  it('row 24 zh-cn resource/memory-request-limit-3.yaml in mem-example: requests 1000Gi → Pending, FailedScheduling Insufficient memory', () => {
    const lab = labWithNamespaces('mem-example');
    expect(applyRow(lab, 24)).toBe('pod/memory-demo-3 created\n');
    lab.advance('1m');
    expect(lab.status('memory-demo-3', 'mem-example')).toBe('Pending');
    expect(lab.events('memory-demo-3', 'mem-example')).toEqual([
      {
        type: 'Warning',
        reason: 'FailedScheduling',
        message:
          '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient memory. ' +
          'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..',
        count: 1,
      },
    ]);
  });

  it('row 25 resource/cpu-request-limit.yaml in cpu-example: cpu-demo Running, stress asks for 2 CPUs, throttled at its 1-CPU limit', () => {
    // cpu.max and throttling in depth: tests/scenario/kubelet/manifests.test.ts.
    const lab = labWithNamespaces('cpu-example');
    expect(applyRow(lab, 25)).toBe('pod/cpu-demo created\n');
    lab.advance('2m');
    expect(lab.status('cpu-demo', 'cpu-example')).toBe('Running');
    const cpuMilli = Number(/^(\d+)m$/.exec(table(lab.out('kubectl top pod cpu-demo -n cpu-example'))[0]['CPU(cores)'])?.[1]);
    expect(cpuMilli).toBeGreaterThanOrEqual(950);
    expect(cpuMilli).toBeLessThanOrEqual(1000);
  });

  it('row 26 pt-br resource/cpu-request-limit-2.yaml (no final newline) in cpu-example: requests 100 CPUs → Pending, Insufficient cpu', () => {
    const lab = labWithNamespaces('cpu-example');
    expect(applyRow(lab, 26)).toBe('pod/cpu-demo-2 created\n');
    lab.advance('1m');
    expect(lab.status('cpu-demo-2', 'cpu-example')).toBe('Pending');
    expect(lab.events('cpu-demo-2', 'cpu-example').map((e) => e.message)).toEqual([
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
        'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..',
    ]);
  });
});
