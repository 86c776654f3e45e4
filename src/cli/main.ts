/**
 * `podlab` on the command line. `podlab run FILE [--seed N] [--json]` plays a scenario script
 * headless and prints its transcript (or one JSON object per command).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatEntry, runScript } from '../commands/runner.ts';
import { diskFileSystem } from './disk-fs.ts';
import { runLab } from './lab.ts';

const USAGE = `Usage: podlab run FILE [--seed N] [--json]

Plays a scenario script against a simulated Kubernetes cluster and prints a kubectl-style transcript.
  --seed N   seed for the simulation's random choices (default 1)
  --json     print one JSON object per command: {"line","output","exitCode","time"}

Course labs (podlab lab --help):
  podlab lab list|start|check|solution|export|share|open ...
  podlab labs                       the built-in labs (= podlab lab list)
  podlab grade LAB SUBMISSION...    grade a submission (= podlab lab check)
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'lab') return runLab(rest);
  if (command === 'labs' || command === 'grade') return runLab([command === 'labs' ? 'list' : 'check', ...rest]);
  if (command !== 'run') return fail(`unknown command "${command}"\n${USAGE}`);
  const opts = parseRunArgs(rest);
  if (typeof opts === 'string') return fail(`${opts}\n${USAGE}`);
  let text: string;
  try {
    text = readFileSync(opts.file, 'utf8');
  } catch (e) {
    return fail(`cannot read ${opts.file}: ${(e as Error).message}`);
  }
  const run = runScript(text, {
    seed: opts.seed,
    file: opts.file,
    // kubectl writes to the user's disk (`cluster-info dump --output-directory`): here, beside the script.
    fs: diskFileSystem(dirname(resolve(opts.file)), { writable: true }),
    onEntry: (entry) => process.stdout.write(opts.json ? `${JSON.stringify(entry)}\n` : formatEntry(entry)),
  });
  if (run.status !== 0) return fail(run.error ?? 'script failed');
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`podlab: ${message.endsWith('\n') ? message : `${message}\n`}`);
  return 2;
}

function parseRunArgs(args: string[]): { file: string; seed: number; json: boolean } | string {
  let file: string | undefined;
  let seed = 1;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a === '--seed' ? args[++i] : a.slice('--seed='.length);
      if (v === undefined || !/^\d+$/.test(v) || Number(v) > 0xffffffff) return `--seed wants a whole number from 0 to 4294967295, got "${v ?? ''}"`;
      seed = Number(v);
    } else if (a.startsWith('-')) return `unknown flag ${a}`;
    else if (file === undefined) file = a;
    else return `unexpected argument "${a}"`;
  }
  if (file === undefined) return 'run needs a script FILE';
  return { file, seed, json };
}
