/**
 * What runs inside a container: either the shell interpreter (for `sh -c` scripts and userland
 * commands like `sleep 3600`) or an application model from the image catalog (nginx serving HTTP,
 * stress allocating memory, the liveness demo server failing after 10 s...). A process is plain
 * data; these functions step it through simulated time and answer what it uses and serves.
 */
import type { CgroupValues } from '../../node/types.ts';
import type { ShellHost, ShellState } from '../../node/shell/state.ts';
import { late } from '../../late.ts';
import { missingRequiredEnv, resolveProcess, type AppModel, type Footprint, type ImageInfo } from '../../node/images.ts';
import { deliverShellSignal, runShellStep, shellSignalDisposition, startShellArgv } from './shell-bridge.ts';
import { MEMORY_ALLOC_BYTES_PER_SECOND } from './timing.ts';
import { formatMicroTimestamp } from '../../kernel/time.ts';

/** How an application's main process behaves (built from the catalog's model and its argv). */
export interface AppBehaviour {
  /** Steady working set once started. */
  memoryBytes: number;
  /** How fast the working set grows to `memoryBytes` (default ~1 GiB/s). */
  rampBytesPerSecond?: number;
  cpuMilli: number;
  /** TCP ports it listens on. */
  ports: number[];
  /** How it answers HTTP: `ok` 200 everywhere, `root` 200 on / and 404 elsewhere, `liveness` 200 for `healthyMs` then 500. */
  http?: 'ok' | 'root' | 'liveness';
  healthyMs?: number;
  /** CPU milliseconds one HTTP request costs (the catalog's web model), for the traffic model. */
  cpuMilliPerRequest?: number;
  /** On the stop signal: exit 0 (graceful), die of it (143), ignore it (PID 1 without a handler), or exit 2 (a Go runtime). */
  sigterm: 'graceful' | 'default' | 'ignore' | 'go-runtime';
  /** It exits by itself this long after starting, with `exitCode`. */
  exitAfterMs?: number;
  exitCode?: number;
  /** Lines it writes when it starts. */
  logs: string[];
  logsToStderr?: boolean;
}

export type ProcState =
  | { kind: 'none' }
  | { kind: 'shell'; sh: ShellState; wakeAt: number | null; busy: boolean; cmdline: string }
  | { kind: 'app'; app: AppBehaviour; startedAt: number; cmdline: string; logged: boolean; load?: RequestLoad; served?: ServedRequests; loads?: LoadSpan[] };

/** A stretch of request load the process carried, kept (bounded) so its CPU use can be drawn over time. */
export interface LoadSpan {
  from: number;
  untilMs: number;
  cpuMilli: number;
}

/** How many load spans a process remembers (the pod view's CPU history). */
export const LOAD_SPANS_KEPT = 120;

/** Requests from other containers served in one simulated second (each adds to the load). */
export interface ServedRequests {
  second: number;
  count: number;
}

/** CPU that served requests add (set by the traffic model, src/engine/network), until `untilMs`. */
export interface RequestLoad {
  cpuMilli: number;
  untilMs: number;
}

const SHELL_MEMORY_BYTES = 700 * 1024;
const MiB = 1024 * 1024;

/**
 * Starts a container's process in its image: an application model, the shell interpreter (shells
 * and userland commands), or the runtime's StartError message when argv[0] does not exist.
 */
export function launch(image: ImageInfo, command: string[] | undefined, args: string[] | undefined, env: Record<string, string>, now: number): { proc: ProcState } | { error: string } {
  const r = resolveProcess(image, command, args);
  if (r.kind === 'not-found' || r.kind === 'no-command') return { error: r.message };
  const cmdline = r.argv.join(' ');
  if (r.kind === 'userland' || r.app.kind === 'shell') {
    return { proc: { kind: 'shell', sh: startShellArgv(r.argv), wakeAt: now, busy: false, cmdline } };
  }
  return { proc: { kind: 'app', app: behaviour(r.app, r.argv, env), startedAt: now, cmdline, logged: false } };
}

/** Control-plane programs serve health endpoints (/healthz, /livez, /readyz, /health, /ready) on these ports. */
const HEALTH_PORTS: Record<string, number[]> = {
  etcd: [2381],
  'kube-apiserver': [6443],
  'kube-controller-manager': [10257],
  'kube-scheduler': [10259],
  coredns: [8080, 8181, 9153],
  'kube-proxy': [10249],
};

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function steady(f: Footprint, ports: number[], http?: AppBehaviour['http']): AppBehaviour {
  return { memoryBytes: f.memoryBytes, cpuMilli: f.cpuMilliIdle, ports, http, sigterm: f.sigterm === 'ignored' ? 'ignore' : f.sigterm, logs: [] };
}

/**
 * What a one-off script prints, for the scripts the course material runs: the Job example's
 * `perl -Mbignum=bpi -wle 'print bpi(2000)'` prints pi to that many significant digits.
 */
function interpreterOutput(argv: readonly string[]): string[] {
  const bpi = /print\s+bpi\((\d+)\)/.exec(argv.join(' '));
  return bpi ? [piDigits(Math.min(Number(bpi[1]), 10_000))] : [];
}

/**
 * Pi to `n` significant digits, rounded to nearest as Math::BigFloat rounds, from Machin's
 * formula in integer arithmetic (pi/4 = 4·atan(1/5) − atan(1/239)).
 */
export function piDigits(n: number): string {
  const scale = 10n ** BigInt(n + 10);
  const atanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign, term /= x * x) sum += (sign * term) / k;
    return sum;
  };
  const digits = (16n * atanInv(5n) - 4n * atanInv(239n)).toString();
  const rounded = (BigInt(digits.slice(0, n)) + (Number(digits[n]) >= 5 ? 1n : 0n)).toString();
  return n <= 1 ? rounded : `${rounded[0]}.${rounded.slice(1)}`;
}

/** The catalog's model of a program, made concrete for one command line and environment. */
function behaviour(app: AppModel, argv: string[], env: Record<string, string>): AppBehaviour {
  switch (app.kind) {
    case 'web':
      return { ...steady(app, [app.port], app.cpuMilliPerRequest !== undefined ? 'ok' : 'root'), ...(app.cpuMilliPerRequest !== undefined ? { cpuMilliPerRequest: app.cpuMilliPerRequest } : {}) };
    case 'server': {
      const health = HEALTH_PORTS[baseName(argv[0])];
      const b = health ? steady(app, [app.port, ...health], 'ok') : steady(app, [app.port]);
      const missing = missingRequiredEnv(app, env);
      return missing ? { ...b, ports: [], exitAfterMs: 100, exitCode: 1, logs: missing, logsToStderr: true } : b;
    }
    case 'liveness-http':
      return { ...steady(app, [app.port], 'liveness'), healthyMs: app.healthyForMs };
    case 'netexec':
      return steady(app, [app.httpPort], 'ok');
    case 'serve-hostname':
      return steady(app, [app.port], 'ok');
    case 'stress':
      return stressBehaviour(app.flavour, argv);
    case 'interpreter':
      // A one-off script (perl -e, python -c): a short burst of CPU, then exit 0.
      return { memoryBytes: 12 * MiB, cpuMilli: 1000, ports: [], sigterm: 'default', exitAfterMs: argv.length > 1 ? 2000 : 0, exitCode: 0, logs: interpreterOutput(argv) };
    case 'shell':
      return { memoryBytes: SHELL_MEMORY_BYTES, cpuMilli: 0, ports: [], sigterm: 'ignore', exitAfterMs: 0, exitCode: 0, logs: [] };
    default:
      return steady(app, []);
  }
}

function stressBehaviour(flavour: 'polinux' | 'vish', argv: string[]): AppBehaviour {
  const load = late().parseStressArgs(flavour, argv);
  if ('error' in load) return { memoryBytes: 0, cpuMilli: 0, ports: [], sigterm: 'ignore', exitAfterMs: 0, exitCode: load.exitCode, logs: [load.message], logsToStderr: true };
  return {
    memoryBytes: load.memoryBytes,
    rampBytesPerSecond: load.memoryBytesPerSecond,
    cpuMilli: load.cpuMilliDemand,
    ports: [],
    sigterm: 'ignore',
    exitAfterMs: load.timeoutMs,
    exitCode: 0,
    logs: load.logLines,
    logsToStderr: flavour === 'vish',
  };
}

/** When the process next needs to run (Infinity: only an outside event wakes it). */
export function procWakeAt(p: ProcState): number {
  if (p.kind === 'shell') return p.wakeAt ?? Infinity;
  if (p.kind === 'app') {
    if (!p.logged) return p.startedAt;
    return p.app.exitAfterMs !== undefined ? p.startedAt + p.app.exitAfterMs : Infinity;
  }
  return Infinity;
}

/** Runs the process up to `now`; an exit code when it ended. */
export function stepProc(p: ProcState, host: ShellHost, now: number): { exitCode?: number } {
  if (p.kind === 'shell') {
    const r = runShellStep(p.sh, host, now);
    if (r.kind === 'exit') return { exitCode: r.code };
    p.wakeAt = r.untilMs;
    p.busy = r.busy === true;
    return {};
  }
  if (p.kind === 'app') {
    if (!p.logged) {
      p.logged = true;
      for (const line of p.app.logs) host.write(p.app.logsToStderr ? 'stderr' : 'stdout', `${line.replace('{time}', formatMicroTimestamp(now))}\n`);
    }
    if (p.app.exitAfterMs !== undefined && now >= p.startedAt + p.app.exitAfterMs) return { exitCode: p.app.exitCode ?? 0 };
  }
  return {};
}

/** Working set at `now` (allocation ramps at ~1 GiB/s). */
export function procMemoryBytes(p: ProcState, now: number): number {
  if (p.kind === 'shell') return SHELL_MEMORY_BYTES;
  if (p.kind !== 'app') return 0;
  const ramped = ((now - p.startedAt) / 1000) * (p.app.rampBytesPerSecond ?? MEMORY_ALLOC_BYTES_PER_SECOND);
  return Math.max(0, Math.min(p.app.memoryBytes, Math.floor(ramped)));
}

/** From when the working set stops changing (the allocation ramp is over). */
export function procMemorySteadyFrom(p: ProcState): number {
  if (p.kind !== 'app') return -Infinity;
  return p.startedAt + Math.ceil((p.app.memoryBytes * 1000) / (p.app.rampBytesPerSecond ?? MEMORY_ALLOC_BYTES_PER_SECOND));
}

export function procCpuDemandMilli(p: ProcState, now: number): number {
  if (p.kind === 'shell') return p.busy ? 1000 : 0;
  if (p.kind !== 'app') return 0;
  return p.load !== undefined && now < p.load.untilMs ? p.app.cpuMilli + p.load.cpuMilli : p.app.cpuMilli;
}

/**
 * The CPU the process wanted at an earlier time `t` (the pod view's history): its base demand
 * plus the remembered load span covering `t`. Equals {@link procCpuDemandMilli} at the present.
 */
export function procCpuDemandAt(p: ProcState, t: number): number {
  if (p.kind !== 'app') return procCpuDemandMilli(p, t);
  const spans = p.loads ?? [];
  for (let j = spans.length - 1; j >= 0; j--) {
    const s = spans[j];
    if (s.from <= t) return t < s.untilMs ? p.app.cpuMilli + s.cpuMilli : p.app.cpuMilli;
  }
  return p.app.cpuMilli;
}

/** When the process's memory crosses `memory.max` (an OOM kill), if it ever does. */
export function oomAt(p: ProcState, cgroup: CgroupValues, startedAt: number): number | undefined {
  if (p.kind !== 'app' || cgroup.memoryMax === 'max') return undefined;
  const limit = Number(cgroup.memoryMax);
  if (p.app.memoryBytes <= limit) return undefined;
  return startedAt + Math.ceil(((limit + 1) * 1000) / (p.app.rampBytesPerSecond ?? MEMORY_ALLOC_BYTES_PER_SECOND));
}

/** An HTTP GET to the process: a status code, or `refused` when nothing listens on the port. */
export function procHttp(p: ProcState, port: number, path: string, now: number): number | 'refused' {
  if (p.kind !== 'app' || !p.app.ports.includes(port)) return 'refused';
  switch (p.app.http) {
    case 'liveness':
      return now - p.startedAt < (p.app.healthyMs ?? 10_000) ? 200 : 500;
    case 'root':
      return path === '/' || path === '/index.html' ? 200 : 404;
    case 'ok':
      return 200;
    default:
      return 'refused';
  }
}

/** When the answer on `port` next changes (Infinity: never, as far as the model knows). */
export function procProbeChangeAt(p: ProcState, port: number, now: number): number {
  if (p.kind !== 'app' || !p.app.ports.includes(port)) return Infinity;
  if (p.app.http === 'liveness') {
    const turnsAt = p.startedAt + (p.app.healthyMs ?? 10_000);
    return now < turnsAt ? turnsAt : Infinity;
  }
  return p.app.exitAfterMs !== undefined ? p.startedAt + p.app.exitAfterMs : Infinity;
}

export function procListens(p: ProcState, port: number, _now: number): boolean {
  return p.kind === 'app' && p.app.ports.includes(port);
}

/**
 * What the stop signal does: the exit code the process dies with, `ignore` (it runs on until
 * SIGKILL), or `trap`: a shell that set `trap ACTION TERM` handles it, so the caller delivers it
 * with {@link procDeliverTerm}, which runs the action at once. A shell or `sleep` as PID 1 with
 * no trap installs no handler, and PID 1 ignores unhandled signals.
 */
export function procOnTerm(p: ProcState): number | 'ignore' | 'trap' {
  if (p.kind === 'shell') return shellSignalDisposition(p.sh, 'TERM') === 'trap' ? 'trap' : 'ignore';
  const term = p.kind === 'app' ? p.app.sigterm : 'ignore';
  return TERM_EXIT[term];
}

/**
 * Delivers SIGTERM to a shell whose trap handles it and steps the process at `now`: the trap's
 * action runs first (interrupting busybox's `sleep`), then the script goes on. An exit code when
 * the action (or the script after it) exited; otherwise the process runs on. No-op for any other process.
 */
export function procDeliverTerm(p: ProcState, host: ShellHost, now: number): { exitCode?: number } {
  if (p.kind !== 'shell' || !deliverShellSignal(p.sh, 'TERM')) return {};
  return stepProc(p, host, now);
}

const TERM_EXIT: Record<AppBehaviour['sigterm'], number | 'ignore'> = { graceful: 0, default: 143, 'go-runtime': 2, ignore: 'ignore' };

export function procCommandLine(p: ProcState): string {
  return p.kind === 'none' ? '' : p.cmdline;
}
