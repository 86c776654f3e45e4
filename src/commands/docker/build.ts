import { buildImage } from '../../engine/docker/build.ts';
import { parseRef } from '../../engine/docker/image.ts';
import { CommandError, type Command, type CommandContext } from '../types.ts';
import type { ParsedArgs } from '../flags.ts';
import { argsError, docker, projectDirExists, readProjectFile, readTree, spend } from './common.ts';

/**
 * `docker build [OPTIONS] PATH | -`: BuildKit's build of the Dockerfile in PATH (or `-f FILE`,
 * or stdin with `-f -` / PATH `-`) with PATH's files as the context. Progress goes to stderr in
 * plain style; simulated time passes for as long as the build takes.
 */
export const buildCommand: Command = {
  name: 'build',
  short: 'Build an image from a Dockerfile',
  usage: 'docker build [OPTIONS] PATH | URL | -',
  flags: [
    { name: 'tag', short: 't', type: 'strings', default: [], usage: 'Name and optionally a tag (format: "name:tag")' },
    { name: 'file', short: 'f', type: 'string', default: '', usage: 'Name of the Dockerfile (default: "PATH/Dockerfile")' },
    { name: 'build-arg', type: 'strings', default: [], usage: 'Set build-time variables' },
    { name: 'target', type: 'string', default: '', usage: 'Set the target build stage to build' },
    { name: 'no-cache', type: 'bool', default: false, usage: 'Do not use cache when building the image' },
    { name: 'progress', type: 'string', default: 'auto', usage: 'Set type of progress output ("auto", "plain", "tty", "quiet")' },
    { name: 'quiet', short: 'q', type: 'bool', default: false, usage: 'Suppress the build output and print image ID on success' },
  ],
  run(ctx, args) {
    if (args.positional.length !== 1) throw argsError(this.usage, 'exactly', 1);
    const input = buildInput(ctx, args);
    const quiet = args.flags.quiet === true || args.flags.progress === 'quiet';
    const result = buildImage(docker(ctx).host, docker(ctx).registry, { ...input, now: ctx.sim.now });
    spend(ctx, result.durationMs);
    if (result.error !== undefined) {
      ctx.io.err(`${(quiet ? result.lines.slice(result.lines.lastIndexOf('') + 1) : result.lines).join('\n')}\n`);
      return 1;
    }
    if (quiet) ctx.io.out(`${result.image!.id}\n`);
    else ctx.io.err(`${result.lines.join('\n')}\n`);
    return 0;
  },
};

function buildInput(ctx: CommandContext, args: ParsedArgs): { dockerfile: string; dockerfileName: string; context: Record<string, string>; tags: string[]; buildArgs: Record<string, string>; target?: string; noCache: boolean } {
  const path = args.positional[0];
  const file = String(args.flags.file);
  const tags = (args.flags.tag as string[]).map((t) => {
    const r = parseRef(t);
    if ('error' in r) throw new CommandError(`ERROR: invalid tag "${t}": ${r.error}\n`, 1);
    return r.normalized;
  });
  const buildArgs: Record<string, string> = {};
  for (const kv of args.flags['build-arg'] as string[]) {
    const eq = kv.indexOf('=');
    if (eq > 0) buildArgs[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  const target = String(args.flags.target);
  const common = { tags, buildArgs, noCache: args.flags['no-cache'] === true, ...(target === '' ? {} : { target }) };
  if (path === '-' || file === '-') {
    if (ctx.stdin === undefined) throw new CommandError('ERROR: failed to solve: failed to read dockerfile: the Dockerfile cannot be empty\n', 1);
    return { ...common, dockerfile: ctx.stdin, dockerfileName: 'Dockerfile', context: path === '-' ? {} : readTree(ctx, path) };
  }
  if (!projectDirExists(ctx, path)) throw new CommandError(`ERROR: unable to prepare context: path "${path}" not found\n`, 1);
  const dockerfilePath = file === '' ? `${path.replace(/\/+$/, '')}/Dockerfile` : file;
  const dockerfile = readProjectFile(ctx, dockerfilePath);
  if (dockerfile === undefined) {
    throw new CommandError(`ERROR: failed to solve: failed to read dockerfile: open ${dockerfilePath.slice(dockerfilePath.lastIndexOf('/') + 1)}: no such file or directory\n`, 1);
  }
  return { ...common, dockerfile, dockerfileName: dockerfilePath.slice(dockerfilePath.lastIndexOf('/') + 1), context: readTree(ctx, path) };
}
