/**
 * The node under the kubelet: its Lease and status, what `sim node exec` shows of containerd,
 * namespaces, systemd and cgroups; and what happens to containers when the machine fails and
 * comes back, or when their process is signalled from outside Kubernetes.
 */
import { describe, expect, it } from 'vitest';
import { Lab, simMs } from '../../support/manifests.ts';

const PODS = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  nodeName: node-1
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      requests: {cpu: 250m, memory: 64Mi}
---
apiVersion: v1
kind: Pod
metadata:
  name: duo
spec:
  nodeName: node-1
  containers:
  - name: first
    image: busybox:1.36
    command: ["sleep", "3601"]
  - name: second
    image: busybox:1.36
    command: ["sleep", "3602"]
`;

function cluster(): Lab {
  const lab = new Lab();
  lab.apply(PODS);
  lab.advance('20s');
  expect(lab.status('web')).toBe('Running');
  expect(lab.podRow('duo')).toMatchObject({ ready: '2/2', status: 'Running' });
  return lab;
}

function nodeExec(lab: Lab, cmd: string): string {
  const r = lab.run(`sim node exec node-1 -- ${cmd}`);
  expect(r.exitCode, r.output).toBe(0);
  return r.stdout;
}

/** Splits a crictl table (columns separated by 2+ spaces) into header and rows. */
function table(text: string): { header: string[]; rows: string[][] } {
  const lines = text.trimEnd().split('\n');
  const split = (l: string) => l.trim().split(/\s{2,}/);
  return { header: split(lines[0]), rows: lines.slice(1).map(split) };
}

interface NsRow {
  ns: number;
  type: string;
  nprocs: number;
  pid: number;
  command: string;
}

function lsns(lab: Lab): NsRow[] {
  const [header, ...lines] = nodeExec(lab, 'lsns').trimEnd().split('\n');
  expect(header.trim().split(/\s+/)).toEqual(['NS', 'TYPE', 'NPROCS', 'PID', 'USER', 'COMMAND']);
  return lines.map((l) => {
    const m = /^\s*(\d+) (\w+)\s+(\d+)\s+(\d+) (\S+)\s+(.*)$/.exec(l);
    if (!m) throw new Error(`lsns row: ${l}`);
    return { ns: Number(m[1]), type: m[2], nprocs: Number(m[3]), pid: Number(m[4]), command: m[6] };
  });
}

describe('node Lease and status', () => {
  it('the kubelet renews its Lease in kube-node-lease every 10 s', () => {
    const lab = new Lab();
    const renew = () => lab.out("kubectl get lease node-1 -n kube-node-lease -o jsonpath='{.spec.renewTime}'");
    expect(lab.out("kubectl get lease node-1 -n kube-node-lease -o jsonpath='{.spec.holderIdentity} {.spec.leaseDurationSeconds}'")).toBe('node-1 40');
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t = renew();
      expect(t).toMatch(/^2025-01-01T\d\d:\d\d:\d\d\.\d{6}Z$/);
      times.push(simMs(t));
      // Renewed within the last 10 s.
      expect(lab.now - times[i]).toBeGreaterThanOrEqual(0);
      expect(lab.now - times[i]).toBeLessThan(10_000);
      lab.advance('10s');
    }
    expect(times.slice(1).map((t, i) => t - times[i])).toEqual([10_000, 10_000, 10_000]);
    lab.advance('5s');
    expect(simMs(renew())).toBe(times[3] + 10_000);
  });

  it('a failed node stops renewing; a recovered one renews again', () => {
    const lab = new Lab();
    const renew = () => simMs(lab.out("kubectl get lease node-1 -n kube-node-lease -o jsonpath='{.spec.renewTime}'"));
    lab.advance('10s');
    lab.out('sim node fail node-1');
    const before = renew();
    lab.advance('1m');
    expect(renew()).toBe(before);
    lab.out('sim node recover node-1');
    lab.advance('10s');
    expect(renew()).toBeGreaterThan(before + 60_000);
    expect(renew()).toBeLessThanOrEqual(lab.now);
  });

  it('node status lists pulled images with their sizes', () => {
    const lab = cluster();
    lab.advance('5m'); // past nodeStatusReportFrequency at the latest
    const images = JSON.parse(lab.out("kubectl get node node-1 -o jsonpath='{.status.images}'")) as { names: string[]; sizeBytes: number }[];
    const nginx = images.find((i) => i.names.includes('docker.io/library/nginx:1.27'));
    expect(nginx?.sizeBytes).toBeGreaterThan(10_000_000);
    expect(nginx?.names[0]).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(images.find((i) => i.names.includes('docker.io/library/busybox:1.36'))?.sizeBytes).toBeGreaterThan(0);
    expect(images.find((i) => i.names.includes('registry.k8s.io/pause:3.10'))).toBeDefined();
    // Largest first, as the kubelet sorts them.
    const sizes = images.map((i) => i.sizeBytes);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  // nginx:1.27 has four tags: still one entry (regression: it was listed once per tag).
  it('each image appears once in node status', () => {
    const lab = cluster();
    lab.advance('5m');
    const images = JSON.parse(lab.out("kubectl get node node-1 -o jsonpath='{.status.images}'")) as { names: string[] }[];
    const digests = images.map((i) => i.names[0]);
    expect(digests).toEqual([...new Set(digests)]);
  });
});

describe('sim node exec: containerd, namespaces, systemd, cgroups on the node', () => {
  it('crictl ps lists running containers with their pod', () => {
    const lab = cluster();
    const { header, rows } = table(nodeExec(lab, 'crictl ps'));
    expect(header).toEqual(['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD']);
    const nginx = rows.find((r) => r[4] === 'nginx');
    expect(nginx).toBeDefined();
    expect(nginx![0]).toMatch(/^[0-9a-f]{13}$/);
    expect(nginx![3]).toBe('Running');
    expect(nginx![5]).toBe('0');
    expect(nginx![7]).toBe('web');
    const id = lab.jsonpath('web', '.status.containerStatuses[0].containerID').replace('containerd://', '');
    expect(id.startsWith(nginx![0])).toBe(true);
    expect(rows.filter((r) => r[7] === 'duo').map((r) => r[4]).sort()).toEqual(['first', 'second']);
    // Both containers of one pod share the sandbox.
    expect(new Set(rows.filter((r) => r[7] === 'duo').map((r) => r[6])).size).toBe(1);
  });

  it('crictl ps -a also lists exited containers, with the attempt number', () => {
    const lab = cluster();
    lab.out('sim kill web');
    lab.advance('5s');
    expect(table(nodeExec(lab, 'crictl ps')).rows.filter((r) => r[4] === 'nginx').map((r) => [r[3], r[5]])).toEqual([['Running', '1']]);
    const all = table(nodeExec(lab, 'crictl ps -a')).rows.filter((r) => r[4] === 'nginx');
    expect(all.map((r) => [r[3], r[5]])).toEqual([
      ['Running', '1'],
      ['Exited', '0'],
    ]);
  });

  it('crictl pods lists the sandboxes', () => {
    const lab = cluster();
    const { header, rows } = table(nodeExec(lab, 'crictl pods'));
    expect(header).toEqual(['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']);
    expect(rows.find((r) => r[3] === 'web')).toEqual([expect.stringMatching(/^[0-9a-f]{13}$/), expect.stringMatching(/ago$/), 'Ready', 'web', 'default', '0', '(default)']);
    expect(rows.some((r) => r[3].startsWith('kube-proxy-') && r[4] === 'kube-system')).toBe(true);
  });

  it('crictl images lists what was pulled, with human sizes', () => {
    const lab = cluster();
    const { header, rows } = table(nodeExec(lab, 'crictl images'));
    expect(header).toEqual(['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']);
    expect(rows).toContainEqual(['docker.io/library/nginx', '1.27', expect.stringMatching(/^[0-9a-f]{13}$/), expect.stringMatching(/^\d+(\.\d+)?MB$/)]);
    expect(rows).toContainEqual(['registry.k8s.io/pause', '3.10', expect.any(String), expect.stringMatching(/kB$/)]);
  });

  // Regression: an image with N tags printed each tag N times.
  it('crictl images prints each repository:tag once', () => {
    const lab = cluster();
    const keys = table(nodeExec(lab, 'crictl images')).rows.map((r) => `${r[0]}:${r[1]}`);
    expect(keys).toEqual([...new Set(keys)]);
  });

  it('lsns: net, ipc and uts are shared by the containers of a pod; pid, mnt and cgroup are per container', () => {
    const lab = cluster();
    const rows = lsns(lab);
    const own = (cmd: string) => rows.filter((r) => r.command === `sleep ${cmd}`);
    // The second container is never the first process of a shared namespace.
    expect(own('3602').map((r) => r.type).sort()).toEqual(['cgroup', 'mnt', 'pid']);
    for (const r of own('3602')) expect(r.nprocs).toBe(1);
    const firstPid = own('3601').find((r) => r.type === 'pid')!.pid;
    const secondPid = own('3602').find((r) => r.type === 'pid')!.pid;
    expect(secondPid).not.toBe(firstPid);
    for (const type of ['net', 'ipc', 'uts']) {
      // The pod's shared namespace: led by the sandbox's pause or the first container, holding both.
      const shared = rows.filter((r) => r.type === type && (r.command === '/pause' || r.command === 'sleep 3601') && r.nprocs >= 2);
      expect(shared.length, `${type}: ${JSON.stringify(rows.filter((r) => r.type === type))}`).toBeGreaterThanOrEqual(1);
    }
    // Host namespaces are there, led by init.
    expect(rows.filter((r) => r.command === '/sbin/init').map((r) => r.type).sort()).toEqual(['cgroup', 'ipc', 'mnt', 'net', 'pid', 'uts']);
  });

  // Regression: the pause process was shown with another container's pid.
  it('lsns: a /pause process has a pid of its own', () => {
    const lab = cluster();
    const rows = lsns(lab);
    const containerPids = new Set(rows.filter((r) => r.type === 'pid' && r.command !== '/sbin/init').map((r) => r.pid));
    const pausePids = rows.filter((r) => r.command === '/pause').map((r) => r.pid);
    expect(pausePids.length).toBeGreaterThan(0);
    for (const pid of pausePids) expect(containerPids.has(pid), `pause pid ${pid}`).toBe(false);
  });

  it('systemctl status kubelet', () => {
    const lab = cluster();
    const lines = nodeExec(lab, 'systemctl status kubelet').split('\n');
    expect(lines[0]).toBe('● kubelet.service - kubelet: The Kubernetes Node Agent');
    expect(lines.find((l) => l.trim().startsWith('Active:'))).toMatch(/Active: active \(running\) since /);
    expect(lines.some((l) => /\/usr\/bin\/kubelet .*--config=\/var\/lib\/kubelet\/config\.yaml/.test(l))).toBe(true);
    const r = lab.run('sim node exec node-1 -- systemctl status nosuch');
    expect(r).toMatchObject({ output: 'Unit nosuch.service could not be found.\n', exitCode: 4 });
  });

  it('the pod and container cgroups under kubepods-burstable.slice carry the cpu weight of the requests', () => {
    const lab = cluster();
    const uid = lab.jsonpath('web', '.metadata.uid').replaceAll('-', '_');
    const id = lab.jsonpath('web', '.status.containerStatuses[0].containerID').replace('containerd://', '');
    const podSlice = `/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${uid}.slice`;
    // 250m → shares 256 → weight 1 + (254 × 9999) / 262142 = 10
    expect(nodeExec(lab, `cat ${podSlice}/cpu.weight`)).toBe('10\n');
    expect(nodeExec(lab, `cat ${podSlice}/cri-containerd-${id}.scope/cpu.weight`)).toBe('10\n');
    expect(nodeExec(lab, `cat ${podSlice}/cri-containerd-${id}.scope/memory.max`)).toBe('max\n');
    expect(nodeExec(lab, 'cat /sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/cpu.weight')).toBe('10\n');
    expect(nodeExec(lab, `ls /sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice`)).toContain(`kubepods-burstable-pod${uid}.slice`);
    const r = lab.run(`sim node exec node-1 -- cat ${podSlice}/nope`);
    expect(r.exitCode).not.toBe(0);
  });
});

describe('node failure and recovery; signals from outside Kubernetes', () => {
  it('a failed node: exec and logs cannot dial the kubelet; after recovery the containers restart (255, Unknown)', () => {
    const lab = cluster();
    lab.out('sim node fail node-1');
    expect(lab.run('kubectl exec web -- true')).toMatchObject({
      output: 'Error from server: error dialing backend: dial tcp 172.18.0.3:10250: connect: no route to host\n',
      exitCode: 1,
    });
    expect(lab.out('kubectl logs web')).toBe(
      'Error from server: Get "https://172.18.0.3:10250/containerLogs/default/web/nginx": dial tcp 172.18.0.3:10250: connect: no route to host\n',
    );
    lab.advance('1m');
    // Nothing on the node moved while it was down.
    expect(lab.restartCount('web')).toBe(0);
    lab.out('sim node recover node-1');
    const recoveredAt = lab.now;
    lab.advance('10s');
    for (const [pod, i] of [
      ['web', 0],
      ['duo', 0],
      ['duo', 1],
    ] as const) {
      expect(lab.restartCount(pod, 'default', i)).toBe(1);
      const last = JSON.parse(lab.jsonpath(pod, `.status.containerStatuses[${i}].lastState.terminated`)) as Record<string, unknown>;
      expect(last).toMatchObject({ exitCode: 255, reason: 'Unknown' });
      expect(simMs(lab.jsonpath(pod, `.status.containerStatuses[${i}].state.running.startedAt`))).toBeGreaterThanOrEqual(Math.floor(recoveredAt / 1000) * 1000);
    }
    expect(lab.podRow('duo')).toMatchObject({ ready: '2/2', status: 'Running' });
    // New sandboxes, so new containers answer again.
    expect(lab.out('kubectl exec duo -c first -- echo back')).toBe('back\n');
  });

  // Regression (was a bug): containerd, loading a container that was RUNNING whose task is gone after the reboot,
  // stamps finishedAt = time.Now() (internal/cri/server/restart.go), i.e. when the node came
  // back; kubelet.ts reboot() uses the time the node failed.
  it('after recovery lastState.terminated.finishedAt is when containerd came back', () => {
    const lab = cluster();
    lab.out('sim node fail node-1');
    lab.advance('1m');
    lab.out('sim node recover node-1');
    const recoveredAt = lab.now;
    lab.advance('10s');
    const finishedAt = simMs(lab.jsonpath('web', '.status.containerStatuses[0].lastState.terminated.finishedAt'));
    expect(finishedAt).toBeGreaterThanOrEqual(recoveredAt - 1000);
  });

  function victim(image: string, command?: string[]): Lab {
    const lab = new Lab();
    const spec = { nodeName: 'node-1', containers: [{ name: 'c', image, ...(command ? { command } : {}) }] };
    lab.apply(`${JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'victim' }, spec })}\n`);
    lab.advance('10s');
    expect(lab.status('victim')).toBe('Running');
    return lab;
  }

  it.each([
    // [sim kill flag, exit code, reason]
    ['', 137, 'Error'],
    ['--signal TERM', 0, 'Completed'], // nginx shuts down gracefully on SIGTERM
  ])('sim kill %s on nginx: exit %i (%s), restarted by restartPolicy Always', (flag, exitCode, reason) => {
    const lab = victim('nginx:1.27');
    const signal = flag === '' ? 'KILL' : 'TERM';
    expect(lab.out(`sim kill victim ${flag}`.trim())).toBe(`pod/victim container c killed (SIG${signal})\n`);
    lab.advance('5s');
    expect(lab.restartCount('victim')).toBe(1);
    expect(JSON.parse(lab.jsonpath('victim', '.status.containerStatuses[0].lastState.terminated'))).toMatchObject({ exitCode, reason });
    expect(lab.status('victim')).toBe('Running');
  });

  // Regression (was a bug): the container shell has no `trap` builtin (`sh: trap: not found` in the log), so the
  // common `trap 'exit 143' TERM; while true; do sleep 1; done` idiom ignores SIGTERM as PID 1
  // and only dies at the end of its grace period. busybox sh runs the trap and exits 143.
  it("a busybox shell with trap 'exit 143' TERM exits 143 on SIGTERM", () => {
    const lab = victim('busybox:1.36', ['sh', '-c', "trap 'exit 143' TERM; while true; do sleep 1; done"]);
    expect(lab.out('kubectl logs victim')).toBe('');
    lab.out('sim kill victim --signal TERM');
    lab.advance('5s');
    expect(lab.restartCount('victim')).toBe(1);
    expect(JSON.parse(lab.jsonpath('victim', '.status.containerStatuses[0].lastState.terminated'))).toMatchObject({ exitCode: 143, reason: 'Error' });
  });

  it('SIGTERM to a process that ignores it changes nothing', () => {
    const lab = new Lab();
    lab.apply(`${JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'deaf' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] } })}\n`);
    lab.advance('10s');
    lab.out('sim kill deaf --signal TERM');
    lab.advance('1m');
    expect(lab.podRow('deaf')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });
});
