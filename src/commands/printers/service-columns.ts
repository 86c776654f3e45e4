/**
 * `kubectl get services` columns, following printers.go `printService`.
 */
import { translateTimestampSince } from './age.ts';
import { asArray, asNumber, asRecord, asString, type ResourcePrinter } from './column-types.ts';
import { compareGoStrings, formatLabels } from './selector.ts';

/**
 * Load-balancer ingress addresses, sorted and de-duplicated. printers.go clips this to 16 bytes
 * when not wide, but the API server always builds tables with `Wide: true`, so `kubectl get`
 * never shows the clipped form.
 */
function loadBalancerAddresses(status: Record<string, unknown>): string {
  const found = new Set<string>();
  for (const ingress of asArray(asRecord(status.loadBalancer).ingress).map(asRecord)) {
    const ip = asString(ingress.ip);
    const host = asString(ingress.hostname);
    if (ip !== '') found.add(ip);
    else if (host !== '') found.add(host);
  }
  return [...found].sort(compareGoStrings).join(',');
}

/** EXTERNAL-IP as printers.go `getServiceExternalIP`. */
export function serviceExternalIP(spec: Record<string, unknown>, status: Record<string, unknown>): string {
  const externalIPs = asArray(spec.externalIPs).map(asString);
  switch (serviceType(spec)) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(status);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return asString(spec.externalName);
    default:
      return '<unknown>';
  }
}

/** PORT(S): `80/TCP`, `80:30080/TCP` with a node port, comma-joined; `<none>` without ports. */
export function servicePorts(spec: Record<string, unknown>): string {
  const pieces = asArray(spec.ports)
    .map(asRecord)
    .map((p) => {
      const protocol = asString(p.protocol) || 'TCP';
      const nodePort = asNumber(p.nodePort);
      return nodePort > 0 ? `${asNumber(p.port)}:${nodePort}/${protocol}` : `${asNumber(p.port)}/${protocol}`;
    });
  return pieces.join(',') || '<none>';
}

/** The API server defaults `spec.type` to ClusterIP; objects that skipped defaulting print as such. */
function serviceType(spec: Record<string, unknown>): string {
  return asString(spec.type) || 'ClusterIP';
}

function clusterIP(spec: Record<string, unknown>): string {
  const ips = asArray(spec.clusterIPs).map(asString);
  if (ips.length > 0) return ips[0];
  return asString(spec.clusterIP) || '<none>';
}

/** Service table printer (printers.go `serviceColumnDefinitions` / `printService`). */
export const servicePrinter: ResourcePrinter = {
  columns: [
    { name: 'Name' },
    { name: 'Type' },
    { name: 'Cluster-IP' },
    { name: 'External-IP' },
    { name: 'Port(s)' },
    { name: 'Age' },
    { name: 'Selector', priority: 1 },
  ],
  row(svc, ctx) {
    const spec = asRecord(svc.spec);
    return [
      asString(svc.metadata.name),
      serviceType(spec),
      clusterIP(spec),
      serviceExternalIP(spec, asRecord(svc.status)),
      servicePorts(spec),
      translateTimestampSince(svc.metadata.creationTimestamp, ctx.nowMs),
      formatLabels(asRecord(spec.selector) as Record<string, string>),
    ];
  },
};
