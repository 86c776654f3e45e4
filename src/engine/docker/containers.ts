/**
 * Containers on the standalone docker host, run by the same runtime model as the kubelet's:
 * the process comes from `launch` (an image's app model or the shell interpreter), files from
 * `ContainerFs` over the image's userland tree, cgroup files from node/cgroups.ts — so
 * `docker run --memory 256m` writes the same memory.max (268435456) as a pod limit of 256Mi.
 * Differences are Docker's own: the cgroup lives under `system.slice/docker-<id>.scope`,
 * networking is Docker's bridge (172.17.0.0/16), the host's network, or none.
 */
import { cpuMaxFile, memoryMaxFile } from '../node/cgroups.ts';
import { ContainerFs } from '../node/fs.ts';
import { imageTree } from '../node/shell/userland.ts';
import type { ShellHost } from '../node/shell/state.ts';
import type { CgroupValues, ExecResult, FsData, LogLine, ProcessInfo } from '../node/types.ts';
import type { ImageInfo, Userland } from '../node/images.ts';
import { launch, oomAt, procCommandLine, procDeliverTerm, procMemoryBytes, procOnTerm, procWakeAt, stepProc, type ProcState } from '../components/kubelet/process.ts';
import { runShellToEnd, startShellArgv } from '../components/kubelet/shell-bridge.ts';
import { sha256Digest, digestHex } from './digest.ts';

export type NetworkMode = 'bridge' | 'host' | 'none';

export interface PortBinding {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

/** One container on the docker host, plain JSON. */
export interface DockerContainer {
  id: string;
  name: string;
  /** The image as the user named it. */
  image: string;
  imageId: string;
  /** The path and args the runtime started (ENTRYPOINT + CMD, or what `docker run` gave). */
  path: string;
  args: string[];
  env: string[];
  workingDir: string;
  ports: PortBinding[];
  network: NetworkMode;
  /** Bridge address; '' on host and none. */
  ip: string;
  /** `--memory` in bytes (0: unlimited). */
  memoryBytes: number;
  /** `--cpus` × 10⁹ (0: unlimited). */
  nanoCpus: number;
  autoRemove: boolean;
  created: number;
  state: 'created' | 'running' | 'exited';
  startedAt?: number;
  finishedAt?: number;
  exitCode: number;
  proc: ProcState;
  fs: FsData;
  logs: LogLine[];
  cgroup: CgroupValues;
  userland: Userland;
  tools?: string[];
  hostPid: number;
  /** Why the runtime could not start it. */
  startError?: string;
  /** The kernel killed it for going over `--memory` (exit 137), as it does a pod's container. */
  oomKilled?: boolean;
}

export interface RunOptions {
  name: string;
  /** `docker run IMAGE CMD...`: replaces CMD. */
  command: string[];
  entrypoint?: string[];
  env: string[];
  ports: PortBinding[];
  network: NetworkMode;
  memoryBytes: number;
  nanoCpus: number;
  autoRemove: boolean;
  /** Which ordinal this container is on the host (its ID derives from it). */
  ordinal: number;
  /** Bridge addresses in use. */
  usedIps: string[];
}

/** Docker's default cpu.weight (shares 1024 → runc writes nothing; the kernel default is 100). */
const DOCKER_CPU_WEIGHT = 100;
const NANO_PER_MILLI = 1_000_000;
/** The host's PIDs start above its own daemons'. */
const FIRST_HOST_PID = 2300;
const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The cgroup files dockerd (systemd driver) writes for a container. */
export function dockerCgroup(id: string, memoryBytes: number, nanoCpus: number): CgroupValues {
  return {
    cpuWeight: DOCKER_CPU_WEIGHT,
    cpuMax: cpuMaxFile(nanoCpus / NANO_PER_MILLI),
    memoryMax: memoryMaxFile(memoryBytes),
    memoryMin: '0',
    oomScoreAdj: 0,
    path: `system.slice/docker-${id}.scope`,
  };
}

function bridgeIp(used: readonly string[]): string {
  for (let n = 2; n < 255; n++) if (!used.includes(`172.17.0.${n}`)) return `172.17.0.${n}`;
  return '172.17.1.2';
}

function mergeEnv(image: readonly string[], given: readonly string[], hostname: string): string[] {
  const env = new Map<string, string>();
  for (const kv of [DEFAULT_PATH, `HOSTNAME=${hostname}`, ...image, ...given]) {
    const eq = kv.indexOf('=');
    env.set(eq < 0 ? kv : kv.slice(0, eq), eq < 0 ? '' : kv.slice(eq + 1));
  }
  return [...env].map(([k, v]) => `${k}=${v}`);
}

/** Creates and starts a container (dockerd's create + start); `startError` set when it could not start. */
export function runContainer(info: ImageInfo, imageRef: string, opts: RunOptions, now: number): DockerContainer {
  const id = digestHex(sha256Digest(`container ${opts.ordinal} ${opts.name} ${now}`));
  const hostname = opts.network === 'host' ? 'docker-host' : id.slice(0, 12);
  const env = mergeEnv(info.config.env, opts.env, hostname);
  const envMap = Object.fromEntries(env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const entrypoint = opts.entrypoint ?? info.config.entrypoint;
  const cmd = opts.command.length > 0 || opts.entrypoint !== undefined ? opts.command : info.config.cmd;
  const argv = [...entrypoint, ...cmd];
  const c: DockerContainer = {
    id,
    name: opts.name,
    image: imageRef,
    imageId: info.configDigest,
    path: argv[0] ?? '',
    args: argv.slice(1),
    env,
    workingDir: info.config.workingDir,
    ports: opts.ports,
    network: opts.network,
    ip: opts.network === 'bridge' ? bridgeIp(opts.usedIps) : '',
    memoryBytes: opts.memoryBytes,
    nanoCpus: opts.nanoCpus,
    autoRemove: opts.autoRemove,
    created: now,
    state: 'created',
    exitCode: 0,
    proc: { kind: 'none' },
    fs: { files: {} },
    logs: [],
    cgroup: dockerCgroup(id, opts.memoryBytes, opts.nanoCpus),
    userland: info.userland,
    hostPid: FIRST_HOST_PID + opts.ordinal * 10,
  };
  if (info.tools) c.tools = info.tools;
  const launched = launch(info, argv.length > 0 ? argv : undefined, undefined, envMap, now);
  if ('error' in launched) {
    c.startError = launched.error;
    c.exitCode = 127;
    return c;
  }
  c.proc = launched.proc;
  c.state = 'running';
  c.startedAt = now;
  advanceContainer(c, now);
  return c;
}

function specialFiles(c: DockerContainer, now: number): Record<string, () => string> {
  const hostname = c.network === 'host' ? 'docker-host' : c.id.slice(0, 12);
  return {
    '/sys/fs/cgroup/cpu.max': () => `${c.cgroup.cpuMax}\n`,
    '/sys/fs/cgroup/cpu.weight': () => `${c.cgroup.cpuWeight}\n`,
    '/sys/fs/cgroup/memory.max': () => `${c.cgroup.memoryMax}\n`,
    '/sys/fs/cgroup/memory.min': () => `${c.cgroup.memoryMin}\n`,
    '/sys/fs/cgroup/memory.current': () => `${procMemoryBytes(c.proc, now)}\n`,
    '/proc/1/cgroup': () => '0::/\n',
    '/proc/self/cgroup': () => '0::/\n',
    '/etc/hostname': () => `${hostname}\n`,
    '/etc/hosts': () => (c.ip === '' ? '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' : `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${c.ip}\t${hostname}\n`),
    '/etc/resolv.conf': () => (c.network === 'none' ? '' : 'nameserver 192.168.65.7\n'),
  };
}

function processes(c: DockerContainer, now: number, extra?: string): ProcessInfo[] {
  const list: ProcessInfo[] = [];
  if (c.state === 'running') list.push({ pid: 1, hostPid: c.hostPid, user: 'root', command: procCommandLine(c.proc), startedAt: c.startedAt ?? now, rssBytes: procMemoryBytes(c.proc, now) });
  if (extra) list.push({ pid: list.length === 0 ? 1 : 7, hostPid: c.hostPid + 1, user: 'root', command: extra, startedAt: now, rssBytes: 1 << 20 });
  return list;
}

function shellHost(c: DockerContainer, now: number, write: ShellHost['write'], extra?: string): ShellHost {
  const special = specialFiles(c, now);
  const fs = new ContainerFs({ layer: c.fs, special: (p) => special[p]?.(), specialPaths: Object.keys(special), image: imageTree(c.userland) });
  const env = Object.fromEntries(c.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const host: ShellHost = { fs, env, hostname: env.HOSTNAME ?? c.id.slice(0, 12), userland: c.userland, processes: () => processes(c, now, extra), write };
  if (c.tools) host.tools = c.tools;
  return host;
}

const MAX_STEPS = 10_000;

/** Runs the container's process up to `now` (log lines, exit); a no-op when it is not running. */
export function advanceContainer(c: DockerContainer, now: number): void {
  for (let i = 0; i < MAX_STEPS && c.state === 'running'; i++) {
    const at = Math.max(procWakeAt(c.proc), c.startedAt ?? now);
    const oom = oomAt(c.proc, c.cgroup, c.startedAt ?? now);
    if (oom !== undefined && oom <= Math.min(at, now)) {
      finish(c, oom, 137);
      c.oomKilled = true;
      return;
    }
    if (at > now) return;
    const host = shellHost(c, at, (stream, text) => c.logs.push({ at, stream, text }));
    const r = stepProc(c.proc, host, at);
    if (r.exitCode !== undefined) finish(c, at, r.exitCode);
    else if (procWakeAt(c.proc) <= at) return;
  }
}

function finish(c: DockerContainer, at: number, exitCode: number): void {
  c.state = 'exited';
  c.finishedAt = at;
  c.exitCode = exitCode;
}

/** `docker exec`: runs argv in the running container to its end. */
export function execInContainer(c: DockerContainer, argv: string[], now: number): ExecResult {
  let stdout = '';
  let stderr = '';
  const host = shellHost(c, now, (stream, text) => {
    if (stream === 'stdout') stdout += text;
    else stderr += text;
  }, argv.join(' '));
  const result = runShellToEnd(startShellArgv(argv), host, now);
  if (result.notFound !== undefined) {
    return { stdout, stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${result.notFound}": executable file not found in $PATH: unknown\n`, exitCode: 126 };
  }
  return { stdout, stderr, exitCode: result.code };
}

/** Docker's grace period before SIGKILL (`docker stop -t`, default 10 s). */
export const STOP_TIMEOUT_MS = 10_000;

/** `docker stop`: SIGTERM, then SIGKILL after the timeout; returns how long it took. */
export function stopContainer(c: DockerContainer, now: number, timeoutMs = STOP_TIMEOUT_MS): number {
  advanceContainer(c, now);
  if (c.state !== 'running') return 0;
  const onTerm = procOnTerm(c.proc);
  if (typeof onTerm === 'number') {
    finish(c, now, onTerm);
    return 0;
  }
  if (onTerm === 'trap') {
    const r = procDeliverTerm(c.proc, shellHost(c, now, (stream, text) => c.logs.push({ at: now, stream, text })), now);
    if (r.exitCode !== undefined) {
      finish(c, now, r.exitCode);
      return 0;
    }
  }
  finish(c, now + timeoutMs, 137);
  return timeoutMs;
}
