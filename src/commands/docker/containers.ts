import { execInContainer, stopContainer, type DockerContainer } from '../../engine/docker/containers.ts';
import { humanDuration } from '../../engine/components/kubelet/node-shell.ts';
import { formatTimestamp } from '../../engine/kernel/time.ts';
import { ago } from '../../engine/docker/units.ts';
import { CommandError, type Command, type CommandContext } from '../types.ts';
import { argsError, catchUp, daemonError, docker, dockerTable, findContainer, findLocalImage, inspectJson, spend } from './common.ts';
import { imageInspect } from './transfer.ts';

/** `"docker-entrypoint.s…"`: the command quoted and cut at 20 characters, as `docker ps` shows it. */
function commandColumn(c: DockerContainer, noTrunc: boolean): string {
  const full = [c.path, ...c.args].join(' ');
  const chars = [...full];
  return JSON.stringify(noTrunc || chars.length <= 20 ? full : `${chars.slice(0, 19).join('')}…`);
}

function statusColumn(c: DockerContainer, now: number): string {
  if (c.state === 'running') return `Up ${humanDuration(now - (c.startedAt ?? now))}`;
  if (c.state === 'exited') return `Exited (${c.exitCode}) ${ago(now - (c.finishedAt ?? now))}`;
  return 'Created';
}

function portsColumn(c: DockerContainer, exposed: readonly string[]): string {
  if (c.state !== 'running') return '';
  const published = c.ports.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}/${p.protocol}`);
  const bare = exposed.filter((e) => !c.ports.some((p) => `${p.containerPort}/${p.protocol}` === e));
  return [...bare, ...published].join(', ');
}

/** `docker ps [-a]`: running containers (all with -a), newest first. */
export const psCommand: Command = {
  name: 'ps',
  short: 'List containers',
  usage: 'docker ps [OPTIONS]',
  flags: [
    { name: 'all', short: 'a', type: 'bool', default: false, usage: 'Show all containers (default shows just running)' },
    { name: 'quiet', short: 'q', type: 'bool', default: false, usage: 'Only display container IDs' },
    { name: 'no-trunc', type: 'bool', default: false, usage: "Don't truncate output" },
  ],
  run(ctx, args) {
    catchUp(ctx);
    const host = docker(ctx).host;
    const now = ctx.sim.now;
    const noTrunc = args.flags['no-trunc'] === true;
    const list = Object.values(host.containers)
      .filter((c) => args.flags.all === true || c.state === 'running')
      .sort((a, b) => b.created - a.created || (a.id < b.id ? -1 : 1));
    const id = (c: DockerContainer): string => (noTrunc ? c.id : c.id.slice(0, 12));
    if (args.flags.quiet === true) {
      ctx.io.out(list.map((c) => `${id(c)}\n`).join(''));
      return 0;
    }
    const rows = list.map((c) => [id(c), c.image, commandColumn(c, noTrunc), ago(now - c.created), statusColumn(c, now), portsColumn(c, host.images[c.imageId]?.config.exposedPorts ?? []), c.name]);
    ctx.io.out(dockerTable([['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'], ...rows]));
    return 0;
  },
};

/** `docker logs CONTAINER`: what the container wrote, stdout and stderr to their own streams. */
export const logsCommand: Command = {
  name: 'logs',
  short: 'Fetch the logs of a container',
  usage: 'docker logs [OPTIONS] CONTAINER',
  flags: [
    { name: 'timestamps', short: 't', type: 'bool', default: false, usage: 'Show timestamps' },
    { name: 'tail', short: 'n', type: 'string', default: 'all', usage: 'Number of lines to show from the end of the logs' },
  ],
  run(ctx, args) {
    if (args.positional.length !== 1) throw argsError(this.usage, 'exactly', 1);
    catchUp(ctx);
    const c = findContainer(ctx, args.positional[0]);
    const tail = String(args.flags.tail);
    const lines = tail === 'all' ? c.logs : c.logs.slice(Math.max(0, c.logs.length - Number(tail)));
    for (const l of lines) (l.stream === 'stdout' ? ctx.io.out : ctx.io.err)(`${args.flags.timestamps === true ? `${formatTimestamp(l.at).replace('Z', '.000000000Z')} ` : ''}${l.text}`);
    return 0;
  },
};

/** `docker exec CONTAINER COMMAND [ARG...]`: runs a command in the running container. */
export const execCommand: Command = {
  name: 'exec',
  short: 'Execute a command in a running container',
  usage: 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]',
  flags: [
    { name: 'interactive', short: 'i', type: 'bool', default: false, usage: 'Keep STDIN open even if not attached' },
    { name: 'tty', short: 't', type: 'bool', default: false, usage: 'Allocate a pseudo-TTY' },
  ],
  run(ctx, args) {
    const [name, ...argv] = [...args.positional, ...args.rest];
    if (name === undefined || argv.length === 0) throw argsError(this.usage, 'at least', 2);
    catchUp(ctx);
    const c = findContainer(ctx, name);
    if (c.state !== 'running') throw daemonError(`container ${c.id} is not running`);
    const r = execInContainer(c, argv, ctx.sim.now);
    ctx.io.out(r.stdout);
    ctx.io.err(r.stderr);
    return r.exitCode;
  },
};

/** `docker stop CONTAINER...`: SIGTERM, SIGKILL after the grace period; prints each name as given. */
export const stopCommand: Command = {
  name: 'stop',
  short: 'Stop one or more running containers',
  usage: 'docker stop [OPTIONS] CONTAINER [CONTAINER...]',
  flags: [{ name: 'time', short: 't', type: 'int', default: 10, usage: 'Seconds to wait before killing the container' }],
  run(ctx, args) {
    if (args.positional.length === 0) throw argsError(this.usage, 'at least', 1);
    catchUp(ctx);
    let code = 0;
    for (const ref of args.positional) {
      let c: DockerContainer;
      try {
        c = findContainer(ctx, ref);
      } catch (e) {
        if (!(e instanceof CommandError)) throw e;
        ctx.io.err(e.message);
        code = 1;
        continue;
      }
      spend(ctx, stopContainer(c, ctx.sim.now, Number(args.flags.time) * 1000));
      if (c.autoRemove) delete docker(ctx).host.containers[c.id];
      ctx.io.out(`${ref}\n`);
    }
    return code;
  },
};

/** `docker rm [-f] CONTAINER...`. */
export const rmCommand: Command = {
  name: 'rm',
  short: 'Remove one or more containers',
  usage: 'docker rm [OPTIONS] CONTAINER [CONTAINER...]',
  flags: [{ name: 'force', short: 'f', type: 'bool', default: false, usage: 'Force the removal of a running container (uses SIGKILL)' }],
  run(ctx, args) {
    if (args.positional.length === 0) throw argsError(this.usage, 'at least', 1);
    catchUp(ctx);
    let code = 0;
    for (const ref of args.positional) {
      const c = Object.values(docker(ctx).host.containers).find((x) => x.id === ref || x.name === ref || (ref.length >= 4 && x.id.startsWith(ref)));
      if (!c) {
        ctx.io.err(`Error response from daemon: No such container: ${ref}\n`);
        code = 1;
      } else if (c.state === 'running' && args.flags.force !== true) {
        ctx.io.err(`Error response from daemon: cannot remove container "/${c.name}": container is running: stop the container before removing or force remove\n`);
        code = 1;
      } else {
        delete docker(ctx).host.containers[c.id];
        ctx.io.out(`${ref}\n`);
      }
    }
    return code;
  },
};

/** A container as `docker inspect` shows it (the fields Podlab models, in Docker's order). */
function containerInspect(ctx: CommandContext, c: DockerContainer): Record<string, unknown> {
  const image = docker(ctx).host.images[c.imageId];
  const portMap = Object.fromEntries(c.ports.map((p) => [`${p.containerPort}/${p.protocol}`, [{ HostIp: p.hostIp, HostPort: String(p.hostPort) }]]));
  return {
    Id: c.id,
    Created: formatTimestamp(c.created),
    Path: c.path,
    Args: c.args,
    State: {
      Status: c.state,
      Running: c.state === 'running',
      Paused: false,
      Restarting: false,
      OOMKilled: c.oomKilled === true,
      Dead: false,
      Pid: c.state === 'running' ? c.hostPid : 0,
      ExitCode: c.exitCode,
      Error: c.startError ?? '',
      StartedAt: c.startedAt === undefined ? '0001-01-01T00:00:00Z' : formatTimestamp(c.startedAt),
      FinishedAt: c.finishedAt === undefined ? '0001-01-01T00:00:00Z' : formatTimestamp(c.finishedAt),
    },
    Image: c.imageId,
    Name: `/${c.name}`,
    HostConfig: {
      NetworkMode: c.network,
      PortBindings: portMap,
      AutoRemove: c.autoRemove,
      CgroupParent: '',
      Memory: c.memoryBytes,
      NanoCpus: c.nanoCpus,
      CpuShares: 0,
    },
    Config: {
      Hostname: c.network === 'host' ? 'docker-host' : c.id.slice(0, 12),
      ExposedPorts: Object.fromEntries((image?.config.exposedPorts ?? []).map((p) => [p, {}])),
      Env: c.env,
      Cmd: c.args.length > 0 || c.path !== '' ? [c.path, ...c.args].slice((image?.config.entrypoint.length ?? 0)) : null,
      Image: c.image,
      WorkingDir: c.workingDir,
      Entrypoint: image && image.config.entrypoint.length > 0 ? image.config.entrypoint : null,
    },
    NetworkSettings: {
      Ports: c.network === 'bridge' ? portMap : {},
      IPAddress: c.network === 'bridge' && c.state === 'running' ? c.ip : '',
      Gateway: c.network === 'bridge' && c.state === 'running' ? '172.17.0.1' : '',
      Networks: { [c.network]: { IPAddress: c.network === 'bridge' && c.state === 'running' ? c.ip : '' } },
    },
    CgroupPath: c.cgroup.path,
  };
}

/** `docker inspect NAME|ID...`: containers first, then images, as the CLI looks them up. */
export const inspectCommand: Command = {
  name: 'inspect',
  short: 'Return low-level information on Docker objects',
  usage: 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]',
  flags: [],
  run(ctx, args) {
    if (args.positional.length === 0) throw argsError(this.usage, 'at least', 1);
    catchUp(ctx);
    const items: unknown[] = [];
    let missing: string | undefined;
    for (const ref of args.positional) {
      const c = Object.values(docker(ctx).host.containers).find((x) => x.id === ref || x.name === ref || (ref.length >= 4 && x.id.startsWith(ref)));
      const imageId = c ? undefined : findLocalImage(ctx, ref);
      if (c) items.push(containerInspect(ctx, c));
      else if (imageId !== undefined) items.push(imageInspect(ctx, imageId));
      else missing ??= ref;
    }
    ctx.io.out(inspectJson(items));
    if (missing !== undefined) throw new CommandError(`Error: No such object: ${missing}\n`, 1);
    return 0;
  },
};
