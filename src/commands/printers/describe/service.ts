/**
 * `kubectl describe service`, `describe endpoints` and `describe endpointslice` (kubectl v1.31
 * describe.go ServiceDescriber, EndpointsDescriber, EndpointSliceDescriber). The Service's
 * `Endpoints:` lines come from its EndpointSlices (label kubernetes.io/service-name), one line per
 * port: every endpoint in slice order, ready or not, three shown then `+ N more...` — as the
 * kubectl v1.31 binary prints them (recorded in tests/golden-kubectl).
 */
import type { EndpointSlice, Endpoints } from '../../../engine/api/admission/endpointslice.ts';
import type { KObject, Service } from '../../../engine/api/types.ts';
import { formatLabels } from '../selector.ts';
import { describeEvents, searchEvents } from './events.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, printAnnotationsMultiline, printLabelsMultiline, tabbedString, type PrefixWriter } from './writer.ts';

interface Ingress {
  ip?: string;
  hostname?: string;
  ipMode?: string;
}

/** buildIngressString: `ip (ipMode)` or hostname, comma-separated. */
function ingressString(ingress: readonly Ingress[]): string {
  return ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : (i.hostname ?? ''))).join(', ');
}

function events(ctx: DescribeContext, w: PrefixWriter, obj: KObject): void {
  if (!ctx.showEvents) return;
  const found = searchEvents(ctx, { name: obj.metadata.name ?? '', namespace: obj.metadata.namespace ?? '', kind: obj.kind, uid: obj.metadata.uid });
  describeEvents(found, w, ctx.nowMs);
}

function writeAddressing(w: PrefixWriter, spec: Service['spec'], status: Service['status']): void {
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${(spec.externalIPs ?? []).join(',')}\n`);
  if (typeof spec.loadBalancerIP === 'string' && spec.loadBalancerIP !== '') w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ingress = (status?.loadBalancer?.ingress ?? []) as Ingress[];
  if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingressString(ingress)}\n`);
}

/** formatEndpointSlices for one Service port (by name); ports-less slices (headless) list addresses. */
export function formatEndpointSlices(slices: readonly EndpointSlice[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let count = 0;
  const add = (text: string) => {
    if (list.length < max) list.push(text);
    count++;
  };
  for (const slice of slices) {
    const ports = slice.ports ?? [];
    if (ports.length === 0) {
      for (const e of slice.endpoints ?? []) add(e.addresses[0]);
      continue;
    }
    for (const port of ports) {
      if ((port.name ?? '') !== portName) continue;
      for (const e of slice.endpoints ?? []) add(joinHostPort(e.addresses[0], port.port ?? 0));
    }
  }
  return count > max ? `${list.join(',')} + ${count - max} more...` : list.join(',');
}

/** net.JoinHostPort: IPv6 addresses in brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function writePorts(w: PrefixWriter, spec: Service['spec'], slices: readonly EndpointSlice[]): void {
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    const protocol = sp.protocol ?? '';
    w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${protocol}\n`);
    w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? 0}/${protocol}\n`);
    if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '')}\n`);
  }
}

export function describeServiceObject(ctx: DescribeContext, obj: KObject): string {
  const svc = obj as Service;
  const spec = svc.spec ?? {};
  const slices = ctx.store.list<EndpointSlice>('endpointslices', {
    namespace: svc.metadata.namespace ?? '',
    labelSelector: `kubernetes.io/service-name=${svc.metadata.name ?? ''}`,
  }).items;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${svc.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    writeAddressing(w, spec, svc.status);
    writePorts(w, spec, slices);
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort !== 0) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    const ranges = (spec.loadBalancerSourceRanges ?? []) as string[];
    if (ranges.length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${ranges.join(',')}\n`);
    if (typeof spec.trafficDistribution === 'string' && spec.trafficDistribution !== '') w.write(LEVEL_0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
    events(ctx, w, svc);
  });
}

export function describeEndpointsObject(ctx: DescribeContext, obj: KObject): string {
  const ep = obj as Endpoints;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ep.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const s of ep.subsets ?? []) {
      w.write(LEVEL_1, `Addresses:\t${(s.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      w.write(LEVEL_1, `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      if ((s.ports ?? []).length > 0) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const p of s.ports ?? []) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    events(ctx, w, ep);
  });
}

export function describeEndpointSliceObject(ctx: DescribeContext, obj: KObject): string {
  const eps = obj as EndpointSlice;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${eps.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${eps.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', eps.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', eps.metadata.annotations);
    w.write(LEVEL_0, `AddressType:\t${eps.addressType}\n`);
    const ports = eps.ports ?? [];
    if (ports.length === 0) w.write(LEVEL_0, 'Ports: <unset>\n');
    else {
      w.write(LEVEL_0, 'Ports:\n');
      w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_1, '----\t----\t--------\n');
      for (const p of ports) w.write(LEVEL_1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
    }
    const endpoints = eps.endpoints ?? [];
    if (endpoints.length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n');
    else {
      w.write(LEVEL_0, 'Endpoints:\n');
      for (const e of endpoints) {
        w.write(LEVEL_1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`);
        w.write(LEVEL_2, 'Conditions:\n');
        w.write(LEVEL_3, `Ready:\t${e.conditions.ready === undefined ? '<unset>' : String(e.conditions.ready)}\n`);
        w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
        if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
        w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
        w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
      }
    }
    events(ctx, w, eps);
  });
}
