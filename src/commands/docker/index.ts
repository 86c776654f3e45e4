/**
 * `docker ...`: the Docker CLI against the simulation's docker host and registries. Verbs are
 * registered data (one `Command` each); `docker image ...`, `docker container ...` and
 * `docker manifest ...` are management commands over the same verbs. Flags follow the Docker
 * CLI: interspersed, except that `run` and `exec` stop at their first positional word (the image
 * or container), after which everything is the command. Also here: `cat`, the one shell tool a
 * scenario needs to write the project a build reads (`cat > app/Dockerfile <<EOF`).
 */
import { FlagError, parseFlags, type FlagSpec } from '../flags.ts';
import { CommandError, type Command, type CommandContext } from '../types.ts';
import { buildCommand } from './build.ts';
import { historyCommand, imagesCommand, rmiCommand, tagCommand } from './images.ts';
import { imageInspectCommand, manifestInspectCommand, pullCommand, pushCommand } from './transfer.ts';
import { runCommand } from './run.ts';
import { execCommand, inspectCommand, logsCommand, psCommand, rmCommand, stopCommand } from './containers.ts';
import { catProgram } from './cat.ts';

export const DOCKER_VERBS: readonly Command[] = [buildCommand, imagesCommand, historyCommand, tagCommand, pushCommand, pullCommand, rmiCommand, runCommand, psCommand, logsCommand, execCommand, stopCommand, rmCommand, inspectCommand];

/** Management commands: `docker image ls` is `docker images`, and so on. */
const MANAGEMENT: Record<string, { short: string; verbs: Record<string, Command> }> = {
  image: {
    short: 'Manage images',
    verbs: { build: buildCommand, ls: imagesCommand, list: imagesCommand, history: historyCommand, tag: tagCommand, push: pushCommand, pull: pullCommand, rm: rmiCommand, inspect: imageInspectCommand },
  },
  container: {
    short: 'Manage containers',
    verbs: { run: runCommand, ls: psCommand, list: psCommand, ps: psCommand, logs: logsCommand, exec: execCommand, stop: stopCommand, rm: rmCommand, inspect: inspectCommand },
  },
  manifest: { short: 'Manage Docker image manifests and manifest lists', verbs: { inspect: manifestInspectCommand } },
};

/** Verbs whose flags end at the first positional word. */
const NOT_INTERSPERSED = new Set(['run', 'exec']);
const HELP = [{ name: 'help', type: 'bool', default: false, usage: 'Print usage' }] satisfies FlagSpec[];

/** Splits argv where flag parsing stops (at the first word that is neither a flag nor a flag's value). */
function splitInterspersed(argv: readonly string[], flags: readonly FlagSpec[]): [string[], string[]] {
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    if (w === '--') return [argv.slice(0, i), argv.slice(i + 1)];
    if (!w.startsWith('-') || w === '-') return [argv.slice(0, i + 1), argv.slice(i + 1)];
    if (w.includes('=')) continue;
    const spec = w.startsWith('--') ? flags.find((f) => f.name === w.slice(2)) : flags.find((f) => f.short === w[w.length - 1]);
    if (spec && spec.type !== 'bool') i++;
  }
  return [[...argv], []];
}

export function runDocker(ctx: CommandContext, argv: readonly string[]): number {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    ctx.io.out(rootHelp());
    return 0;
  }
  if (first === 'version' || first === '--version' || first === '-v') {
    ctx.io.out('Docker version 28.2.2, build e6534b4 (Podlab simulation)\n');
    return 0;
  }
  const group = MANAGEMENT[first];
  if (group) {
    const [sub, ...subRest] = rest;
    const verb = sub === undefined ? undefined : group.verbs[sub];
    if (!verb) {
      ctx.io.out(groupHelp(first, group.short, group.verbs));
      return sub === undefined || sub === '--help' ? 0 : 1;
    }
    return runVerb(ctx, verb, `${first} ${sub}`, subRest);
  }
  const verb = DOCKER_VERBS.find((v) => v.name === first);
  if (!verb) {
    ctx.io.err(`docker: unknown command: docker ${first}\n\nRun 'docker --help' for more information\n`);
    return 1;
  }
  return runVerb(ctx, verb, verb.name, rest);
}

function runVerb(ctx: CommandContext, verb: Command, path: string, argv: readonly string[]): number {
  const flags = [...verb.flags, ...HELP];
  const [own, tail] = NOT_INTERSPERSED.has(verb.name) ? splitInterspersed(argv, flags) : [[...argv], []];
  let args;
  try {
    args = parseFlags(own, flags);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    ctx.io.err(`${e.message}\n\nUsage:  ${verb.usage.replace(/^docker \S+/, `docker ${path}`)}\n\nRun 'docker ${path} --help' for more information\n`);
    return 125;
  }
  if (args.flags.help === true) {
    ctx.io.out(verbHelp(verb, path));
    return 0;
  }
  args.rest = [...args.rest, ...tail];
  try {
    return verb.run(ctx, args);
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    ctx.io.err(e.message);
    return e.exitCode;
  }
}

function flagLines(flags: readonly FlagSpec[]): string {
  const rows = [...flags]
    .filter((f) => !f.hidden)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((f) => [`${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.type === 'bool' ? '' : f.type === 'strings' ? ' list' : f.type === 'int' ? ' int' : ' string'}`, f.usage]);
  const width = Math.max(...rows.map((r) => r[0].length), 0) + 3;
  return rows.map(([a, b]) => `  ${a.padEnd(width)}${b}\n`).join('');
}

/** `docker VERB --help` in the Docker CLI's layout. */
export function verbHelp(verb: Command, path: string): string {
  const usage = verb.usage.replace(/^docker \S+/, `docker ${path}`);
  const options = verb.flags.length > 0 ? `\nOptions:\n${flagLines(verb.flags)}` : '';
  return `\nUsage:  ${usage}\n\n${verb.short}\n${options}`;
}

function groupHelp(name: string, short: string, verbs: Record<string, Command>): string {
  const entries = Object.entries(verbs).filter(([k, v]) => !(k === 'list' || (k === 'ps' && v === verbs.ls)));
  const width = Math.max(...entries.map(([k]) => k.length)) + 3;
  return `\nUsage:  docker ${name} COMMAND\n\n${short}\n\nCommands:\n${entries.map(([k, v]) => `  ${k.padEnd(width)}${v.short}\n`).join('')}\nRun 'docker ${name} COMMAND --help' for more information on a command.\n`;
}

function rootHelp(): string {
  const width = Math.max(...DOCKER_VERBS.map((v) => v.name.length)) + 3;
  const groups = Object.entries(MANAGEMENT).map(([k, g]) => `  ${k.padEnd(width)}${g.short}\n`).join('');
  return `\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers (Podlab's simulated docker host and registry.local)\n\nCommands:\n${DOCKER_VERBS.map((v) => `  ${v.name.padEnd(width)}${v.short}\n`).join('')}\nManagement Commands:\n${groups}\nRun 'docker COMMAND --help' for more information on a command.\n`;
}

/** Programs besides kubectl and sim that a session runs: `docker`, and `cat` for project files. */
export const HOST_PROGRAMS: Readonly<Record<string, (ctx: CommandContext, argv: readonly string[]) => number>> = { docker: runDocker, cat: catProgram };
