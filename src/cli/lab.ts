/**
 * `podlab lab ...`: the Node glue around the pure lab core (src/labs). Reads files, parses the
 * command line, prints; everything it prints comes from the core's data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatEntry } from '../commands/runner.ts';
import { ScriptSyntaxError } from '../commands/shell/script.ts';
import { BUILTIN_LABS, builtinLab } from '../labs/builtin/index.ts';
import { formatReport, gradeLab, LabSetupError, startLab } from '../labs/play.ts';
import { LabValidationError } from '../labs/schema.ts';
import { decodeShareLink, encodeShareLink, ShareLinkError } from '../labs/share.ts';
import type { Lab } from '../labs/types.ts';
import { resolveLab } from '../labs/variants.ts';
import { exportLabYaml, parseLabYaml } from '../labs/yaml.ts';
import { diskFileSystem } from './disk-fs.ts';

export const LAB_USAGE = `Usage:
  podlab lab list                              the built-in labs, in course order (also: podlab labs)
  podlab lab start LAB [--seed N] [--hints]    the lab's story and goals, and what its setup did
  podlab lab check LAB SUBMISSION... [--seed N] [--json]   (also: podlab grade)
                                               grade a submission (a script and/or manifests):
                                               setup, the submission, the lab's settle time, goals
  podlab lab solution LAB [--seed N]           the reference solution for that seed
  podlab lab export LAB                        the lab as YAML (params and placeholders kept)
  podlab lab share LAB SCRIPT [--seed N]       a share link payload (v1.…) for the lab, seed and script
  podlab lab open PAYLOAD [--json]             decode a share link payload and grade it

LAB is a built-in lab id (podlab lab list) or a lab YAML file. A SUBMISSION file ending in
.yaml, .yml or .json is applied as manifests (kubectl apply -f); any other file is a scenario
script. --seed picks the student's variant and seeds the simulation (default: the lab's seed).
check exits 0 only when every goal passes, 1 when some fail, 2 on a usage, file or lab error.
`;

interface Io {
  out: (t: string) => void;
  err: (t: string) => void;
}

const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

interface LabArgs {
  positional: string[];
  seed?: number;
  json: boolean;
  hints: boolean;
}

class UsageError extends Error {}

function parseArgs(args: readonly string[]): LabArgs {
  const out: LabArgs = { positional: [], json: false, hints: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') out.json = true;
    else if (a === '--hints') out.hints = true;
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a === '--seed' ? args[++i] : a.slice('--seed='.length);
      if (v === undefined || !/^\d+$/.test(v) || Number(v) > 0xffffffff) throw new UsageError(`--seed wants a whole number from 0 to 4294967295, got "${v ?? ''}"`);
      out.seed = Number(v);
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown flag ${a}`);
    else out.positional.push(a);
  }
  return out;
}

/** A built-in id, or a path to a lab YAML file (schema-checked). */
function loadLab(ref: string): Lab {
  const builtin = builtinLab(ref);
  if (builtin) return builtin;
  if (!existsSync(ref)) throw new UsageError(`no built-in lab "${ref}" and no such file (podlab lab list shows the built-in labs)`);
  return parseLabYaml(readFileSync(ref, 'utf8'), ref);
}

function want(args: LabArgs, n: number, what: string): string[] {
  if (args.positional.length < n) throw new UsageError(`missing ${what}`);
  if (args.positional.length > n) throw new UsageError(`unexpected argument "${args.positional[n]}"`);
  return args.positional;
}

function list(io: Io): number {
  const width = Math.max(...BUILTIN_LABS.map((l) => l.id.length));
  BUILTIN_LABS.forEach((l, i) => io.out(`${String(i + 1).padStart(2)}  ${l.id.padEnd(width)}  ${l.level.padEnd(12)}  ${l.title}\n`));
  return 0;
}

function start(args: LabArgs, io: Io): number {
  const [ref] = want(args, 1, 'LAB');
  const lab = loadLab(ref);
  const run = startLab(lab, args.seed ?? lab.seed);
  const r = run.lab;
  io.out(`${r.title}\nlab ${r.id} · ${r.level} · seed ${r.seed}\n\n${r.story.intro}\n\n`);
  r.story.steps.forEach((s, i) => io.out(`${i + 1}. ${s}\n`));
  io.out('\nGoals:\n');
  for (const g of r.goals) io.out(`  - ${g.title}\n`);
  if (args.hints) {
    io.out('\nHints:\n');
    for (const h of r.hints) io.out(`  - ${h}\n`);
  }
  io.out('\nSetup:\n');
  for (const e of run.setup) io.out(formatEntry(e));
  return 0;
}

function check(args: LabArgs, io: Io): number {
  if (args.positional.length < 2) throw new UsageError('missing LAB and SUBMISSION (a script, manifests, or both)');
  const [ref, ...files] = args.positional;
  const lab = loadLab(ref);
  const { script, baseDir, name } = submission(files);
  const report = gradeLab(lab, args.seed ?? lab.seed, script, { fs: diskFileSystem(baseDir), file: name });
  const { run: _run, ...data } = report;
  io.out(args.json ? `${JSON.stringify(data)}\n` : formatReport(report));
  return report.ok ? 0 : 1;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * A submission as one script: a script file as it is; manifests (.yaml, .yml, .json) as
 * `kubectl apply -f PATH`; several files in the order given.
 */
function submission(files: readonly string[]): { script: string; baseDir: string; name: string } {
  if (files.length === 1 && !MANIFEST_FILE.test(files[0])) return { script: readText(files[0]), baseDir: dirname(resolve(files[0])), name: files[0] };
  const parts = files.map((f) => {
    if (!MANIFEST_FILE.test(f)) return readText(f).replace(/\n?$/, '\n');
    readText(f);
    return `kubectl apply -f '${resolve(f).replaceAll("'", "'\\''")}'\n`;
  });
  return { script: parts.join(''), baseDir: dirname(resolve(files[0])), name: 'submission' };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

async function share(args: LabArgs, io: Io): Promise<number> {
  const [ref, file] = want(args, 2, 'LAB and SCRIPT');
  const lab = loadLab(ref);
  const payload = await encodeShareLink({ lab: builtinLab(ref) ? lab.id : lab, seed: args.seed ?? lab.seed, script: readText(file) });
  io.out(`${payload}\n`);
  return 0;
}

async function open(args: LabArgs, io: Io): Promise<number> {
  const [payload] = want(args, 1, 'PAYLOAD');
  const link = await decodeShareLink(payload);
  const lab = typeof link.lab === 'string' ? builtinLab(link.lab) : link.lab;
  if (!lab) throw new ShareLinkError(`the link names lab "${String(link.lab)}", which is not a built-in lab`);
  const report = gradeLab(lab, link.seed, link.script);
  const { run: _run, ...data } = report;
  io.out(args.json ? `${JSON.stringify(data)}\n` : formatReport(report));
  return report.ok ? 0 : 1;
}

/** `podlab lab ARGS...`; returns the exit code. */
export async function runLab(argv: readonly string[], io: Io = stdio): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      io.out(LAB_USAGE);
      return sub === undefined ? 2 : 0;
    }
    const args = parseArgs(rest);
    switch (sub) {
      case 'list':
        want(args, 0, '');
        return list(io);
      case 'start':
        return start(args, io);
      case 'check':
        return check(args, io);
      case 'solution': {
        const lab = loadLab(want(args, 1, 'LAB')[0]);
        io.out(resolveLab(lab, args.seed ?? lab.seed).solution);
        return 0;
      }
      case 'export':
        io.out(exportLabYaml(loadLab(want(args, 1, 'LAB')[0])));
        return 0;
      case 'share':
        return await share(args, io);
      case 'open':
        return await open(args, io);
      default:
        throw new UsageError(`unknown lab command "${sub}"\n${LAB_USAGE}`);
    }
  } catch (e) {
    if (e instanceof LabValidationError || e instanceof ShareLinkError) io.err(`error: ${e.message}\n`);
    else if (e instanceof UsageError) io.err(`podlab lab: ${e.message}\n`);
    else if (e instanceof LabSetupError) io.err(`error: ${e.message}\n`);
    else if (e instanceof ScriptSyntaxError) io.err(`error: line ${e.lineNumber}: ${e.message}\n`);
    else throw e;
    return 2;
  }
}
