/**
 * `kubectl get endpoints` and `kubectl get endpointslices` columns, following printers.go
 * `printEndpoints` (NAME, ENDPOINTS, AGE) and `printEndpointSlice` (NAME, ADDRESSTYPE, PORTS,
 * ENDPOINTS, AGE). Both list at most three entries, then `+ N more...`.
 */
import { translateTimestampSince } from './age.ts';
import { asArray, asNumber, asRecord, asString, type ResourcePrinter } from './column-types.ts';

/** Entries shown before `+ N more...`. */
const MAX_SHOWN = 3;

/**
 * formatEndpoints: `ip:port` of the ready addresses, per subset and port (only the ports named in
 * `portNames` when given), at most three; `<none>` without subsets. Not-ready addresses are not
 * listed, so a Service whose pods are all unready shows an empty cell.
 */
export function formatEndpoints(endpoints: Record<string, unknown>, portNames?: ReadonlySet<string>): string {
  const subsets = asArray(endpoints.subsets).map(asRecord);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  const add = (entry: string): void => {
    if (list.length === MAX_SHOWN) more = true;
    else list.push(entry);
  };
  for (const ss of subsets) {
    const addresses = asArray(ss.addresses).map((a) => asString(asRecord(a).ip));
    const ports = asArray(ss.ports).map(asRecord);
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const ip of addresses) add(ip);
      continue;
    }
    for (const port of ports) {
      if (portNames && !portNames.has(asString(port.name))) continue;
      count += addresses.length;
      for (const ip of addresses) add(joinHostPort(ip, asNumber(port.port)));
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - MAX_SHOWN} more...` : ret;
}

/** net.JoinHostPort: IPv6 addresses in brackets. */
function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** listWithMoreString: `a,b,c + N more...`, `<unset>` when empty. */
function listWithMore(items: readonly string[]): string {
  const ret = items.slice(0, MAX_SHOWN).join(',');
  if (items.length > MAX_SHOWN) return `${ret} + ${items.length - MAX_SHOWN} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** formatDiscoveryPorts: each port's number (its name, or `*`, when it has none). */
export function formatDiscoveryPorts(ports: unknown): string {
  return listWithMore(
    asArray(ports)
      .map(asRecord)
      .map((p) => (typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*')),
  );
}

/** formatDiscoveryEndpoints: every address of every endpoint, ready or not. */
export function formatDiscoveryEndpoints(endpoints: unknown): string {
  return listWithMore(
    asArray(endpoints)
      .map(asRecord)
      .flatMap((e) => asArray(e.addresses).map(asString)),
  );
}

/** Endpoints table printer. */
export const endpointsPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Endpoints' }, { name: 'Age' }],
  row(ep, ctx) {
    return [asString(ep.metadata.name), formatEndpoints(ep as unknown as Record<string, unknown>), translateTimestampSince(ep.metadata.creationTimestamp, ctx.nowMs)];
  },
};

/** EndpointSlice table printer. */
export const endpointSlicePrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, { name: 'Age' }],
  row(slice, ctx) {
    return [
      asString(slice.metadata.name),
      asString(slice.addressType),
      formatDiscoveryPorts(slice.ports),
      formatDiscoveryEndpoints(slice.endpoints),
      translateTimestampSince(slice.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};
