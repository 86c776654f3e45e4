/**
 * Service admission, in the API server's order: SetDefaults_Service (decode), then the REST
 * layer's beginCreate/beginUpdate (normalise clusterIP/clusterIPs, patch in allocated values the
 * client omitted, IP-family defaulting, cluster IP and node port allocation — failures are thrown
 * as Invalid errors before validation runs), then the strategy (status reset on create, dropping
 * type-dependent fields on update), then ValidateService / ValidateServiceUpdate.
 */
import type { FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { deepEqual } from '../validation.ts';
import { arr, asDict, carryOverSystemMeta, checkIntField, checkMetaStrings, checkStringMap, child, cloneJson, dictOf, dicts, int, isDict, str, type Dict } from './common.ts';
import {
  KUBERNETES_SERVICE_IP,
  allocateClusterIP,
  assignNodePorts,
  collectAllocations,
  internalError,
  nextNodePort,
  reserveNodePort,
  throwInvalid,
  type Allocations,
} from './service-alloc.ts';
import { initIPFamilyFields, isHeadless, validateService, validateServiceUpdate } from './service-validation.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

/** v1.DefaultClientIPServiceAffinitySeconds */
const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

const needsClusterIP = (spec: Dict): boolean => str(spec.type) !== 'ExternalName';
const needsNodePort = (spec: Dict): boolean => spec.type === 'NodePort' || spec.type === 'LoadBalancer';
/** service.ExternallyAccessible */
export const externallyAccessible = (spec: Dict): boolean =>
  needsNodePort(spec) || (spec.type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
/** service.NeedsHealthCheck */
export const needsHealthCheck = (spec: Dict): boolean => spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';

/** SetDefaults_Service */
function defaultSpec(spec: Dict): void {
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const timeout = dictOf(dictOf(spec.sessionAffinityConfig).clientIP).timeoutSeconds;
    if (timeout === undefined || timeout === null) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
    }
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of dicts(spec.ports)) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if ((spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(str(spec.type))) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) {
    spec.allocateLoadBalancerNodePorts = true;
  }
}

/** normalizeClusterIPs: keep clusterIP and clusterIPs in step for clients that set only one. */
function normalizeClusterIPs(spec: Dict, oldSpec: Dict | undefined): void {
  const ip = str(spec.clusterIP);
  if (!oldSpec) {
    if (ip !== '' && arr(spec.clusterIPs).length === 0) spec.clusterIPs = [ip];
    return;
  }
  const oldIP = str(oldSpec.clusterIP);
  if (arr(oldSpec.clusterIPs).length > 0 && arr(spec.clusterIPs).length === 0 && oldIP === ip) {
    spec.clusterIPs = cloneJson(oldSpec.clusterIPs);
  }
  if (oldIP !== ip) {
    const same = (): boolean => deepEqual(spec.clusterIPs, oldSpec.clusterIPs);
    if (oldIP !== '' && ip === '' && same()) delete spec.clusterIPs;
    if (same()) spec.clusterIPs = [ip];
  }
}

/** patchAllocatedValues: values the client left out on update are taken from the stored service. */
function patchAllocatedValues(spec: Dict, oldSpec: Dict): void {
  if (needsClusterIP(oldSpec) && needsClusterIP(spec)) {
    if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if (arr(spec.clusterIPs).length === 0 && arr(oldSpec.clusterIPs).length > 0) spec.clusterIPs = cloneJson(oldSpec.clusterIPs);
  }
  if (needsNodePort(oldSpec) && needsNodePort(spec)) {
    const used = new Set(dicts(spec.ports).map((p) => int(p.nodePort) ?? 0));
    const byName = new Map(dicts(oldSpec.ports).map((p) => [str(p.name), int(p.nodePort) ?? 0]));
    for (const p of dicts(spec.ports)) {
      const prev = byName.get(str(p.name)) ?? 0;
      if (!int(p.nodePort) && prev && !used.has(prev)) p.nodePort = prev;
    }
  }
  if (needsHealthCheck(oldSpec) && needsHealthCheck(spec) && !spec.healthCheckNodePort) spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
}

/** Cluster IPs (create, or an update leaving ExternalName) and node ports. */
function allocate(obj: KObject, spec: Dict, oldSpec: Dict | undefined, ctx: AdmissionContext): void {
  const meta = obj.metadata ?? {};
  const name = meta.name ?? '';
  const self = oldSpec ? `${meta.namespace ?? ''}/${name}` : undefined;
  const alloc = collectAllocations(ctx.list('services'), self);
  const wantsIP = needsClusterIP(spec) && !isHeadless(spec) && (!oldSpec || !needsClusterIP(oldSpec));
  if (wantsIP) {
    const ips = arr(spec.clusterIPs).map(str);
    let requested = ips[0] ?? '';
    if (requested === '' && meta.namespace === 'default' && name === 'kubernetes' && !alloc.ips.has(KUBERNETES_SERVICE_IP)) {
      requested = KUBERNETES_SERVICE_IP;
    }
    const ip = allocateClusterIP(requested, alloc, ctx.prng, ips, name);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip, ...ips.slice(1)];
  }
  const owned = new Set(oldSpec ? dicts(oldSpec.ports).map((p) => int(p.nodePort) ?? 0) : []);
  if (needsNodePort(spec)) {
    // shouldAllocateNodePorts: LoadBalancers may opt out (requested ports are still reserved).
    const allocateNew = spec.type === 'NodePort' || spec.allocateLoadBalancerNodePorts !== false;
    assignNodePorts(spec, alloc, ctx.prng, owned, name, allocateNew);
  }
  allocateHealthCheckPort(spec, oldSpec, alloc, ctx);
}

/** allocHealthCheckNodePort: LoadBalancers with externalTrafficPolicy Local get one. */
function allocateHealthCheckPort(spec: Dict, oldSpec: Dict | undefined, alloc: Allocations, ctx: AdmissionContext): void {
  if (!needsHealthCheck(spec)) return;
  const current = int(spec.healthCheckNodePort) ?? 0;
  if (oldSpec && needsHealthCheck(oldSpec) && current === int(oldSpec.healthCheckNodePort)) return;
  if (current === 0) {
    spec.healthCheckNodePort = nextNodePort(alloc, ctx.prng);
    return;
  }
  const why = reserveNodePort(current, alloc);
  if (why) throw internalError(`failed to allocate requested HealthCheck NodePort ${current}: ${why}`);
}

/** dropTypeDependentFields: switching type clears what only the old type needed (if unchanged). */
function dropTypeDependentFields(spec: Dict, oldSpec: Dict, status: Dict | undefined): void {
  if (needsClusterIP(oldSpec) && !needsClusterIP(spec)) {
    if (deepEqual(spec.clusterIPs, oldSpec.clusterIPs) && spec.clusterIP === oldSpec.clusterIP) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (deepEqual(spec.ipFamilies, oldSpec.ipFamilies)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === oldSpec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(oldSpec) && !needsNodePort(spec)) {
    const same = deepEqual(dicts(spec.ports).map((p) => p.nodePort ?? 0), dicts(oldSpec.ports).map((p) => p.nodePort ?? 0));
    if (same) for (const p of dicts(spec.ports)) delete p.nodePort;
  }
  if (needsHealthCheck(oldSpec) && !needsHealthCheck(spec) && spec.healthCheckNodePort === oldSpec.healthCheckNodePort) {
    delete spec.healthCheckNodePort;
  }
  if (oldSpec.type === 'LoadBalancer' && spec.type !== 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts) {
    delete spec.allocateLoadBalancerNodePorts;
  }
  if (externallyAccessible(oldSpec) && !externallyAccessible(spec) && spec.externalTrafficPolicy === oldSpec.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
  if (spec.type !== 'LoadBalancer' && status) status.loadBalancer = {};
}

function defaults(obj: KObject, ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  checkStringMap(obj, dictOf(obj.spec).selector, 'ServiceSpec', 'spec.selector');
  const svc = asDict(obj);
  const spec = child(svc, 'spec');
  const oldSpec = old ? dictOf(asDict(old).spec) : undefined;
  for (const p of dicts(spec.ports)) {
    checkIntField(obj, p.port, 'ServicePort', 'spec.ports.port');
    checkIntField(obj, p.nodePort, 'ServicePort', 'spec.ports.nodePort');
  }
  defaultSpec(spec);
  if (old && oldSpec) {
    carryOverSystemMeta(obj, old);
    patchAllocatedValues(spec, oldSpec);
  }
  normalizeClusterIPs(spec, oldSpec);
  throwInvalid(obj.metadata?.name ?? '', initIPFamilyFields(spec, oldSpec));
  allocate(obj, spec, oldSpec, ctx);
  if (old && oldSpec) {
    if (!isDict(svc.status)) svc.status = cloneJson(asDict(old).status) ?? { loadBalancer: {} };
    dropTypeDependentFields(spec, oldSpec, isDict(svc.status) ? svc.status : undefined);
  } else {
    svc.status = { loadBalancer: {} };
  }
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  return old ? validateServiceUpdate(asDict(obj), asDict(old)) : validateService(asDict(obj));
}

/** Service admission (defaults, allocation + validation), as a v1.31 API server applies it. */
export const serviceAdmission: KindAdmission = { defaults, validate };
