/**
 * `kubectl describe ingress` and `describe ingressclass` (describe.go IngressDescriber
 * describeIngressV1, IngressClassDescriber describeIngressClassV1). Each service backend is shown
 * as `svc:port (endpoints)`: the addresses of the service's EndpointSlices for the port the backend
 * names (`<none>` without slices, as for an ExternalName service), or, when the Service is
 * missing, the error kubectl got fetching it: `api:80 (<error: services "api" not found>)`. The Address line comes
 * from status.loadBalancer, which only an ingress controller fills: Podlab runs none, so it is
 * empty, as on a cluster without a controller.
 */
import type { EndpointSlice } from '../../../engine/api/admission/endpointslice.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { asArray, asRecord, asString } from '../column-types.ts';
import { loadBalancerString } from '../ingress-columns.ts';
import { describeEvents, searchEvents } from './events.ts';
import { formatEndpointSlices } from './service.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, printAnnotationsMultiline, printLabelsMultiline, tabbedString, type PrefixWriter } from './writer.ts';

type Dict = Record<string, unknown>;

/** serviceBackendStringer: `name:port`, the port number or else its name. */
function serviceBackendString(service: Dict): string {
  const port = asRecord(service.port);
  const num = typeof port.number === 'number' ? port.number : 0;
  return `${asString(service.name)}:${num !== 0 ? String(num) : asString(port.name)}`;
}

/** describeBackendV1: the service's endpoints for the backend's port, or the lookup's error. */
function describeBackend(ctx: DescribeContext, namespace: string, backend: Dict | undefined): string {
  if (!backend) return '';
  if (backend.service !== undefined && backend.service !== null) {
    const service = asRecord(backend.service);
    const sb = serviceBackendString(service);
    const name = asString(service.name);
    // kubectl v1.31 lists the Service's EndpointSlices (an empty list is no error), then fetches
    // the Service, whose absence is the error shown.
    const slices = ctx.store.list<EndpointSlice>('endpointslices', { namespace, labelSelector: `kubernetes.io/service-name=${name}` }).items;
    const svc = ctx.store.tryGet('services', namespace, name);
    if (!svc) return `${sb} (<error: services "${name}" not found>)`;
    const port = asRecord(service.port);
    let portName = '';
    for (const raw of asArray(asRecord((svc as unknown as Dict).spec).ports)) {
      const sp = asRecord(raw);
      const num = typeof port.number === 'number' ? port.number : 0;
      if (num !== 0 && num === sp.port) portName = asString(sp.name);
      else if (asString(port.name) !== '' && port.name === sp.name) portName = asString(sp.name);
    }
    return `${sb} (${formatEndpointSlices(slices, portName)})`;
  }
  if (backend.resource !== undefined && backend.resource !== null) {
    const r = asRecord(backend.resource);
    const group = typeof r.apiGroup === 'string' ? r.apiGroup : '<none>';
    return `APIGroup: ${group}, Kind: ${asString(r.kind)}, Name: ${asString(r.name)}`;
  }
  return '';
}

/** describeIngressTLSV1 */
function describeTls(w: PrefixWriter, tls: unknown[]): void {
  w.write(LEVEL_0, 'TLS:\n');
  for (const raw of tls) {
    const t = asRecord(raw);
    const hosts = asArray(t.hosts).map(asString).join(',');
    const secret = asString(t.secretName);
    w.write(LEVEL_1, secret === '' ? `SNI routes ${hosts}\n` : `${secret} terminates ${hosts}\n`);
  }
}

export function describeIngressObject(ctx: DescribeContext, obj: KObject): string {
  const o = obj as unknown as Dict;
  const spec = asRecord(o.spec);
  const ns = obj.metadata.namespace ?? '';
  const def = spec.defaultBackend === undefined || spec.defaultBackend === null ? undefined : asRecord(spec.defaultBackend);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    w.write(LEVEL_0, `Address:\t${loadBalancerString(o.status, true)}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>'}\n`);
    w.write(LEVEL_0, `Default backend:\t${def ? describeBackend(ctx, ns, def) : '<default>'}\n`);
    const tls = asArray(spec.tls);
    if (tls.length > 0) describeTls(w, tls);
    w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    let count = 0;
    for (const raw of asArray(spec.rules)) {
      const rule = asRecord(raw);
      if (rule.http === undefined || rule.http === null) continue;
      count++;
      const host = asString(rule.host);
      w.write(LEVEL_1, `${host === '' ? '*' : host}\t\n`);
      for (const p of asArray(asRecord(rule.http).paths)) {
        const path = asRecord(p);
        w.write(LEVEL_2, `\t${asString(path.path)} \t${describeBackend(ctx, ns, asRecord(path.backend))}\n`);
      }
    }
    if (count === 0) w.write(LEVEL_1, `*\t*\t${describeBackend(ctx, ns, def)}\n`);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    if (ctx.showEvents) describeEvents(searchEvents(ctx, { name: obj.metadata.name ?? '', namespace: ns, kind: 'Ingress', uid: obj.metadata.uid }), w, ctx.nowMs);
  });
}

export function describeIngressClassObject(ctx: DescribeContext, obj: KObject): string {
  const spec = asRecord((obj as unknown as Dict).spec);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Controller:\t${asString(spec.controller)}\n`);
    if (spec.parameters !== undefined && spec.parameters !== null) {
      const p = asRecord(spec.parameters);
      w.write(LEVEL_0, 'Parameters:\n');
      if (typeof p.apiGroup === 'string') w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${asString(p.kind)}\n`);
      w.write(LEVEL_1, `Name:\t${asString(p.name)}\n`);
    }
    if (ctx.showEvents) describeEvents(searchEvents(ctx, { name: obj.metadata.name ?? '', namespace: '', kind: 'IngressClass', uid: obj.metadata.uid }), w, ctx.nowMs);
  });
}
