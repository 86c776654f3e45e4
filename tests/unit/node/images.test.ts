import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DAEMON,
  SANDBOX_IMAGE,
  effectiveArgv,
  findImage,
  isImageRefError,
  knownImageRefs,
  missingRequiredEnv,
  parseImageRef,
  pullErrorMessage,
  resolveProcess,
  type ImageInfo,
  type ImageRef,
} from '../../../src/engine/node/images.ts';
import { IMAGE_CATALOG } from '../../../src/engine/node/image-catalog.ts';
import { parseStressArgs } from '../../../src/engine/node/stress.ts';

const HEX64 = /^sha256:[0-9a-f]{64}$/;
const image = (ref: string): ImageInfo => {
  const info = findImage(ref);
  if (info === undefined) throw new Error(`${ref} not in the registry`);
  return info;
};

describe('parseImageRef: normalisation as containerd / distribution do it', () => {
  const rows: [string, Omit<ImageRef, 'name'>][] = [
    ['nginx', { registry: 'docker.io', repository: 'library/nginx', tag: 'latest', normalized: 'docker.io/library/nginx:latest' }],
    ['redis:alpine', { registry: 'docker.io', repository: 'library/redis', tag: 'alpine', normalized: 'docker.io/library/redis:alpine' }],
    ['polinux/stress', { registry: 'docker.io', repository: 'polinux/stress', tag: 'latest', normalized: 'docker.io/polinux/stress:latest' }],
    ['docker.io/nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27', normalized: 'docker.io/library/nginx:1.27' }],
    ['index.docker.io/library/nginx', { registry: 'docker.io', repository: 'library/nginx', tag: 'latest', normalized: 'docker.io/library/nginx:latest' }],
    ['k8s.gcr.io/busybox', { registry: 'k8s.gcr.io', repository: 'busybox', tag: 'latest', normalized: 'k8s.gcr.io/busybox:latest' }],
    [
      'registry.k8s.io/e2e-test-images/agnhost:2.40',
      { registry: 'registry.k8s.io', repository: 'e2e-test-images/agnhost', tag: '2.40', normalized: 'registry.k8s.io/e2e-test-images/agnhost:2.40' },
    ],
    ['localhost/app', { registry: 'localhost', repository: 'app', tag: 'latest', normalized: 'localhost/app:latest' }],
    ['localhost:5000/team/app:v1', { registry: 'localhost:5000', repository: 'team/app', tag: 'v1', normalized: 'localhost:5000/team/app:v1' }],
    ['gcr.io/google_samples/gb-redisslave:v1', { registry: 'gcr.io', repository: 'google_samples/gb-redisslave', tag: 'v1', normalized: 'gcr.io/google_samples/gb-redisslave:v1' }],
    [
      `nginx@sha256:${'a'.repeat(64)}`,
      { registry: 'docker.io', repository: 'library/nginx', tag: '', digest: `sha256:${'a'.repeat(64)}`, normalized: `docker.io/library/nginx@sha256:${'a'.repeat(64)}` },
    ],
    [
      `nginx:1.27@sha256:${'b'.repeat(64)}`,
      { registry: 'docker.io', repository: 'library/nginx', tag: '1.27', digest: `sha256:${'b'.repeat(64)}`, normalized: `docker.io/library/nginx:1.27@sha256:${'b'.repeat(64)}` },
    ],
  ];
  it.each(rows)('%s', (ref, want) => {
    expect(parseImageRef(ref)).toEqual({ ...want, name: `${want.registry}/${want.repository}` });
  });

  const invalid: [string, string][] = [
    ['Nginx', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['nginx:', 'invalid reference format'],
    ['nginx:latest:1', 'invalid reference format'],
    ['nginx@sha256:abc', 'invalid reference format'],
    [`nginx@sha256:${'a'.repeat(40)}`, 'invalid checksum digest length'],
    [`nginx@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
    ['-nginx', 'invalid reference format'],
    [' nginx', 'invalid reference format'],
    ['a'.repeat(64), `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
  ];
  it.each(invalid)('invalid %j: %s, worded as the kubelet reports InvalidImageName', (ref, error) => {
    const r = parseImageRef(ref);
    expect(isImageRefError(r)).toBe(true);
    expect(r).toEqual({ error, message: `Failed to apply default image tag "${ref}": couldn't parse image name "${ref}": ${error}` });
  });
});

/** `grep -rh "image:" /work/shared/manifests | sort -u`, as written in the manifests. */
const MANIFEST_IMAGES = [
  'nginx', 'nginx:1.14.2', 'nginx:1.16.1', 'redis', 'busybox', 'dockersamples/examplevotingapp_result',
  'dockersamples/examplevotingapp_vote', 'dockersamples/examplevotingapp_worker', 'gcr.io/google-samples/cassandra:v14',
  'gcr.io/google-samples/gb-frontend:v5', 'gcr.io/google_samples/gb-redisslave:v1', 'k8s.gcr.io/busybox',
  'k8s.gcr.io/fluentd-elasticsearch:1.20', 'k8s.gcr.io/liveness', 'k8s.gcr.io/pause:2.0', 'mysql:8.0', 'perl', 'polinux/stress',
  'postgres:15-alpine', 'redis:alpine', 'registry.k8s.io/busybox:1.27.2', 'registry.k8s.io/goproxy:0.1',
  'registry.k8s.io/hpa-example', 'registry.k8s.io/nginx-slim:0.24', 'registry.k8s.io/nginx-slim:0.8',
  'registry.k8s.io/pause:3.8', 'registry.k8s.io/redis:e2e', 'tensorflow/serving:2.19.0',
  'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5', 'vish/stress', 'vllm/vllm-openai:v0.11.0',
];

const STUDENT_IMAGES = [
  'nginx:1.25', 'nginx:1.26', 'nginx:1.27', 'nginx:latest', 'nginx:alpine', 'httpd', 'busybox:1.27.2', 'busybox:1.36',
  'busybox:latest', 'alpine', 'ubuntu', 'debian', 'redis:latest', 'redis:7', 'postgres:16', 'postgres:latest', 'mysql:latest',
  'registry.k8s.io/e2e-test-images/agnhost:2.40', 'registry.k8s.io/liveness', 'registry.k8s.io/pause:3.10', 'python', 'node',
  'registry.k8s.io/kube-apiserver:v1.31.0', 'registry.k8s.io/kube-controller-manager:v1.31.0', 'registry.k8s.io/kube-scheduler:v1.31.0',
  'registry.k8s.io/kube-proxy:v1.31.0', 'registry.k8s.io/etcd:3.5.15-0', 'registry.k8s.io/coredns/coredns:v1.11.3',
];

describe('the registry', () => {
  it.each(MANIFEST_IMAGES)('shared/manifests image %s resolves', (ref) => {
    expect(findImage(ref)).toBeDefined();
  });

  it.each(STUDENT_IMAGES)('catalog image %s resolves', (ref) => {
    expect(findImage(ref)).toBeDefined();
  });

  it('unknown tag, unknown repository, unparsable: not in the registry', () => {
    expect(findImage('nginx:1.99')).toBeUndefined();
    expect(findImage('ngnix')).toBeUndefined();
    expect(findImage('Nginx')).toBeUndefined();
    expect(findImage(`nginx@sha256:${'c'.repeat(64)}`)).toBeUndefined();
  });

  it('every catalog reference is canonical and unique; digests are sha256-shaped', () => {
    const refs = IMAGE_CATALOG.flatMap((s) => s.refs);
    expect(new Set(refs.map((r) => (parseImageRef(r) as ImageRef).normalized)).size).toBe(refs.length);
    expect(knownImageRefs()).toHaveLength(refs.length);
    for (const ref of refs) {
      const info = image(ref);
      expect(info.digest).toMatch(HEX64);
      expect(info.configDigest).toMatch(HEX64);
      for (const l of info.layers) expect(l.digest).toMatch(HEX64);
      expect(info.sizeBytes).toBe(info.layers.reduce((s, l) => s + l.sizeBytes, 0));
    }
  });

  it('the same content under several names shares one digest (k8s.gcr.io redirects to registry.k8s.io)', () => {
    expect(image('nginx').digest).toBe(image('nginx:1.27').digest);
    expect(image('k8s.gcr.io/pause:2.0').digest).toBe(image('registry.k8s.io/pause:2.0').digest);
    expect(image('k8s.gcr.io/liveness').imageId).toBe(`k8s.gcr.io/liveness@${image('registry.k8s.io/liveness').digest}`);
    expect(image('nginx').repoTags).toContain('docker.io/library/nginx:1.27.2');
  });

  it('a digest reference finds its image', () => {
    const nginx = image('nginx:1.14.2');
    expect(image(`nginx@${nginx.digest}`).digest).toBe(nginx.digest);
    expect(image(`nginx@${nginx.digest}`).tag).toBe('1.14.2');
  });

  it('realistic sizes: nginx ≈ 67 MB in 7 layers, busybox ≈ 2 MB in one, pause < 1 MB', () => {
    const nginx = image('nginx');
    expect(nginx.layers).toHaveLength(7);
    expect(nginx.sizeBytes / 1e6).toBeGreaterThan(60);
    expect(nginx.sizeBytes / 1e6).toBeLessThan(75);
    expect(image('busybox').layers).toHaveLength(1);
    expect(image('busybox').sizeBytes / 1e6).toBeCloseTo(2.2, 0);
    expect(image(SANDBOX_IMAGE).sizeBytes).toBeLessThan(1e6);
  });
});

describe('shared base layers', () => {
  const shared = (a: string, b: string): string[] => {
    const digests = new Set(image(a).layers.map((l) => l.digest));
    return image(b).layers.map((l) => l.digest).filter((d) => digests.has(d));
  };
  it.each([
    ['nginx', 'httpd', 1],
    ['nginx', 'redis', 1],
    ['nginx:1.25', 'nginx:1.26', 1],
    ['nginx:alpine', 'redis:alpine', 1],
    ['redis:alpine', 'postgres:15-alpine', 1],
    ['alpine', 'nginx:alpine', 1],
    ['perl', 'python', 4],
    ['python', 'node', 4],
    ['registry.k8s.io/kube-apiserver:v1.31.0', 'registry.k8s.io/kube-scheduler:v1.31.0', 7],
  ] as const)('%s and %s share %d base layer(s), same digests', (a, b, n) => {
    expect(shared(a, b)).toHaveLength(n);
  });

  it('images on other bases share nothing', () => {
    expect(shared('nginx', 'nginx:alpine')).toHaveLength(0);
    expect(shared('nginx:1.14.2', 'nginx:1.16.1')).toHaveLength(0);
    expect(shared('busybox', 'alpine')).toHaveLength(0);
  });
});

describe('image config and userland', () => {
  it('nginx: entrypoint, cmd, STOPSIGNAL SIGQUIT, port 80, debian userland', () => {
    const nginx = image('nginx');
    expect(nginx.config).toMatchObject({ entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], exposedPorts: ['80/tcp'], stopSignal: 'SIGQUIT' });
    expect(nginx.config.env[0]).toMatch(/^PATH=/);
    expect(nginx.userland).toBe('debian');
    expect(image('nginx:alpine').userland).toBe('alpine');
    expect(image('busybox').userland).toBe('busybox');
    expect(image(SANDBOX_IMAGE).userland).toBe('none');
  });
});

describe('resolveProcess: command line → program model', () => {
  it('Kubernetes argv rules: command replaces entrypoint and cmd; args alone replace cmd', () => {
    const nginx = image('nginx');
    expect(effectiveArgv(nginx)).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    expect(effectiveArgv(nginx, ['sh'])).toEqual(['sh']);
    expect(effectiveArgv(nginx, undefined, ['nginx-debug'])).toEqual(['/docker-entrypoint.sh', 'nginx-debug']);
    expect(effectiveArgv(nginx, [], ['x'])).toEqual(['/docker-entrypoint.sh', 'x']);
  });

  it.each([
    ['nginx', undefined, undefined, 'web', ['nginx', '-g', 'daemon off;']],
    ['nginx', ['nginx', '-g', 'daemon off;'], undefined, 'web', ['nginx', '-g', 'daemon off;']],
    ['redis', undefined, undefined, 'server', ['redis-server']],
    ['redis', undefined, ['--maxmemory', '1mb'], 'server', ['redis-server', '--maxmemory', '1mb']],
    ['postgres:15-alpine', undefined, undefined, 'server', ['postgres']],
    ['mysql:8.0', undefined, undefined, 'server', ['mysqld']],
    ['busybox', undefined, undefined, 'shell', ['sh']],
    ['busybox', undefined, ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 600'], 'shell', ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 600']],
    ['ubuntu', undefined, undefined, 'shell', ['/bin/bash']],
    ['perl', ['perl', '-Mbignum=bpi', '-wle', 'print bpi(1000)'], undefined, 'interpreter', ['perl', '-Mbignum=bpi', '-wle', 'print bpi(1000)']],
    ['python', undefined, undefined, 'interpreter', ['python3']],
    ['polinux/stress', ['stress'], ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], 'stress', ['stress', '--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1']],
    ['vish/stress', undefined, ['-cpus', '2'], 'stress', ['/stress', '-logtostderr', '-cpus', '2']],
    ['k8s.gcr.io/liveness', undefined, ['/server'], 'liveness-http', ['/server']],
    ['registry.k8s.io/e2e-test-images/agnhost:2.40', undefined, undefined, 'pause', ['/agnhost', 'pause']],
    ['registry.k8s.io/e2e-test-images/agnhost:2.40', undefined, ['liveness'], 'liveness-http', ['/agnhost', 'liveness']],
    ['registry.k8s.io/goproxy:0.1', undefined, undefined, 'server', ['/goproxy']],
    ['registry.k8s.io/hpa-example', undefined, undefined, 'web', ['apache2-foreground']],
    ['registry.k8s.io/pause:3.10', undefined, undefined, 'pause', ['/pause']],
    ['registry.k8s.io/etcd:3.5.15-0', ['etcd', '--data-dir=/var/lib/etcd'], undefined, 'server', ['etcd', '--data-dir=/var/lib/etcd']],
    ['dockersamples/examplevotingapp_worker', undefined, undefined, 'daemon', ['dotnet', 'Worker.dll']],
  ] as const)('%s command=%j args=%j → %s', (ref, command, args, kind, argv) => {
    const r = resolveProcess(image(ref), command, args);
    expect(r).toMatchObject({ kind: 'app', app: { kind }, argv });
  });

  it('agnhost subcommands read their ports', () => {
    const agnhost = image('registry.k8s.io/e2e-test-images/agnhost:2.40');
    expect(resolveProcess(agnhost, undefined, ['netexec', '--http-port=8080', '--udp-port=8081'])).toMatchObject({ app: { kind: 'netexec', httpPort: 8080, udpPort: 8081 } });
    expect(resolveProcess(agnhost, undefined, ['serve-hostname', '--port', '9000'])).toMatchObject({ app: { kind: 'serve-hostname', port: 9000 } });
    expect(resolveProcess(agnhost, undefined, ['mounttest'])).toMatchObject({ app: DEFAULT_DAEMON });
  });

  it('userland commands, missing binaries, no command', () => {
    expect(resolveProcess(image('busybox'), ['sleep', '3600'])).toEqual({ kind: 'userland', argv: ['sleep', '3600'] });
    expect(resolveProcess(image('nginx'), ['curl', 'localhost'])).toEqual({ kind: 'userland', argv: ['curl', 'localhost'] });
    expect(resolveProcess(image('busybox'), ['/bin/bash'])).toMatchObject({ kind: 'not-found', message: expect.stringContaining('exec: "/bin/bash": stat /bin/bash: no such file or directory') });
    expect(resolveProcess(image('nginx'), ['ps'])).toMatchObject({ kind: 'not-found', message: expect.stringContaining('exec: "ps": executable file not found in $PATH') });
    expect(resolveProcess(image(SANDBOX_IMAGE), ['sh'])).toMatchObject({ kind: 'not-found' });
    expect(resolveProcess(image('k8s.gcr.io/liveness'))).toMatchObject({ kind: 'no-command' });
  });

  it('every image has a default app model', () => {
    expect(image('busybox').app).toEqual({ kind: 'shell' });
    expect(image('nginx').app).toMatchObject({ kind: 'web', port: 80, sigterm: 'graceful' });
    expect(image('registry.k8s.io/hpa-example').app).toMatchObject({ kind: 'web', cpuMilliPerRequest: 40 });
    expect(image('k8s.gcr.io/liveness').app).toMatchObject({ kind: 'liveness-http', port: 8080, healthyForMs: 10_000 });
    expect(DEFAULT_DAEMON).toMatchObject({ kind: 'daemon', sigterm: 'default' });
  });

  it('postgres and mysql refuse to start without their password variable', () => {
    const postgres = image('postgres:15-alpine').app;
    expect(missingRequiredEnv(postgres, {})?.[0]).toBe('Error: Database is uninitialized and superuser password is not specified.');
    expect(missingRequiredEnv(postgres, { POSTGRES_USER: 'postgres', POSTGRES_PASSWORD: 'postgres' })).toBeUndefined();
    expect(missingRequiredEnv(image('mysql:8.0').app, { MYSQL_ROOT_PASSWORD: '' })?.[0]).toContain('[ERROR] [Entrypoint]: Database is uninitialized');
    expect(missingRequiredEnv(image('nginx').app, {})).toBeUndefined();
  });
});

describe('pull errors (containerd 1.7 wording)', () => {
  it.each([
    ['nginx:1.99', 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found'],
    [
      'ngnix',
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    ],
    ['registry.k8s.io/nope:1', 'rpc error: code = NotFound desc = failed to pull and unpack image "registry.k8s.io/nope:1": failed to resolve reference "registry.k8s.io/nope:1": registry.k8s.io/nope:1: not found'],
    [
      'myregistry.local:5000/app',
      'rpc error: code = Unknown desc = failed to pull and unpack image "myregistry.local:5000/app:latest": failed to resolve reference "myregistry.local:5000/app:latest": failed to do request: Head "https://myregistry.local:5000/v2/app/manifests/latest": dial tcp: lookup myregistry.local: no such host',
    ],
  ])('%s', (ref, want) => {
    expect(pullErrorMessage(ref)).toBe(want);
  });
});

describe('parseStressArgs', () => {
  const MiB = 1024 * 1024;
  it.each([
    ['memory-request-limit: --vm-bytes 150M = 150 × 1024² bytes', ['stress', '--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], 150 * MiB],
    ['memory-request-limit-2: 250M over a 100Mi limit', ['stress', '--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], 250 * MiB],
    ['suffixes are case-insensitive powers of 1024', ['stress', '--vm', '2', '--vm-bytes', '1g'], 2 * 1024 * MiB],
    ['short options and --opt=value', ['stress', '-m', '1', '--vm-bytes=64k'], 64 * 1024],
    ['default --vm-bytes is 256M', ['stress', '--vm', '1'], 256 * MiB],
  ])('polinux: %s', (_row, argv, memoryBytes) => {
    expect(parseStressArgs('polinux', argv)).toMatchObject({ memoryBytes });
  });

  it('polinux cpu demand: --cpu N workers spin, hung vm workers mostly sleep, --timeout ends the run', () => {
    expect(parseStressArgs('polinux', ['stress', '--cpu', '2', '--timeout', '60s'])).toEqual({
      memoryBytes: 0,
      cpuMilliDemand: 2000,
      timeoutMs: 60_000,
      logLines: ['stress: info: [1] dispatching hogs: 2 cpu, 0 io, 0 vm, 0 hdd'],
    });
    expect(parseStressArgs('polinux', ['stress', '--vm', '1'])).toMatchObject({ cpuMilliDemand: 1000 });
    const hung = parseStressArgs('polinux', ['stress', '--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1']);
    expect('cpuMilliDemand' in hung && hung.cpuMilliDemand).toBeLessThan(200);
    expect(parseStressArgs('polinux', ['stress', '-c', '1', '-t', '2m'])).toMatchObject({ timeoutMs: 120_000 });
  });

  it('polinux errors', () => {
    expect(parseStressArgs('polinux', ['stress', '--bogus'])).toMatchObject({ error: true, exitCode: 1 });
    expect(parseStressArgs('polinux', ['stress', '--vm-bytes', '12X'])).toMatchObject({ error: true });
  });

  it('vish: -cpus N burns N cores; -mem-total is a Kubernetes quantity allocated 4Ki per ms', () => {
    expect(parseStressArgs('vish', ['/stress', '-logtostderr', '-cpus', '2'])).toMatchObject({ memoryBytes: 0, cpuMilliDemand: 2000 });
    expect(parseStressArgs('vish', ['/stress', '-logtostderr', '-mem-total', '150Mi', '-mem-alloc-size', '10Mi', '-mem-alloc-sleep', '1s'])).toMatchObject({
      memoryBytes: 150 * MiB,
      cpuMilliDemand: 0,
      memoryBytesPerSecond: 10 * MiB,
    });
    expect(parseStressArgs('vish', ['/stress', '--cpus=1'])).toMatchObject({ cpuMilliDemand: 1000 });
    expect(parseStressArgs('vish', ['/stress', '-bogus'])).toEqual({ error: true, message: 'flag provided but not defined: -bogus', exitCode: 2 });
  });
});
