/**
 * The container images Podlab's registries hold, as data: one entry per image (with the other
 * tags that point at the same content), its layers, its OCI config, its userland and a model of
 * what its programs do. `images.ts` turns this into the registry the kubelet pulls from.
 *
 * Sizes are compressed (what a pull downloads, what `crictl images` shows), linux/amd64, close to
 * the real images in late 2024. Images built on the same base release share its layers with the
 * same digest, so a node that has nginx pulls only httpd's own layers (both bookworm-slim).
 * Digests are fake but stable: sha256-shaped hex from a hash of a name, never of the content.
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
const layer = (name: string, mb: number, index = 0): Layer => ({
  digest: fakeSha256(`layer ${name}`),
  sizeBytes: mb > 0 ? Math.round(mb * MB) : 93 + ((index * 379) % 1900),
});
const own = (name: string, mbs: number[]): Layer[] => mbs.map((mb, i) => layer(`${name} ${i}`, mb, i));

/** Base layers shared by every image built on the same release. */
const BASE = {
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

const PATH_DEFAULT = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function config(c: Partial<ImageConfig>): ImageConfig {
  return { entrypoint: [], cmd: [], env: [PATH_DEFAULT], workingDir: '', exposedPorts: [], stopSignal: 'SIGTERM', user: '', ...c };
}

const footprint = (memoryMiB: number, cpuMilliIdle: number, sigterm: SigtermBehaviour): Footprint => ({
  memoryBytes: Math.round(memoryMiB * MiB),
  cpuMilliIdle,
  sigterm,
});

/** The model of catalog images whose programs Podlab does not model (see {@link AppModel}). */
export const DEFAULT_DAEMON: AppModel = Object.freeze({ kind: 'daemon', ...footprint(8, 1, 'default') });

const SHELL: AppModel = { kind: 'shell' };
const NGINX: AppModel = { kind: 'web', port: 80, ...footprint(3.5, 0, 'graceful') };
const NGINX_PROGRAMS = { nginx: NGINX, 'nginx-debug': NGINX };
const NGINX_WRAPPER: EntrypointWrapper = { name: 'docker-entrypoint.sh' };
const REDIS: AppModel = { kind: 'server', port: 6379, ...footprint(3.2, 2, 'graceful') };
const REDIS_WRAPPER: EntrypointWrapper = { name: 'docker-entrypoint.sh', program: 'redis-server', alsoWhen: '\\.conf$' };

const POSTGRES: AppModel = {
  kind: 'server',
  port: 5432,
  ...footprint(24, 1, 'graceful'),
  requiredEnv: {
    anyOf: ['POSTGRES_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD'],
    errorLines: [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ],
  },
};
const POSTGRES_WRAPPER: EntrypointWrapper = { name: 'docker-entrypoint.sh', program: 'postgres' };

const mysql = (memoryMiB: number): AppModel => ({
  kind: 'server',
  port: 3306,
  ...footprint(memoryMiB, 5, 'graceful'),
  requiredEnv: {
    anyOf: ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'],
    errorLines: [
      '{time} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
      '    You need to specify one of the following as an environment variable:',
      '    - MYSQL_ROOT_PASSWORD',
      '    - MYSQL_ALLOW_EMPTY_PASSWORD',
      '    - MYSQL_RANDOM_ROOT_PASSWORD',
    ],
  },
});
const MYSQL_WRAPPER: EntrypointWrapper = { name: 'docker-entrypoint.sh', program: 'mysqld' };

const HTTPD: AppModel = { kind: 'web', port: 80, ...footprint(8, 1, 'graceful') };
const PHP_APACHE: AppModel = { kind: 'web', port: 80, cpuMilliPerRequest: 40, ...footprint(10, 1, 'graceful') };
const LIVENESS: AppModel = { kind: 'liveness-http', port: 8080, healthyForMs: 10_000, ...footprint(2, 0, 'go-runtime') };
const PAUSE: AppModel = { kind: 'pause', ...footprint(0.3, 0, 'graceful') };

const nginxEnv = (version: string, extra: string[]): string[] => [PATH_DEFAULT, `NGINX_VERSION=${version}`, ...extra];

/** nginx from 1.25 on: /docker-entrypoint.sh, SIGQUIT, bookworm. */
function modernNginx(refs: string[], version: string, njs: string, ownMbs: number[]): ImageSpec {
  return {
    refs,
    layers: [...BASE.bookwormSlim, ...own(`nginx:${version}`, ownMbs)],
    config: config({
      entrypoint: ['/docker-entrypoint.sh'],
      cmd: ['nginx', '-g', 'daemon off;'],
      env: nginxEnv(version, [`NJS_VERSION=${njs}`, 'NJS_RELEASE=1~bookworm', 'PKG_RELEASE=1~bookworm']),
      exposedPorts: ['80/tcp'],
      stopSignal: 'SIGQUIT',
    }),
    userland: 'debian',
    programs: NGINX_PROGRAMS,
    tools: ['curl', 'envsubst'],
    wrapper: NGINX_WRAPPER,
  };
}

const WEB_SERVERS: ImageSpec[] = [
  {
    refs: ['nginx:1.14.2'],
    layers: [...BASE.stretchSlim, ...own('nginx:1.14.2', [21.6, 0.2])],
    config: config({
      cmd: ['nginx', '-g', 'daemon off;'],
      env: nginxEnv('1.14.2-1~stretch', ['NJS_VERSION=1.14.2.0.2.6-1~stretch']),
      exposedPorts: ['80/tcp'],
    }),
    userland: 'debian',
    programs: NGINX_PROGRAMS,
  },
  {
    refs: ['nginx:1.16.1'],
    layers: [...BASE.busterSlim, ...own('nginx:1.16.1', [23.98, 0.2])],
    config: config({
      cmd: ['nginx', '-g', 'daemon off;'],
      env: nginxEnv('1.16.1', ['NJS_VERSION=0.3.5', 'PKG_RELEASE=1~buster']),
      exposedPorts: ['80/tcp'],
    }),
    userland: 'debian',
    programs: NGINX_PROGRAMS,
  },
  modernNginx(['nginx:1.25', 'nginx:1.25.5'], '1.25.5', '0.8.4', [34.2, 0.63, 0.96, 0.4, 1.21, 1.4]),
  modernNginx(['nginx:1.26', 'nginx:1.26.2', 'nginx:stable'], '1.26.2', '0.8.5', [34.5, 0.63, 0.96, 0.4, 1.21, 1.4]),
  modernNginx(['nginx:1.27', 'nginx:1.27.2', 'nginx:latest', 'nginx:mainline'], '1.27.2', '0.8.6', [35.1, 0.63, 0.96, 0.4, 1.21, 1.4]),
  {
    refs: ['nginx:alpine', 'nginx:1.27-alpine', 'nginx:1.27.2-alpine'],
    layers: [...BASE.alpine320, ...own('nginx:1.27.2-alpine', [1.79, 0.63, 0.96, 0.4, 1.21, 1.4, 11.56])],
    config: config({
      entrypoint: ['/docker-entrypoint.sh'],
      cmd: ['nginx', '-g', 'daemon off;'],
      env: nginxEnv('1.27.2', ['PKG_RELEASE=1', 'NJS_VERSION=0.8.6', 'NJS_RELEASE=1']),
      exposedPorts: ['80/tcp'],
      stopSignal: 'SIGQUIT',
    }),
    userland: 'alpine',
    programs: NGINX_PROGRAMS,
    tools: ['curl', 'envsubst'],
    wrapper: NGINX_WRAPPER,
  },
  {
    refs: ['httpd:latest', 'httpd:2.4', 'httpd:2.4.62'],
    layers: [...BASE.bookwormSlim, ...own('httpd:2.4.62', [0.15, 0.15, 4.1, 25.4, 0.3])],
    config: config({
      cmd: ['httpd-foreground'],
      env: ['PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HTTPD_PREFIX=/usr/local/apache2', 'HTTPD_VERSION=2.4.62'],
      workingDir: '/usr/local/apache2',
      exposedPorts: ['80/tcp'],
      stopSignal: 'SIGWINCH',
    }),
    userland: 'debian',
    programs: { 'httpd-foreground': HTTPD, httpd: HTTPD },
  },
  {
    refs: ['registry.k8s.io/hpa-example:latest'],
    layers: [...BASE.jessie, ...own('hpa-example', [0.2, 68.3, 0.2, 0.2, 17.9, 0.1, 1.2, 0.5, 0.1])],
    config: config({
      cmd: ['apache2-foreground'],
      env: [PATH_DEFAULT, 'PHP_INI_DIR=/usr/local/etc/php', 'APACHE_CONFDIR=/etc/apache2', 'PHP_VERSION=5.6.40'],
      workingDir: '/var/www/html',
      exposedPorts: ['80/tcp'],
    }),
    userland: 'debian',
    programs: { 'apache2-foreground': PHP_APACHE, apache2: PHP_APACHE },
    tools: ['php', 'curl'],
    wrapper: { name: 'docker-php-entrypoint', program: 'apache2-foreground' },
  },
  {
    refs: ['registry.k8s.io/nginx-slim:0.8'],
    layers: own('nginx-slim:0.8', [1.93, 24.6, 0.2]),
    config: config({ cmd: ['nginx', '-g', 'daemon off;'], exposedPorts: ['80/tcp', '443/tcp'] }),
    userland: 'debian',
    programs: NGINX_PROGRAMS,
  },
  {
    refs: ['registry.k8s.io/nginx-slim:0.24'],
    layers: own('nginx-slim:0.24', [30.1, 22.9, 0.2]),
    config: config({ cmd: ['nginx', '-g', 'daemon off;'], exposedPorts: ['80/tcp', '443/tcp'], stopSignal: 'SIGQUIT' }),
    userland: 'debian',
    programs: NGINX_PROGRAMS,
  },
];

const BUSYBOX_CONFIG = config({ cmd: ['sh'] });

const BASE_OS: ImageSpec[] = [
  { refs: ['busybox:latest', 'busybox:1.37', 'busybox:1.37.0'], layers: own('busybox:1.37.0', [2.16]), config: BUSYBOX_CONFIG, userland: 'busybox', programs: {} },
  { refs: ['busybox:1.36', 'busybox:1.36.1'], layers: own('busybox:1.36.1', [2.15]), config: BUSYBOX_CONFIG, userland: 'busybox', programs: {} },
  { refs: ['busybox:1.28', 'busybox:1.28.4'], layers: own('busybox:1.28.4', [0.73]), config: BUSYBOX_CONFIG, userland: 'busybox', programs: {} },
  { refs: ['busybox:1.27.2'], layers: own('busybox:1.27.2', [0.76]), config: BUSYBOX_CONFIG, userland: 'busybox', programs: {} },
  // gcr.io/google-containers/busybox, served from registry.k8s.io (k8s.gcr.io redirects there).
  { refs: ['registry.k8s.io/busybox:latest', 'k8s.gcr.io/busybox:latest', 'registry.k8s.io/busybox:1.24', 'k8s.gcr.io/busybox:1.24'], layers: own('gcr busybox:1.24', [0.67]), config: BUSYBOX_CONFIG, userland: 'busybox', programs: {} },
  { refs: ['registry.k8s.io/busybox:1.27.2', 'k8s.gcr.io/busybox:1.27.2', 'gcr.io/google-containers/busybox:1.27.2'], layers: own('gcr busybox:1.27.2', [0.76]), config: BUSYBOX_CONFIG, userland: 'busybox', programs: {} },
  { refs: ['alpine:latest', 'alpine:3.20', 'alpine:3.20.3', 'alpine:3'], layers: BASE.alpine320, config: config({ cmd: ['/bin/sh'] }), userland: 'alpine', programs: {} },
  { refs: ['ubuntu:latest', 'ubuntu:24.04', 'ubuntu:noble'], layers: BASE.ubuntuNoble, config: config({ cmd: ['/bin/bash'] }), userland: 'debian', programs: {} },
  { refs: ['ubuntu:22.04', 'ubuntu:jammy'], layers: BASE.ubuntuJammy, config: config({ cmd: ['/bin/bash'] }), userland: 'debian', programs: {} },
  { refs: ['debian:latest', 'debian:bookworm', 'debian:12'], layers: BASE.bookworm, config: config({ cmd: ['bash'] }), userland: 'debian', programs: {} },
  { refs: ['debian:bookworm-slim', 'debian:12-slim'], layers: BASE.bookwormSlim, config: config({ cmd: ['bash'] }), userland: 'debian', programs: {} },
];

const redisConfig = (version: string): ImageConfig =>
  config({
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    env: [PATH_DEFAULT, 'GOSU_VERSION=1.17', `REDIS_VERSION=${version}`],
    workingDir: '/data',
    exposedPorts: ['6379/tcp'],
  });
const REDIS_PROGRAMS = { 'redis-server': REDIS, 'redis-sentinel': REDIS };

const postgresConfig = (major: string, version: string, alpine: boolean): ImageConfig =>
  config({
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    env: [
      alpine ? PATH_DEFAULT : `${PATH_DEFAULT}:/usr/lib/postgresql/${major}/bin`,
      'GOSU_VERSION=1.17',
      'LANG=en_US.utf8',
      `PG_MAJOR=${major}`,
      `PG_VERSION=${version}`,
      'PGDATA=/var/lib/postgresql/data',
    ],
    exposedPorts: ['5432/tcp'],
    stopSignal: 'SIGINT',
  });
const POSTGRES_PROGRAMS = { postgres: POSTGRES };

const mysqlConfig = (major: string, version: string): ImageConfig =>
  config({
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    env: [PATH_DEFAULT, 'GOSU_VERSION=1.17', `MYSQL_MAJOR=${major}`, `MYSQL_VERSION=${version}`, `MYSQL_SHELL_VERSION=${version}`],
    exposedPorts: ['3306/tcp', '33060/tcp'],
  });
// Oracle Linux 9 slim: a GNU userland like Debian's as far as Podlab's exec goes.
const ORACLE_SLIM = layer('oraclelinux:9-slim', 48.9);

const DATABASES: ImageSpec[] = [
  {
    refs: ['redis:latest', 'redis:7', 'redis:7.4', 'redis:7.4.1'],
    layers: [...BASE.bookwormSlim, ...own('redis:7.4.1', [0.0, 0.9, 1.0, 9.9, 0.0, 0.0])],
    config: redisConfig('7.4.1'),
    userland: 'debian',
    programs: REDIS_PROGRAMS,
    tools: ['redis-cli', 'redis-benchmark'],
    wrapper: REDIS_WRAPPER,
  },
  {
    refs: ['redis:alpine', 'redis:7-alpine', 'redis:7.4-alpine', 'redis:7.4.1-alpine'],
    layers: [...BASE.alpine320, ...own('redis:7.4.1-alpine', [0.0, 0.4, 0.2, 12.1, 0.0, 0.0])],
    config: redisConfig('7.4.1'),
    userland: 'alpine',
    programs: REDIS_PROGRAMS,
    tools: ['redis-cli', 'redis-benchmark'],
    wrapper: REDIS_WRAPPER,
  },
  {
    refs: ['postgres:15-alpine', 'postgres:15.8-alpine'],
    layers: [...BASE.alpine320, ...own('postgres:15.8-alpine', [0.0, 0.0, 1.0, 0.0, 97.2, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])],
    config: postgresConfig('15', '15.8', true),
    userland: 'alpine',
    programs: POSTGRES_PROGRAMS,
    tools: ['psql', 'pg_ctl', 'gosu'],
    wrapper: POSTGRES_WRAPPER,
  },
  {
    refs: ['postgres:16', 'postgres:16.4'],
    layers: [...BASE.bookwormSlim, ...own('postgres:16.4', [0.0, 4.5, 1.3, 8.1, 1.2, 0.0, 0.0, 0.0, 105.3, 0.0, 0.0, 0.0, 0.0])],
    config: postgresConfig('16', '16.4-1.pgdg120+2', false),
    userland: 'debian',
    programs: POSTGRES_PROGRAMS,
    tools: ['psql', 'pg_ctl', 'gosu'],
    wrapper: POSTGRES_WRAPPER,
  },
  {
    refs: ['postgres:latest', 'postgres:17', 'postgres:17.0'],
    layers: [...BASE.bookwormSlim, ...own('postgres:17.0', [0.0, 4.5, 1.3, 8.1, 1.2, 0.0, 0.0, 0.0, 112.6, 0.0, 0.0, 0.0, 0.0])],
    config: postgresConfig('17', '17.0-1.pgdg120+1', false),
    userland: 'debian',
    programs: POSTGRES_PROGRAMS,
    tools: ['psql', 'pg_ctl', 'gosu'],
    wrapper: POSTGRES_WRAPPER,
  },
  {
    refs: ['mysql:8.0', 'mysql:8.0.40'],
    layers: [ORACLE_SLIM, ...own('mysql:8.0.40', [0.9, 0.98, 6.9, 0.0, 0.0, 51.9, 0.0, 68.5, 0.0])],
    config: mysqlConfig('8.0', '8.0.40-1.el9'),
    userland: 'debian',
    programs: { mysqld: mysql(370) },
    tools: ['mysql', 'mysqladmin', 'mysqldump', 'gosu'],
    wrapper: MYSQL_WRAPPER,
  },
  {
    refs: ['mysql:latest', 'mysql:9', 'mysql:9.1', 'mysql:9.1.0'],
    layers: [ORACLE_SLIM, ...own('mysql:9.1.0', [0.9, 0.98, 6.9, 0.0, 0.0, 54.1, 0.0, 71.2, 0.0])],
    config: mysqlConfig('innovation', '9.1.0-1.el9'),
    userland: 'debian',
    programs: { mysqld: mysql(400) },
    tools: ['mysql', 'mysqladmin', 'mysqldump', 'gosu'],
    wrapper: MYSQL_WRAPPER,
  },
];

const interpreter = (language: 'perl' | 'python' | 'node'): AppModel => ({ kind: 'interpreter', language });

const LANGUAGES: ImageSpec[] = [
  {
    refs: ['perl:latest', 'perl:5', 'perl:5.40', 'perl:5.40.0'],
    layers: [...BASE.buildpackBookworm, ...own('perl:5.40.0', [0.0, 16.2])],
    config: config({ cmd: ['perl5.40.0', '-de0'], workingDir: '/usr/src/app' }),
    userland: 'debian',
    programs: { perl: interpreter('perl'), 'perl5.40.0': interpreter('perl') },
    tools: ['cpanm', 'curl', 'wget', 'git', 'ps'],
  },
  {
    refs: ['python:latest', 'python:3', 'python:3.12', 'python:3.12.7'],
    layers: [...BASE.buildpackBookworm, ...own('python:3.12.7', [6.16, 25.9, 0.25])],
    config: config({ cmd: ['python3'], env: ['PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8', 'PYTHON_VERSION=3.12.7'] }),
    userland: 'debian',
    programs: { python: interpreter('python'), python3: interpreter('python') },
    tools: ['pip', 'pip3', 'curl', 'wget', 'git', 'ps', 'perl'],
  },
  {
    refs: ['python:3.12-slim', 'python:3.12.7-slim'],
    layers: [...BASE.bookwormSlim, ...own('python:3.12.7-slim', [3.51, 12.58, 0.25])],
    config: config({ cmd: ['python3'], env: ['PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8', 'PYTHON_VERSION=3.12.7'] }),
    userland: 'debian',
    programs: { python: interpreter('python'), python3: interpreter('python') },
    tools: ['pip', 'pip3'],
  },
  {
    refs: ['node:latest', 'node:23', 'node:23.1.0'],
    layers: [...BASE.buildpackBookworm, ...own('node:23.1.0', [0.0, 57.4, 1.25, 0.45])],
    config: config({ entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], env: [PATH_DEFAULT, 'NODE_VERSION=23.1.0', 'YARN_VERSION=1.22.22'] }),
    userland: 'debian',
    programs: { node: interpreter('node'), nodejs: interpreter('node') },
    tools: ['npm', 'npx', 'yarn', 'curl', 'wget', 'git', 'ps'],
    wrapper: { name: 'docker-entrypoint.sh', program: 'node' },
  },
  {
    refs: ['node:22', 'node:lts', 'node:22.11.0'],
    layers: [...BASE.buildpackBookworm, ...own('node:22.11.0', [0.0, 55.6, 1.25, 0.45])],
    config: config({ entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], env: [PATH_DEFAULT, 'NODE_VERSION=22.11.0', 'YARN_VERSION=1.22.22'] }),
    userland: 'debian',
    programs: { node: interpreter('node'), nodejs: interpreter('node') },
    tools: ['npm', 'npx', 'yarn', 'curl', 'wget', 'git', 'ps'],
    wrapper: { name: 'docker-entrypoint.sh', program: 'node' },
  },
  {
    refs: ['node:20-alpine', 'node:20.18.0-alpine'],
    layers: [...BASE.alpine320, ...own('node:20.18.0-alpine', [0.0, 42.3, 1.26, 0.45])],
    config: config({ entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], env: [PATH_DEFAULT, 'NODE_VERSION=20.18.0', 'YARN_VERSION=1.22.22'] }),
    userland: 'alpine',
    programs: { node: interpreter('node'), nodejs: interpreter('node') },
    tools: ['npm', 'npx', 'yarn'],
    wrapper: { name: 'docker-entrypoint.sh', program: 'node' },
  },
];

const TEST_IMAGES: ImageSpec[] = [
  {
    // stress 1.0.4 built on an old Alpine; the documented examples always set `command: ["stress"]`.
    refs: ['polinux/stress:latest', 'polinux/stress:1.0.4'],
    layers: [...BASE.alpine36, ...own('polinux/stress:1.0.4', [1.86])],
    config: config({ cmd: ['/usr/local/bin/stress'] }),
    userland: 'alpine',
    programs: { stress: { kind: 'stress', flavour: 'polinux' } },
    tools: ['bash'],
  },
  {
    refs: ['vish/stress:latest'],
    layers: own('vish/stress', [2.87]),
    config: config({ entrypoint: ['/stress', '-logtostderr'] }),
    userland: 'none',
    programs: { stress: { kind: 'stress', flavour: 'vish' } },
  },
  {
    // FROM scratch with the server binary; the examples run it with `args: [/server]`.
    refs: ['registry.k8s.io/liveness:latest', 'k8s.gcr.io/liveness:latest', 'gcr.io/google-containers/liveness:latest'],
    layers: own('liveness', [2.56]),
    config: config({ env: [] }),
    userland: 'none',
    programs: { server: LIVENESS },
  },
  {
    refs: ['registry.k8s.io/e2e-test-images/agnhost:2.40'],
    layers: [...BASE.alpine312, ...own('agnhost:2.40', [15.1, 5.6, 0.0, 0.0, 0.0, 27.3, 0.0])],
    config: config({ entrypoint: ['/agnhost'], cmd: ['pause'], exposedPorts: ['80/tcp', '8080/tcp', '8081/tcp', '9376/tcp'] }),
    userland: 'alpine',
    programs: { agnhost: PAUSE, 'agnhost-2': PAUSE },
    tools: ['bash', 'curl', 'nc', 'dig', 'nslookup', 'ip', 'ss', 'iperf', 'coredns'],
    agnhost: true,
  },
  {
    refs: ['registry.k8s.io/goproxy:0.1', 'k8s.gcr.io/goproxy:0.1'],
    layers: own('goproxy:0.1', [0.68, 4.6]),
    config: config({ cmd: ['/goproxy'], exposedPorts: ['8080/tcp'] }),
    userland: 'busybox',
    programs: { goproxy: { kind: 'server', port: 8080, ...footprint(5, 0, 'go-runtime') } },
  },
  { refs: ['registry.k8s.io/pause:3.10'], layers: own('pause:3.10', [0.32]), config: config({ entrypoint: ['/pause'], env: [PATH_DEFAULT], user: '65535:65535' }), userland: 'none', programs: { pause: PAUSE } },
  { refs: ['registry.k8s.io/pause:3.9', 'k8s.gcr.io/pause:3.9'], layers: own('pause:3.9', [0.32]), config: config({ entrypoint: ['/pause'], user: '65535:65535' }), userland: 'none', programs: { pause: PAUSE } },
  { refs: ['registry.k8s.io/pause:3.8', 'k8s.gcr.io/pause:3.8'], layers: own('pause:3.8', [0.31]), config: config({ entrypoint: ['/pause'], user: '65535:65535' }), userland: 'none', programs: { pause: PAUSE } },
  { refs: ['registry.k8s.io/pause:2.0', 'k8s.gcr.io/pause:2.0'], layers: own('pause:2.0', [0.35]), config: config({ entrypoint: ['/pause'] }), userland: 'none', programs: { pause: PAUSE } },
];

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

const KUBE_SYSTEM: ImageSpec[] = [
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

/** Images the shared manifests name that Podlab does not model in detail: realistic sizes, simple programs. */
const SAMPLE_APPS: ImageSpec[] = [
  {
    refs: ['dockersamples/examplevotingapp_vote:latest'],
    layers: [...BASE.bookwormSlim, ...own('examplevotingapp_vote', [3.5, 12.6, 0.25, 0.0, 8.9, 0.01])],
    config: config({ cmd: ['gunicorn', 'app:app', '-b', '0.0.0.0:80', '--log-file', '-', '--access-logfile', '-', '--workers', '4', '--keep-alive', '0'], workingDir: '/usr/local/app', exposedPorts: ['80/tcp'] }),
    userland: 'debian',
    programs: { gunicorn: { kind: 'web', port: 80, ...footprint(95, 2, 'graceful') } },
    tools: ['python', 'python3', 'pip', 'curl'],
  },
  {
    refs: ['dockersamples/examplevotingapp_result:latest'],
    layers: [...BASE.bookwormSlim, ...own('examplevotingapp_result', [0.0, 40.2, 1.3, 0.0, 3.6, 0.02])],
    config: config({ entrypoint: ['/usr/bin/tini', '--'], cmd: ['node', 'server.js'], workingDir: '/usr/local/app', exposedPorts: ['80/tcp'] }),
    userland: 'debian',
    programs: { node: { kind: 'web', port: 80, ...footprint(45, 1, 'default') }, tini: { kind: 'web', port: 80, ...footprint(45, 1, 'default') } },
    tools: ['npm', 'curl'],
  },
  {
    refs: ['dockersamples/examplevotingapp_worker:latest'],
    layers: [...BASE.bookwormSlim, ...own('examplevotingapp_worker', [16.4, 31.7, 12.1, 0.3])],
    config: config({ entrypoint: ['dotnet', 'Worker.dll'], workingDir: '/app' }),
    userland: 'debian',
    programs: { dotnet: { kind: 'daemon', ...footprint(35, 5, 'default') } },
  },
  {
    refs: ['gcr.io/google-samples/cassandra:v14'],
    layers: own('cassandra:v14', [22.5, 0.3, 35.8, 0.2, 78.3, 0.01]),
    config: config({ cmd: ['/sbin/dumb-init', '/bin/bash', '/run.sh'], exposedPorts: ['7000/tcp', '7001/tcp', '7199/tcp', '9042/tcp', '9160/tcp'] }),
    userland: 'debian',
    programs: { 'dumb-init': { kind: 'server', port: 9042, ...footprint(700, 30, 'graceful') } },
    tools: ['nodetool', 'cqlsh', 'java'],
  },
  ...['gcr.io/google-samples/gb-frontend:v5', 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5'].map(
    (ref): ImageSpec => ({
      refs: [ref],
      layers: [...BASE.jessie, ...own('gb-frontend:v5', [0.2, 68.3, 0.2, 0.2, 17.9, 0.1, 1.2, 0.5, 0.1, 0.01, 0.4])],
      config: config({ cmd: ['apache2-foreground'], workingDir: '/var/www/html', exposedPorts: ['80/tcp'] }),
      userland: 'debian',
      programs: { 'apache2-foreground': { kind: 'web', port: 80, ...footprint(20, 1, 'graceful') } },
      tools: ['php'],
    }),
  ),
  {
    refs: ['gcr.io/google_samples/gb-redisslave:v1'],
    layers: own('gb-redisslave:v1', [37.2, 0.2, 0.3, 2.6, 0.01]),
    config: config({ cmd: ['/run.sh'], workingDir: '/data', exposedPorts: ['6379/tcp'] }),
    userland: 'debian',
    programs: { 'run.sh': REDIS, 'redis-server': REDIS },
    tools: ['redis-cli'],
  },
  {
    refs: ['registry.k8s.io/redis:e2e', 'k8s.gcr.io/redis:e2e'],
    layers: own('redis:e2e', [37.2, 0.2, 0.3, 3.1]),
    config: config({ cmd: ['redis-server', '/etc/redis/redis.conf'], exposedPorts: ['6379/tcp'] }),
    userland: 'debian',
    programs: { 'redis-server': REDIS },
    tools: ['redis-cli'],
  },
  {
    refs: ['k8s.gcr.io/fluentd-elasticsearch:1.20', 'registry.k8s.io/fluentd-elasticsearch:1.20'],
    layers: own('fluentd-elasticsearch:1.20', [65.7, 0.8, 0.1, 71.4, 0.01]),
    config: config({ entrypoint: ['/bin/sh', '-c', '/run.sh $FLUENTD_ARGS'] }),
    userland: 'debian',
    programs: { 'run.sh': { kind: 'daemon', ...footprint(120, 5, 'default') } },
    tools: ['td-agent', 'ruby'],
  },
  {
    refs: ['tensorflow/serving:2.19.0'],
    layers: [...BASE.ubuntuJammy, ...own('tensorflow/serving:2.19.0', [13.9, 128.7, 0.01])],
    config: config({ entrypoint: ['/usr/bin/tf_serving_entrypoint.sh'], exposedPorts: ['8500/tcp', '8501/tcp'], env: [PATH_DEFAULT, 'MODEL_BASE_PATH=/models', 'MODEL_NAME=model'] }),
    userland: 'debian',
    programs: { tensorflow_model_server: { kind: 'server', port: 8500, ...footprint(150, 2, 'graceful') }, 'tf_serving_entrypoint.sh': { kind: 'server', port: 8500, ...footprint(150, 2, 'graceful') } },
  },
  {
    refs: ['vllm/vllm-openai:v0.11.0'],
    layers: [...BASE.ubuntuJammy, ...own('vllm-openai:v0.11.0', [103.8, 1480.2, 2310.6, 3895.4, 1204.7, 612.3, 0.2])],
    config: config({ entrypoint: ['python3', '-m', 'vllm.entrypoints.openai.api_server'], workingDir: '/vllm-workspace', exposedPorts: ['8000/tcp'] }),
    userland: 'debian',
    programs: { python3: { kind: 'server', port: 8000, ...footprint(8192, 50, 'graceful') } },
    tools: ['pip', 'nvidia-smi'],
  },
];

/** Every image Podlab's registries hold. */
export const IMAGE_CATALOG: readonly ImageSpec[] = [
  ...WEB_SERVERS,
  ...BASE_OS,
  ...DATABASES,
  ...LANGUAGES,
  ...TEST_IMAGES,
  ...KUBE_SYSTEM,
  ...SAMPLE_APPS,
];

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
