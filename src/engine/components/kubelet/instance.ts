/**
 * A container instance: created from the spec, the pulled image and the resolved environment,
 * with its own id, cgroup, pid and mount namespaces, writable layer and log. Also what a process
 * inside sees: files (layer + volumes + the special files of /sys/fs/cgroup and /proc), its
 * environment and hostname — the same view for the main process, exec probes and `kubectl exec`.
 */
import type { Container, Pod } from '../../api/types.ts';
import { containerCgroupValues } from '../../node/cgroups.ts';
import { ContainerFs, type FsMount, type ImageTree } from '../../node/fs.ts';
import { startShellArgv, runShellToEnd } from './shell-bridge.ts';
import type { ShellHost } from '../../node/shell/state.ts';
import type { Userland } from '../../node/shell/userland.ts';
import type { ExecResult, ProcessInfo } from '../../node/types.ts';
import { EXIT_CODE_START_ERROR } from '../../node/probes.ts';
import { HOST_NS, type Kubelet } from './kubelet.ts';
import { launch, procCommandLine } from './process.ts';
import { findImage, type ImageInfo } from '../../node/images.ts';
import { imageTree } from '../../node/shell/userland.ts';
import type { ContainerRecord, InstanceRecord, PodRecord } from './state.ts';
import { quantityMilli } from './admission.ts';
import { expand } from './env.ts';
import { isApiVolume, subPathSnapshots, type ApiVolumeSpec } from './api-volumes.ts';
import { cpuStatFile, memoryUsageBytes } from './usage.ts';
import { containerNet } from '../../network/container-net.ts';
import { mountedVolumeData } from './storage-volumes.ts';

export function newInstance(k: Kubelet, pod: Pod, rec: PodRecord, c: ContainerRecord, spec: Container, image: ImageInfo, env: Record<string, string>): InstanceRecord {
  const id = k.runtimeId();
  const memoryCapacity = quantityMilli(k.nodeObject()?.status?.capacity?.memory) / 1000;
  const hostname = pod.spec.hostNetwork ? k.node.name : (pod.spec.hostname as string | undefined) ?? rec.name;
  const fullEnv: Record<string, string> = { ...imageEnv(image), HOSTNAME: hostname, ...env };
  if (!fullEnv.HOME) fullEnv.HOME = '/root';
  const pidNs = pod.spec.hostPID ? HOST_NS.pid : (rec.sandbox?.ns.pid ?? k.nsId());
  const instance: InstanceRecord = {
    id,
    attempt: c.current ? c.restartCount + 1 : 0,
    image: image.ref,
    imageId: image.imageId,
    createdAt: k.now,
    startedAt: k.now,
    proc: { kind: 'none' },
    fs: { files: {} },
    logs: [],
    cgroup: containerCgroupValues(pod, spec, memoryCapacity, id),
    ns: { pid: pidNs, mnt: k.nsId(), cgroup: k.nsId() },
    hostPid: k.nextPid(),
    env: fullEnv,
    userland: image.userland,
  };
  const subPaths = subPathSnapshots(pod, rec, (spec.volumeMounts ?? []) as { name: string; mountPath: string; subPath?: string }[]);
  if (subPaths) instance.subPaths = subPaths;
  // The kubelet expands $(VAR) in command and args from the container's own variables.
  const command = spec.command?.map((a) => expand(a, env));
  const args = spec.args?.map((a) => expand(a, env));
  const started = launch(image, command, args, fullEnv, k.now);
  if ('error' in started) {
    instance.startError = started.error;
    instance.finishedAt = k.now;
    instance.exitCode = EXIT_CODE_START_ERROR;
    instance.reason = 'StartError';
  } else {
    instance.proc = started.proc;
  }
  return instance;
}

function imageEnv(image: ImageInfo): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of image.config.env) {
    const eq = kv.indexOf('=');
    if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return env;
}

/** Volumes mounted into this container, by its volumeMounts. */
function mounts(k: Kubelet, pod: Pod, rec: PodRecord, name: string, i: InstanceRecord): FsMount[] {
  const spec = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((s) => s.name === name);
  const list = (spec?.volumeMounts ?? []) as { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  const out: FsMount[] = [];
  for (const m of list) {
    const snapshot = i.subPaths?.[m.mountPath];
    if (snapshot) {
      out.push({ path: m.mountPath, readOnly: true, data: snapshot.data, ...(snapshot.file ? { file: true } : {}) });
      continue;
    }
    const data = mountedVolumeData(k.node, rec, m.name);
    // configMap, secret, downwardAPI and projected volumes are always mounted read-only.
    const apiVolume = (pod.spec.volumes as ApiVolumeSpec[] | undefined)?.some((v) => v.name === m.name && isApiVolume(v)) === true;
    if (data) out.push({ path: m.mountPath, readOnly: m.readOnly === true || apiVolume, data });
  }
  return out;
}

function specialFiles(k: Kubelet, pod: Pod, rec: PodRecord, i: InstanceRecord): Record<string, () => string> {
  const hostname = i.env.HOSTNAME ?? rec.name;
  const ns = rec.namespace;
  return {
    '/sys/fs/cgroup/cpu.max': () => `${i.cgroup.cpuMax}\n`,
    '/sys/fs/cgroup/cpu.weight': () => `${i.cgroup.cpuWeight}\n`,
    '/sys/fs/cgroup/memory.max': () => `${i.cgroup.memoryMax}\n`,
    '/sys/fs/cgroup/memory.min': () => `${i.cgroup.memoryMin}\n`,
    '/sys/fs/cgroup/memory.current': () => `${memoryUsageBytes(i, k.now)}\n`,
    '/sys/fs/cgroup/cpu.stat': () => cpuStatFile(i, k.now),
    '/sys/fs/cgroup/cgroup.controllers': () => 'cpuset cpu io memory hugetlb pids rdma misc\n',
    '/proc/1/oom_score_adj': () => `${i.cgroup.oomScoreAdj}\n`,
    '/proc/self/oom_score_adj': () => `${i.cgroup.oomScoreAdj}\n`,
    '/proc/1/cgroup': () => '0::/\n',
    '/proc/self/cgroup': () => '0::/\n',
    '/proc/1/cmdline': () => procCommandLine(i.proc).replace(/ /g, '\0') + '\0',
    '/etc/hostname': () => `${hostname}\n`,
    '/etc/hosts': () => hostsFile(rec.sandbox?.ip ?? '', hostname),
    '/etc/resolv.conf': () =>
      pod.spec.dnsPolicy === 'Default' || pod.spec.hostNetwork
        ? 'nameserver 172.18.0.1\n'
        : `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
  };
}

function hostsFile(ip: string, hostname: string): string {
  return [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    `${ip}\t${hostname}`,
    '',
  ].join('\n');
}

/** Processes in the container's pid namespace, as `ps` inside it shows them. */
export function processes(k: Kubelet, i: InstanceRecord, extra?: string): ProcessInfo[] {
  const list: ProcessInfo[] = [];
  if (i.finishedAt === undefined) {
    list.push({ pid: 1, hostPid: i.hostPid, user: 'root', command: procCommandLine(i.proc), startedAt: i.startedAt, rssBytes: memoryUsageBytes(i, k.now) });
  }
  if (extra) list.push({ pid: list.length === 0 ? 1 : 7, hostPid: i.hostPid + 1, user: 'root', command: extra, startedAt: k.now, rssBytes: 1 << 20 });
  return list;
}

/** The world a process in this container runs against; `write` decides where its output goes. */
export function containerHost(k: Kubelet, pod: Pod, rec: PodRecord, c: ContainerRecord, i: InstanceRecord, write: ShellHost['write'], psExtra?: string): ShellHost {
  const special = specialFiles(k, pod, rec, i);
  const image = k.ctx.images?.find(i.image) ?? findImage(i.image);
  const fs = new ContainerFs({
    layer: i.fs,
    mounts: mounts(k, pod, rec, c.name, i),
    special: (path) => special[path]?.(),
    specialPaths: Object.keys(special),
    image: withImageFiles(imageTree(i.userland as Userland), image?.files),
  });
  const net = containerNet(k, pod);
  const tools = image?.tools;
  return { fs, env: i.env, hostname: i.env.HOSTNAME ?? rec.name, userland: i.userland as Userland, processes: () => processes(k, i, psExtra), write, ...(net ? { net } : {}), ...(tools ? { tools } : {}) };
}

/** Trees with an image's own files, by those files (the catalog's objects live as long as the program). */
const IMAGE_FILE_TREES = new WeakMap<Record<string, string>, Map<ImageTree, ImageTree>>();

/** The userland's tree plus the files the image adds (`/ready-probe.sh`), with their directories. */
function withImageFiles(base: ImageTree, files: Record<string, string> | undefined): ImageTree {
  if (!files) return base;
  let byBase = IMAGE_FILE_TREES.get(files);
  if (!byBase) IMAGE_FILE_TREES.set(files, (byBase = new Map()));
  const cached = byBase.get(base);
  if (cached) return cached;
  const dirs = new Set(base.dirs);
  for (const path of Object.keys(files)) for (let d = path.slice(0, path.lastIndexOf('/')); d !== ''; d = d.slice(0, d.lastIndexOf('/'))) dirs.add(d);
  const tree: ImageTree = Object.freeze({ dirs: [...dirs], files: Object.freeze({ ...base.files, ...files }) });
  byBase.set(base, tree);
  return tree;
}

/** The host for the container's main process: its output goes to the container log. */
export function instanceIo(k: Kubelet, pod: Pod, rec: PodRecord, c: ContainerRecord, i: InstanceRecord): ShellHost {
  return containerHost(k, pod, rec, c, i, (stream, text) => {
    i.logs.push({ at: k.now, stream, text });
  });
}

/** Runs a command in the container to its end (exec probes with their timeout, `kubectl exec`). */
export function execInInstance(
  k: Kubelet,
  pod: Pod,
  rec: PodRecord,
  c: ContainerRecord,
  i: InstanceRecord,
  argv: string[],
  stdin?: string,
  timeoutMs?: number,
): ExecResult & { timedOut?: boolean; elapsedMs: number } {
  let stdout = '';
  let stderr = '';
  const host = containerHost(k, pod, rec, c, i, (stream, text) => {
    if (stream === 'stdout') stdout += text;
    else stderr += text;
  }, argv.join(' '));
  if (stdin !== undefined) host.stdin = stdin;
  const state = startShellArgv(argv);
  const result = runShellToEnd(state, host, k.now, timeoutMs);
  if (result.notFound !== undefined) {
    return { stdout, stderr: stderr + ociExecError(result.notFound), exitCode: 126, elapsedMs: 0 };
  }
  const timedOut = timeoutMs !== undefined && result.elapsedMs >= timeoutMs;
  return { stdout, stderr, exitCode: result.code, elapsedMs: result.elapsedMs, ...(timedOut ? { timedOut } : {}) };
}

/** What containerd answers when an exec names a program the image does not have. */
function ociExecError(name: string): string {
  return `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown\n`;
}

