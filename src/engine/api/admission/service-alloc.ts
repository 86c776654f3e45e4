/**
 * Service IP and NodePort allocation (pkg/registry/core/service/storage/alloc.go, ipallocator,
 * portallocator), run by the API server before validation. Addresses come from a kubeadm-style
 * 10.96.0.0/12 and ports from 30000-32767; dynamic picks are random (the simulation PRNG) from the
 * upper part of each range, leaving the lower part for static requests, as the bitmap allocators'
 * "random scan with offset" strategy does. Failures are thrown as the API server's errors.
 */
import { StatusError, invalid, invalidObject, type FieldError } from '../errors.ts';
import type { Prng } from '../../kernel/prng.ts';
import { goStringSlice, parseIP } from '../validation.ts';
import { arr, dicts, int, isDict, str, type Dict } from './common.ts';

/** kubeadm's default --service-cluster-ip-range. */
export const SERVICE_CIDR = '10.96.0.0/12';
/** The first address of the range, reserved for the `default/kubernetes` service. */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
/** Default --service-node-port-range. */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

const CIDR_BASE = (10 << 24) + (96 << 16);
const CIDR_SIZE = 1 << 20;
/** Allocatable addresses: the range minus network and broadcast addresses. */
const IP_COUNT = CIDR_SIZE - 2;
/** min(max(16, size/16), 256): the low band kept for static IPs. */
const IP_STATIC_BAND = 256;
const PORT_COUNT = NODE_PORT_MAX - NODE_PORT_MIN + 1;
/** min(max(16, size/32), 128): the low band kept for static node ports. */
const PORT_STATIC_BAND = Math.min(Math.max(16, Math.floor(PORT_COUNT / 32)), 128);

export const ERR_IP_ALLOCATED = 'provided IP is already allocated';
export const ERR_PORT_ALLOCATED = 'provided port is already allocated';
const ipNotInRange = `provided IP is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`;
const portNotInRange = `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`;

const formatIPv4 = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** The IPs and node ports other services already hold. */
export interface Allocations {
  ips: Set<string>;
  ports: Set<number>;
}

/** Collects allocations from stored services, skipping `self` (`namespace/name`, for updates). */
export function collectAllocations(services: readonly unknown[], self?: string): Allocations {
  const ips = new Set<string>();
  const ports = new Set<number>();
  for (const svc of services) {
    if (!isDict(svc)) continue;
    const meta = isDict(svc.metadata) ? svc.metadata : {};
    if (self !== undefined && `${str(meta.namespace)}/${str(meta.name)}` === self) continue;
    const spec = isDict(svc.spec) ? svc.spec : {};
    for (const ip of arr(spec.clusterIPs).map(str)) if (ip && ip !== 'None') ips.add(ip);
    if (str(spec.clusterIP) && spec.clusterIP !== 'None') ips.add(str(spec.clusterIP));
    for (const p of dicts(spec.ports)) if (int(p.nodePort)) ports.add(int(p.nodePort) ?? 0);
    if (int(spec.healthCheckNodePort)) ports.add(int(spec.healthCheckNodePort) ?? 0);
  }
  return { ips, ports };
}

/** randomScanStrategyWithOffset: a random start in the dynamic band, then a linear scan; then the static band. */
function pickFree(count: number, staticBand: number, taken: (i: number) => boolean, prng: Prng): number | undefined {
  const upper = count - staticBand;
  const start = prng.nextInt(upper);
  for (let i = 0; i < upper; i++) {
    const at = staticBand + ((start + i) % upper);
    if (!taken(at)) return at;
  }
  if (staticBand === 0) return undefined;
  const lowStart = prng.nextInt(staticBand);
  for (let i = 0; i < staticBand; i++) {
    const at = (lowStart + i) % staticBand;
    if (!taken(at)) return at;
  }
  return undefined;
}

/** apierrors.NewInternalError */
export function internalError(message: string): StatusError {
  return new StatusError('InternalError', `Internal error occurred: ${message}`, 500, {
    causes: [{ reason: '', message, field: '' }],
  });
}

/** Allocates a cluster IP: the requested one if free and in range, else a random free one. */
export function allocateClusterIP(requested: string, alloc: Allocations, prng: Prng, clusterIPs: string[], name: string): string {
  if (requested !== '') {
    const v4 = parseIP(requested)?.v4;
    const index = v4 === undefined ? -1 : v4 - CIDR_BASE - 1;
    let why = '';
    if (index < 0 || index >= IP_COUNT) why = ipNotInRange;
    else if (alloc.ips.has(requested)) why = ERR_IP_ALLOCATED;
    if (why) {
      const err = invalid('spec.clusterIPs', goStringSlice(clusterIPs), `failed to allocate IP ${requested}: ${why}`);
      throw invalidObject('Service', '', name, [err]);
    }
    alloc.ips.add(requested);
    return requested;
  }
  const at = pickFree(IP_COUNT, IP_STATIC_BAND, (i) => alloc.ips.has(formatIPv4(CIDR_BASE + 1 + i)), prng);
  if (at === undefined) throw internalError('failed to allocate a serviceIP: range is full');
  const ip = formatIPv4(CIDR_BASE + 1 + at);
  alloc.ips.add(ip);
  return ip;
}

/** Reserves a requested node port, or returns the reason it cannot be had. */
export function reserveNodePort(port: number, alloc: Allocations): string | undefined {
  if (port < NODE_PORT_MIN || port > NODE_PORT_MAX) return portNotInRange;
  if (alloc.ports.has(port)) return ERR_PORT_ALLOCATED;
  alloc.ports.add(port);
  return undefined;
}

/** A random free node port. */
export function nextNodePort(alloc: Allocations, prng: Prng): number {
  const at = pickFree(PORT_COUNT, PORT_STATIC_BAND, (i) => alloc.ports.has(NODE_PORT_MIN + i), prng);
  if (at === undefined) throw internalError('failed to allocate a nodePort: range is full');
  alloc.ports.add(NODE_PORT_MIN + at);
  return NODE_PORT_MIN + at;
}

/**
 * initNodePorts / updateNodePorts: every port gets a node port; ports sharing a port number share
 * a node port; requested ones are reserved (already-owned ones in `owned` are kept as they are).
 */
export function assignNodePorts(
  spec: Dict,
  alloc: Allocations,
  prng: Prng,
  owned: ReadonlySet<number>,
  name: string,
  allocateNew = true,
): void {
  const byPort = new Map<number, number>();
  const reservedHere = new Set<number>();
  dicts(spec.ports).forEach((p, i) => {
    const port = int(p.port) ?? 0;
    const requested = int(p.nodePort) ?? 0;
    if (requested === 0 && !allocateNew) return;
    if (requested === 0 && byPort.has(port)) {
      p.nodePort = byPort.get(port);
      return;
    }
    if (requested !== 0) {
      if (!owned.has(requested) && !reservedHere.has(requested)) {
        const why = reserveNodePort(requested, alloc);
        if (why) throw invalidObject('Service', '', name, [invalid(`spec.ports[${i}].nodePort`, requested, why)]);
        reservedHere.add(requested);
      }
      byPort.set(port, requested);
      return;
    }
    const np = nextNodePort(alloc, prng);
    p.nodePort = np;
    byPort.set(port, np);
  });
}

/** Throws the Invalid error allocation pre-validation produces. */
export function throwInvalid(name: string, errs: FieldError[]): void {
  if (errs.length > 0) throw invalidObject('Service', '', name, errs);
}
