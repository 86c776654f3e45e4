/**
 * A new connection through one node's netfilter tables, as the kernel evaluates kube-proxy's
 * rules: nat PREROUTING (or OUTPUT for the node's own traffic) down through KUBE-SERVICES, the
 * service chain's `recent` and `statistic` matches, to the endpoint chain's DNAT; without a DNAT,
 * the filter table's REJECT (no endpoints) or DROP (no local endpoints) rules, if any.
 */
import type { ProxyTables, Rule } from './kube-proxy.ts';
import { probabilityThreshold } from './iptables.ts';
import type { RecentLists } from './network.ts';

/** The first packet of a connection. */
export interface Packet {
  src: string;
  dst: string;
  dport: number;
  /** Lower case: tcp, udp, sctp. */
  proto: string;
  /** The destination is one of the node's own addresses (a NodePort). */
  localDst: boolean;
  /** The node itself opened the connection (OUTPUT), not a pod or an outside client. */
  localSrc: boolean;
  /** Cache key of everything but the source (set on first use; keep it when only `src` changes). */
  key?: string;
}

/** Where the connection goes: DNAT to an endpoint, refused (REJECT), dropped, or not a service at all. */
export type Route = { kind: 'dnat'; to: string } | { kind: 'reject' } | { kind: 'drop' } | { kind: 'none' };

/** What stateful matches read and write: time, the node's recent lists, random bits. */
export interface WalkEnv {
  nowMs: number;
  recent: RecentLists;
  random31(): number;
}

/** Dotted-quad text as a 32-bit number (remembered: the same few addresses recur). */
const ipNumbers = new Map<string, number>();
export function ipNumber(ip: string): number {
  let n = ipNumbers.get(ip);
  if (n === undefined) {
    const p = ip.split('.');
    n = ((Number(p[0]) << 24) | (Number(p[1]) << 16) | (Number(p[2]) << 8) | Number(p[3])) >>> 0;
    if (ipNumbers.size > 100_000) ipNumbers.clear();
    ipNumbers.set(ip, n);
  }
  return n;
}

const cidrs = new Map<string, { base: number; mask: number }>();
function parseCidr(cidr: string): { base: number; mask: number } {
  let c = cidrs.get(cidr);
  if (!c) {
    const [base, bitsText] = cidr.split('/');
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    const mask = bits === 0 ? 0 : bits >= 32 ? 0xffffffff : (~((1 << (32 - bits)) - 1)) >>> 0;
    c = { base: (ipNumber(base) & mask) >>> 0, mask };
    if (cidrs.size > 10_000) cidrs.clear();
    cidrs.set(cidr, c);
  }
  return c;
}

/** True when `ip` is inside `cidr` (`10.244.0.0/16`, or a bare address). */
export function inCidr(ip: string, cidr: string): boolean {
  return inCidrNum(ipNumber(ip), cidr);
}

function inCidrNum(ip: number, cidr: string): boolean {
  const c = parseCidr(cidr);
  return ((ip & c.mask) >>> 0) === c.base;
}

const thresholds = new Map<string, number>();
function threshold(p: string): number {
  let t = thresholds.get(p);
  if (t === undefined) {
    t = probabilityThreshold(p);
    thresholds.set(p, t);
  }
  return t;
}

/** The stateless part of a match (addresses, protocol, port, address types). */
function matchesStatic(r: Rule, pkt: Packet): boolean {
  if (r.proto !== 'all' && r.proto !== pkt.proto) return false;
  if (r.dest !== undefined && r.dest !== pkt.dst) return false;
  if (r.dport !== undefined && r.dport !== pkt.dport) return false;
  if (r.source !== undefined && inCidrNum(ipNumber(pkt.src), r.source) === (r.sourceInv === true)) return false;
  if (r.addrType) return r.addrType.dir === 'dst' ? pkt.localDst : pkt.localSrc;
  return true;
}

function matchesStateful(r: Rule, pkt: Packet, env: WalkEnv): boolean {
  if (r.recent?.rcheckSeconds !== undefined) {
    const seen = env.recent.get(r.recent.name)?.get(pkt.src);
    if (seen === undefined || env.nowMs - seen > r.recent.rcheckSeconds * 1000) return false;
  }
  if (r.probability !== undefined && env.random31() >= threshold(r.probability)) return false;
  return true;
}

/** Service chains hold only stateless matches: the first matching rule per packet shape is cached. */
const firstMatchCache = new WeakMap<Rule[], Map<string, number>>();

function firstStatelessMatch(rules: Rule[], pkt: Packet): number {
  let cache = firstMatchCache.get(rules);
  if (!cache) {
    cache = new Map();
    firstMatchCache.set(rules, cache);
  }
  const key = (pkt.key ??= `${pkt.dst}:${pkt.dport}/${pkt.proto}/${pkt.localDst ? 1 : 0}/${pkt.localSrc ? 1 : 0}`);
  let i = cache.get(key);
  if (i === undefined) {
    i = rules.findIndex((r) => matchesStatic(r, pkt));
    cache.set(key, i);
  }
  return i;
}

const STATELESS_CHAINS = new Set(['KUBE-SERVICES', 'KUBE-NODEPORTS']);

/** Runs `chain`; the DNAT destination, or undefined when the packet falls off its end. */
function walk(t: ProxyTables, chain: string, pkt: Packet, env: WalkEnv, depth: number): string | undefined {
  const rules = t.nat.chains.get(chain);
  if (!rules || depth > 8) return undefined;
  const start = STATELESS_CHAINS.has(chain) ? firstStatelessMatch(rules, pkt) : 0;
  if (start < 0) return undefined;
  for (let i = start; i < rules.length; i++) {
    const r = rules[i];
    if (!matchesStatic(r, pkt) || !matchesStateful(r, pkt, env)) continue;
    if (r.target === 'DNAT') {
      if (r.recent?.set) setRecent(env, r.recent.name, pkt.src);
      return r.toDestination;
    }
    if (r.target === 'RETURN') return undefined;
    if (r.target === 'KUBE-MARK-MASQ') continue; // it only sets the masquerade mark
    if (!t.nat.chains.has(r.target)) continue; // MARK and the like: the packet goes on
    const to = walk(t, r.target, pkt, env, depth + 1);
    if (to !== undefined) return to;
  }
  return undefined;
}

function setRecent(env: WalkEnv, name: string, src: string): void {
  let list = env.recent.get(name);
  if (!list) {
    list = new Map();
    env.recent.set(name, list);
  }
  list.set(src, env.nowMs);
}

/** The filter table's verdict on a packet nat did not translate. */
function filterVerdict(t: ProxyTables, pkt: Packet): Route {
  for (const chain of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES']) {
    for (const r of t.filter.chains.get(chain) ?? []) {
      if (!matchesStatic(r, pkt)) continue;
      if (r.target === 'REJECT') return { kind: 'reject' };
      if (r.target === 'DROP') return { kind: 'drop' };
    }
  }
  return { kind: 'none' };
}

/** Where a new connection goes on the node whose tables are `t`. */
export function route(t: ProxyTables, pkt: Packet, env: WalkEnv): Route {
  const to = walk(t, pkt.localSrc ? 'OUTPUT' : 'PREROUTING', pkt, env, 0);
  return to !== undefined ? { kind: 'dnat', to } : filterVerdict(t, pkt);
}
