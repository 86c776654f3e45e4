/**
 * The container images Podlab's registries hold, as data: one entry per image (with the other
 * tags that point at the same content), its layers, its OCI config, its userland and a model of
 * what its programs do. `images.ts` turns this into the registry the kubelet pulls from.
 *
 * Sizes are compressed (what a pull downloads, what `crictl images` shows), linux/amd64, close to
 * the real images in late 2024. Images built on the same base release share its layers with the
 * same digest, so a node that has nginx pulls only httpd's own layers (both bookworm-slim).
 * Digests are fake but stable: sha256-shaped hex from a hash of a name, never of the content.
 *
 * The types, helpers, kube-system images and pod sandbox are in image-catalog-base.ts (what the
 * default cluster needs at boot); this module adds every other image and is a late part of the
 * engine (engine/late.ts): images.ts reaches IMAGE_CATALOG through `late()`.
 */
import {
  BASE,
  KUBE_SYSTEM,
  PAUSE,
  PAUSE_IMAGE,
  PATH_DEFAULT,
  config,
  footprint,
  layer,
  own,
  type AppModel,
  type EntrypointWrapper,
  type ImageConfig,
  type ImageSpec,
} from './image-catalog-base.ts';

export * from './image-catalog-base.ts';

/**
 * The readiness script of the Cassandra images (kubernetes/examples cassandra/image: the
 * Dockerfile's `ADD files /` puts files/ready-probe.sh at /ready-probe.sh and makes it
 * executable): ready when this node's line of `nodetool status` says UN (Up, Normal). Its logic
 * as shipped, written out here without the license header.
 */
const CASSANDRA_READY_PROBE = `#!/bin/bash

if [[ $(nodetool status | grep $POD_IP) == *"UN"* ]]; then
  if [[ $DEBUG ]]; then
    echo "UN";
  fi
  exit 0;
else
  if [[ $DEBUG ]]; then
    echo "Not Up";
  fi
  exit 1;
fi
`;

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
  PAUSE_IMAGE,
  { refs: ['registry.k8s.io/pause:3.9', 'k8s.gcr.io/pause:3.9'], layers: own('pause:3.9', [0.32]), config: config({ entrypoint: ['/pause'], user: '65535:65535' }), userland: 'none', programs: { pause: PAUSE } },
  { refs: ['registry.k8s.io/pause:3.8', 'k8s.gcr.io/pause:3.8'], layers: own('pause:3.8', [0.31]), config: config({ entrypoint: ['/pause'], user: '65535:65535' }), userland: 'none', programs: { pause: PAUSE } },
  { refs: ['registry.k8s.io/pause:2.0', 'k8s.gcr.io/pause:2.0'], layers: own('pause:2.0', [0.35]), config: config({ entrypoint: ['/pause'] }), userland: 'none', programs: { pause: PAUSE } },
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
    // nodetool: src/engine/node/shell/tools-cassandra.ts.
    tools: ['nodetool', 'cqlsh', 'java'],
    files: { '/ready-probe.sh': CASSANDRA_READY_PROBE },
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
