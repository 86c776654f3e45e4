/**
 * ValidateService / ValidateServiceUpdate and ValidateServiceClusterIPsRelatedFields
 * (pkg/apis/core/validation), plus initIPFamilyFields (the IP-family defaulting and pre-checks
 * the REST layer runs before allocating). The simulated cluster is single-stack IPv4.
 */
import { duplicate, forbiddenField, invalid, notSupported, required, type FieldError } from '../errors.ts';
import {
  goStringSlice,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortNum,
  nameIsDNS1035Label,
  parseIP,
  validateIP,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../validation.ts';
import { arr, dictOf, dicts, int, isDict, str, type Dict } from './common.ts';
import { validatePortNumOrName } from './containers.ts';
import { goServicePort } from './gofmt.ts';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

/** clusterIPs is exactly ["None"]. */
export const isHeadless = (spec: Dict): boolean => {
  const ips = arr(spec.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
};

const familyOf = (ip: string): string => (ip.includes(':') ? 'IPv6' : 'IPv4');
const externallyAccessible = (spec: Dict): boolean =>
  spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (spec.type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
const needsHealthCheck = (spec: Dict): boolean => spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';

/** ValidateServiceClusterIPsRelatedFields */
export function validateClusterIPsRelatedFields(spec: Dict): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ip = str(spec.clusterIP);
  const ips = arr(spec.clusterIPs).map(str);
  if (ip !== '') {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== ip) errs.push(invalid('spec.clusterIPs', goStringSlice(ips), 'first value must match `clusterIP`'));
  } else if (ips.length !== 0) {
    errs.push(invalid('spec.clusterIPs', goStringSlice(ips), 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  arr(spec.ipFamilies).map(str).forEach((fam, i) => {
    if (fam !== 'IPv4' && fam !== 'IPv6') errs.push(notSupported(`spec.ipFamilies[${i}]`, fam, ['IPv4', 'IPv6']));
    if (seen.has(fam)) errs.push(duplicate(`spec.ipFamilies[${i}]`, fam));
    seen.add(fam);
  });
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null && !IP_FAMILY_POLICIES.includes(str(spec.ipFamilyPolicy))) {
    errs.push(notSupported('spec.ipFamilyPolicy', str(spec.ipFamilyPolicy), IP_FAMILY_POLICIES));
  }
  let badIPs = false;
  ips.forEach((v, i) => {
    if (i === 0 && v === 'None') {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(invalid('spec.clusterIPs', goStringSlice(ips), "'None' must be the first and only value"));
      }
      return;
    }
    const e = validateIP(v, `spec.clusterIPs[${i}]`);
    badIPs ||= e.length > 0;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(invalid('spec.clusterIPs', goStringSlice(ips), 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (ips.length > 1 && familyOf(ips[0]) === familyOf(ips[1])) {
    errs.push(invalid('spec.clusterIPs', goStringSlice(ips), 'may specify no more than one IP for each IP family'));
  }
  const fams = arr(spec.ipFamilies).map(str);
  if (!isHeadless(spec)) {
    ips.forEach((v, i) => {
      if (i >= fams.length) return;
      if (fams[i] === 'IPv4' && familyOf(v) === 'IPv6') errs.push(invalid(`spec.clusterIPs[${i}]`, v, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (fams[i] === 'IPv6' && familyOf(v) !== 'IPv6') errs.push(invalid(`spec.clusterIPs[${i}]`, v, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

/**
 * initIPFamilyFields: defaults ipFamilyPolicy (SingleStack; RequireDualStack for headless services
 * without a selector) and ipFamilies ([IPv4]), and returns the errors the API server raises
 * before allocating (an empty list means go on).
 */
export function initIPFamilyFields(spec: Dict, oldSpec: Dict | undefined): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const selectorless = Object.keys(dictOf(spec.selector)).length === 0;
  if (!spec.ipFamilyPolicy) {
    if (oldSpec?.ipFamilyPolicy) spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
    else spec.ipFamilyPolicy = spec.clusterIP === 'None' && selectorless ? 'RequireDualStack' : 'SingleStack';
  }
  const pre = validateClusterIPsRelatedFields(spec);
  if (pre.length > 0) return pre;
  const errs: FieldError[] = [];
  const policy = str(spec.ipFamilyPolicy);
  const ips = arr(spec.clusterIPs).map(str);
  const fams = arr(spec.ipFamilies).map(str);
  if (policy === 'SingleStack') {
    const msg = "must be 'RequireDualStack' or 'PreferDualStack' when multiple";
    if (ips.length === 2) errs.push(invalid('spec.ipFamilyPolicy', policy, `${msg} cluster IPs are specified`));
    if (fams.length === 2) errs.push(invalid('spec.ipFamilyPolicy', policy, `${msg} IP families are specified`));
  }
  for (let i = 0; i < ips.length && ips[i] !== 'None'; i++) {
    if (i < fams.length) continue;
    const fam = familyOf(ips[i]);
    if (fam === 'IPv4') fams.push(fam);
    else errs.push(invalid(`spec.clusterIPs[${i}]`, goStringSlice(ips), `${fam} is not configured on this cluster`));
  }
  if (errs.length > 0) return errs;
  if (spec.clusterIP === 'None' && selectorless) {
    if (fams.length === 0) fams.push('IPv4');
    if (fams.length < 2 && policy !== 'SingleStack') fams.push(fams[0] === 'IPv4' ? 'IPv6' : 'IPv4');
    spec.ipFamilies = fams;
    return [];
  }
  if (policy === 'RequireDualStack') errs.push(invalid('spec.ipFamilyPolicy', policy, 'this cluster is not configured for dual-stack services'));
  fams.forEach((fam, i) => {
    if (fam !== 'IPv4') errs.push(invalid(`spec.ipFamilies[${i}]`, fam, 'not configured on this cluster'));
  });
  if (errs.length > 0) return errs;
  spec.ipFamilies = fams.length === 0 ? ['IPv4'] : fams;
  return [];
}

/** validateServicePort */
function validateServicePort(p: Dict, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(p.name);
  if (requireName && name === '') errs.push(required(`${path}.name`));
  else if (name !== '') {
    errs.push(...isDNS1123Label(name).map((m) => invalid(`${path}.name`, name, m)));
    if (names.has(name)) errs.push(duplicate(`${path}.name`, name));
    else names.add(name);
  }
  const port = int(p.port) ?? 0;
  errs.push(...isValidPortNum(port).map((m) => invalid(`${path}.port`, port, m)));
  const protocol = str(p.protocol);
  if (protocol === '') errs.push(required(`${path}.protocol`));
  else if (!PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(`${path}.protocol`, protocol, PORT_PROTOCOLS));
  errs.push(...validatePortNumOrName(p.targetPort, `${path}.targetPort`));
  if (typeof p.appProtocol === 'string') errs.push(...isQualifiedName(p.appProtocol).map((m) => invalid(`${path}.appProtocol`, p.appProtocol, m)));
  return errs;
}

/** The type-specific checks near the top of ValidateService. */
function validateTypeSpecific(spec: Dict): FieldError[] {
  const ips = arr(spec.clusterIPs).map(str);
  switch (spec.type) {
    case 'LoadBalancer':
    case 'NodePort':
      return isHeadless(spec) ? [invalid('spec.clusterIPs[0]', ips[0], `may not be set to 'None' for ${str(spec.type)} services`)] : [];
    case 'ExternalName': {
      const errs: FieldError[] = [];
      if (ips.length > 0) errs.push(forbiddenField('spec.clusterIPs', 'may not be set for ExternalName services'));
      if (arr(spec.ipFamilies).length > 0) errs.push(forbiddenField('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) {
        errs.push(forbiddenField('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      }
      const cname = str(spec.externalName).replace(/\.$/, '');
      if (cname === '') errs.push(required('spec.externalName'));
      else errs.push(...isDNS1123Subdomain(cname).map((m) => invalid('spec.externalName', cname, m)));
      return errs;
    }
    default:
      return [];
  }
}

function validateSessionAffinity(spec: Dict): FieldError[] {
  const affinity = str(spec.sessionAffinity);
  if (affinity === '') return [required('spec.sessionAffinity')];
  if (affinity !== 'ClientIP' && affinity !== 'None') return [notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None'])];
  const cfgPath = 'spec.sessionAffinityConfig';
  if (affinity === 'None') return isDict(spec.sessionAffinityConfig) ? [forbiddenField(cfgPath, 'must not be set when session affinity is None')] : [];
  const why = 'when session affinity type is ClientIP';
  if (!isDict(spec.sessionAffinityConfig)) return [required(cfgPath, why)];
  if (!isDict(spec.sessionAffinityConfig.clientIP)) return [required(`${cfgPath}.clientIP`, why)];
  const timeout = int(spec.sessionAffinityConfig.clientIP.timeoutSeconds);
  if (timeout === undefined) return [required(`${cfgPath}.clientIP.timeoutSeconds`, why)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
    return [invalid(`${cfgPath}.clientIP.timeoutSeconds`, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
  }
  return [];
}

/** ValidateNonSpecialIP for IPv4 external IPs. */
function validateExternalIP(ip: string, path: string): FieldError[] {
  const bad = validateIP(ip, path);
  if (bad.length > 0) return bad;
  const v4 = parseIP(ip)?.v4;
  if (v4 === undefined) return [];
  const first = v4 >>> 24;
  if (v4 === 0) return [invalid(path, ip, `may not be unspecified (${ip})`)];
  if (first === 127) return [invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  if (v4 >>> 16 === (169 << 8) + 254) return [invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
  if (v4 >>> 8 === 224 << 16) return [invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
  return [];
}

/** Duplicate (protocol, nodePort) and (protocol, port) pairs. */
function validatePortUniqueness(ports: readonly Dict[]): FieldError[] {
  const errs: FieldError[] = [];
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = int(p.nodePort) ?? 0;
    if (np === 0) return;
    const key = `${str(p.protocol)}/${np}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, np));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${str(p.protocol)}/${int(p.port) ?? 0}`;
    if (seen.has(key)) errs.push(duplicate(`spec.ports[${i}]`, goServicePort({ protocol: str(p.protocol), port: int(p.port) ?? 0 })));
    seen.add(key);
  });
  return errs;
}

function validateTrafficPolicies(spec: Dict): FieldError[] {
  const errs: FieldError[] = [];
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (etp !== '') errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') errs.push(required('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  const hc = int(spec.healthCheckNodePort) ?? 0;
  if (!needsHealthCheck(spec)) {
    if (hc !== 0) {
      errs.push(invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (hc === 0) errs.push(required('spec.healthCheckNodePort'));
  else errs.push(...isValidPortNum(hc).map((m) => invalid('spec.healthCheckNodePort', hc, m)));
  const itp = spec.internalTrafficPolicy;
  if (itp === undefined || itp === null) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(str(spec.type))) errs.push(required('spec.internalTrafficPolicy'));
  } else if (itp !== 'Cluster' && itp !== 'Local') errs.push(notSupported('spec.internalTrafficPolicy', str(itp), ['Cluster', 'Local']));
  if (typeof spec.trafficDistribution === 'string' && spec.trafficDistribution !== 'PreferClose') {
    errs.push(notSupported('spec.trafficDistribution', spec.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

function validateLoadBalancerFields(spec: Dict): FieldError[] {
  const errs: FieldError[] = [];
  const lb = spec.type === 'LoadBalancer';
  const lbOnly = "may only be used when `type` is 'LoadBalancer'";
  if (arr(spec.loadBalancerSourceRanges).length > 0 && !lb) errs.push(forbiddenField('spec.LoadBalancerSourceRanges', lbOnly));
  const allocate = spec.allocateLoadBalancerNodePorts;
  if (allocate !== undefined && allocate !== null && !lb) errs.push(forbiddenField('spec.allocateLoadBalancerNodePorts', lbOnly));
  if (lb && (allocate === undefined || allocate === null)) errs.push(required('allocateLoadBalancerNodePorts'));
  const cls = spec.loadBalancerClass;
  if (typeof cls === 'string') {
    if (lb) errs.push(...isQualifiedName(cls).map((m) => invalid('spec.loadBalancerClass', cls, m)));
    else errs.push(forbiddenField('spec.loadBalancerClass', lbOnly));
  }
  return errs;
}

/** ValidateService */
export function validateService(svc: Dict): FieldError[] {
  const spec = dictOf(svc.spec);
  const ports = dicts(spec.ports);
  const errs = validateObjectMeta(dictOf(svc.metadata), true, nameIsDNS1035Label, 'metadata');
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  errs.push(...validateTypeSpecific(spec));
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (spec.selector !== undefined && spec.selector !== null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  errs.push(...validateSessionAffinity(spec));
  errs.push(...validateClusterIPsRelatedFields(spec));
  arr(spec.externalIPs).forEach((ip, i) => errs.push(...validateExternalIP(str(ip), `spec.externalIPs[${i}]`)));
  const type = str(spec.type);
  if (type === '') errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (int(p.nodePort)) errs.push(forbiddenField(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  errs.push(...validatePortUniqueness(ports));
  errs.push(...validateLoadBalancerFields(spec));
  errs.push(...validateTrafficPolicies(spec));
  return errs;
}

/** validateUpgradeDowngradeClusterIPs (single-stack subset). */
function validateClusterIPsUpdate(spec: Dict, oldSpec: Dict): FieldError[] {
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  if (isHeadless(spec) && isHeadless(oldSpec)) return [];
  const next = arr(spec.clusterIPs).map(str);
  const prev = arr(oldSpec.clusterIPs).map(str);
  const shown = goStringSlice(next);
  const errs: FieldError[] = [];
  if (prev.length === next.length) {
    prev.forEach((ip, i) => {
      if (ip !== next[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, shown, 'may not change once set'));
    });
  } else if (prev.length > next.length) {
    if (next.length === 0) errs.push(invalid('spec.clusterIPs[0]', shown, 'primary clusterIP can not be unset'));
    else if (next[0] !== prev[0]) errs.push(invalid('spec.clusterIPs[0]', shown, 'may not change once set'));
  } else if (prev.length > 0 && next[0] !== prev[0]) {
    errs.push(invalid('spec.clusterIPs[0]', shown, 'may not change once set'));
  }
  return errs;
}

/** ValidateServiceUpdate */
export function validateServiceUpdate(svc: Dict, old: Dict): FieldError[] {
  const spec = dictOf(svc.spec);
  const oldSpec = dictOf(old.spec);
  const errs = validateObjectMetaUpdate(dictOf(svc.metadata), dictOf(old.metadata), 'metadata');
  errs.push(...validateClusterIPsUpdate(spec, oldSpec));
  if (!isHeadless(spec) && !isHeadless(oldSpec) && spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName') {
    const next = arr(spec.ipFamilies).map(str);
    const prev = arr(oldSpec.ipFamilies).map(str);
    if (next.length === prev.length && prev.some((f, i) => f !== next[i])) {
      errs.push(invalid('spec.ipFamilies[0]', goStringSlice(next, '[]core.IPFamily'), 'may not change once set'));
    }
  }
  if (oldSpec.type === 'LoadBalancer' && spec.type === 'LoadBalancer' && (spec.loadBalancerClass ?? null) !== (oldSpec.loadBalancerClass ?? null)) {
    errs.push(invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? 'null', 'may not change once set'));
  }
  if (needsHealthCheck(oldSpec) && needsHealthCheck(spec) && spec.healthCheckNodePort !== oldSpec.healthCheckNodePort) {
    errs.push(forbiddenField('spec.healthCheckNodePort', 'field is immutable'));
  }
  errs.push(...validateService(svc));
  return errs;
}
