/**
 * kube-proxy's view of the cluster: every Service port with a cluster IP (headless and
 * ExternalName Services are not proxied), and its endpoints from the discovery.k8s.io/v1
 * EndpointSlices labelled `kubernetes.io/service-name`, as pkg/proxy's service and
 * EndpointSlice caches build them (deduplicated by `ip:port`, sorted by that string).
 */
import type { ApiStore } from '../api/store.ts';
import type { KObject, Service } from '../api/types.ts';

/** The label that ties an EndpointSlice to its Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** kube-proxy's default for `sessionAffinityConfig.clientIP.timeoutSeconds` (3 h). */
export const DEFAULT_STICKY_SECONDS = 10800;

/** The parts of a discovery.k8s.io/v1 EndpointSlice the data path reads. */
export interface EndpointSliceLike extends KObject {
  addressType?: string;
  endpoints?: {
    addresses?: string[];
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
    nodeName?: string;
    hostname?: string;
    targetRef?: { kind?: string; name?: string; namespace?: string; uid?: string };
  }[];
  ports?: { name?: string; port?: number; protocol?: string }[];
}

/** One endpoint of a Service port (pkg/proxy BaseEndpointInfo). */
export interface EndpointInfo {
  ip: string;
  port: number;
  /** `ip:port`, the endpoint's identity and sort key. */
  key: string;
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** The pod behind it (targetRef), when the slice names one. */
  pod?: string;
}

/** One Service port as kube-proxy proxies it (pkg/proxy BaseServicePortInfo). */
export interface ServicePortInfo {
  namespace: string;
  service: string;
  portName: string;
  /** `ns/name:port` (or `ns/name` for an unnamed port): comments and chain-name hashes. */
  nameString: string;
  /** Lower case, as in chain-name hashes and `-p`. */
  protocol: string;
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  loadBalancerIPs: string[];
  clientIPAffinity: boolean;
  stickySeconds: number;
  internalPolicyLocal: boolean;
  /** externalTrafficPolicy Local on an externally reachable port. */
  externalPolicyLocal: boolean;
  endpoints: EndpointInfo[];
}

/** `ns/name:port` as proxy.ServicePortName.String() prints it. */
export function servicePortName(namespace: string, name: string, port: string): string {
  return port === '' ? `${namespace}/${name}` : `${namespace}/${name}:${port}`;
}

/** Endpoints of every slice of one Service, by service-port name. */
function endpointsByPort(slices: readonly EndpointSliceLike[], namespace: string, service: string): Map<string, Map<string, EndpointInfo>> {
  const out = new Map<string, Map<string, EndpointInfo>>();
  for (const slice of slices) {
    if (slice.addressType !== undefined && slice.addressType !== 'IPv4') continue;
    for (const p of slice.ports ?? []) {
      if (p.port === undefined || p.port === null) continue;
      const key = servicePortName(namespace, service, p.name ?? '');
      const set = out.get(key) ?? new Map<string, EndpointInfo>();
      out.set(key, set);
      for (const ep of slice.endpoints ?? []) addEndpoint(set, ep, p.port);
    }
  }
  return out;
}

function addEndpoint(set: Map<string, EndpointInfo>, ep: NonNullable<EndpointSliceLike['endpoints']>[number], port: number): void {
  const ip = ep.addresses?.[0];
  if (!ip) return;
  const c = ep.conditions ?? {};
  const info: EndpointInfo = {
    ip,
    port,
    key: `${ip}:${port}`,
    ready: c.ready !== false,
    serving: c.serving !== false,
    terminating: c.terminating === true,
  };
  if (ep.nodeName) info.nodeName = ep.nodeName;
  if (ep.targetRef?.name) info.pod = ep.targetRef.name;
  if (!set.has(info.key)) set.set(info.key, info);
}

/** True when the Service has a proxied cluster IP (not headless, not ExternalName). */
export function hasClusterIP(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  return typeof ip === 'string' && ip !== '' && ip !== 'None' && svc.spec.type !== 'ExternalName';
}

/** The service ports of `services`, with endpoints from `slices`, sorted by name. */
export function buildServicePorts(services: readonly Service[], slices: readonly EndpointSliceLike[]): ServicePortInfo[] {
  const slicesBySvc = new Map<string, EndpointSliceLike[]>();
  for (const s of slices) {
    const name = s.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!name) continue;
    const key = `${s.metadata.namespace ?? ''}/${name}`;
    const list = slicesBySvc.get(key) ?? [];
    list.push(s);
    slicesBySvc.set(key, list);
  }
  const out: ServicePortInfo[] = [];
  for (const svc of services) {
    if (!hasClusterIP(svc)) continue;
    const ns = svc.metadata.namespace ?? '';
    const name = svc.metadata.name ?? '';
    const eps = endpointsByPort(slicesBySvc.get(`${ns}/${name}`) ?? [], ns, name);
    for (const p of svc.spec.ports ?? []) out.push(portInfo(svc, p, eps));
  }
  return out.sort((a, b) => (a.nameString < b.nameString ? -1 : a.nameString > b.nameString ? 1 : a.protocol < b.protocol ? -1 : 1));
}

function portInfo(svc: Service, p: NonNullable<Service['spec']['ports']>[number], eps: Map<string, Map<string, EndpointInfo>>): ServicePortInfo {
  const ns = svc.metadata.namespace ?? '';
  const name = svc.metadata.name ?? '';
  const nameString = servicePortName(ns, name, p.name ?? '');
  const nodePort = Number((p as { nodePort?: number }).nodePort ?? 0);
  const lbIPs = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((ip) => ip !== '');
  const externalIPs = svc.spec.externalIPs ?? [];
  const external = nodePort !== 0 || lbIPs.length > 0 || externalIPs.length > 0;
  const sticky = (svc.spec.sessionAffinityConfig as { clientIP?: { timeoutSeconds?: number } } | undefined)?.clientIP?.timeoutSeconds;
  return {
    namespace: ns,
    service: name,
    portName: p.name ?? '',
    nameString,
    protocol: String(p.protocol ?? 'TCP').toLowerCase(),
    clusterIP: svc.spec.clusterIP ?? '',
    port: Number(p.port),
    nodePort,
    externalIPs,
    loadBalancerIPs: lbIPs,
    clientIPAffinity: svc.spec.sessionAffinity === 'ClientIP',
    stickySeconds: sticky ?? DEFAULT_STICKY_SECONDS,
    internalPolicyLocal: svc.spec.internalTrafficPolicy === 'Local',
    externalPolicyLocal: external && svc.spec.externalTrafficPolicy === 'Local',
    endpoints: [...(eps.get(nameString)?.values() ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/** Reads Services and EndpointSlices from the store (no slices when the kind is not served yet). */
export function servicePortsFromStore(store: ApiStore): ServicePortInfo[] {
  const services = store.list<Service>('services').items;
  let slices: EndpointSliceLike[] = [];
  try {
    slices = store.list<EndpointSliceLike>('endpointslices').items;
  } catch {
    slices = [];
  }
  return buildServicePorts(services, slices);
}
