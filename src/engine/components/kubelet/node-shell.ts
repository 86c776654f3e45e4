/**
 * A shell on the node itself (`sim node exec NODE -- CMD`): containerd's `crictl`, `lsns`,
 * `systemctl status kubelet|containerd`, and the cgroup v2 tree the kubelet builds under
 * /sys/fs/cgroup/kubepods.slice (systemd driver naming), readable with cat and ls through the same
 * shell interpreter the containers use.
 */
import type { Pod } from '../../api/types.ts';
import { kubepodsCgroupValues, podCgroupValues, podResourceTotals, qosCgroupValues, qosClass } from '../../node/cgroups.ts';
import { ContainerFs } from '../../node/fs.ts';
import type { ExecResult } from '../../node/types.ts';
import { formatTimestamp } from '../../kernel/time.ts';
import { HOST_NS, type Kubelet } from './kubelet.ts';
import { quantityMilli } from './admission.ts';
import { uniqueImages } from './node-status.ts';
import { isRunning } from './containers.ts';
import { procCommandLine } from './process.ts';
import { runShellToEnd, startShellArgv } from './shell-bridge.ts';
import { cpuStatFile, memoryUsageBytes } from './usage.ts';
import type { InstanceRecord, PodRecord } from './state.ts';
import { nodeIptables, nodeIptablesSave } from '../../network/node-tools.ts';
import { pruneLocalPathDirs } from './storage-volumes.ts';

type Tool = (k: Kubelet, args: string[]) => ExecResult;

const TOOLS: Record<string, Tool> = { crictl, lsns, systemctl, iptables: nodeIptables, 'iptables-save': nodeIptablesSave };

export function nodeShellExec(k: Kubelet, argv: string[]): ExecResult {
  if (!k.node.up) return { stdout: '', stderr: `ssh: connect to host ${k.node.name} port 22: No route to host\n`, exitCode: 255 };
  const tool = TOOLS[argv[0] ?? ''];
  if (tool) return tool(k, argv.slice(1));
  let stdout = '';
  let stderr = '';
  const files = cgroupTree(k);
  // The node's own directories that outlive pods (hostPath, local-path volumes) are visible too.
  pruneLocalPathDirs(k);
  const mounts = Object.entries(k.node.disk ?? {}).map(([path, data]) => ({ path, readOnly: false, data }));
  const fs = new ContainerFs({ layer: { files: {} }, mounts, special: (p) => files[p]?.(), specialPaths: Object.keys(files) });
  const host = {
    fs,
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', HOSTNAME: k.node.name },
    hostname: k.node.name,
    userland: 'debian' as const,
    processes: () => [],
    write: (stream: 'stdout' | 'stderr', text: string) => {
      if (stream === 'stdout') stdout += text;
      else stderr += text;
    },
  };
  const result = runShellToEnd(startShellArgv(argv), host, k.now);
  if (result.notFound !== undefined) return { stdout, stderr: `${stderr}bash: ${result.notFound}: command not found\n`, exitCode: 127 };
  return { stdout, stderr, exitCode: result.code };
}

/** Pads columns like Go's tabwriter (minwidth, padding) for the tools' tables. */
function table(rows: string[][], minWidth: number, padding: number): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length + padding, minWidth)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('')).join('\n') + '\n';
}

/** go-units HumanDuration, as crictl's CREATED column prints it (plus " ago"). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(seconds / 3600 / 24 / 365)} years`;
}

/** go-units HumanSize: decimal units, 4 significant digits (`72.1MB`). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  return `${Number(size.toPrecision(4))}${units[i]}`;
}

function ago(k: Kubelet, t: number): string {
  return `${humanDuration(k.now - t)} ago`;
}

function short(id: string): string {
  return id.slice(0, 13);
}

function crictl(k: Kubelet, args: string[]): ExecResult {
  const [verb, ...rest] = args;
  const all = rest.includes('-a') || rest.includes('--all');
  switch (verb) {
    case 'ps':
      return ok(crictlPs(k, all));
    case 'pods':
      return ok(crictlPods(k));
    case 'images':
      return ok(crictlImages(k));
    case 'inspect':
      return crictlInspect(k, rest[0] ?? '');
    default:
      return { stdout: '', stderr: `crictl: no such command "${verb ?? ''}" (try: ps, pods, images, inspect ID)\n`, exitCode: 1 };
  }
}

function ok(stdout: string): ExecResult {
  return { stdout, stderr: '', exitCode: 0 };
}

function instances(k: Kubelet): { rec: PodRecord; name: string; i: InstanceRecord }[] {
  const out: { rec: PodRecord; name: string; i: InstanceRecord }[] = [];
  for (const rec of Object.values(k.node.pods)) {
    for (const c of rec.containers) {
      for (const i of [c.previous, c.current]) if (i) out.push({ rec, name: c.name, i });
    }
  }
  return out.sort((a, b) => b.i.createdAt - a.i.createdAt);
}

function imageIdOf(k: Kubelet, ref: string): string {
  const img = Object.values(k.node.images).find((x) => x.refs.includes(ref));
  return img ? img.id.replace(/^sha256:/, '') : ref;
}

function crictlPs(k: Kubelet, all: boolean): string {
  const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD']];
  for (const { rec, name, i } of instances(k)) {
    const running = i.finishedAt === undefined;
    if (!all && !running) continue;
    rows.push([short(i.id), short(imageIdOf(k, i.image)), ago(k, i.createdAt), running ? 'Running' : 'Exited', name, String(i.attempt), short(rec.sandbox?.id ?? ''), rec.name]);
  }
  return table(rows, 20, 3);
}

function crictlPods(k: Kubelet): string {
  const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
  const pods = Object.values(k.node.pods).filter((r) => r.sandbox).sort((a, b) => b.sandbox!.createdAt - a.sandbox!.createdAt);
  for (const rec of pods) {
    const ready = rec.containers.some(isRunning) || !rec.terminating;
    rows.push([short(rec.sandbox!.id), ago(k, rec.sandbox!.createdAt), ready ? 'Ready' : 'NotReady', rec.name, rec.namespace, '0', '(default)']);
  }
  return table(rows, 20, 3);
}

function crictlImages(k: Kubelet): string {
  const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
  const list: string[][] = [];
  for (const img of uniqueImages(k)) {
    for (const ref of img.refs) {
      const at = ref.lastIndexOf(':');
      list.push([ref.slice(0, at), ref.slice(at + 1), short(img.id.replace(/^sha256:/, '')), humanSize(img.sizeBytes)]);
    }
  }
  list.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
  return table([...rows, ...list], 20, 3);
}

function crictlInspect(k: Kubelet, id: string): ExecResult {
  const found = id ? instances(k).find((x) => x.i.id.startsWith(id)) : undefined;
  if (!found) return { stdout: '', stderr: `E0101 00:00:00.000000 crictl: getting the status of the container "${id}": rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found\n`, exitCode: 1 };
  const { rec, name, i } = found;
  const info = {
    status: {
      id: i.id,
      metadata: { attempt: i.attempt, name },
      state: i.finishedAt === undefined ? 'CONTAINER_RUNNING' : 'CONTAINER_EXITED',
      createdAt: formatTimestamp(i.createdAt),
      startedAt: formatTimestamp(i.startedAt),
      finishedAt: i.finishedAt === undefined ? '0001-01-01T00:00:00Z' : formatTimestamp(i.finishedAt),
      exitCode: i.exitCode ?? 0,
      image: { image: i.image },
      imageRef: i.imageId,
      reason: i.reason ?? '',
      labels: { 'io.kubernetes.container.name': name, 'io.kubernetes.pod.name': rec.name, 'io.kubernetes.pod.namespace': rec.namespace, 'io.kubernetes.pod.uid': rec.uid },
    },
    info: {
      pid: i.finishedAt === undefined ? i.hostPid : 0,
      sandboxID: rec.sandbox?.id ?? '',
      runtimeSpec: {
        process: { args: procCommandLine(i.proc).split(' '), env: Object.entries(i.env).map(([key, v]) => `${key}=${v}`), oomScoreAdj: i.cgroup.oomScoreAdj },
        linux: {
          cgroupsPath: `${i.cgroup.path.split('/').slice(-2, -1)[0]}:cri-containerd:${i.id}`,
          resources: { cpu: { shares: undefined, quota: cpuQuota(i.cgroup.cpuMax), period: 100000 }, memory: { limit: i.cgroup.memoryMax === 'max' ? 0 : Number(i.cgroup.memoryMax) } },
          namespaces: linuxNamespaces(rec, i),
        },
      },
    },
  };
  return ok(JSON.stringify(info, null, 2) + '\n');
}

function cpuQuota(cpuMax: string): number {
  const q = cpuMax.split(' ')[0];
  return q === 'max' ? 0 : Number(q);
}

function linuxNamespaces(rec: PodRecord, i: InstanceRecord): { type: string; path: string }[] {
  const pid = i.hostPid;
  return [
    { type: 'pid', path: `/proc/${pid}/ns/pid` },
    { type: 'ipc', path: `/proc/${pid}/ns/ipc` },
    { type: 'uts', path: `/proc/${pid}/ns/uts` },
    { type: 'mount', path: `/proc/${pid}/ns/mnt` },
    ...(rec.sandbox?.ns.net === HOST_NS.net ? [] : [{ type: 'network', path: `/proc/${pid}/ns/net` }]),
  ];
}

/** `lsns`: every namespace on the node with its process count, lowest pid and command. */
function lsns(k: Kubelet): ExecResult {
  type Row = { ns: number; type: string; nprocs: number; pid: number; command: string };
  const rows = new Map<string, Row>();
  const add = (ns: number, type: string, pid: number, command: string) => {
    const key = `${type}:${ns}`;
    const row = rows.get(key);
    if (row) {
      row.nprocs++;
      if (pid < row.pid) Object.assign(row, { pid, command });
    } else rows.set(key, { ns, type, nprocs: 1, pid, command });
  };
  for (const [type, ns] of Object.entries(HOST_NS)) add(ns, type, 1, '/sbin/init');
  for (const rec of Object.values(k.node.pods)) {
    const sb = rec.sandbox;
    if (!sb) continue;
    add(sb.ns.net, 'net', sb.pausePid, '/pause');
    add(sb.ns.ipc, 'ipc', sb.pausePid, '/pause');
    add(sb.ns.uts, 'uts', sb.pausePid, '/pause');
    if (sb.ns.pid !== undefined) add(sb.ns.pid, 'pid', sb.pausePid, '/pause');
    for (const c of rec.containers) {
      const i = c.current;
      if (!i || i.finishedAt !== undefined) continue;
      const cmd = procCommandLine(i.proc);
      add(sb.ns.net, 'net', i.hostPid, cmd);
      add(sb.ns.ipc, 'ipc', i.hostPid, cmd);
      add(sb.ns.uts, 'uts', i.hostPid, cmd);
      add(i.ns.pid, 'pid', i.hostPid, cmd);
      add(i.ns.mnt, 'mnt', i.hostPid, cmd);
      add(i.ns.cgroup, 'cgroup', i.hostPid, cmd);
    }
  }
  const sorted = [...rows.values()].sort((a, b) => a.ns - b.ns);
  const lines = ['        NS TYPE   NPROCS   PID USER  COMMAND'];
  for (const r of sorted) {
    lines.push(`${String(r.ns).padStart(10)} ${r.type.padEnd(6)} ${String(r.nprocs).padStart(6)} ${String(r.pid).padStart(5)} root  ${r.command}`);
  }
  return ok(lines.join('\n') + '\n');
}

function systemctl(k: Kubelet, args: string[]): ExecResult {
  const unit = (args[1] ?? '').replace(/\.service$/, '');
  if (args[0] !== 'status' || (unit !== 'kubelet' && unit !== 'containerd')) {
    return { stdout: '', stderr: `Unit ${args[1] ?? ''}.service could not be found.\n`, exitCode: 4 };
  }
  const since = `Wed 2025-01-01 00:00:00 UTC; ${humanDuration(k.now)} ago`;
  const kubelet = unit === 'kubelet';
  const lines = kubelet
    ? [
        '● kubelet.service - kubelet: The Kubernetes Node Agent',
        '     Loaded: loaded (/lib/systemd/system/kubelet.service; enabled; preset: enabled)',
        '    Drop-In: /usr/lib/systemd/system/kubelet.service.d',
        '             └─10-kubeadm.conf',
        `     Active: active (running) since ${since}`,
        '       Docs: https://kubernetes.io/docs/',
        '   Main PID: 712 (kubelet)',
        '     CGroup: /system.slice/kubelet.service',
        '             └─712 /usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10',
      ]
    : [
        '● containerd.service - containerd container runtime',
        '     Loaded: loaded (/lib/systemd/system/containerd.service; enabled; preset: enabled)',
        `     Active: active (running) since ${since}`,
        '       Docs: https://containerd.io',
        '   Main PID: 598 (containerd)',
        '     CGroup: /system.slice/containerd.service',
        '             └─598 /usr/bin/containerd',
      ];
  return ok(lines.join('\n') + '\n');
}

/** /sys/fs/cgroup/kubepods.slice/...: node, QoS, pod and container cgroups with their files. */
function cgroupTree(k: Kubelet): Record<string, () => string> {
  const node = k.nodeObject();
  const files: Record<string, () => string> = {};
  const put = (path: string, v: { cpuWeight: number; cpuMax: string; memoryMax: string }) => {
    files[`/sys/fs/cgroup/${path}/cpu.weight`] = () => `${v.cpuWeight}\n`;
    files[`/sys/fs/cgroup/${path}/cpu.max`] = () => `${v.cpuMax}\n`;
    files[`/sys/fs/cgroup/${path}/memory.max`] = () => `${v.memoryMax}\n`;
  };
  put('kubepods.slice', kubepodsCgroupValues(quantityMilli(node?.status?.capacity?.cpu), quantityMilli(node?.status?.capacity?.memory) / 1000));
  let burstableCpu = 0;
  for (const rec of Object.values(k.node.pods)) {
    const pod = k.ctx.store.tryGet<Pod>('pods', rec.namespace, rec.name);
    if (!pod || !rec.sandbox) continue;
    const slice = podCgroupValues(pod);
    put(slice.path, slice);
    if (qosClass(pod.spec) === 'Burstable') burstableCpu += podResourceTotals(pod.spec).cpuMilliRequest;
    for (const c of rec.containers) {
      const i = c.current;
      if (!i || i.finishedAt !== undefined) continue;
      put(i.cgroup.path, i.cgroup);
      files[`/sys/fs/cgroup/${i.cgroup.path}/memory.current`] = () => `${memoryUsageBytes(i, k.now)}\n`;
      files[`/sys/fs/cgroup/${i.cgroup.path}/cpu.stat`] = () => cpuStatFile(i, k.now);
      files[`/sys/fs/cgroup/${i.cgroup.path}/cgroup.procs`] = () => `${i.hostPid}\n`;
    }
  }
  put('kubepods.slice/kubepods-burstable.slice', qosCgroupValues('Burstable', burstableCpu));
  put('kubepods.slice/kubepods-besteffort.slice', qosCgroupValues('BestEffort', 0));
  return files;
}
