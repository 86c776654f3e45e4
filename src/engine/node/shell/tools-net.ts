/**
 * Network clients in a container, over the network model the kubelet hands the shell
 * (`ShellHost.net`, src/engine/network/container-net.ts): busybox `wget` and `nslookup`, curl,
 * and glibc's `getent hosts`, with their own wording for each failure (bad address, connection
 * refused, timed out, HTTP errors, no DNS server reachable). Without a network they fail as name
 * resolution fails.
 */
import type { ContainerNet, HttpReply } from '../../network/container-net.ts';
import { statusLine } from '../../network/container-net.ts';
import { NOT_HTTP } from '../../network/backends.ts';
import { errnoText, splitFlags, type CmdCtx } from './command.ts';
import type { Outcome } from './state.ts';
import { curl as curlOffline, nslookup as nslookupOffline, wget as wgetOffline } from './tools-system.ts';

interface Url {
  host: string;
  port: number;
  path: string;
}

function parseUrl(text: string): Url {
  const m = /^(?:([a-z]+):\/\/)?([^/:?#]*)(?::(\d+))?([^?#]*)/i.exec(text)!;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return { host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

const isIp = (h: string): boolean => /^\d+\.\d+\.\d+\.\d+$/.test(h);

/** The address a client connects to: a literal IP, /etc/hosts, then DNS (first A record). */
function addressOf(net: ContainerNet, host: string): string | undefined {
  if (isIp(host)) return host;
  const hosts = net.hostsEntry(host);
  if (hosts) return hosts;
  const a = net.lookup(host);
  return a.kind === 'ok' && a.addresses.length > 0 ? a.addresses[0] : undefined;
}

type Fetch = { kind: 'resolve' } | { kind: 'reply'; ip: string; reply: HttpReply };

function fetch(net: ContainerNet, url: Url): Fetch {
  const ip = addressOf(net, url.host);
  if (!ip) return { kind: 'resolve' };
  return { kind: 'reply', ip, reply: net.httpGet(ip, url.port, url.path) };
}

const STARS = '*'.repeat(32);

/** busybox wget [-q] [-O FILE] URL. */
export function wget(ctx: CmdCtx): Outcome {
  const net = ctx.host.net;
  if (!net) return wgetOffline(ctx);
  const { flags, values, operands } = splitFlags(ctx.args, 'OTUYPo');
  if (operands.length === 0) return wgetOffline(ctx);
  const url = parseUrl(operands[0]);
  const f = fetch(net, url);
  if (f.kind === 'resolve') {
    ctx.err(`wget: bad address '${url.host}'\n`);
    return 1;
  }
  const quiet = flags.has('q');
  if (!quiet) ctx.err(`Connecting to ${url.host} (${f.ip}:${url.port})\n`);
  const r = f.reply;
  if (r.kind === 'refused') return fail(ctx, `wget: can't connect to remote host (${f.ip}): Connection refused\n`);
  if (r.kind === 'timeout') return fail(ctx, 'wget: download timed out\n');
  if (r.status === NOT_HTTP) return fail(ctx, 'wget: error getting response: Connection reset by peer\n');
  if (r.status >= 400) return fail(ctx, `wget: server returned error: ${statusLine(r.status)}\n`);
  const out = values.O ?? (url.path.endsWith('/') ? 'index.html' : url.path.slice(url.path.lastIndexOf('/') + 1));
  if (out === '-') {
    if (!quiet) ctx.err('writing to stdout\n');
    ctx.out(r.body);
    if (!quiet) ctx.err(`-                    100% |${STARS}|${String(r.body.length).padStart(6)}  0:00:00 ETA\nwritten to stdout\n`);
    return 0;
  }
  const written = ctx.fs.write(ctx.path(out), r.body);
  if (!written.ok) return fail(ctx, `wget: can't open '${out}': ${errnoText(written.errno)}\n`);
  if (!quiet) ctx.err(`saving to '${out}'\n${out.padEnd(20)} 100% |${STARS}|${String(r.body.length).padStart(6)}  0:00:00 ETA\n'${out}' saved\n`);
  return 0;
}

function fail(ctx: CmdCtx, message: string): Outcome {
  ctx.err(message);
  return 1;
}

/** curl [-s] [-o FILE] URL: the body to stdout, whatever the status (no -f). */
export function curl(ctx: CmdCtx): Outcome {
  const net = ctx.host.net;
  if (!net) return curlOffline(ctx);
  const { flags, values, operands } = splitFlags(ctx.args, 'oXHdmwuA');
  if (operands.length === 0) return curlOffline(ctx);
  const url = parseUrl(operands[0]);
  const f = fetch(net, url);
  if (f.kind === 'resolve') return curlFail(ctx, flags, 6, `Could not resolve host: ${url.host}`);
  const r = f.reply;
  if (r.kind === 'refused') return curlFail(ctx, flags, 7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);
  if (r.kind === 'timeout') return curlFail(ctx, flags, 28, `Failed to connect to ${url.host} port ${url.port} after 130000 ms: Couldn't connect to server`);
  if (r.status === NOT_HTTP) return curlFail(ctx, flags, 52, 'Empty reply from server');
  if (flags.has('f') && r.status >= 400) return curlFail(ctx, flags, 22, `The requested URL returned error: ${r.status}`);
  if (!flags.has('s')) ctx.err(progressMeter(r.body.length));
  if (values.o !== undefined) ctx.fs.write(ctx.path(values.o), r.body);
  else ctx.out(r.body);
  return 0;
}

/** curl's meter, which it prints to stderr when its output is not a terminal. */
function progressMeter(size: number): string {
  const n = String(size).padStart(5);
  return [
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current',
    '                                 Dload  Upload   Total   Spent    Left  Speed',
    `100 ${n}  100 ${n}    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k`,
    '',
  ].join('\n');
}

function curlFail(ctx: CmdCtx, flags: Set<string>, code: number, message: string): Outcome {
  // -s hides the error too, unless -S asks for it back.
  if (!flags.has('s') || flags.has('S')) ctx.err(`curl: (${code}) ${message}\n`);
  return code;
}

/** busybox nslookup [-type=a|srv] NAME: the server, then the answer or why there is none. */
export function nslookup(ctx: CmdCtx): Outcome {
  const net = ctx.host.net;
  if (!net) return nslookupOffline(ctx);
  const name = ctx.args.find((a) => !a.startsWith('-'));
  if (!name) {
    ctx.err('Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  const a = net.lookup(name);
  if (a.kind === 'unreachable') return fail(ctx, ';; connection timed out; no servers could be reached\n\n');
  const server = net.resolvConf.nameserver;
  ctx.out(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  if (a.kind === 'nxdomain') {
    ctx.out(`** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  if (a.cname) ctx.out(`${a.name}\tcanonical name = ${a.cname}\n`);
  for (const s of a.srv ?? []) ctx.out(`${a.name}\tservice = ${s.priority} ${s.weight} ${s.port} ${s.target}\n`);
  for (const ip of a.addresses) ctx.out(`Name:\t${a.name}\nAddress: ${ip}\n`);
  ctx.out('\n');
  return 0;
}

/** glibc getent hosts NAME...: `ADDRESS        NAME` per address; exit 2 when a name has none. */
export function getent(ctx: CmdCtx): Outcome {
  const [db, ...keys] = ctx.args;
  if (db !== 'hosts' || !ctx.host.net) {
    ctx.err(db === undefined ? 'getent: wrong number of arguments\n' : `Unknown database: ${db}\nTry \`getent --help' or \`getent --usage' for more information.\n`);
    return 1;
  }
  let status = 0;
  for (const key of keys) {
    const net = ctx.host.net;
    const hosts = net.hostsEntry(key);
    const a = hosts ? { kind: 'ok' as const, name: key, addresses: [hosts] } : isIp(key) ? { kind: 'ok' as const, name: key, addresses: [key] } : net.lookup(key);
    if (a.kind !== 'ok' || a.addresses.length === 0) {
      status = 2;
      continue;
    }
    for (const ip of a.addresses) ctx.out(`${ip.padEnd(15)} ${a.name}\n`);
  }
  return status;
}
