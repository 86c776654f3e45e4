/**
 * The part of the image catalog (image-catalog.ts) that booting and running the default cluster
 * reads: the catalog's types and helpers, the kube-system images and the pod sandbox. The rest of
 * the catalog is a late part of the engine (engine/late.ts): images.ts looks a reference up here
 * first and in the whole catalog only when this part does not have it.
 */
import { Hasher } from '../kernel/hash.ts';

/** Which commands an image has besides its own programs (what `kubectl exec` can run). */
export type Userland =
  /** The busybox multi-call binary: sh, ls, cat, wget, nslookup, ps... */
  | 'busybox'
  /** A GNU userland with bash (Debian, Ubuntu and other glibc distributions): no ps, ping, curl unless the image adds them. */
  | 'debian'
  /** Alpine: busybox applets plus apk. */
  | 'alpine'
  /** Nothing but the image's own binaries (scratch, distroless): `exec` of a shell fails. */
  | 'none';

/**
 * What a process does on the stop signal the runtime sends (the image's `stopSignal`, else
 * SIGTERM), then SIGKILL at the end of the grace period:
 * - `graceful`: it has a handler and exits 0 promptly (nginx on SIGQUIT, redis, postgres...);
 * - `default`: it dies of the signal, exit 128 + n (143 for SIGTERM);
 * - `ignored`: PID 1 without a handler (a shell, `sleep`, C programs like stress): the kernel drops
 *   the signal, the process runs until SIGKILL, exit 137 after the whole grace period;
 * - `go-runtime`: a Go program without a handler as PID 1: the runtime re-raises the signal, the
 *   kernel drops it, and the runtime then exits 2.
 */
export type SigtermBehaviour = 'graceful' | 'default' | 'ignored' | 'go-runtime';

/** Steady resource use of a long-running process. */
export interface Footprint {
  /** Working set once started, bytes. */
  memoryBytes: number;
  /** CPU use when nobody talks to it, millicores. */
  cpuMilliIdle: number;
  sigterm: SigtermBehaviour;
}

/** An environment variable the entrypoint insists on; without one of `anyOf` it logs and exits 1. */
export interface RequiredEnv {
  anyOf: string[];
  /** Lines written to stderr, verbatim; `{time}` stands for the timestamp the process prints. */
  errorLines: string[];
}

/**
 * What a program does, by kind. Long-running kinds carry a {@link Footprint}.
 * - `web`: an HTTP server on `port` (nginx, httpd, php-apache). `cpuMilliPerRequest`: CPU time one
 *   request costs in ms, i.e. millicores added per request per second (for load modelling).
 * - `server`: another TCP server (redis, postgres, mysql, goproxy, etcd...).
 * - `shell`: a POSIX shell. With `-c script` it runs the script; otherwise it reads commands from
 *   stdin, and a container has no stdin unless `stdin: true`, so it exits 0 at once (a Deployment
 *   of plain `busybox` goes Completed → CrashLoopBackOff, as in real clusters).
 * - `interpreter`: perl/python/node: with a script it runs it; without one it reads stdin and, as
 *   a shell, exits 0 at once.
 * - `stress`: polinux/stress (stress 1.0.4) or vish/stress; the load comes from its argv
 *   (see stress.ts).
 * - `liveness-http`: /healthz answers 200 for `healthyForMs` after start, then 500 (k8s.gcr.io/
 *   liveness `/server`, `agnhost liveness`).
 * - `netexec`: agnhost netexec, HTTP on `httpPort` (/hostname, /echo, /exit...) and UDP on `udpPort`.
 * - `serve-hostname`: agnhost serve-hostname, answers its hostname on `port`.
 * - `pause`: sleeps forever (the sandbox's pause, `agnhost pause`).
 * - `daemon`: any other long-running process; also the model of catalog images whose behaviour
 *   Podlab does not model: small steady use, dies of SIGTERM (143).
 */
export type AppModel =
  | ({ kind: 'web'; port: number; cpuMilliPerRequest?: number } & Footprint)
  | ({ kind: 'server'; port: number; requiredEnv?: RequiredEnv } & Footprint)
  | { kind: 'shell' }
  | { kind: 'interpreter'; language: 'perl' | 'python' | 'node' }
  | { kind: 'stress'; flavour: 'polinux' | 'vish' }
  | ({ kind: 'liveness-http'; port: number; healthyForMs: number } & Footprint)
  | ({ kind: 'netexec'; httpPort: number; udpPort: number } & Footprint)
  | ({ kind: 'serve-hostname'; port: number } & Footprint)
  | ({ kind: 'pause' } & Footprint)
  | ({ kind: 'daemon' } & Footprint);

/** One compressed layer blob. */
export interface Layer {
  digest: string;
  sizeBytes: number;
}

/** The parts of the OCI image config the kubelet and runtime read. */
export interface ImageConfig {
  entrypoint: string[];
  cmd: string[];
  /** `NAME=value` as in the config. */
  env: string[];
  /** '' means `/`. */
  workingDir: string;
  /** `80/tcp`... */
  exposedPorts: string[];
  /** The signal containerd sends to stop the container. */
  stopSignal: string;
  /** '' means root. */
  user: string;
}

/**
 * A script that only passes control on: `docker-entrypoint.sh` style. Its arguments are the real
 * command; when the first one starts with `-` (or matches `alsoWhen`) the script runs
 * `program` with them instead (`redis:7 --maxmemory 1mb` → `redis-server --maxmemory 1mb`).
 */
export interface EntrypointWrapper {
  name: string;
  program?: string;
  /** A regular expression source matched against the first argument (`\.conf$` for redis). */
  alsoWhen?: string;
}

/** A catalog entry: one image, possibly under several names and tags. */
export interface ImageSpec {
  /** References that resolve to this content, as a student writes them (normalised on load). */
  refs: string[];
  layers: Layer[];
  config: ImageConfig;
  userland: Userland;
  /** The image's own programs: binary basename → model. */
  programs: Record<string, AppModel>;
  /** Binaries the image adds to its userland (tools, not modelled processes): curl, redis-cli... */
  tools?: string[];
  /** Files the image adds (absolute path → text): scripts its probes run, such as Cassandra's /ready-probe.sh. */
  files?: Record<string, string>;
  wrapper?: EntrypointWrapper;
  /** agnhost: the first argument picks the subcommand's model (see images.ts). */
  agnhost?: true;
}

const MB = 1_000_000;
const MiB = 1024 * 1024;

/** 64 hex digits from a stable 64-bit string hash, four lanes (not a content hash). */
export function fakeSha256(name: string): string {
  let hex = '';
  for (let lane = 0; lane < 4; lane++) hex += new Hasher().update(`${name}#${lane}`).digest();
  return `sha256:${hex}`;
}

// A size written as 0 is a metadata-only layer (an ENV file, a symlink): a few hundred bytes.
export const layer = (name: string, mb: number, index = 0): Layer => ({
  digest: fakeSha256(`layer ${name}`),
  sizeBytes: mb > 0 ? Math.round(mb * MB) : 93 + ((index * 379) % 1900),
});
export const own = (name: string, mbs: number[]): Layer[] => mbs.map((mb, i) => layer(`${name} ${i}`, mb, i));

/** Base layers shared by every image built on the same release. */
export const BASE = {
  bookwormSlim: [layer('debian:bookworm-slim', 28.23)],
  bookworm: [layer('debian:bookworm', 49.56)],
  busterSlim: [layer('debian:buster-slim', 27.14)],
  stretchSlim: [layer('debian:stretch-slim', 22.5)],
  jessie: [layer('debian:jessie', 52.58)],
  /** buildpack-deps:bookworm, under perl, python and node. */
  buildpackBookworm: [
    layer('debian:bookworm', 49.56),
    layer('buildpack-deps:bookworm-curl', 24.05),
    layer('buildpack-deps:bookworm-scm', 64.39),
    layer('buildpack-deps:bookworm', 211.31),
  ],
  alpine320: [layer('alpine:3.20', 3.62)],
  alpine312: [layer('alpine:3.12', 2.8)],
  alpine36: [layer('alpine:3.6', 2.02)],
  ubuntuNoble: [layer('ubuntu:noble', 29.75)],
  ubuntuJammy: [layer('ubuntu:jammy', 29.53)],
  /** registry.k8s.io/build-image/go-runner (distroless): under kube-apiserver, -controller-manager, -scheduler. */
  goRunner: own('go-runner:v2.3.1-go1.22.5-bookworm.0', [0.1, 0.07, 0.23, 0.18, 0.1, 0.4, 1.12]),
  distrolessStatic: own('distroless/static-debian12', [0.1, 0.07, 0.23, 0.18]),
  distrolessIptables: own('distroless-iptables:v0.6.1', [0.1, 0.07, 0.23, 11.2]),
} satisfies Record<string, Layer[]>;

export const PATH_DEFAULT = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function config(c: Partial<ImageConfig>): ImageConfig {
  return { entrypoint: [], cmd: [], env: [PATH_DEFAULT], workingDir: '', exposedPorts: [], stopSignal: 'SIGTERM', user: '', ...c };
}

export const footprint = (memoryMiB: number, cpuMilliIdle: number, sigterm: SigtermBehaviour): Footprint => ({
  memoryBytes: Math.round(memoryMiB * MiB),
  cpuMilliIdle,
  sigterm,
});

/** The model of catalog images whose programs Podlab does not model (see {@link AppModel}). */
export const DEFAULT_DAEMON: AppModel = Object.freeze({ kind: 'daemon', ...footprint(8, 1, 'default') });

/** A shell (what images.ts resolves a userland shell to: SHELL_MODEL). */
const SHELL: AppModel = { kind: 'shell' };
/** The sandbox's pause (and agnhost pause). */
export const PAUSE: AppModel = { kind: 'pause', ...footprint(0.3, 0, 'graceful') };

/** A control-plane binary: graceful on SIGTERM, steady use as on a small kubeadm cluster. */
const controlPlane = (port: number, memoryMiB: number, cpuMilliIdle: number): AppModel => ({
  kind: 'server',
  port,
  ...footprint(memoryMiB, cpuMilliIdle, 'graceful'),
});

const goRunnerImage = (name: string, ownMb: number, program: AppModel): ImageSpec => ({
  refs: [`registry.k8s.io/${name}:v1.31.0`],
  layers: [...BASE.goRunner, ...own(`${name}:v1.31.0`, [ownMb])],
  config: config({ entrypoint: ['/go-runner'] }),
  userland: 'none',
  programs: { [name]: program, 'go-runner': program },
});

/** The control plane's, kube-proxy's and the add-ons' images. */
export const KUBE_SYSTEM: ImageSpec[] = [
  goRunnerImage('kube-apiserver', 26.0, controlPlane(6443, 250, 40)),
  goRunnerImage('kube-controller-manager', 23.9, controlPlane(10257, 50, 10)),
  goRunnerImage('kube-scheduler', 17.1, controlPlane(10259, 20, 3)),
  {
    refs: ['registry.k8s.io/kube-proxy:v1.31.0'],
    layers: [...BASE.distrolessIptables, ...own('kube-proxy:v1.31.0', [18.9])],
    config: config({ entrypoint: ['/usr/local/bin/kube-proxy'] }),
    userland: 'none',
    programs: { 'kube-proxy': controlPlane(10256, 15, 1) },
    tools: ['iptables', 'ip6tables', 'conntrack', 'ipset'],
  },
  {
    refs: ['registry.k8s.io/etcd:3.5.15-0'],
    layers: [...BASE.distrolessStatic, ...own('etcd:3.5.15-0', [18.2, 16.9, 21.3])],
    config: config({ cmd: ['/usr/local/bin/etcd'], exposedPorts: ['2379/tcp', '2380/tcp', '4001/tcp', '7001/tcp'] }),
    userland: 'none',
    programs: { etcd: controlPlane(2379, 40, 15) },
    tools: ['etcdctl', 'etcdutl'],
  },
  {
    refs: ['registry.k8s.io/coredns/coredns:v1.11.3'],
    layers: [...BASE.distrolessStatic, ...own('coredns:v1.11.3', [0.3, 17.8])],
    config: config({ entrypoint: ['/coredns'], exposedPorts: ['53/tcp', '53/udp'], user: '0' }),
    userland: 'none',
    programs: { coredns: controlPlane(53, 14, 2) },
  },
  {
    refs: ['registry.k8s.io/metrics-server/metrics-server:v0.7.2'],
    layers: [...BASE.distrolessStatic, ...own('metrics-server:v0.7.2', [19.2])],
    config: config({ entrypoint: ['/metrics-server'], user: '65534' }),
    userland: 'none',
    programs: { 'metrics-server': controlPlane(10250, 20, 3) },
  },
];

/** The pod sandbox image's entry. */
export const PAUSE_IMAGE: ImageSpec = { refs: ['registry.k8s.io/pause:3.10'], layers: own('pause:3.10', [0.32]), config: config({ entrypoint: ['/pause'], env: [PATH_DEFAULT], user: '65535:65535' }), userland: 'none', programs: { pause: PAUSE } };

/** The pod sandbox image of a kubeadm v1.31 node (containerd's sandbox_image). */
export const SANDBOX_IMAGE = 'registry.k8s.io/pause:3.10';

const BUSYBOX_APPLETS = [
  'sh', 'ash', '[', 'awk', 'base64', 'basename', 'cat', 'chmod', 'chown', 'cp', 'cut', 'date', 'dd', 'df', 'dirname', 'du',
  'echo', 'env', 'expr', 'false', 'find', 'free', 'grep', 'head', 'hostname', 'id', 'ifconfig', 'ip', 'kill', 'ln', 'ls',
  'md5sum', 'mkdir', 'mv', 'nc', 'netstat', 'nslookup', 'ping', 'printenv', 'printf', 'ps', 'pwd', 'rm', 'rmdir', 'sed',
  'seq', 'sha256sum', 'sleep', 'sort', 'stat', 'tail', 'tee', 'test', 'top', 'touch', 'tr', 'true', 'uname', 'uniq',
  'uptime', 'vi', 'wc', 'wget', 'whoami', 'xargs', 'yes',
];
/** Debian's essential packages (coreutils, bash, dash, grep, sed, mawk, findutils, hostname, perl-base...). */
const DEBIAN_COMMANDS = [
  'sh', 'bash', 'dash', '[', 'awk', 'base64', 'basename', 'cat', 'chmod', 'chown', 'cp', 'cut', 'date', 'dd', 'df',
  'dirname', 'du', 'echo', 'env', 'expr', 'false', 'find', 'grep', 'head', 'hostname', 'id', 'kill', 'ln', 'ls',
  'md5sum', 'mkdir', 'mv', 'perl', 'printenv', 'printf', 'pwd', 'rm', 'rmdir', 'sed', 'seq', 'sha256sum', 'sleep',
  'sort', 'stat', 'tail', 'tee', 'test', 'touch', 'tr', 'true', 'uname', 'uniq', 'wc', 'whoami', 'xargs', 'yes',
  'apt', 'apt-get', 'dpkg',
];

/** The commands each userland provides, by basename. */
export const USERLAND_COMMANDS: Readonly<Record<Userland, readonly string[]>> = {
  busybox: BUSYBOX_APPLETS,
  alpine: [...BUSYBOX_APPLETS, 'apk'],
  debian: DEBIAN_COMMANDS,
  none: [],
};

/** Shells by userland: these run as the `shell` model. */
export const USERLAND_SHELLS: Readonly<Record<Userland, readonly string[]>> = {
  busybox: ['sh', 'ash'],
  alpine: ['sh', 'ash'],
  debian: ['sh', 'bash', 'dash'],
  none: [],
};

export { SHELL as SHELL_MODEL };
