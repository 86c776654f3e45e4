/**
 * The kubelet against the shared manifest corpus (../shared/manifests, INDEX.md rows 13, 20, 21,
 * 23, 25), each pod bound with `spec.nodeName` as there is no scheduler yet: OOMKilled into
 * CrashLoopBackOff with the 10 s, 20 s, 40 s… back-off; exec and HTTP liveness probes restarting
 * their containers on the documented schedule; CPU throttling at the limit; a missing Secret.
 */
import { describe, expect, it } from 'vitest';
import { boundPodYaml, Lab, MANIFEST } from '../../support/manifests.ts';

describe('memory-request-limit-2 (row 23): OOMKilled, then CrashLoopBackOff', () => {
  it('is killed at its 100Mi limit with exit 137 / OOMKilled and backs off 10s, 20s, 40s, 1m20s', () => {
    const lab = new Lab();
    lab.out('kubectl create namespace mem-example');
    expect(lab.apply(boundPodYaml(MANIFEST.memoryLimit2))).toBe('pod/memory-demo-2 created\n');
    const ns = 'mem-example';
    const pod = 'memory-demo-2';
    const uid = lab.jsonpath(pod, '.metadata.uid', ns);

    // Walk the clock, noting every back-off the kubelet announces and every restart.
    const backoffs: string[] = [];
    const restartsAt: number[] = [];
    let restarts = 0;
    let oomSeen = false;
    while (lab.now < 150_000) {
      lab.advance('1s');
      const waiting = lab.jsonpath(pod, '.status.containerStatuses[0].state.waiting.message', ns);
      const m = /^back-off ((?:\d+m)?\d+s) restarting failed container=memory-demo-2-ctr pod=memory-demo-2_mem-example\((.*)\)$/.exec(waiting);
      if (waiting !== '') {
        expect(m, waiting).not.toBeNull();
        expect(m![2]).toBe(uid);
        if (backoffs.at(-1) !== m![1]) backoffs.push(m![1]);
        expect(lab.status(pod, ns)).toBe('CrashLoopBackOff');
      }
      const terminated = lab.jsonpath(pod, '.status.containerStatuses[0].state.terminated', ns);
      if (terminated !== '') {
        // Between the kill and the kubelet's next look, the container shows how it ended.
        expect(JSON.parse(terminated)).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
        expect(lab.status(pod, ns)).toBe('OOMKilled');
        oomSeen = true;
      }
      const n = lab.restartCount(pod, ns);
      if (n !== restarts) restartsAt.push(lab.now);
      restarts = n;
    }
    // Go's time.Duration wording, as the kubelet formats it: 80 s is `1m20s`.
    expect(backoffs).toEqual(['10s', '20s', '40s', '1m20s']);
    expect(oomSeen).toBe(true);
    // The restarts after the immediate first one are ~10 s, 20 s, 40 s, 80 s apart (plus the OOM
    // kill, the PLEG relist and the image pull of a `:latest` image).
    const gaps = restartsAt.slice(1).map((t, i) => (t - restartsAt[i]) / 1000);
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    [10, 20, 40].forEach((b, i) => expect(gaps[i], `gap ${i}: ${gaps}`).toBeGreaterThanOrEqual(b));
    [10, 20, 40].forEach((b, i) => expect(gaps[i], `gap ${i}: ${gaps}`).toBeLessThan(b + 4));
    // RESTARTS shows the count and how long ago the last one ended.
    expect(lab.podRow(pod, ns).restarts).toMatch(new RegExp(`^${restarts} \\(\\d+s ago\\)$`));
    const last2 = JSON.parse(lab.jsonpath(pod, '.status.containerStatuses[0].lastState.terminated', ns)) as Record<string, unknown>;
    expect(last2).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(lab.events(pod, ns)).toContainEqual(
      expect.objectContaining({
        type: 'Warning',
        reason: 'BackOff',
        message: `Back-off restarting failed container memory-demo-2-ctr in pod memory-demo-2_mem-example(${uid})`,
      }),
    );
  });
});

describe('exec-liveness (row 20)', () => {
  const pod = 'liveness-exec';
  const UNHEALTHY = "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory";
  const KILLING = 'Container liveness failed liveness probe, will be restarted';

  it('fails its probe 3 times after /tmp/healthy goes, and the shell ignoring SIGTERM dies 30 s later with 137', () => {
    const lab = new Lab();
    lab.apply(boundPodYaml(MANIFEST.execLiveness));
    lab.advance('30s');
    expect(lab.podRow(pod)).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(lab.events(pod).filter((e) => e.reason === 'Unhealthy')).toEqual([]);

    // Probes every 5 s from 5 s; the file goes at 30 s: the 3rd failure comes at ~40-45 s.
    lab.advance('5s');
    expect(lab.events(pod).some((e) => e.reason === 'Killing')).toBe(false);
    let killedAt = 0;
    while (killedAt === 0 && lab.now < 47_000) {
      lab.advance('1s');
      if (lab.events(pod).some((e) => e.reason === 'Killing')) killedAt = lab.now;
    }
    expect(killedAt).toBeGreaterThan(35_000);
    expect(killedAt).toBeLessThanOrEqual(46_000);
    const events = lab.events(pod);
    expect(events).toContainEqual({ type: 'Warning', reason: 'Unhealthy', message: UNHEALTHY, count: 3 });
    expect(events).toContainEqual({ type: 'Normal', reason: 'Killing', message: KILLING, count: 1 });

    // busybox sh as PID 1 ignores SIGTERM: it keeps running through the 30 s grace period...
    lab.advanceTo(killedAt + 28_000);
    expect(lab.jsonpath(pod, '.status.containerStatuses[0].state.running.startedAt')).not.toBe('');
    expect(lab.restartCount(pod)).toBe(0);
    // ...then SIGKILL: exit 137, restarted at once (the first restart has no back-off).
    lab.advanceTo(killedAt + 33_000);
    expect(lab.restartCount(pod)).toBe(1);
    const last = JSON.parse(lab.jsonpath(pod, '.status.containerStatuses[0].lastState.terminated')) as Record<string, unknown>;
    expect(last).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it.each([
    // [time after creation, restartCount, STATUS]
    [70, 0, 'Running'],
    [76, 1, 'Running'],
    // 2nd kill ~142 s, then a 10 s back-off
    [140, 1, 'Running'],
    [148, 1, 'CrashLoopBackOff'],
    [158, 2, 'Running'],
    // 3rd kill ~224 s, then 20 s
    [240, 2, 'CrashLoopBackOff'],
    [250, 3, 'Running'],
  ])('at %ss: %s restarts, %s', (seconds, restarts, status) => {
    const lab = new Lab();
    lab.apply(boundPodYaml(MANIFEST.execLiveness));
    lab.advance(`${seconds}s`);
    expect(lab.restartCount(pod)).toBe(restarts);
    expect(lab.status(pod)).toBe(status);
  });
});

describe('http-liveness (row 21)', () => {
  const pod = 'liveness-http';

  it('is killed after the third 500 (period 3 s, delay 3 s); the Go server exits 2; restarts climb with back-off', () => {
    const lab = new Lab();
    lab.apply(boundPodYaml(MANIFEST.httpLiveness));
    // 200 for the first 10 s of the server, then 500 at probes ~13, ~16, ~19 s.
    lab.advance('18s');
    expect(lab.restartCount(pod)).toBe(0);
    expect(lab.events(pod).filter((e) => e.reason === 'Unhealthy')).toEqual([
      { type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed: HTTP probe failed with statuscode: 500', count: 2 },
    ]);
    lab.advance('3s');
    expect(lab.restartCount(pod)).toBe(1);
    // SIGTERM: the Go runtime, as PID 1, cannot die of the signal and exits with status 2.
    const last = JSON.parse(lab.jsonpath(pod, '.status.containerStatuses[0].lastState.terminated')) as Record<string, unknown>;
    expect(last).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(lab.events(pod)).toContainEqual({
      type: 'Normal',
      reason: 'Killing',
      message: 'Container liveness failed liveness probe, will be restarted',
      count: 1,
    });

    // 2nd kill ~38 s → 10 s back-off; 3rd kill ~68 s → 20 s back-off.
    const checks: [number, number, string, string][] = [
      [45, 1, 'CrashLoopBackOff', 'back-off 10s'],
      [52, 2, 'Running', ''],
      [85, 2, 'CrashLoopBackOff', 'back-off 20s'],
      [92, 3, 'Running', ''],
    ];
    for (const [seconds, restarts, status, backoff] of checks) {
      lab.advanceTo(seconds * 1000);
      expect(lab.restartCount(pod), `at ${seconds}s`).toBe(restarts);
      expect(lab.status(pod), `at ${seconds}s`).toBe(status);
      const message = lab.jsonpath(pod, '.status.containerStatuses[0].state.waiting.message');
      if (backoff) expect(message).toMatch(new RegExp(`^${backoff} restarting failed container=liveness pod=liveness-http_default\\(`));
      else expect(message).toBe('');
    }
  });
});

describe('cpu-request-limit (row 25): throttled at its 1-CPU limit', () => {
  function throttled(): Lab {
    const lab = new Lab();
    lab.out('kubectl create namespace cpu-example');
    lab.apply(boundPodYaml(MANIFEST.cpuLimit));
    return lab;
  }

  /** The container's cpu.stat as the node sees it (systemd driver, Burstable pod slice). */
  function nodeCpuStat(lab: Lab): Record<string, number> {
    const uid = lab.jsonpath('cpu-demo', '.metadata.uid', 'cpu-example').replaceAll('-', '_');
    const id = lab.jsonpath('cpu-demo', '.status.containerStatuses[0].containerID', 'cpu-example').replace('containerd://', '');
    const path = `/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${uid}.slice/cri-containerd-${id}.scope/cpu.stat`;
    const r = lab.run(`sim node exec node-1 -- cat ${path}`);
    expect(r.exitCode, r.output).toBe(0);
    return Object.fromEntries(r.stdout.trim().split('\n').map((l) => [l.split(' ')[0], Number(l.split(' ')[1])]));
  }

  it('kubectl top shows ~1000m for a process that wants 2 CPUs', () => {
    const lab = throttled();
    lab.advance('1m');
    const top = lab.out('kubectl top pod cpu-demo -n cpu-example');
    expect(top).toMatch(/^NAME +CPU\(cores\) +MEMORY\(bytes\) +\n/);
    const cpu = Number(/^cpu-demo +(\d+)m /m.exec(top)?.[1]);
    expect(cpu).toBeGreaterThanOrEqual(950);
    expect(cpu).toBeLessThanOrEqual(1000);
  });

  it('cpu.stat counts throttled periods, growing over time', () => {
    const lab = throttled();
    lab.advance('30s');
    const first = nodeCpuStat(lab);
    lab.advance('30s');
    const second = nodeCpuStat(lab);
    expect(first.nr_throttled).toBeGreaterThan(0);
    expect(second.nr_throttled).toBeGreaterThan(first.nr_throttled);
    expect(second.throttled_usec).toBeGreaterThan(first.throttled_usec);
    // One CPU's worth of usage per second of wall time, no more.
    const usedUs = second.usage_usec - first.usage_usec;
    expect(usedUs).toBeGreaterThan(29_000_000);
    expect(usedUs).toBeLessThanOrEqual(30_000_000);
  });

  it('vish/stress is FROM scratch: kubectl exec cat fails with the OCI runtime error, as on a real cluster', () => {
    const lab = throttled();
    lab.advance('10s');
    const r = lab.run('kubectl exec cpu-demo -n cpu-example -- cat /sys/fs/cgroup/cpu.stat');
    expect(r.output).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "cat": executable file not found in $PATH: unknown\n' +
        'command terminated with exit code 126\n',
    );
    expect(r.exitCode).toBe(126);
  });

  it('in an image with a shell, kubectl exec cat /sys/fs/cgroup/cpu.stat shows nr_throttled > 0 and growing', () => {
    const lab = new Lab();
    lab.apply(`apiVersion: v1
kind: Pod
metadata:
  name: cpu-stress
spec:
  nodeName: node-1
  containers:
  - name: stress
    image: polinux/stress
    command: ["stress", "--cpu", "2"]
    resources:
      requests: {cpu: 500m}
      limits: {cpu: "1"}
`);
    const stat = (): Record<string, number> => {
      const r = lab.run('kubectl exec cpu-stress -- cat /sys/fs/cgroup/cpu.stat');
      expect(r.exitCode, r.output).toBe(0);
      return Object.fromEntries(r.stdout.trim().split('\n').map((l) => [l.split(' ')[0], Number(l.split(' ')[1])]));
    };
    lab.advance('20s');
    const a = stat();
    lab.advance('20s');
    const b = stat();
    expect(Object.keys(a)).toEqual(['usage_usec', 'user_usec', 'system_usec', 'nr_periods', 'nr_throttled', 'throttled_usec', 'nr_bursts', 'burst_usec']);
    expect(a.nr_throttled).toBeGreaterThan(0);
    expect(b.nr_throttled).toBeGreaterThan(a.nr_throttled);
    expect(b.nr_periods).toBeGreaterThan(a.nr_periods);
    expect(lab.out('kubectl exec cpu-stress -- cat /sys/fs/cgroup/cpu.max')).toBe('100000 100000\n');
  });
});

describe('wordpress mysql-deployment.yaml (row 13): the pod template without its Secret', () => {
  // The template mounts PVC mysql-pv-claim; storage is not modelled yet, and on a real cluster an
  // unbound claim would hold the pod in ContainerCreating, so the volume is left out here.
  const mysql = () => boundPodYaml(MANIFEST.mysqlDeployment, { name: 'mysql', withoutVolumes: true });

  it('waits in CreateContainerConfigError: secret "mysql-pass" not found, then runs once the Secret exists', () => {
    const lab = new Lab();
    expect(lab.apply(mysql())).toBe('pod/mysql created\n');
    lab.advance('10s');
    expect(lab.podRow('mysql')).toEqual({ ready: '0/1', status: 'CreateContainerConfigError', restarts: '0' });
    expect(JSON.parse(lab.jsonpath('mysql', '.status.containerStatuses[0].state'))).toEqual({
      waiting: { reason: 'CreateContainerConfigError', message: 'secret "mysql-pass" not found' },
    });
    expect(lab.events('mysql')).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'Failed', message: 'Error: secret "mysql-pass" not found' }),
    );
    lab.advance('30s');
    expect(lab.status('mysql')).toBe('CreateContainerConfigError');

    lab.apply(`apiVersion: v1
kind: Secret
metadata:
  name: mysql-pass
stringData:
  password: s3cret
`);
    lab.advance('15s');
    expect(lab.podRow('mysql')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(lab.out('kubectl exec mysql -- printenv MYSQL_ROOT_PASSWORD MYSQL_PASSWORD MYSQL_DATABASE')).toBe('s3cret\ns3cret\nwordpress\n');
  });
});
