/**
 * Ingress and IngressClass table printers (printers.go printIngress, printIngressClass). An
 * Ingress's ADDRESS comes from status.loadBalancer, which only an ingress controller writes:
 * Podlab runs none, so it is empty, as on a cluster without a controller. HOSTS lists at most
 * three rule hosts (`*` when none), PORTS is `80`, or `80, 443` when the Ingress has TLS.
 */
import { translateTimestampSince } from './age.ts';
import { asArray, asRecord, asString, type ResourcePrinter } from './column-types.ts';

/** formatHosts */
function formatHosts(rules: unknown[]): string {
  const max = 3;
  const hosts: string[] = [];
  let more = false;
  for (const r of rules) {
    if (hosts.length === max) more = true;
    const host = asString(asRecord(r).host);
    if (!more && host !== '') hosts.push(host);
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${rules.length - max} more...` : hosts.join(',');
}

/** ingressLoadBalancerStatusStringer: the IPs and hostnames, at most 16 characters unless wide. */
export function loadBalancerString(status: unknown, wide: boolean): string {
  const parts: string[] = [];
  for (const raw of asArray(asRecord(asRecord(status).loadBalancer).ingress)) {
    const i = asRecord(raw);
    if (asString(i.ip) !== '') parts.push(asString(i.ip));
    else if (asString(i.hostname) !== '') parts.push(asString(i.hostname));
  }
  const r = parts.join(',');
  return !wide && r.length > 16 ? `${r.slice(0, 13)}...` : r;
}

export const ingressPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Class' }, { name: 'Hosts' }, { name: 'Address' }, { name: 'Ports' }, { name: 'Age' }],
  row(ing, ctx) {
    const o = ing as unknown as Record<string, unknown>;
    const spec = asRecord(o.spec);
    const cls = typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>';
    return [
      asString(ing.metadata.name),
      cls,
      formatHosts(asArray(spec.rules)),
      // The API server builds the table once, as for -o wide.
      loadBalancerString(o.status, true),
      asArray(spec.tls).length > 0 ? '80, 443' : '80',
      translateTimestampSince(ing.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

export const ingressClassPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Controller' }, { name: 'Parameters' }, { name: 'Age' }],
  row(ic, ctx) {
    const spec = asRecord((ic as unknown as Record<string, unknown>).spec);
    let parameters = '<none>';
    if (spec.parameters !== undefined && spec.parameters !== null) {
      const p = asRecord(spec.parameters);
      parameters = asString(p.kind);
      if (typeof p.apiGroup === 'string') parameters += `.${p.apiGroup}`;
      parameters += `/${asString(p.name)}`;
    }
    return [asString(ic.metadata.name), asString(spec.controller), parameters, translateTimestampSince(ic.metadata.creationTimestamp, ctx.nowMs)];
  },
};
