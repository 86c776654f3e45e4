import { runContainer, type NetworkMode, type PortBinding } from '../../engine/docker/containers.ts';
import { familiar, parseRef, toImageInfo } from '../../engine/docker/image.ts';
import { pullRemote } from '../../engine/docker/transfer.ts';
import { ramInBytes } from '../../engine/docker/units.ts';
import { tagsOf } from '../../engine/docker/host.ts';
import { digestHex, sha256Digest } from '../../engine/docker/digest.ts';
import type { ParsedArgs } from '../flags.ts';
import type { Command, CommandContext } from '../types.ts';
import { argsError, catchUp, docker, findLocalImage, runError, spend } from './common.ts';
import { CommandError } from '../types.ts';

/** A flag value the CLI refuses while parsing (pflag's shape, exit 125). */
const flagError = (message: string): CommandError =>
  new CommandError(`${message}\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n`, 125);

/** How long an attached `docker run` waits for its process to end before leaving it running. */
const ATTACH_LIMIT_MS = 10_000;

/**
 * `docker run [OPTIONS] IMAGE [COMMAND] [ARG...]`: pulls the image when the host lacks it, then
 * creates and starts the container. Flags end at IMAGE (what follows is the command).
 */
export const runCommand: Command = {
  name: 'run',
  short: 'Create and run a new container from an image',
  usage: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  flags: [
    { name: 'detach', short: 'd', type: 'bool', default: false, usage: 'Run container in background and print container ID' },
    { name: 'publish', short: 'p', type: 'strings', default: [], usage: "Publish a container's port(s) to the host" },
    { name: 'env', short: 'e', type: 'strings', default: [], usage: 'Set environment variables' },
    { name: 'name', type: 'string', default: '', usage: 'Assign a name to the container' },
    { name: 'memory', short: 'm', type: 'string', default: '', usage: 'Memory limit' },
    { name: 'cpus', type: 'string', default: '', usage: 'Number of CPUs' },
    { name: 'network', type: 'string', default: 'bridge', usage: 'Connect a container to a network' },
    { name: 'rm', type: 'bool', default: false, usage: 'Automatically remove the container and its associated anonymous volumes when it exits' },
    { name: 'entrypoint', type: 'string', default: '', usage: 'Overwrite the default ENTRYPOINT of the image' },
    { name: 'interactive', short: 'i', type: 'bool', default: false, usage: 'Keep STDIN open even if not attached' },
    { name: 'tty', short: 't', type: 'bool', default: false, usage: 'Allocate a pseudo-TTY' },
  ],
  run(ctx, args) {
    const [imageRef, ...command] = [...args.positional, ...args.rest];
    if (imageRef === undefined) throw argsError(this.usage, 'at least', 1);
    catchUp(ctx);
    const opts = runOptions(ctx, args);
    const info = ensureImage(ctx, imageRef);
    if (opts.network === 'host' && opts.ports.length > 0) ctx.io.err('WARNING: Published ports are discarded when using host network mode\n');
    const ports = opts.network === 'bridge' ? opts.ports : [];
    checkPorts(ctx, ports, opts.name);
    const host = docker(ctx).host;
    const used = Object.values(host.containers).filter((c) => c.state === 'running').map((c) => c.ip);
    const entrypoint = args.set.has('entrypoint') ? (String(args.flags.entrypoint) === '' ? [] : [String(args.flags.entrypoint)]) : undefined;
    const c = runContainer(info, imageRef, { ...opts, ports, command, ...(entrypoint ? { entrypoint } : {}), ordinal: host.createdContainers, usedIps: used }, ctx.sim.now);
    host.createdContainers++;
    host.containers[c.id] = c;
    if (c.startError !== undefined) {
      c.state = 'created';
      throw runError(`Error response from daemon: ${c.startError.replace('failed to create containerd task: ', 'failed to create task for container: ')}`, 127);
    }
    if (args.flags.detach === true) {
      ctx.io.out(`${c.id}\n`);
      return 0;
    }
    return attach(ctx, c.id);
  },
};

/** The foreground run: its output until it exits (or, for a server, until it has started). */
function attach(ctx: CommandContext, id: string): number {
  const host = docker(ctx).host;
  const c = host.containers[id];
  const until = ctx.sim.now + ATTACH_LIMIT_MS;
  const end = c.state === 'running' && c.proc.kind === 'app' && c.proc.app.exitAfterMs === undefined ? ctx.sim.now : until;
  let printed = 0;
  const flush = (): void => {
    for (; printed < c.logs.length; printed++) (c.logs[printed].stream === 'stdout' ? ctx.io.out : ctx.io.err)(c.logs[printed].text);
  };
  while (c.state === 'running' && ctx.sim.now < end) {
    spend(ctx, Math.min(1000, end - ctx.sim.now));
    catchUp(ctx);
    flush();
  }
  catchUp(ctx);
  flush();
  if (c.state === 'running') return 0;
  const code = c.exitCode;
  if (c.autoRemove) delete host.containers[id];
  return code;
}

interface Opts {
  name: string;
  env: string[];
  ports: PortBinding[];
  network: NetworkMode;
  memoryBytes: number;
  nanoCpus: number;
  autoRemove: boolean;
}

const ADJECTIVES = ['admiring', 'brave', 'clever', 'eager', 'focused', 'gallant', 'happy', 'jolly', 'keen', 'loving', 'nifty', 'quirky', 'serene', 'vibrant', 'zealous'];
const SCIENTISTS = ['babbage', 'curie', 'darwin', 'euclid', 'feynman', 'hopper', 'lovelace', 'meitner', 'noether', 'pasteur', 'ritchie', 'shannon', 'turing', 'wozniak', 'yalow'];

/** A generated name (`adjective_scientist`, as namesgenerator picks them), from the host's container count. */
function generatedName(ctx: CommandContext): string {
  const n = Number.parseInt(digestHex(sha256Digest(`name ${docker(ctx).host.createdContainers}`)).slice(0, 8), 16);
  return `${ADJECTIVES[n % ADJECTIVES.length]}_${SCIENTISTS[Math.floor(n / ADJECTIVES.length) % SCIENTISTS.length]}`;
}

function runOptions(ctx: CommandContext, args: ParsedArgs): Opts {
  const host = docker(ctx).host;
  const name = String(args.flags.name) || generatedName(ctx);
  if (args.set.has('name') && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
    throw runError(`Error response from daemon: Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  }
  const taken = Object.values(host.containers).find((c) => c.name === name);
  if (taken) {
    throw runError(`Error response from daemon: Conflict. The container name "/${name}" is already in use by container "${taken.id}". You have to remove (or rename) that container to be able to reuse that name.`);
  }
  const network = String(args.flags.network);
  if (!['bridge', 'host', 'none'].includes(network)) throw runError(`Error response from daemon: network ${network} not found`);
  const memoryText = String(args.flags.memory);
  const memoryBytes = memoryText === '' ? 0 : ramInBytes(memoryText);
  if (memoryBytes === undefined) throw flagError(`invalid argument "${memoryText}" for "-m, --memory" flag: invalid size: '${memoryText}'`);
  if (memoryBytes > 0 && memoryBytes < 6 * 1024 * 1024) throw runError('Error response from daemon: Minimum memory limit allowed is 6MB');
  const cpusText = String(args.flags.cpus);
  const cpus = cpusText === '' ? 0 : Number(cpusText);
  if (!Number.isFinite(cpus) || cpus < 0) throw flagError(`invalid argument "${cpusText}" for "--cpus" flag: failed to parse ${cpusText} as a rational number`);
  return { name, env: args.flags.env as string[], ports: (args.flags.publish as string[]).map(parsePort), network: network as NetworkMode, memoryBytes, nanoCpus: Math.round(cpus * 1e9), autoRemove: args.flags.rm === true };
}

/** `-p [IP:]HOSTPORT:CONTAINERPORT[/PROTO]` (or `CONTAINERPORT` alone: Docker picks a host port). */
function parsePort(spec: string): PortBinding {
  const [body, proto = 'tcp'] = spec.split('/');
  const parts = body.split(':');
  const containerPort = Number(parts[parts.length - 1]);
  const hostPort = parts.length >= 2 ? Number(parts[parts.length - 2]) : 32768;
  const hostIp = parts.length === 3 ? parts[0] : '0.0.0.0';
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') throw runError(`invalid proto: ${proto}`);
  if (!/^\d+$/.test(parts[parts.length - 1])) throw runError(`invalid containerPort: ${parts[parts.length - 1]}`);
  if (!Number.isInteger(hostPort)) throw runError(`invalid hostPort: ${parts[parts.length - 2]}`);
  return { hostIp, hostPort, containerPort, protocol: proto === 'udp' ? 'udp' : 'tcp' };
}

function checkPorts(ctx: CommandContext, ports: PortBinding[], name: string): void {
  for (const p of ports) {
    const clash = Object.values(docker(ctx).host.containers).find((c) => c.state === 'running' && c.ports.some((q) => q.hostPort === p.hostPort && q.protocol === p.protocol));
    if (clash) {
      const endpoint = digestHex(sha256Digest(`endpoint ${name}`));
      throw runError(`Error response from daemon: driver failed programming external connectivity on endpoint ${name} (${endpoint}): Bind for ${p.hostIp}:${p.hostPort} failed: port is already allocated`);
    }
  }
}

/** The image's runtime view, pulling it first when the host lacks it (`Unable to find image ... locally`). */
function ensureImage(ctx: CommandContext, ref: string): ReturnType<typeof toImageInfo> {
  const host = docker(ctx).host;
  const r = parseRef(ref);
  if ('error' in r) throw runError(`invalid reference format${r.error.startsWith('invalid reference format') ? r.error.slice(24) : ''}`);
  let id = findLocalImage(ctx, ref);
  if (id === undefined) {
    ctx.io.err(`Unable to find image '${familiar(r.normalized)}' locally\n`);
    const t = pullRemote(host, docker(ctx).registry, ref);
    spend(ctx, t.ms);
    if (t.error !== undefined) throw runError(`Error response from daemon: ${t.error}`);
    ctx.io.err(t.lines.slice(0, -1).map((l) => `${l}\n`).join(''));
    id = t.image!.id;
  }
  const image = host.images[id];
  const tags = tagsOf(host, id);
  return toImageInfo(image, r.name, r.tag || 'latest', tags.length > 0 ? tags : [r.normalized]);
}
