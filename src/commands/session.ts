/**
 * A command session: one simulation plus the command layer in front of it. The headless runner
 * and the app's terminal both drive a Session, so a command behaves the same in both.
 */
import { DEFAULT_SEED, Simulation } from '../engine/simulation.ts';
import { runKubectl } from './kubectl/index.ts';
import { defaultKubeconfig, type KubeconfigState } from './kubectl/kubeconfig.ts';
import { splitWords, ShellSyntaxError } from './shell/words.ts';
import { runSim } from './sim/index.ts';
import { HOST_PROGRAMS } from './docker/index.ts';
import { ScriptError, type CommandContext, type DetachedWatch, type FileSystem } from './types.ts';

export interface CommandResult {
  /** stdout and stderr interleaved in the order written, as a terminal shows them. */
  output: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** `kubectl edit` without stdin: the text to open in the app's editor. */
  edit?: string;
  /** Set when the command was a script error (bad `sim` directive, unknown program). */
  scriptError?: string;
  /** With `liveWatches`: the `kubectl get -w` watch still running after the command returned. */
  watch?: DetachedWatch;
}

export interface SessionOptions {
  seed?: number;
  fs?: FileSystem;
  /** The session has an editor to open (the app): `kubectl edit` hands it the text to edit. */
  editor?: boolean;
  /** The session has a terminal that follows watches live (the app): `kubectl get -w` returns at once and keeps watching. */
  liveWatches?: boolean;
}

/** A file system with no files: `-f` paths are reported as missing. */
export const EMPTY_FS: FileSystem = {
  readFile: (path) => {
    throw new Error(`open ${path}: no such file or directory`);
  },
  stat: () => undefined,
  readDir: () => [],
  join: (dir, name) => `${dir.replace(/\/$/, '')}/${name}`,
};

export class Session {
  private current: Simulation | undefined;
  readonly seed: number;
  private readonly fs: FileSystem;
  private readonly editor: boolean;
  private readonly liveWatches: boolean;
  /**
   * Client-side state kept across commands (`kubectl config use-context/set-context`). Plain data:
   * whoever saves a session saves it next to the simulation's snapshot.
   */
  readonly kubeconfig: KubeconfigState = defaultKubeconfig();

  constructor(opts: SessionOptions = {}) {
    this.seed = opts.seed ?? DEFAULT_SEED;
    this.fs = opts.fs ?? EMPTY_FS;
    this.editor = opts.editor ?? false;
    this.liveWatches = opts.liveWatches ?? false;
  }

  /** The simulation; the default cluster is built on first use unless `sim cluster` came first. */
  get sim(): Simulation {
    this.current ??= Simulation.create(this.seed);
    return this.current;
  }

  /** Replaces the simulation (a restored snapshot, a new cluster). */
  replaceSimulation(sim: Simulation): void {
    this.current = sim;
  }

  /** Runs one command line (no heredoc). */
  execLine(line: string, stdin?: string): CommandResult {
    let words: string[];
    try {
      words = splitWords(line);
    } catch (e) {
      if (e instanceof ShellSyntaxError) return failure(`${e.message}\n`, 2, e.message);
      throw e;
    }
    return this.exec(words, stdin);
  }

  /** Runs one command given as words. */
  exec(words: readonly string[], stdin?: string): CommandResult {
    const result: CommandResult = { output: '', stdout: '', stderr: '', exitCode: 0 };
    const io = {
      out: (t: string) => {
        result.stdout += t;
        result.output += t;
      },
      err: (t: string) => {
        result.stderr += t;
        result.output += t;
      },
    };
    if (words.length === 0) return result;
    const [program, ...argv] = words;
    const currentSim = () => this.sim;
    const ctx: CommandContext = {
      get sim() {
        return currentSim();
      },
      seed: this.seed,
      io,
      fs: this.fs,
      stdin,
      resetCluster: (next) => {
        this.current = next;
        // A new cluster comes with a new admin.conf: the context's namespace is forgotten.
        Object.assign(this.kubeconfig, defaultKubeconfig());
      },
      kubeconfig: this.kubeconfig,
      requestEdit: this.editor
        ? (buffer) => {
            result.edit = buffer;
          }
        : undefined,
      detachWatch: this.liveWatches
        ? (watch) => {
            result.watch = watch;
          }
        : undefined,
    };
    try {
      if (program === 'kubectl') result.exitCode = runKubectl(ctx, argv);
      else if (program === 'sim') result.exitCode = runSim(ctx, argv);
      else if (Object.hasOwn(HOST_PROGRAMS, program)) result.exitCode = HOST_PROGRAMS[program](ctx, argv);
      else throw new ScriptError(`${program}: command not found (commands are kubectl ..., sim ..., docker ... and cat > FILE <<EOF)`);
    } catch (e) {
      if (!(e instanceof ScriptError)) throw e;
      io.err(`${e.message}\n`);
      result.exitCode = 2;
      result.scriptError = e.message;
    }
    this.current?.settle();
    return result;
  }
}

function failure(output: string, exitCode: number, scriptError?: string): CommandResult {
  return { output, stdout: '', stderr: output, exitCode, scriptError };
}
