/**
 * What the docker commands share: the docker world of the session's simulation, the Docker
 * CLI's table layout (text/tabwriter with minwidth 10, padding 3), its error shapes, reading the
 * student's project files, and letting simulated time pass while a command works.
 */
import type { DockerWorld } from '../../engine/docker/world.ts';
import type { DockerContainer } from '../../engine/docker/containers.ts';
import { advanceContainer } from '../../engine/docker/containers.ts';
import { familiar, parseRef } from '../../engine/docker/image.ts';
import { CommandError, type CommandContext } from '../types.ts';

export const docker = (ctx: CommandContext): DockerWorld => ctx.sim.docker;

/** Docker's table writer: each cell padded to its column's widest + 3, at least 10; the last column unpadded. */
export function dockerTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length + 3, 10)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - [...cell].length))).join('').trimEnd() + '\n').join('');
}

/** `Error response from daemon: <message>`, exit 1 (the CLI's report of a daemon error). */
export const daemonError = (message: string): CommandError => new CommandError(`Error response from daemon: ${message}\n`, 1);

/** `docker run`'s error shape (Docker CLI 28): `docker: <message>` + the help hint, exit 125. */
export const runError = (message: string, exitCode = 125): CommandError => new CommandError(`docker: ${message}\n\nRun 'docker run --help' for more information\n`, exitCode);

/**
 * Cobra's argument-count error as the Docker CLI 28 prints it: "requires 1 argument" /
 * "at least" / "at most", the usage, and the help hint ("See" after an "at least" rule).
 * @example argsError('docker history [OPTIONS] IMAGE', 'exactly', 1)
 */
export function argsError(usage: string, rule: 'exactly' | 'at least' | 'at most', n: number): CommandError {
  const path = usage.split(' [')[0].replace(/ [A-Z].*$/, '');
  const count = `${n} argument${n === 1 ? '' : 's'}`;
  const hint = rule === 'at least' ? 'See' : 'Run';
  return new CommandError(`docker: '${path}' requires ${rule === 'exactly' ? count : `${rule} ${count}`}\n\nUsage:  ${usage}\n\n${hint} '${path} --help' for more information\n`, 1);
}

/** Lets simulated time pass while a command works (a build, a push), so the cluster runs on too. */
export function spend(ctx: CommandContext, ms: number): void {
  if (ms > 0) ctx.sim.advance(Math.ceil(ms));
}

/** Brings every container up to the current time (processes run, exit, log). */
export function catchUp(ctx: CommandContext): void {
  const host = docker(ctx).host;
  for (const c of Object.values(host.containers)) advanceContainer(c, ctx.sim.now);
  for (const c of Object.values(host.containers)) if (c.autoRemove && c.state === 'exited') delete host.containers[c.id];
}

/**
 * The container a name or ID prefix names (the daemon's lookup: exact ID, exact name, then a
 * unique ID prefix), or the daemon's "No such container" error.
 */
export function findContainer(ctx: CommandContext, ref: string): DockerContainer {
  const all = Object.values(docker(ctx).host.containers);
  const name = ref.replace(/^\//, '');
  const hit = all.find((c) => c.id === ref) ?? all.find((c) => c.name === name) ?? uniquePrefix(all, ref);
  if (!hit) throw daemonError(`No such container: ${ref}`);
  return hit;
}

function uniquePrefix(all: DockerContainer[], ref: string): DockerContainer | undefined {
  if (ref === '') return undefined;
  const hits = all.filter((c) => c.id.startsWith(ref));
  return hits.length === 1 ? hits[0] : undefined;
}

/** The image ID a reference or ID prefix names on the host, or undefined. */
export function findLocalImage(ctx: CommandContext, ref: string): string | undefined {
  const host = docker(ctx).host;
  const hex = ref.replace(/^sha256:/, '');
  if (/^[a-f0-9]{4,64}$/.test(hex)) {
    const ids = Object.keys(host.images).filter((id) => id.slice(7).startsWith(hex));
    if (ids.length === 1) return ids[0];
  }
  const r = parseRef(ref);
  if ('error' in r) return undefined;
  if (r.digest !== undefined) {
    return Object.entries(docker(ctx).host.repoDigests).find(([, list]) => list.includes(`${r.name}@${r.digest}`))?.[0];
  }
  return host.tags[r.normalized];
}

/** `nginx:latest` as the CLI echoes a reference the user typed (tag defaulted). */
export function shownRef(ref: string): string {
  const r = parseRef(ref);
  return 'error' in r ? ref : familiar(r.normalized);
}

/** Project files under `dir` (relative paths): the session's workspace over the script's folder. */
export function readTree(ctx: CommandContext, dir: string): Record<string, string> {
  const root = dir.replace(/\/+$/, '').replace(/^\.\//, '') || '.';
  const files: Record<string, string> = {};
  const walk = (path: string, rel: string): void => {
    const kind = ctx.fs.stat(path);
    if (kind === 'file') files[rel] = ctx.fs.readFile(path);
    else if (kind === 'dir') for (const name of ctx.fs.readDir(path)) walk(ctx.fs.join(path, name), rel === '' ? name : `${rel}/${name}`);
  };
  walk(root, '');
  const prefix = root === '.' ? '' : `${root}/`;
  for (const [path, body] of Object.entries(docker(ctx).host.workspace)) if (path.startsWith(prefix)) files[path.slice(prefix.length)] = body;
  return files;
}

/** One project file: the workspace first, then the script's folder; undefined when neither has it. */
export function readProjectFile(ctx: CommandContext, path: string): string | undefined {
  const key = path.replace(/^\.\//, '');
  const ws = docker(ctx).host.workspace;
  if (Object.hasOwn(ws, key)) return ws[key];
  return ctx.fs.stat(path) === 'file' ? ctx.fs.readFile(path) : undefined;
}

/** Whether `dir` exists as a project directory (workspace or script folder). */
export function projectDirExists(ctx: CommandContext, dir: string): boolean {
  const root = dir.replace(/\/+$/, '').replace(/^\.\//, '') || '.';
  if (root === '.' || ctx.fs.stat(root) === 'dir') return true;
  return Object.keys(docker(ctx).host.workspace).some((p) => p.startsWith(`${root}/`));
}

/** `docker inspect`'s JSON: Go's MarshalIndent with four spaces, as an array. */
export const inspectJson = (items: unknown[]): string => `${JSON.stringify(items, null, 4)}\n`;
