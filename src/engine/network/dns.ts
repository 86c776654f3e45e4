/**
 * CoreDNS's `kubernetes` plugin (cluster.local, `pods insecure`) as a pure lookup over the store:
 * Service A records (the cluster IP, or the ready endpoints' IPs of a headless Service), CNAMEs
 * for ExternalName Services, `<hostname>.<service>.<ns>.svc` for pods with a hostname (StatefulSet
 * pods behind their governing Service), `<a-b-c-d>.<ns>.pod` records, and SRV records
 * `_<port>._<proto>.<service>.<ns>.svc`. Also the stub resolver's search list and ndots rule.
 */
import type { ApiStore } from '../api/store.ts';
import type { Pod, Service } from '../api/types.ts';
import { CLUSTER_DNS_IP, CLUSTER_DOMAIN } from '../cluster/kubeadm.ts';
import { SERVICE_NAME_LABEL, type EndpointSliceLike } from './service-ports.ts';

/** An SRV record: priority 0, weight as CoreDNS spreads it, the port, the target name. */
export interface SrvRecord {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export type DnsAnswer =
  | { kind: 'ok'; name: string; addresses: string[]; cname?: string; srv?: SrvRecord[] }
  | { kind: 'nxdomain'; name: string };

/** The pod's resolv.conf under dnsPolicy ClusterFirst. */
export interface ResolvConf {
  nameserver: string;
  search: string[];
  ndots: number;
}

export function clusterFirstResolvConf(namespace: string): ResolvConf {
  return { nameserver: CLUSTER_DNS_IP, search: [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN], ndots: 5 };
}

/** The names the stub resolver tries, in order (glibc/musl: search first when dots < ndots). */
export function candidates(name: string, rc: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = rc.search.map((d) => `${name}.${d}`);
  return dots >= rc.ndots ? [name, ...searched] : [...searched, name];
}

function slicesOf(store: ApiStore, ns: string, svc: string): EndpointSliceLike[] {
  try {
    return store.list<EndpointSliceLike>('endpointslices', { namespace: ns, labelSelector: `${SERVICE_NAME_LABEL}=${svc}` }).items;
  } catch {
    return [];
  }
}

/** Ready endpoints of a Service: address and hostname (or pod name when the slice has no hostname). */
function readyEndpoints(store: ApiStore, ns: string, svc: string): { ip: string; hostname?: string }[] {
  const out: { ip: string; hostname?: string }[] = [];
  const seen = new Set<string>();
  for (const s of slicesOf(store, ns, svc)) {
    for (const ep of s.endpoints ?? []) {
      const ip = ep.addresses?.[0];
      if (!ip || ep.conditions?.ready === false || seen.has(ip)) continue;
      seen.add(ip);
      out.push({ ip, ...(ep.hostname ? { hostname: ep.hostname } : {}) });
    }
  }
  return out;
}

const dashed = (ip: string): string => ip.replaceAll('.', '-');

function serviceRecord(store: ApiStore, fqdn: string, ns: string, name: string): DnsAnswer {
  const svc = store.tryGet<Service>('services', ns, name);
  if (!svc) return { kind: 'nxdomain', name: fqdn };
  if (svc.spec.type === 'ExternalName') return { kind: 'ok', name: fqdn, addresses: [], cname: String(svc.spec.externalName ?? '') };
  const ip = svc.spec.clusterIP;
  if (ip && ip !== 'None') return { kind: 'ok', name: fqdn, addresses: [ip] };
  const eps = readyEndpoints(store, ns, name);
  return eps.length > 0 ? { kind: 'ok', name: fqdn, addresses: eps.map((e) => e.ip) } : { kind: 'nxdomain', name: fqdn };
}

/** `<hostname>.<service>.<ns>.svc`: the endpoint with that hostname (or a pod of that hostname and subdomain). */
function endpointRecord(store: ApiStore, fqdn: string, host: string, ns: string, name: string): DnsAnswer {
  const svc = store.tryGet<Service>('services', ns, name);
  if (!svc) return { kind: 'nxdomain', name: fqdn };
  const eps = readyEndpoints(store, ns, name);
  const byHost = eps.find((e) => e.hostname === host) ?? eps.find((e) => dashed(e.ip) === host);
  if (byHost) return { kind: 'ok', name: fqdn, addresses: [byHost.ip] };
  const pod = store.tryGet<Pod>('pods', ns, host);
  const ip = pod?.status?.podIP;
  if (pod && ip && String(pod.spec.hostname ?? pod.metadata.name) === host && pod.spec.subdomain === name && eps.some((e) => e.ip === ip)) {
    return { kind: 'ok', name: fqdn, addresses: [ip] };
  }
  return { kind: 'nxdomain', name: fqdn };
}

function srvRecord(store: ApiStore, fqdn: string, portName: string, proto: string, ns: string, name: string): DnsAnswer {
  const svc = store.tryGet<Service>('services', ns, name);
  const port = svc?.spec.ports?.find((p) => p.name === portName && String(p.protocol ?? 'TCP').toLowerCase() === proto);
  if (!svc || !port) return { kind: 'nxdomain', name: fqdn };
  const base = `${name}.${ns}.svc.${CLUSTER_DOMAIN}`;
  const ip = svc.spec.clusterIP;
  if (ip && ip !== 'None') return { kind: 'ok', name: fqdn, addresses: [], srv: [{ priority: 0, weight: 100, port: Number(port.port), target: base }] };
  const eps = readyEndpoints(store, ns, name);
  if (eps.length === 0) return { kind: 'nxdomain', name: fqdn };
  const weight = Math.floor(100 / eps.length);
  const srv = eps.map((e) => ({ priority: 0, weight, port: Number(port.port), target: `${e.hostname ?? dashed(e.ip)}.${base}` }));
  return { kind: 'ok', name: fqdn, addresses: [], srv };
}

/** One query for an absolute name (no search list), as CoreDNS answers it. */
export function lookupFqdn(store: ApiStore, name: string): DnsAnswer {
  const fqdn = name.toLowerCase().replace(/\.$/, '');
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return { kind: 'nxdomain', name: fqdn };
  const labels = fqdn.slice(0, -suffix.length).split('.');
  const kind = labels[labels.length - 1];
  if (kind === 'pod' && labels.length === 3 && /^\d+-\d+-\d+-\d+$/.test(labels[0])) {
    return { kind: 'ok', name: fqdn, addresses: [labels[0].replaceAll('-', '.')] };
  }
  if (kind !== 'svc') return { kind: 'nxdomain', name: fqdn };
  if (labels.length === 3) return serviceRecord(store, fqdn, labels[1], labels[0]);
  if (labels.length === 4) return endpointRecord(store, fqdn, labels[0], labels[2], labels[1]);
  if (labels.length === 5 && labels[0].startsWith('_') && labels[1].startsWith('_')) {
    return srvRecord(store, fqdn, labels[0].slice(1), labels[1].slice(1), labels[3], labels[2]);
  }
  return { kind: 'nxdomain', name: fqdn };
}

/** A name as a pod's stub resolver looks it up: the search list, then the first answer. */
export function resolve(store: ApiStore, name: string, rc: ResolvConf): DnsAnswer {
  for (const c of candidates(name, rc)) {
    const a = lookupFqdn(store, c);
    if (a.kind === 'ok') return a;
  }
  return { kind: 'nxdomain', name };
}
