/**
 * The load the two stress images generate from their arguments, as the Kubernetes resource
 * tutorials use them:
 * - polinux/stress (stress 1.0.4, getopt_long): `stress --vm 1 --vm-bytes 250M --vm-hang 1`;
 *   sizes take B/K/M/G suffixes, any case, as powers of 1024 (so `250M` = 250 × 1024² bytes);
 *   times take s/m/h/d/y.
 * - vish/stress (Go `flag` package, entrypoint `/stress -logtostderr`): `-cpus 2`,
 *   `-mem-total 150Mi` (a Kubernetes quantity), `-mem-alloc-size 4Ki`, `-mem-alloc-sleep 1ms`.
 */
import { QuantityError, formatQuantity, parseQuantity, memoryBytes as quantityBytes } from '../api/quantity.ts';
import { parseDuration } from '../kernel/time.ts';

/** The steady load a stress process puts on its container. */
export interface StressLoad {
  /** Peak working set: what the memory cgroup (and the OOM killer) sees. */
  memoryBytes: number;
  /** CPU the process would use without a limit, millicores. */
  cpuMilliDemand: number;
  /** vish/stress allocates gradually: how fast the working set grows until `memoryBytes`. */
  memoryBytesPerSecond?: number;
  /** stress --timeout: the process exits 0 after this long. Absent: runs until killed. */
  timeoutMs?: number;
  /** What it prints when it starts (stdout for stress, stderr for vish/stress's glog). */
  logLines: string[];
}

/** Arguments the program refuses: it prints `message` and exits with `exitCode`. */
export interface StressArgsError {
  error: true;
  message: string;
  exitCode: number;
}

const MiB = 1024 * 1024;
/** How fast a stress vm worker dirties memory; sets how busy a `--vm-hang` worker is. */
const TOUCH_BYTES_PER_MS = 2 * MiB;

/**
 * The load of a stress process. `argv` is the whole command line (argv[0] is the binary) as the
 * runtime starts it; `flavour` comes from the image's app model.
 * @example parseStressArgs('polinux', ['stress', '--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1']).memoryBytes // 262144000
 */
export function parseStressArgs(flavour: 'polinux' | 'vish', argv: readonly string[]): StressLoad | StressArgsError {
  return flavour === 'polinux' ? parsePolinux(argv.slice(1)) : parseVish(argv.slice(1));
}

interface PolinuxOptions {
  cpu: number;
  io: number;
  vm: number;
  hdd: number;
  vmBytes: number;
  vmHangSeconds?: number;
  timeoutSeconds?: number;
}

const POLINUX_LONG: Record<string, keyof PolinuxOptions | 'flag'> = {
  cpu: 'cpu', io: 'io', vm: 'vm', hdd: 'hdd', 'vm-bytes': 'vmBytes', 'vm-hang': 'vmHangSeconds', timeout: 'timeoutSeconds',
  'vm-stride': 'flag', 'hdd-bytes': 'flag', backoff: 'flag', verbose: 'flag', quiet: 'flag', 'dry-run': 'flag', 'vm-keep': 'flag',
};
const POLINUX_SHORT: Record<string, keyof PolinuxOptions | 'flag'> = { c: 'cpu', i: 'io', m: 'vm', d: 'hdd', t: 'timeoutSeconds', v: 'flag', q: 'flag', n: 'flag' };
const POLINUX_NO_VALUE = new Set(['verbose', 'quiet', 'dry-run', 'vm-keep', 'v', 'q', 'n']);
const SIZE_FACTORS: Record<string, number> = { b: 1, k: 1024, m: MiB, g: 1024 * MiB };
const TIME_FACTORS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, y: 31_536_000 };

/** stress's atoll_b / atoll_s: digits with an optional one-letter suffix (case-insensitive). */
function suffixed(text: string, factors: Record<string, number>): number | undefined {
  const m = /^(\d+)([a-zA-Z]?)$/.exec(text);
  if (!m) return undefined;
  const factor = m[2] === '' ? 1 : factors[m[2].toLowerCase()];
  return factor === undefined ? undefined : Number(m[1]) * factor;
}

const stressError = (message: string, exitCode = 1): StressArgsError => ({ error: true, message, exitCode });

/** getopt_long: `--name value`, `--name=value`, unique prefixes, `-m 1`, `-m1`. */
function polinuxOptionName(arg: string): { name: string; inline?: string } | undefined {
  if (arg.startsWith('--')) {
    const [raw, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const matches = Object.keys(POLINUX_LONG).filter((k) => k === raw || k.startsWith(raw));
    const name = matches.includes(raw) ? raw : matches.length === 1 ? matches[0] : undefined;
    return name === undefined ? undefined : { name, inline };
  }
  if (arg.startsWith('-') && arg.length >= 2 && POLINUX_SHORT[arg[1]] !== undefined) {
    return { name: arg[1], inline: arg.length > 2 ? arg.slice(2) : undefined };
  }
  return undefined;
}

function parsePolinuxOptions(args: readonly string[]): PolinuxOptions | StressArgsError {
  const o: PolinuxOptions = { cpu: 0, io: 0, vm: 0, hdd: 0, vmBytes: 256 * MiB };
  for (let i = 0; i < args.length; i++) {
    const opt = polinuxOptionName(args[i]);
    if (opt === undefined) return stressError(`stress: unrecognized option '${args[i]}'`);
    const key = POLINUX_LONG[opt.name] ?? POLINUX_SHORT[opt.name];
    if (POLINUX_NO_VALUE.has(opt.name)) continue;
    const value = opt.inline ?? args[++i];
    if (value === undefined) return stressError(`stress: option '${args[i - 1]}' requires an argument`);
    if (key === 'flag') continue;
    const factors = key === 'vmBytes' ? SIZE_FACTORS : TIME_FACTORS;
    const n = key === 'vmBytes' || key === 'timeoutSeconds' ? suffixed(value, factors) : /^\d+$/.test(value) ? Number(value) : undefined;
    if (n === undefined) return stressError(`stress: FAIL: [1] (0) invalid value for --${opt.name}: ${value}`);
    o[key] = n;
  }
  return o;
}

/** One vm worker's CPU: it spins dirtying memory, or sleeps `--vm-hang` seconds between rounds (0 = hangs for good). */
function vmWorkerCpuMilli(o: PolinuxOptions): number {
  if (o.vmHangSeconds === undefined) return 1000;
  if (o.vmHangSeconds === 0) return 0;
  const touchMs = o.vmBytes / TOUCH_BYTES_PER_MS;
  return Math.round((1000 * touchMs) / (touchMs + o.vmHangSeconds * 1000));
}

function parsePolinux(args: readonly string[]): StressLoad | StressArgsError {
  if (args.length === 0) return stressError('`stress\' imposes certain types of compute stress on your system', 0);
  const o = parsePolinuxOptions(args);
  if ('error' in o) return o;
  const load: StressLoad = {
    memoryBytes: o.vm * o.vmBytes,
    // io workers call sync() in a loop and hdd workers write: mostly waiting on the disk.
    cpuMilliDemand: o.cpu * 1000 + o.vm * vmWorkerCpuMilli(o) + o.io * 50 + o.hdd * 300,
    logLines: [`stress: info: [1] dispatching hogs: ${o.cpu} cpu, ${o.io} io, ${o.vm} vm, ${o.hdd} hdd`],
  };
  if (o.timeoutSeconds !== undefined && o.timeoutSeconds > 0) load.timeoutMs = o.timeoutSeconds * 1000;
  return load;
}

const VISH_VALUE_FLAGS = new Set(['cpus', 'mem-total', 'mem-alloc-size', 'mem-alloc-sleep', 'v', 'vmodule', 'log_dir', 'stderrthreshold', 'log_backtrace_at']);
const VISH_BOOL_FLAGS = new Set(['logtostderr', 'alsologtostderr']);

/** Go's flag package: `-name value`, `-name=value`, `--name`; parsing stops at the first non-flag. */
function parseGoFlags(args: readonly string[]): Map<string, string> | StressArgsError {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') break;
    const [name, inline] = arg.replace(/^--?/, '').split(/=(.*)/s, 2);
    if (VISH_BOOL_FLAGS.has(name)) {
      flags.set(name, inline ?? 'true');
    } else if (VISH_VALUE_FLAGS.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) return stressError(`flag needs an argument: -${name}`, 2);
      flags.set(name, value);
    } else {
      return stressError(`flag provided but not defined: -${name}`, 2);
    }
  }
  return flags;
}

function parseVish(args: readonly string[]): StressLoad | StressArgsError {
  const flags = parseGoFlags(args);
  if ('error' in flags) return flags;
  const cpus = Number(flags.get('cpus') ?? '0');
  if (!Number.isInteger(cpus)) return stressError(`invalid value "${flags.get('cpus')}" for flag -cpus: parse error`, 2);
  const total = flags.get('mem-total') ?? '0';
  const step = flags.get('mem-alloc-size') ?? '4Ki';
  const sleepMs = parseDuration(flags.get('mem-alloc-sleep') ?? '1ms');
  if (sleepMs === undefined) return stressError(`invalid value "${flags.get('mem-alloc-sleep')}" for flag -mem-alloc-sleep: parse error`, 2);
  let totalBytes: number;
  let stepBytes: number;
  try {
    totalBytes = quantityBytes(total);
    stepBytes = quantityBytes(step);
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    return stressError(`panic: cannot parse '${total}': ${e.message}`, 2);
  }
  // It allocates whole steps while they fit in the total.
  const memoryBytes = stepBytes > 0 ? Math.floor(totalBytes / stepBytes) * stepBytes : 0;
  // glog prints the quantities' canonical String() and the sleep as a Go duration.
  const shown = (q: string): string => formatQuantity(parseQuantity(q));
  const logLines = [`Allocating "${shown(total)}" memory, in "${shown(step)}" chunks, with a ${flags.get('mem-alloc-sleep') ?? '1ms'} sleep between allocations`];
  for (let i = 0; i < cpus; i++) logLines.push('Spawning a thread to consume CPU');
  const load: StressLoad = { memoryBytes, cpuMilliDemand: cpus * 1000, logLines };
  if (memoryBytes > 0) load.memoryBytesPerSecond = Math.round((stepBytes * 1000) / Math.max(sleepMs, 1));
  return load;
}
