/**
 * kube-proxy in iptables mode (pkg/proxy/iptables/proxier.go, v1.31), as pure data: from the
 * service ports and this node's name it builds the nat and filter tables a sync would restore.
 * Rules are structured (the printer in iptables.ts renders them as `iptables -L`/`-S` do, the
 * traffic model in traffic.ts walks them), so what a student reads is what routes requests.
 */
import { base32, sha256 } from './sha256.ts';
import type { EndpointInfo, ServicePortInfo } from './service-ports.ts';

/** kube-proxy's default --masquerade-bit 14. */
export const MASQUERADE_MARK = '0x4000';
/** kubeadm's podSubnet, the cluster CIDR kube-proxy's local-traffic detector uses. */
export const CLUSTER_CIDR = '10.244.0.0/16';

/** One iptables rule; the fields are the matches and target kube-proxy writes. */
export interface Rule {
  target: string;
  /** `-p`; `all` when absent. */
  proto: string;
  source?: string;
  sourceInv?: boolean;
  dest?: string;
  comment?: string;
  /** `-m tcp --dport` (with `-m tcp` alone when the protocol match has no port). */
  dport?: number;
  protoMatch?: boolean;
  /** `-m statistic --mode random --probability P`, as kube-proxy writes it (10 decimals). */
  probability?: string;
  recent?: { name: string; set?: boolean; rcheckSeconds?: number };
  addrType?: { dir: 'src' | 'dst'; type: 'LOCAL' };
  ctstate?: string;
  /** The conntrack match comes before the comment (the built-in chains' jump rules). */
  ctstateFirst?: boolean;
  markMatch?: { value: string; inv: boolean };
  /** `-j DNAT --to-destination`. */
  toDestination?: string;
  /** `-j MARK --or-mark` / `--xor-mark`. */
  setMark?: { op: 'or' | 'xor'; value: string };
  rejectWith?: string;
  randomFully?: boolean;
}

/** A table: chains in kube-proxy's write order; built-in chains carry a policy. */
export interface Table {
  name: 'nat' | 'filter';
  chains: Map<string, Rule[]>;
  builtins: string[];
}

/** Chain-name hashes already computed (a sync rehashes every service and endpoint). */
const hashes = new Map<string, string>();
const HASH_CACHE_MAX = 100_000;

/** base32(sha256(text))[:16], remembered. */
function hash16(text: string): string {
  let h = hashes.get(text);
  if (h === undefined) {
    if (hashes.size >= HASH_CACHE_MAX) hashes.clear();
    h = base32(sha256(text)).slice(0, 16);
    hashes.set(text, h);
  }
  return h;
}

/** portProtoHash: base32(sha256(name + protocol))[:16]. */
export function portProtoHash(nameString: string, protocol: string): string {
  return hash16(nameString + protocol);
}

export const svcChain = (sp: ServicePortInfo): string => `KUBE-SVC-${portProtoHash(sp.nameString, sp.protocol)}`;
export const svlChain = (sp: ServicePortInfo): string => `KUBE-SVL-${portProtoHash(sp.nameString, sp.protocol)}`;
export const extChain = (sp: ServicePortInfo): string => `KUBE-EXT-${portProtoHash(sp.nameString, sp.protocol)}`;

/** KUBE-SEP-…: base32(sha256(name + protocol + "ip:port"))[:16]. */
export function sepChain(sp: ServicePortInfo, ep: EndpointInfo): string {
  return `KUBE-SEP-${hash16(sp.nameString + sp.protocol + ep.key)}`;
}

/** proxier.probability: 1/n with 10 decimals (`%0.10f`). */
export function probability(n: number): string {
  return (1 / n).toFixed(10);
}

/** The endpoints each traffic policy uses on `node` (pkg/proxy/topology.go CategorizeEndpoints, no topology hints). */
export function categorizeEndpoints(sp: ServicePortInfo, node: string): { cluster: EndpointInfo[]; local: EndpointInfo[]; reachable: EndpointInfo[]; hasAny: boolean } {
  const externallyAccessible = sp.nodePort !== 0 || sp.loadBalancerIPs.length > 0 || sp.externalIPs.length > 0;
  const usesCluster = !sp.internalPolicyLocal || externallyAccessible;
  const usesLocal = sp.internalPolicyLocal || sp.externalPolicyLocal;
  let cluster: EndpointInfo[] = [];
  let hasAny = false;
  if (usesCluster) {
    cluster = sp.endpoints.filter((e) => e.ready);
    // No ready endpoint anywhere: fall back to the serving-and-terminating ones.
    if (cluster.length === 0) cluster = sp.endpoints.filter((e) => e.serving && e.terminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocal) return { cluster, local: [], reachable: cluster, hasAny };
  const isLocal = (e: EndpointInfo) => e.nodeName === node;
  if (sp.endpoints.some((e) => e.ready || (e.serving && e.terminating))) hasAny = true;
  let local = sp.endpoints.filter((e) => isLocal(e) && e.ready);
  if (local.length === 0) local = sp.endpoints.filter((e) => isLocal(e) && e.serving && e.terminating);
  if (!usesCluster) return { cluster, local, reachable: local, hasAny };
  const seen = new Set(cluster.map((e) => e.key));
  return { cluster, local, reachable: [...cluster, ...local.filter((e) => !seen.has(e.key))], hasAny };
}

/** Both tables of one node's kube-proxy. */
export interface ProxyTables {
  nat: Table;
  filter: Table;
}

function newTable(name: 'nat' | 'filter', builtins: string[], chains: string[]): Table {
  const t: Table = { name, chains: new Map(), builtins };
  for (const c of [...builtins, ...chains]) t.chains.set(c, []);
  return t;
}

/** Every rule with the same fields in the same order: one object shape for the packet walker. */
function normalized(r: Rule): Rule {
  return {
    target: r.target,
    proto: r.proto,
    source: r.source,
    sourceInv: r.sourceInv,
    dest: r.dest,
    comment: r.comment,
    dport: r.dport,
    protoMatch: r.protoMatch,
    probability: r.probability,
    recent: r.recent,
    addrType: r.addrType,
    ctstate: r.ctstate,
    ctstateFirst: r.ctstateFirst,
    markMatch: r.markMatch,
    toDestination: r.toDestination,
    setMark: r.setMark,
    rejectWith: r.rejectWith,
    randomFully: r.randomFully,
  };
}

function add(t: Table, chain: string, raw: Rule): void {
  const rule = normalized(raw);
  const list = t.chains.get(chain);
  if (list) list.push(rule);
  else t.chains.set(chain, [rule]);
}

/** The jump rules kube-proxy prepends to the built-in chains (iptablesJumpChains). */
function jumpRules(nat: Table, filter: Table): void {
  const newConn = { ctstate: 'NEW', ctstateFirst: true };
  add(nat, 'PREROUTING', { target: 'KUBE-SERVICES', proto: 'all', comment: 'kubernetes service portals' });
  add(nat, 'OUTPUT', { target: 'KUBE-SERVICES', proto: 'all', comment: 'kubernetes service portals' });
  add(nat, 'POSTROUTING', { target: 'KUBE-POSTROUTING', proto: 'all', comment: 'kubernetes postrouting rules' });
  add(filter, 'INPUT', { target: 'KUBE-PROXY-FIREWALL', proto: 'all', comment: 'kubernetes load balancer firewall', ...newConn });
  add(filter, 'INPUT', { target: 'KUBE-NODEPORTS', proto: 'all', comment: 'kubernetes health check service ports' });
  add(filter, 'INPUT', { target: 'KUBE-EXTERNAL-SERVICES', proto: 'all', comment: 'kubernetes externally-visible service portals', ...newConn });
  add(filter, 'FORWARD', { target: 'KUBE-PROXY-FIREWALL', proto: 'all', comment: 'kubernetes load balancer firewall', ...newConn });
  add(filter, 'FORWARD', { target: 'KUBE-FORWARD', proto: 'all', comment: 'kubernetes forwarding rules' });
  add(filter, 'FORWARD', { target: 'KUBE-SERVICES', proto: 'all', comment: 'kubernetes service portals', ...newConn });
  add(filter, 'FORWARD', { target: 'KUBE-EXTERNAL-SERVICES', proto: 'all', comment: 'kubernetes externally-visible service portals', ...newConn });
  add(filter, 'OUTPUT', { target: 'KUBE-PROXY-FIREWALL', proto: 'all', comment: 'kubernetes load balancer firewall', ...newConn });
  add(filter, 'OUTPUT', { target: 'KUBE-SERVICES', proto: 'all', comment: 'kubernetes service portals', ...newConn });
}

/** syncProxyRules for one node: the nat and filter tables kube-proxy would restore. */
export function buildProxyTables(ports: readonly ServicePortInfo[], node: string): ProxyTables {
  const nat = newTable('nat', ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'], ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']);
  const filter = newTable('filter', ['INPUT', 'FORWARD', 'OUTPUT'], ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']);
  jumpRules(nat, filter);
  add(nat, 'KUBE-POSTROUTING', { target: 'RETURN', proto: 'all', markMatch: { value: `${MASQUERADE_MARK}/${MASQUERADE_MARK}`, inv: true } });
  add(nat, 'KUBE-POSTROUTING', { target: 'MARK', proto: 'all', setMark: { op: 'xor', value: MASQUERADE_MARK } });
  add(nat, 'KUBE-POSTROUTING', { target: 'MASQUERADE', proto: 'all', comment: 'kubernetes service traffic requiring SNAT', randomFully: true });
  add(nat, 'KUBE-MARK-MASQ', { target: 'MARK', proto: 'all', setMark: { op: 'or', value: MASQUERADE_MARK } });
  for (const sp of ports) servicePortRules(nat, filter, sp, node);
  add(nat, 'KUBE-SERVICES', {
    target: 'KUBE-NODEPORTS',
    proto: 'all',
    comment: 'kubernetes service nodeports; NOTE: this must be the last rule in this chain',
    addrType: { dir: 'dst', type: 'LOCAL' },
  });
  add(filter, 'KUBE-FORWARD', { target: 'DROP', proto: 'all', ctstate: 'INVALID' });
  add(filter, 'KUBE-FORWARD', { target: 'ACCEPT', proto: 'all', comment: 'kubernetes forwarding rules', markMatch: { value: `${MASQUERADE_MARK}/${MASQUERADE_MARK}`, inv: false } });
  add(filter, 'KUBE-FORWARD', { target: 'ACCEPT', proto: 'all', comment: 'kubernetes forwarding conntrack rule', ctstate: 'RELATED,ESTABLISHED' });
  return { nat, filter };
}

function servicePortRules(nat: Table, filter: Table, sp: ServicePortInfo, node: string): void {
  const { cluster, local, reachable, hasAny } = categorizeEndpoints(sp, node);
  const usesCluster = cluster.length > 0 && (!sp.internalPolicyLocal || sp.nodePort !== 0 || sp.loadBalancerIPs.length > 0 || sp.externalIPs.length > 0);
  const usesLocal = local.length > 0 && (sp.internalPolicyLocal || sp.externalPolicyLocal);
  const internalChain = sp.internalPolicyLocal ? svlChain(sp) : svcChain(sp);
  const hasInternal = hasAny && (!sp.internalPolicyLocal || local.length > 0);
  const hasExternal = hasAny && (!sp.externalPolicyLocal || local.length > 0);
  const externalPolicyChain = sp.externalPolicyLocal ? svlChain(sp) : svcChain(sp);
  const usesExt = hasAny && (sp.nodePort !== 0 || sp.loadBalancerIPs.length > 0 || sp.externalIPs.length > 0);
  const vip = { proto: sp.protocol, protoMatch: true, dest: sp.clusterIP, dport: sp.port };
  const noEndpoints = !hasAny ? `${sp.nameString} has no endpoints` : `${sp.nameString} has no local endpoints`;
  const filterTarget = !hasAny ? 'REJECT' : 'DROP';
  const reject = !hasAny ? { rejectWith: 'icmp-port-unreachable' } : {};
  if (hasInternal) add(nat, 'KUBE-SERVICES', { target: internalChain, comment: `${sp.nameString} cluster IP`, ...vip });
  else add(filter, 'KUBE-SERVICES', { target: filterTarget, comment: noEndpoints, ...vip, ...reject });
  for (const ip of sp.loadBalancerIPs) {
    if (hasAny) add(nat, 'KUBE-SERVICES', { target: extChain(sp), comment: `${sp.nameString} loadbalancer IP`, proto: sp.protocol, protoMatch: true, dest: ip, dport: sp.port });
    if (!hasExternal) add(filter, 'KUBE-EXTERNAL-SERVICES', { target: filterTarget, comment: noEndpoints, proto: sp.protocol, protoMatch: true, dest: ip, dport: sp.port, ...reject });
  }
  if (sp.nodePort !== 0) {
    if (hasAny) add(nat, 'KUBE-NODEPORTS', { target: extChain(sp), comment: sp.nameString, proto: sp.protocol, protoMatch: true, dport: sp.nodePort });
    if (!hasExternal) add(filter, 'KUBE-EXTERNAL-SERVICES', { target: filterTarget, comment: noEndpoints, addrType: { dir: 'dst', type: 'LOCAL' }, proto: sp.protocol, protoMatch: true, dport: sp.nodePort, ...reject });
  }
  if (hasInternal) {
    // Off-cluster sources reaching the VIP are masqueraded (the local detector's `! -s clusterCIDR`).
    add(nat, internalChain, { target: 'KUBE-MARK-MASQ', comment: `${sp.nameString} cluster IP`, ...vip, source: CLUSTER_CIDR, sourceInv: true });
  }
  if (usesExt) externalChainRules(nat, sp, externalPolicyChain, hasExternal);
  if (usesCluster) endpointJumps(nat, sp, svcChain(sp), cluster);
  if (usesLocal) endpointJumps(nat, sp, svlChain(sp), local);
  for (const ep of reachable) endpointChain(nat, sp, ep);
}

function externalChainRules(nat: Table, sp: ServicePortInfo, policyChain: string, hasExternal: boolean): void {
  const ext = extChain(sp);
  nat.chains.set(ext, nat.chains.get(ext) ?? []);
  if (!sp.externalPolicyLocal) {
    add(nat, ext, { target: 'KUBE-MARK-MASQ', proto: 'all', comment: `masquerade traffic for ${sp.nameString} external destinations` });
  } else {
    add(nat, ext, { target: svcChain(sp), proto: 'all', comment: `pod traffic for ${sp.nameString} external destinations`, source: CLUSTER_CIDR });
    add(nat, ext, { target: 'KUBE-MARK-MASQ', proto: 'all', comment: `masquerade LOCAL traffic for ${sp.nameString} external destinations`, addrType: { dir: 'src', type: 'LOCAL' } });
    add(nat, ext, { target: svcChain(sp), proto: 'all', comment: `route LOCAL traffic for ${sp.nameString} external destinations`, addrType: { dir: 'src', type: 'LOCAL' } });
  }
  if (hasExternal) add(nat, ext, { target: policyChain, proto: 'all' });
}

/** writeServiceToEndpointRules: affinity checks first, then one probabilistic jump per endpoint. */
function endpointJumps(nat: Table, sp: ServicePortInfo, chain: string, endpoints: EndpointInfo[]): void {
  nat.chains.set(chain, nat.chains.get(chain) ?? []);
  if (sp.clientIPAffinity) {
    for (const ep of endpoints) {
      const sep = sepChain(sp, ep);
      add(nat, chain, { target: sep, proto: 'all', comment: `${sp.nameString} -> ${ep.key}`, recent: { name: sep, rcheckSeconds: sp.stickySeconds } });
    }
  }
  endpoints.forEach((ep, i) => {
    const rule: Rule = { target: sepChain(sp, ep), proto: 'all', comment: `${sp.nameString} -> ${ep.key}` };
    if (i < endpoints.length - 1) rule.probability = probability(endpoints.length - i);
    add(nat, chain, rule);
  });
}

function endpointChain(nat: Table, sp: ServicePortInfo, ep: EndpointInfo): void {
  const chain = sepChain(sp, ep);
  add(nat, chain, { target: 'KUBE-MARK-MASQ', proto: 'all', comment: sp.nameString, source: ep.ip });
  const dnat: Rule = { target: 'DNAT', proto: sp.protocol, protoMatch: true, comment: sp.nameString, toDestination: ep.key };
  if (sp.clientIPAffinity) dnat.recent = { name: chain, set: true };
  add(nat, chain, dnat);
}
