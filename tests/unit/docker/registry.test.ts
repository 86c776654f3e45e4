/**
 * Push and pull between the docker host and the registries: only missing layers move, the CLI's
 * words for each layer, tags vs digests, and registry.local as the kubelets see it.
 */
import { describe, expect, it } from 'vitest';
import { buildImage } from '../../../src/engine/docker/build.ts';
import { emptyHost, type DockerHostState } from '../../../src/engine/docker/host.ts';
import { emptyRegistry, lookupRemote, privateImageSource, type RegistryState } from '../../../src/engine/docker/registry.ts';
import { pullRemote, pushLocal } from '../../../src/engine/docker/transfer.ts';
import { shortId } from '../../../src/engine/docker/digest.ts';
import { findImage } from '../../../src/engine/node/images.ts';

const DF = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n';

function built(host: DockerHostState, reg: RegistryState, tag: string, body: string) {
  const r = buildImage(host, reg, { dockerfile: DF, dockerfileName: 'Dockerfile', context: { 'server.js': body }, tags: [tag], buildArgs: {}, noCache: false, now: 0 });
  return r.image!;
}

describe('docker push', () => {
  it('sends every layer the first time and nothing the second', () => {
    const host = emptyHost();
    const reg = emptyRegistry();
    const image = built(host, reg, 'registry.local/app:v1', 'v1');
    const first = pushLocal(host, reg, 'registry.local/app:v1');
    expect(first.bytes).toBe(image.layers.reduce((n, l) => n + l.sizeBytes, 0));
    expect(first.lines[0]).toBe('The push refers to repository [registry.local/app]');
    expect(first.lines.filter((l) => l.endsWith(': Pushed'))).toHaveLength(image.layers.length);
    const second = pushLocal(host, reg, 'registry.local/app:v1');
    expect(second.bytes).toBe(0);
    expect(second.lines.filter((l) => l.endsWith(': Layer already exists'))).toHaveLength(image.layers.length);
    expect(second.lines.at(-1)).toMatch(new RegExp(`^v1: digest: ${image.manifestDigest} size: \\d+$`));
    expect(second.ms).toBeLessThan(first.ms);
  });

  it('pushes only the changed layer of v2, in the Docker CLI order (top layer first)', () => {
    const host = emptyHost();
    const reg = emptyRegistry();
    built(host, reg, 'registry.local/app:v1', 'v1');
    pushLocal(host, reg, 'registry.local/app:v1');
    const v2 = built(host, reg, 'registry.local/app:v2', 'v2');
    const t = pushLocal(host, reg, 'registry.local/app:v2');
    const top = v2.layers.at(-1)!;
    expect(t.bytes).toBe(top.sizeBytes);
    expect(t.lines[1]).toBe(`${shortId(top.digest)}: Preparing`);
    expect(t.lines.filter((l) => l.endsWith('Pushed'))).toEqual([`${shortId(top.digest)}: Pushed`]);
  });

  it('mounts a blob another repository already pushed', () => {
    const host = emptyHost();
    const reg = emptyRegistry();
    built(host, reg, 'registry.local/app:v1', 'v1');
    pushLocal(host, reg, 'registry.local/app:v1');
    host.tags['registry.local/other:v1'] = host.tags['registry.local/app:v1'];
    const t = pushLocal(host, reg, 'registry.local/other:v1');
    expect(t.bytes).toBe(0);
    expect(t.lines.filter((l) => l.includes('Mounted from app')).length).toBeGreaterThan(0);
  });

  it.each([
    ['docker.io/library/app:v1', 'app:v1', 'denied: requested access to the resource is denied'],
    ['example.com/app:v1', 'example.com/app:v1', 'Get "https://example.com/v2/": dial tcp: lookup example.com: no such host'],
  ])('refuses to push to %s', (tag, ref, error) => {
    const host = emptyHost();
    const reg = emptyRegistry();
    built(host, reg, tag, 'x');
    expect(pushLocal(host, reg, ref).error).toBe(error);
  });

  it('needs the tag locally', () => {
    expect(pushLocal(emptyHost(), emptyRegistry(), 'registry.local/nope').error).toBe('An image does not exist locally with the tag: registry.local/nope');
  });
});

describe('docker pull', () => {
  it('downloads what is missing and finds shared base layers already there', () => {
    const host = emptyHost();
    const reg = emptyRegistry();
    const nginx = pullRemote(host, reg, 'nginx:latest');
    expect(nginx.lines[0]).toBe('latest: Pulling from library/nginx');
    expect(nginx.lines.slice(-3)).toEqual([`Digest: ${findImage('nginx')!.digest}`, 'Status: Downloaded newer image for nginx:latest', 'docker.io/library/nginx:latest']);
    const httpd = pullRemote(host, reg, 'httpd:2.4');
    const base = findImage('httpd:2.4')!.layers[0];
    expect(httpd.lines).toContain(`${shortId(base.digest)}: Already exists`);
    expect(httpd.bytes).toBe(findImage('httpd:2.4')!.sizeBytes - base.sizeBytes);
    const again = pullRemote(host, reg, 'nginx:latest');
    expect(again.bytes).toBe(0);
    expect(again.lines.slice(-2)).toEqual(['Status: Image is up to date for nginx:latest', 'docker.io/library/nginx:latest']);
  });

  it('pulls by digest', () => {
    const digest = findImage('redis:7')!.digest;
    const t = pullRemote(emptyHost(), emptyRegistry(), `redis@${digest}`);
    expect(t.lines[0]).toBe(`${digest}: Pulling from library/redis`);
    expect(t.lines.slice(-2)).toEqual([`Status: Downloaded newer image for redis@${digest}`, `docker.io/library/redis@${digest}`]);
  });

  it('pulls from registry.local what another host pushed, by tag and by digest', () => {
    const reg = emptyRegistry();
    const laptop = emptyHost();
    const image = built(laptop, reg, 'registry.local/app:v1', 'v1');
    pushLocal(laptop, reg, 'registry.local/app:v1');
    const other = emptyHost();
    const t = pullRemote(other, reg, 'registry.local/app:v1');
    expect(t.lines[0]).toBe('v1: Pulling from app');
    expect(other.tags['registry.local/app:v1']).toBe(image.id);
    expect(other.repoDigests[image.id]).toEqual([`registry.local/app@${image.manifestDigest}`]);
    expect(lookupRemote(reg, `registry.local/app@${image.manifestDigest}`).kind).toBe('found');
  });

  it.each([
    ['nosuch', "pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"],
    ['nginx:0.0.1', 'manifest for nginx:0.0.1 not found: manifest unknown: manifest unknown'],
    ['registry.local/app:v3', 'manifest for registry.local/app:v3 not found: manifest unknown: manifest unknown'],
    ['myhost.example/app', 'Get "https://myhost.example/v2/": dial tcp: lookup myhost.example: no such host'],
  ])('reports %s as the daemon does', (ref, error) => {
    expect(pullRemote(emptyHost(), emptyRegistry(), ref).error).toBe(error);
  });
});

describe('registry.local for the kubelets', () => {
  it('resolves pushed images with their layers and containerd NotFound wording for the rest', () => {
    const reg = emptyRegistry();
    const host = emptyHost();
    const image = built(host, reg, 'registry.local/app:v1', 'v1');
    const source = privateImageSource(() => reg);
    expect(source.find('registry.local/app:v1')).toBeUndefined();
    pushLocal(host, reg, 'registry.local/app:v1');
    const info = source.find('registry.local/app:v1')!;
    expect(info.layers).toEqual(image.layers);
    expect(info.imageId).toBe(`registry.local/app@${image.manifestDigest}`);
    expect(info.configDigest).toBe(image.id);
    expect(info.repoTags).toEqual(['registry.local/app:v1']);
    expect(source.find('nginx')).toBeUndefined();
    expect(source.pullError('nginx')).toBeUndefined();
    expect(source.pullError('registry.local/app:v2')).toBe('rpc error: code = NotFound desc = failed to pull and unpack image "registry.local/app:v2": failed to resolve reference "registry.local/app:v2": registry.local/app:v2: not found');
  });
});
