import type { Simulation } from '../engine/simulation.ts';
import type { FlagSpec, ParsedArgs } from './flags.ts';
import type { KubeconfigState } from './kubectl/kubeconfig.ts';

/** Where a command writes. The session interleaves both into one transcript. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Files a command may read (`kubectl apply -f`). The runner gives the script's directory on disk;
 * the browser gives an in-memory folder. Paths are as the user typed them.
 */
export interface FileSystem {
  /** File text; throws when the path is missing or not a file. */
  readFile(path: string): string;
  stat(path: string): 'file' | 'dir' | undefined;
  /** Entries of a directory (names, not paths), sorted. */
  readDir(path: string): string[];
  join(dir: string, name: string): string;
  /**
   * The writable side, where there is one (`kubectl cluster-info dump --output-directory`): the
   * runner's disk, the app's in-memory workspace. Creates or truncates a file whose parent is a
   * directory; throws Go's os wording (`open PATH: is a directory`). See `fs-write.ts`.
   */
  writeFile?(path: string, text: string): void;
  /** Creates one directory whose parent exists (Go's os.Mkdir); throws `mkdir PATH: file exists`... */
  mkdir?(path: string): void;
}

/** A watch left running after its command returned (see {@link CommandContext.detachWatch}). */
export interface DetachedWatch {
  /** Output printed since the last call. */
  take(): string;
  stop(): void;
  /** Simulated ms at which the watch ends unless stopped first (`--request-timeout`, else the server's). */
  readonly endMs: number;
  /**
   * A command that ends by itself (`kubectl wait`, `rollout status`): called after the live clock
   * moved, it goes on (its next object, its timeout at `endMs`) and returns its exit code once it
   * has finished, else undefined. Without it the watch runs until stopped or `endMs` (exit 0).
   */
  poll?(): number | undefined;
  /** True while another wait may start the instant this one ends: the live clock then stops after every instant. */
  readonly instantwise?: boolean;
}

export interface CommandContext {
  /** The current simulation (built on first use, so `sim cluster` never builds one to throw away). */
  readonly sim: Simulation;
  /** The session's seed, which a fresh cluster is built from. */
  readonly seed: number;
  io: CommandIO;
  fs: FileSystem;
  /** Text fed to the command (a heredoc body), if any. */
  stdin?: string;
  /** Replaces the whole cluster (used by `sim cluster`). */
  resetCluster(next: Simulation): void;
  /**
   * Opens an editor on `buffer` (`kubectl edit` without stdin): the app shows it and runs the
   * command again with the saved text as stdin. Absent in scripts, which give that text directly.
   */
  requestEdit?(buffer: string): void;
  /**
   * The app's terminal runs `kubectl get -w` live: the command hands its started watch here and
   * returns at once; the terminal prints what the watch prints as the live clock runs, and stops
   * it on Ctrl-C or at `endMs`. Absent in scripts, which run a watch to its end.
   */
  detachWatch?(watch: DetachedWatch): void;
  /** The session's kubeconfig (`kubectl config`): current context and its default namespace. */
  readonly kubeconfig: KubeconfigState;
}

/** A command is registered data: name, usage, flags, and a run function returning the exit code. */
export interface Command {
  name: string;
  aliases?: string[];
  /** One-line summary, as in `kubectl --help`. */
  short: string;
  /** The description `kubectl VERB --help` opens with; `short` and a full stop when absent. */
  long?: string;
  /** The Examples section of `--help`, unindented (comment lines, commands, blank lines between). */
  examples?: string;
  /** Usage line, e.g. `kubectl get [(-o|--output=)json|yaml|...] (TYPE[.VERSION][.GROUP] ...) [flags] [options]`. */
  usage: string;
  flags: FlagSpec[];
  /** What the positional words name, for tab completion; kubectl verbs default to `resources`. */
  completion?: CompletionSpec;
  /**
   * Cobra child commands (`create namespace`, `create secret generic`): the word naming one is
   * taken out and the rest parsed against the child's own flags; `run` gets what names none.
   */
  subcommands?: readonly Command[];
  run(ctx: CommandContext, args: ParsedArgs): number;
}

/**
 * Tab-completion data for a command: its subcommand words (offered first), then what the
 * remaining positional words name — `TYPE [NAME...]` / `TYPE/NAME`, node names, pod names, or nothing.
 */
export interface CompletionSpec {
  subcommands?: readonly string[];
  args?: 'resources' | 'nodes' | 'pods' | 'none';
}

/** An error that ends a command: printed to stderr as is, with an exit code. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A scenario-script error (bad `sim` directive, unknown program): the runner stops with exit 2. */
export class ScriptError extends Error {}
