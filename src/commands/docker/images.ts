import { familiar, imageSizeBytes, parseRef, splitRef } from '../../engine/docker/image.ts';
import { shortId } from '../../engine/docker/digest.ts';
import { tagsOf } from '../../engine/docker/host.ts';
import { ago, humanSize } from '../../engine/docker/units.ts';
import { CommandError, type Command } from '../types.ts';
import { argsError, daemonError, docker, dockerTable, findLocalImage, shownRef } from './common.ts';

/** `docker images [REPOSITORY[:TAG]]`: the host's images, newest first, one row per tag. */
export const imagesCommand: Command = {
  name: 'images',
  short: 'List images',
  usage: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
  flags: [
    { name: 'all', short: 'a', type: 'bool', default: false, usage: 'Show all images (default hides intermediate images)' },
    { name: 'digests', type: 'bool', default: false, usage: 'Show digests' },
    { name: 'quiet', short: 'q', type: 'bool', default: false, usage: 'Only show image IDs' },
    { name: 'no-trunc', type: 'bool', default: false, usage: "Don't truncate output" },
  ],
  run(ctx, args) {
    const host = docker(ctx).host;
    if (args.positional.length > 1) throw argsError(this.usage, 'at most', 1);
    const filter = args.positional[0];
    const digests = args.flags.digests === true;
    const rows: { repo: string; tag: string; id: string; created: number; size: number; digest: string }[] = [];
    for (const image of Object.values(host.images)) {
      const tags = tagsOf(host, image.id);
      const digest = host.repoDigests[image.id]?.[0]?.split('@')[1] ?? '<none>';
      if (tags.length === 0) rows.push({ repo: '<none>', tag: '<none>', id: image.id, created: image.created, size: imageSizeBytes(image), digest });
      for (const t of tags) {
        const { name, tag } = splitRef(t);
        rows.push({ repo: familiar(name), tag, id: image.id, created: image.created, size: imageSizeBytes(image), digest });
      }
    }
    const shown = rows
      .filter((r) => filter === undefined || r.repo === filter || `${r.repo}:${r.tag}` === shownRef(filter))
      .sort((a, b) => b.created - a.created || (a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : a.tag < b.tag ? -1 : 1));
    const id = (full: string): string => (args.flags['no-trunc'] === true ? full : shortId(full));
    if (args.flags.quiet === true) {
      ctx.io.out([...new Set(shown.map((r) => id(r.id)))].map((x) => `${x}\n`).join(''));
      return 0;
    }
    const header = digests ? ['REPOSITORY', 'TAG', 'DIGEST', 'IMAGE ID', 'CREATED', 'SIZE'] : ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'];
    const body = shown.map((r) => {
      const cells = [r.repo, r.tag, id(r.id), ago(ctx.sim.now - r.created), humanSize(r.size)];
      if (digests) cells.splice(2, 0, r.digest);
      return cells;
    });
    ctx.io.out(dockerTable([header, ...body]));
    return 0;
  },
};

/** `docker history IMAGE`: the image's history entries, newest first. */
export const historyCommand: Command = {
  name: 'history',
  short: 'Show the history of an image',
  usage: 'docker history [OPTIONS] IMAGE',
  flags: [
    { name: 'no-trunc', type: 'bool', default: false, usage: "Don't truncate output" },
    { name: 'human', short: 'H', type: 'bool', default: true, usage: 'Print sizes and dates in human readable format' },
    { name: 'quiet', short: 'q', type: 'bool', default: false, usage: 'Only show image IDs' },
  ],
  run(ctx, args) {
    const ref = args.positional[0];
    if (ref === undefined || args.positional.length > 1) throw argsError(this.usage, 'exactly', 1);
    const id = findLocalImage(ctx, ref);
    if (id === undefined) throw daemonError(`No such image: ${shownRef(ref)}`);
    const image = docker(ctx).host.images[id];
    const noTrunc = args.flags['no-trunc'] === true;
    const rows = [...image.history].reverse().map((h, i) => {
      const by = noTrunc || [...h.createdBy].length <= 45 ? h.createdBy : `${[...h.createdBy].slice(0, 44).join('')}…`;
      return [i === 0 ? (noTrunc ? id : shortId(id)) : '<missing>', ago(ctx.sim.now - h.created), by, humanSize(h.sizeBytes), h.comment ?? ''];
    });
    ctx.io.out(dockerTable([['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'], ...rows]));
    return 0;
  },
};

/** `docker tag SOURCE TARGET`: another name for the same image ID. */
export const tagCommand: Command = {
  name: 'tag',
  short: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  usage: 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  flags: [],
  run(ctx, args) {
    if (args.positional.length !== 2) throw argsError(this.usage, 'exactly', 2);
    const [source, target] = args.positional;
    const id = findLocalImage(ctx, source);
    if (id === undefined) throw daemonError(`No such image: ${shownRef(source)}`);
    const r = splitTarget(target);
    docker(ctx).host.tags[r] = id;
    return 0;
  },
};

/** The normalised `name:tag` a tag target names, or the CLI's parse error. */
function splitTarget(target: string): string {
  const r = parseRef(target);
  if ('error' in r) throw new CommandError(`Error parsing reference: "${target}" is not a valid repository/tag: ${r.error}\n`, 1);
  if (r.digest !== undefined) throw new CommandError(`Error parsing reference: "${target}" is not a valid repository/tag: refusing to create a tag with a digest reference\n`, 1);
  return r.normalized;
}

function findNormalized(ref: string): string | undefined {
  const r = parseRef(ref);
  return 'error' in r ? undefined : r.normalized;
}

/** `docker rmi IMAGE...`: untags; deletes the image once no tag is left. */
export const rmiCommand: Command = {
  name: 'rmi',
  short: 'Remove one or more images',
  usage: 'docker rmi [OPTIONS] IMAGE [IMAGE...]',
  flags: [{ name: 'force', short: 'f', type: 'bool', default: false, usage: 'Force removal of the image' }],
  run(ctx, args) {
    if (args.positional.length === 0) throw argsError(this.usage, 'at least', 1);
    const host = docker(ctx).host;
    let code = 0;
    for (const ref of args.positional) {
      const id = findLocalImage(ctx, ref);
      if (id === undefined) {
        ctx.io.err(`Error response from daemon: No such image: ${shownRef(ref)}\n`);
        code = 1;
        continue;
      }
      const user = Object.values(host.containers).find((c) => c.imageId === id);
      if (user && args.flags.force !== true) {
        ctx.io.err(`Error response from daemon: conflict: unable to remove repository reference "${ref}" (must force) - container ${user.id.slice(0, 12)} is using its referenced image ${shortId(id)}\n`);
        code = 1;
        continue;
      }
      const named = findNormalized(ref);
      const tags = tagsOf(host, id);
      const untag = named !== undefined && tags.includes(named) ? [named] : tags;
      for (const t of untag) {
        delete host.tags[t];
        ctx.io.out(`Untagged: ${familiar(t)}\n`);
      }
      if (tagsOf(host, id).length === 0) {
        for (const d of host.repoDigests[id] ?? []) ctx.io.out(`Untagged: ${familiar(d)}\n`);
        delete host.images[id];
        delete host.repoDigests[id];
        ctx.io.out(`Deleted: ${id}\n`);
      }
    }
    return code;
  },
};
