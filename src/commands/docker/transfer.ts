import { pullRemote, pushLocal } from '../../engine/docker/transfer.ts';
import { canonicalJson } from '../../engine/docker/digest.ts';
import { familiar, imageSizeBytes, ociConfig, ociManifest, parseRef } from '../../engine/docker/image.ts';
import { lookupRemote, pullErrorText } from '../../engine/docker/registry.ts';
import { tagsOf } from '../../engine/docker/host.ts';
import { formatTimestamp } from '../../engine/kernel/time.ts';
import { CommandError, type Command } from '../types.ts';
import { argsError, daemonError, docker, findLocalImage, inspectJson, shownRef, spend } from './common.ts';

/** `docker push NAME[:TAG]`: sends the layers registry.local lacks, then the manifest. */
export const pushCommand: Command = {
  name: 'push',
  short: 'Upload an image to a registry',
  usage: 'docker push [OPTIONS] NAME[:TAG]',
  flags: [{ name: 'quiet', short: 'q', type: 'bool', default: false, usage: 'Suppress verbose output' }],
  run(ctx, args) {
    if (args.positional.length !== 1) throw argsError(this.usage, 'exactly', 1);
    const t = pushLocal(docker(ctx).host, docker(ctx).registry, args.positional[0]);
    spend(ctx, t.ms);
    if (args.flags.quiet !== true) ctx.io.out(t.lines.map((l) => `${l}\n`).join(''));
    if (t.error !== undefined) {
      ctx.io.err(`${t.error}\n`);
      return 1;
    }
    if (args.flags.quiet === true) ctx.io.out(`${shownRef(args.positional[0])}\n`);
    return 0;
  },
};

/** `docker pull NAME[:TAG|@DIGEST]`: fetches the layers the host lacks. */
export const pullCommand: Command = {
  name: 'pull',
  short: 'Download an image from a registry',
  usage: 'docker pull [OPTIONS] NAME[:TAG|@DIGEST]',
  flags: [{ name: 'quiet', short: 'q', type: 'bool', default: false, usage: 'Suppress verbose output' }],
  run(ctx, args) {
    if (args.positional.length !== 1) throw argsError(this.usage, 'exactly', 1);
    const ref = args.positional[0];
    if (!ref.includes(':') && !ref.includes('@')) ctx.io.out('Using default tag: latest\n');
    const t = pullRemote(docker(ctx).host, docker(ctx).registry, ref);
    spend(ctx, t.ms);
    if (t.error !== undefined) throw daemonError(t.error);
    ctx.io.out(args.flags.quiet === true ? `${t.lines[t.lines.length - 1]}\n` : t.lines.map((l) => `${l}\n`).join(''));
    return 0;
  },
};

/** `docker image inspect IMAGE`: the local image's ID, names, config and layers. */
export const imageInspectCommand: Command = {
  name: 'inspect',
  short: 'Display detailed information on one or more images',
  usage: 'docker image inspect [OPTIONS] IMAGE [IMAGE...]',
  flags: [],
  run(ctx, args) {
    if (args.positional.length === 0) throw argsError(this.usage, 'at least', 1);
    const items: unknown[] = [];
    for (const ref of args.positional) {
      const id = findLocalImage(ctx, ref);
      if (id === undefined) {
        ctx.io.out(inspectJson(items));
        throw new CommandError(`Error: No such image: ${ref}\n`, 1);
      }
      items.push(imageInspect(ctx, id));
    }
    ctx.io.out(inspectJson(items));
    return 0;
  },
};

/** One image as `docker image inspect` shows it (Docker's field order). */
export function imageInspect(ctx: Parameters<Command['run']>[0], id: string): Record<string, unknown> {
  const host = docker(ctx).host;
  const image = host.images[id];
  const doc = ociConfig(image) as { config: Record<string, unknown> };
  return {
    Id: id,
    RepoTags: tagsOf(host, id).map(familiar),
    RepoDigests: (host.repoDigests[id] ?? []).map(familiar),
    Parent: '',
    Comment: 'buildkit.dockerfile.v0',
    Created: formatTimestamp(image.created),
    DockerVersion: '',
    Author: '',
    Config: { ...doc.config, Labels: image.labels },
    Architecture: 'amd64',
    Os: 'linux',
    Size: imageSizeBytes(image),
    RootFS: { Type: 'layers', Layers: image.layers.map((l) => l.digest) },
    Metadata: { LastTagTime: formatTimestamp(image.created) },
  };
}

/** `docker manifest inspect NAME[:TAG]`: the OCI manifest as the registry serves it. */
export const manifestInspectCommand: Command = {
  name: 'inspect',
  short: 'Display an image manifest, or manifest list',
  usage: 'docker manifest inspect [OPTIONS] [MANIFEST_LIST] MANIFEST',
  flags: [{ name: 'verbose', short: 'v', type: 'bool', default: false, usage: 'Output additional info including layers and platform' }],
  run(ctx, args) {
    const ref = args.positional[args.positional.length - 1];
    if (ref === undefined || args.positional.length > 2) {
      throw new CommandError(`docker: 'docker manifest inspect' requires at least 1 and at most 2 arguments\n\nUsage:  ${this.usage}\n\nRun 'docker manifest inspect --help' for more information\n`, 1);
    }
    const found = lookupRemote(docker(ctx).registry, ref);
    if (found.kind !== 'found') {
      const r = parseRef(ref);
      const name = 'error' in r ? ref : r.normalized;
      throw new CommandError(found.kind === 'not-found' ? `no such manifest: ${name}\n` : `${pullErrorText(found)}\n`, 1);
    }
    const configBytes = canonicalJson(ociConfig(found.image)).length;
    const manifest = ociManifest(found.image, configBytes);
    const out = args.flags.verbose === true ? { Ref: found.info.ref, Descriptor: { mediaType: manifest.mediaType, digest: found.image.manifestDigest, size: canonicalJson(manifest).length, platform: { architecture: 'amd64', os: 'linux' } }, OCIManifest: manifest } : manifest;
    ctx.io.out(`${JSON.stringify(out, null, '\t')}\n`);
    return 0;
  },
};
