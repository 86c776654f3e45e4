/**
 * The builder: content digests, the layer cache (CACHED), multi-stage builds, and Docker's error
 * wording for bad Dockerfiles — with nothing already built lost.
 */
import { describe, expect, it } from 'vitest';
import { buildImage, type BuildInput } from '../../../src/engine/docker/build.ts';
import { emptyHost, type DockerHostState } from '../../../src/engine/docker/host.ts';
import { emptyRegistry } from '../../../src/engine/docker/registry.ts';
import { findImage } from '../../../src/engine/node/images.ts';

const NODE_APP = `FROM node:20-alpine
WORKDIR /app
COPY package.json ./
RUN npm install
COPY . .
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "server.js"]
`;

const CONTEXT = { 'package.json': '{"dependencies":{"express":"^4.19.2"}}', 'server.js': 'console.log("v1")\n', Dockerfile: NODE_APP };

function build(host: DockerHostState, over: Partial<BuildInput> = {}) {
  return buildImage(host, emptyRegistry(), { dockerfile: NODE_APP, dockerfileName: 'Dockerfile', context: CONTEXT, tags: ['docker.io/library/app:v1'], buildArgs: {}, noCache: false, now: 0, ...over });
}

/** `#N [i/n] STEP` → the status line that follows it (CACHED or DONE). */
function stepStatus(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const m = /^#(\d+) (\[\d+\/\d+\] .*)$/.exec(lines[i]);
    if (!m) continue;
    const status = lines.slice(i + 1).find((l) => l.startsWith(`#${m[1]} CACHED`) || l.startsWith(`#${m[1]} DONE`) || l.startsWith(`#${m[1]} ERROR`));
    out[m[2].replace(/@sha256:[0-9a-f]+/, '')] = status?.includes('CACHED') ? 'CACHED' : status?.includes('ERROR') ? 'ERROR' : 'DONE';
  }
  return out;
}

describe('docker build', () => {
  it('gives the same digests for the same Dockerfile and context, on any host', () => {
    const a = build(emptyHost()).image!;
    const b = build(emptyHost()).image!;
    expect(a.layers.map((l) => l.digest)).toEqual(b.layers.map((l) => l.digest));
    expect(a.id).toBe(b.id);
    expect(a.manifestDigest).toBe(b.manifestDigest);
    expect(a.id).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('starts from the base image the kubelet pulls: same layer digests and sizes', () => {
    const image = build(emptyHost()).image!;
    const base = findImage('node:20-alpine')!;
    expect(image.layers.slice(0, base.layers.length)).toEqual(base.layers);
    expect(image.layers).toHaveLength(base.layers.length + 4); // WORKDIR, COPY, RUN, COPY
  });

  it('pulls the base on the first build, then finds every step CACHED with the same image ID', () => {
    const host = emptyHost();
    const first = build(host);
    expect(Object.values(stepStatus(first.lines))).toEqual(['DONE', 'DONE', 'DONE', 'DONE', 'DONE']);
    expect(first.lines.some((l) => l.startsWith('#4 extracting sha256:'))).toBe(true);
    const again = build(host, { now: 60_000 });
    expect(Object.values(stepStatus(again.lines))).toEqual(['CACHED', 'CACHED', 'CACHED', 'CACHED', 'CACHED']);
    expect(again.image!.id).toBe(first.image!.id);
    expect(again.lines).toContain(`#10 writing image ${first.image!.id} done`);
    expect(again.lines).toContain('#10 naming to docker.io/library/app:v1 done');
  });

  it('rebuilds only from a changed late COPY on: earlier steps CACHED, their layers unchanged', () => {
    const host = emptyHost();
    const v1 = build(host).image!;
    const v2run = build(host, { context: { ...CONTEXT, 'server.js': 'console.log("v2")\n' }, tags: ['docker.io/library/app:v2'], now: 60_000 });
    expect(stepStatus(v2run.lines)).toEqual({
      '[1/5] FROM docker.io/library/node:20-alpine': 'CACHED',
      '[2/5] WORKDIR /app': 'CACHED',
      '[3/5] COPY package.json ./': 'CACHED',
      '[4/5] RUN npm install': 'CACHED',
      '[5/5] COPY . .': 'DONE',
    });
    const v2 = v2run.image!;
    expect(v2.layers.slice(0, -1)).toEqual(v1.layers.slice(0, -1));
    expect(v2.layers.at(-1)!.digest).not.toBe(v1.layers.at(-1)!.digest);
    expect(v2.id).not.toBe(v1.id);
  });

  it('reruns the RUN after a changed package.json (its COPY comes first)', () => {
    const host = emptyHost();
    build(host);
    const next = build(host, { context: { ...CONTEXT, 'package.json': '{"dependencies":{"express":"^4","pino":"^9"}}' } });
    const s = stepStatus(next.lines);
    expect([s['[2/5] WORKDIR /app'], s['[3/5] COPY package.json ./'], s['[4/5] RUN npm install'], s['[5/5] COPY . .']]).toEqual(['CACHED', 'DONE', 'DONE', 'DONE']);
  });

  it('sizes npm install by the dependencies of the package.json the stage holds', () => {
    const one = build(emptyHost()).image!;
    const two = build(emptyHost(), { context: { ...CONTEXT, 'package.json': '{"dependencies":{"a":"1","b":"2"}}' } }).image!;
    const runSize = (img: typeof one) => img.layers[img.layers.length - 2].sizeBytes;
    expect(runSize(two) - runSize(one)).toBe(2_400_000);
  });

  it('--no-cache rebuilds every step', () => {
    const host = emptyHost();
    build(host);
    expect(Object.values(stepStatus(build(host, { noCache: true }).lines)).slice(1)).toEqual(['DONE', 'DONE', 'DONE', 'DONE']);
  });

  it('a changed ENV before a RUN invalidates the RUN (its environment is part of the key)', () => {
    const host = emptyHost();
    const df = 'FROM alpine:3.20\nENV A=1\nRUN echo $A\n';
    build(host, { dockerfile: df });
    const next = build(host, { dockerfile: df.replace('A=1', 'A=2') });
    expect(stepStatus(next.lines)['[2/2] RUN echo $A']).toBe('DONE');
  });

  it('builds multi-stage: only the final stage ships, COPY --from takes the builder artifact', () => {
    const df = `FROM node:20-alpine AS build
WORKDIR /src
COPY package.json ./
RUN npm install
COPY . .
RUN npm run build

FROM nginx:alpine
COPY --from=build /src/dist /usr/share/nginx/html
`;
    const r = build(emptyHost(), { dockerfile: df });
    expect(r.error).toBeUndefined();
    const nginx = findImage('nginx:alpine')!;
    expect(r.image!.layers.slice(0, nginx.layers.length)).toEqual(nginx.layers);
    expect(r.image!.layers).toHaveLength(nginx.layers.length + 1);
    expect(r.lines).toContain('#13 [stage-1 2/2] COPY --from=build /src/dist /usr/share/nginx/html');
    expect(r.lines.some((l) => l.includes('[build 6/6] RUN npm run build'))).toBe(true);
    expect(r.image!.config.cmd).toEqual(nginx.config.cmd);
  });

  it('--target builds only the stages the target needs', () => {
    const df = 'FROM alpine:3.20 AS a\nRUN echo a\nFROM busybox AS b\nRUN echo b\nFROM a AS c\nRUN echo c\n';
    const r = build(emptyHost(), { dockerfile: df, target: 'c' });
    expect(r.lines.some((l) => l.includes('echo b'))).toBe(false);
    expect(r.lines.some((l) => l.includes('[c 2/2] RUN echo c'))).toBe(true);
    expect(build(emptyHost(), { dockerfile: df, target: 'z' }).error).toBe('target stage "z" could not be found');
  });

  it('applies ARG defaults and --build-arg, in FROM and in later instructions', () => {
    const df = 'ARG TAG=3.20\nFROM alpine:${TAG}\nARG DIR=/srv\nWORKDIR $DIR\n';
    expect(build(emptyHost(), { dockerfile: df }).image!.config.workingDir).toBe('/srv');
    const r = build(emptyHost(), { dockerfile: df, buildArgs: { DIR: '/opt/app', TAG: '3' } });
    expect(r.image!.config.workingDir).toBe('/opt/app');
    expect(r.lines.some((l) => l.includes('load metadata for docker.io/library/alpine:3'))).toBe(true);
  });

  it('sets the config: ENV, EXPOSE, USER, LABEL, ENTRYPOINT clears an inherited CMD', () => {
    const df = 'FROM node:20-alpine\nENV A=1 B="x y"\nEXPOSE 3000 53/udp\nUSER node\nLABEL org.opencontainers.image.title=app\nENTRYPOINT ["node"]\n';
    const img = build(emptyHost(), { dockerfile: df }).image!;
    expect(img.config.env).toEqual(expect.arrayContaining(['A=1', 'B=x y']));
    expect(img.config.exposedPorts).toEqual(['3000/tcp', '53/udp']);
    expect(img.config.user).toBe('node');
    expect(img.labels).toEqual({ 'org.opencontainers.image.title': 'app' });
    expect(img.config.entrypoint).toEqual(['node']);
    expect(img.config.cmd).toEqual([]);
    expect(img.history.at(-1)!.createdBy).toBe('ENTRYPOINT ["node"]');
  });

  it('models the built app: a script run by an interpreter behind an EXPOSEd port is a web server', () => {
    const img = build(emptyHost()).image!;
    expect(img.runtime.programs.node).toMatchObject({ kind: 'web', port: 3000 });
    expect(img.runtime.userland).toBe('alpine');
  });

  it('respects .dockerignore', () => {
    const host = emptyHost();
    const ctx = { ...CONTEXT, '.dockerignore': 'node_modules\n*.log\n', 'node_modules/x/index.js': 'x', 'debug.log': 'noise' };
    const a = build(host, { context: ctx }).image!;
    const b = build(emptyHost(), { context: { ...CONTEXT, '.dockerignore': 'node_modules\n*.log\n' } }).image!;
    expect(a.layers.at(-1)).toEqual(b.layers.at(-1));
  });

  it('fails a RUN for another distribution with the shell error and exit code 127, keeping what was built', () => {
    const host = emptyHost();
    const good = build(host).image!;
    const cacheBefore = Object.keys(host.cache).length;
    const df = 'FROM debian:bookworm-slim\nWORKDIR /x\nRUN apk add curl\n';
    const r = build(host, { dockerfile: df, tags: ['docker.io/library/bad:1'] });
    expect(r.error).toBe('process "/bin/sh -c apk add curl" did not complete successfully: exit code: 127');
    expect(r.lines).toContain('#6 0.231 /bin/sh: 1: apk: not found');
    const report = r.lines.slice(r.lines.indexOf('------'));
    expect(report).toEqual([
      '------',
      ' > [3/3] RUN apk add curl:',
      '0.231 /bin/sh: 1: apk: not found',
      '------',
      'Dockerfile:3',
      '--------------------',
      '   1 |     FROM debian:bookworm-slim',
      '   2 |     WORKDIR /x',
      '   3 | >>> RUN apk add curl',
      '--------------------',
      'ERROR: failed to solve: process "/bin/sh -c apk add curl" did not complete successfully: exit code: 127',
    ]);
    expect(r.lines.at(-1)).toBe('ERROR: failed to solve: process "/bin/sh -c apk add curl" did not complete successfully: exit code: 127');
    expect(host.images[good.id]).toBeDefined();
    expect(host.tags['docker.io/library/bad:1']).toBeUndefined();
    expect(Object.keys(host.cache).length).toBe(cacheBefore + 1); // the WORKDIR it did build stays cached
  });

  it('reports a missing COPY source as BuildKit does', () => {
    const r = build(emptyHost(), { dockerfile: 'FROM alpine:3.20\nCOPY missing.txt /x\n' });
    expect(r.error).toMatch(/^failed to compute cache key: failed to calculate checksum of ref [0-9a-f]+::[0-9a-f]+: "\/missing.txt": not found$/);
    expect(r.lines).toContain('   2 | >>> COPY missing.txt /x');
  });

  it.each([
    ['nosuchimage', 'nosuchimage: failed to resolve source metadata for docker.io/library/nosuchimage:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'],
    ['nginx:0.0.0', 'nginx:0.0.0: failed to resolve source metadata for docker.io/library/nginx:0.0.0: docker.io/library/nginx:0.0.0: not found'],
    ['registry.local/app:v9', 'registry.local/app:v9: failed to resolve source metadata for registry.local/app:v9: registry.local/app:v9: not found'],
  ])('reports an unknown base %s', (base, message) => {
    const r = build(emptyHost(), { dockerfile: `FROM ${base}\n` });
    expect(r.error).toBe(message);
    expect(r.lines).toContain('   1 | >>> FROM ' + base);
  });

  it('reports a parse error with the Dockerfile excerpt', () => {
    const r = build(emptyHost(), { dockerfile: 'FROM alpine\nRUNN echo\n' });
    expect(r.lines.slice(-6)).toEqual(['Dockerfile:2', '--------------------', '   1 |     FROM alpine', '   2 | >>> RUNN echo', '--------------------', 'ERROR: failed to solve: dockerfile parse error on line 2: unknown instruction: RUNN (did you mean run?)']);
  });

  it('a RUN in an image without a shell cannot start', () => {
    const r = build(emptyHost(), { dockerfile: 'FROM scratch\nRUN echo hi\n' });
    expect(r.error).toBe('process "/bin/sh -c echo hi" did not complete successfully: runc run failed: unable to start container process: exec: "/bin/sh": stat /bin/sh: no such file or directory');
  });
});
