/**
 * System tools: sleep, env, printenv, hostname, id, whoami, uname, date, ps, which, and the
 * network clients, which fail as they do when name resolution fails (the network model comes
 * in a later issue).
 */
import { EPOCH_UNIX_MS } from '../../kernel/time.ts';
import { splitFlags, type CmdCtx } from './command.ts';
import { resolveProgram, runCommand } from './dispatch.ts';
import type { Outcome } from './state.ts';

/** The kernel every simulated node runs. */
export const KERNEL_RELEASE = '6.8.0-podlab';
const KERNEL_VERSION = '#1 SMP PREEMPT_DYNAMIC Mon Jan  6 00:00:00 UTC 2025';

const SLEEP_UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of `sleep ARGS...` (summed, as GNU and busybox do); null is forever; a string is the bad argument. */
export function parseSleepMs(args: string[]): number | null | string {
  let total = 0;
  for (const arg of args) {
    if (arg === 'infinity' || arg === 'inf') return null;
    const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(arg);
    if (!m) return arg;
    total += Number(m[1]) * SLEEP_UNIT_MS[m[2]];
  }
  return Math.round(total);
}

export function sleep(ctx: CmdCtx): Outcome {
  const gnu = ctx.flavour === 'gnu';
  if (ctx.args.length === 0) {
    ctx.err(gnu ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : 'Usage: sleep [N]...\n');
    return 1;
  }
  const ms = parseSleepMs(ctx.args);
  if (typeof ms === 'string') {
    ctx.err(gnu ? `sleep: invalid time interval '${ms}'\nTry 'sleep --help' for more information.\n` : `sleep: invalid number '${ms}'\n`);
    return 1;
  }
  // busybox ash runs `sleep` (not `/bin/sleep`) as its own builtin, which a trapped signal interrupts.
  const builtin = ctx.m.st.dialect === 'ash' && !ctx.m.st.noShell && !ctx.argv[0].includes('/');
  return builtin ? { sleepMs: ms, intr: true } : { sleepMs: ms };
}

/** env [NAME=VALUE...] [COMMAND...]: prints the environment, or runs COMMAND with additions. */
export function env(ctx: CmdCtx): Outcome {
  const args = ctx.args.filter((a) => a !== '-');
  const assigns: Array<[string, string]> = [];
  while (args.length > 0 && /^[^=-][^=]*=/.test(args[0])) {
    const a = args.shift() as string;
    assigns.push([a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]);
  }
  if (args.length > 0) return runCommand(ctx.m, args, ctx.io, assigns, ctx.where.line);
  const all = { ...ctx.env, ...Object.fromEntries(assigns) };
  for (const [k, v] of Object.entries(all)) ctx.out(`${k}=${v}\n`);
  return 0;
}

export function printenv(ctx: CmdCtx): Outcome {
  if (ctx.args.length === 0) return env(ctx);
  let status = 0;
  for (const name of ctx.args) {
    if (name in ctx.env) ctx.out(`${ctx.env[name]}\n`);
    else status = 1;
  }
  return status;
}

export function hostname(ctx: CmdCtx): Outcome {
  ctx.out(`${ctx.host.hostname}\n`);
  return 0;
}

/** What `id` prints for root: busybox and alpine images put root in the classic groups. */
const ROOT_ID: Record<string, string> = {
  busybox: 'uid=0(root) gid=0(root) groups=0(root),10(wheel)',
  alpine: 'uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)',
  debian: 'uid=0(root) gid=0(root) groups=0(root)',
};

export function id(ctx: CmdCtx): Outcome {
  const { flags } = splitFlags(ctx.args);
  if (flags.has('u') || flags.has('g')) ctx.out(flags.has('n') ? 'root\n' : '0\n');
  else ctx.out(`${ROOT_ID[ctx.host.userland] ?? ROOT_ID.debian}\n`);
  return 0;
}

export function whoami(ctx: CmdCtx): Outcome {
  ctx.out('root\n');
  return 0;
}

export function uname(ctx: CmdCtx): Outcome {
  const { flags } = splitFlags(ctx.args);
  const fields: Array<[string, string]> = [
    ['s', 'Linux'], ['n', ctx.host.hostname], ['r', KERNEL_RELEASE], ['v', KERNEL_VERSION], ['m', 'x86_64'], ['o', 'GNU/Linux'],
  ];
  const all = flags.has('a');
  const chosen = fields.filter(([f]) => all || flags.has(f)).map(([, v]) => v);
  ctx.out(`${chosen.length > 0 ? chosen.join(' ') : 'Linux'}\n`);
  return 0;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `date` in UTC (containers have no TZ): `Wed Jan  1 00:00:00 UTC 2025`, or `date +FORMAT`. */
export function date(ctx: CmdCtx): Outcome {
  const format = ctx.args.find((a) => a.startsWith('+'));
  ctx.out(`${formatDate(ctx.nowMs, format ? format.slice(1) : '%a %b %e %H:%M:%S %Z %Y')}\n`);
  return 0;
}

/** strftime over simulated time (ms since the simulation epoch), UTC. */
export function formatDate(nowMs: number, format: string): string {
  const d = new Date(EPOCH_UNIX_MS + nowMs);
  const two = (n: number) => String(n).padStart(2, '0');
  const conv: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()), y: () => two(d.getUTCFullYear() % 100), m: () => two(d.getUTCMonth() + 1),
    d: () => two(d.getUTCDate()), e: () => String(d.getUTCDate()).padStart(2), H: () => two(d.getUTCHours()),
    M: () => two(d.getUTCMinutes()), S: () => two(d.getUTCSeconds()), a: () => DAYS[d.getUTCDay()],
    b: () => MONTHS[d.getUTCMonth()], Z: () => 'UTC', z: () => '+0000', s: () => String(Math.floor(d.getTime() / 1000)),
    T: () => `${conv.H()}:${conv.M()}:${conv.S()}`, F: () => `${conv.Y()}-${conv.m()}-${conv.d()}`,
    D: () => `${conv.m()}/${conv.d()}/${conv.y()}`, N: () => String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0'), '%': () => '%',
  };
  return format.replace(/%(.)/g, (m, c: string) => (conv[c] ? conv[c]() : m));
}

/**
 * busybox ps: `PID   USER     TIME  COMMAND`. The ps process itself is listed last, as in a real
 * run, unless the host already lists it (the kubelet adds an exec'd command line).
 */
export function ps(ctx: CmdCtx): Outcome {
  const procs = ctx.host.processes();
  const rows = procs.map((p) => ({ pid: p.pid, user: p.user, command: p.command }));
  const self = ctx.argv.join(' ');
  if (!rows.some((r) => r.command === self)) rows.push({ pid: Math.max(0, ...procs.map((p) => p.pid)) + 1, user: 'root', command: self });
  ctx.out('PID   USER     TIME  COMMAND\n');
  for (const r of rows) ctx.out(`${String(r.pid).padStart(5)} ${r.user.slice(0, 8).padEnd(8)} ${'0:00'.padStart(5)} ${r.command}\n`);
  return 0;
}

export function which(ctx: CmdCtx): Outcome {
  let status = 0;
  for (const name of ctx.args) {
    const found = resolveProgram(ctx.m, name);
    if (found.kind === 'binary') ctx.out(`${found.path}\n`);
    else status = 1;
  }
  return status;
}

/** The host part of a URL (`http://svc.ns:8080/path` → `svc.ns`). */
function urlHost(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, '').replace(/[/?#].*$/, '').replace(/^.*@/, '').replace(/:\d+$/, '');
}

/** busybox wget, failing name resolution: `wget: bad address 'HOST'`. */
export function wget(ctx: CmdCtx): Outcome {
  const { operands } = splitFlags(ctx.args, 'OTUYP');
  if (operands.length === 0) {
    ctx.err('Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  ctx.err(`wget: bad address '${urlHost(operands[0])}'\n`);
  return 1;
}

/** curl, failing name resolution: exit code 6 is curl's CURLE_COULDNT_RESOLVE_HOST. */
export function curl(ctx: CmdCtx): Outcome {
  const { operands } = splitFlags(ctx.args, 'oXHdmwuA');
  if (operands.length === 0) {
    ctx.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  ctx.err(`curl: (6) Could not resolve host: ${urlHost(operands[0])}\n`);
  return 6;
}

/** busybox nslookup with no reachable DNS server. */
export function nslookup(ctx: CmdCtx): Outcome {
  ctx.out(';; connection timed out; no servers could be reached\n\n');
  return 1;
}
