/**
 * NetworkPolicy (networking.k8s.io/v1) admission as a v1.31 API server applies it:
 * SetDefaults_NetworkPolicy (policyTypes Ingress, plus Egress when egress rules are given;
 * ports default to TCP) and ValidateNetworkPolicy (pkg/apis/networking/validation): selectors,
 * peers, ports, ipBlocks and policyTypes, with Kubernetes' field-error wording.
 */
import { forbiddenField, invalid, notSupported, required, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { isValidPortName, nameIsDNSSubdomain, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { arr, asDict, bumpGeneration, carryOverSystemMeta, checkMetaStrings, dictOf, dicts, isDict, str, type Dict } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const POLICY_TYPES = ['Egress', 'Ingress'];

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const spec = dictOf(asDict(obj).spec);
  asDict(obj).spec = spec;
  if (arr(spec.policyTypes).length === 0) spec.policyTypes = arr(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  for (const dir of ['ingress', 'egress']) {
    for (const rule of dicts(spec[dir])) for (const p of dicts(rule.ports)) if (p.protocol === undefined || p.protocol === null) p.protocol = 'TCP';
  }
  if (old) carryOverSystemMeta(obj, old);
  bumpGeneration(obj, old);
}

/** A CIDR in dotted-quad form: `10.0.0.0/16`. */
function parseCidr(text: string): { base: number; bits: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) return undefined;
  return { base: ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0, bits: Number(m[5]) };
}

const CIDR_HINT = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function validateIpBlock(b: Dict, path: string): FieldError[] {
  const cidr = str(b.cidr);
  if (cidr === '') return [required(`${path}.cidr`, '')];
  const outer = parseCidr(cidr);
  if (!outer) return [invalid(`${path}.cidr`, cidr, CIDR_HINT)];
  const errs: FieldError[] = [];
  arr(b.except).forEach((e, i) => {
    const inner = parseCidr(str(e));
    const mask = (bits: number) => (bits === 0 ? 0 : (~((1 << (32 - bits)) - 1)) >>> 0);
    if (!inner) errs.push(invalid(`${path}.except[${i}]`, e, CIDR_HINT));
    else if (inner.bits <= outer.bits || ((inner.base & mask(outer.bits)) >>> 0) !== ((outer.base & mask(outer.bits)) >>> 0)) {
      errs.push(invalid(`${path}.except[${i}]`, e, 'must be a strict subset of `cidr`'));
    }
  });
  return errs;
}

function validatePeer(peer: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let peers = 0;
  if (isDict(peer.podSelector)) {
    peers++;
    errs.push(...validateLabelSelector(peer.podSelector, `${path}.podSelector`));
  }
  if (isDict(peer.namespaceSelector)) {
    peers++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, `${path}.namespaceSelector`));
  }
  if (isDict(peer.ipBlock)) {
    peers++;
    errs.push(...validateIpBlock(peer.ipBlock, `${path}.ipBlock`));
  }
  if (peers === 0) errs.push(required(path, 'must specify a peer'));
  else if (peers > 1 && isDict(peer.ipBlock)) errs.push(forbiddenField(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validatePort(p: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const protocol = str(p.protocol);
  if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(`${path}.protocol`, protocol, PROTOCOLS));
  if (typeof p.port === 'number') {
    if (p.port < 1 || p.port > 65535) errs.push(invalid(`${path}.port`, p.port, 'must be between 1 and 65535, inclusive'));
    if (typeof p.endPort === 'number' && p.endPort < p.port) errs.push(invalid(`${path}.endPort`, p.endPort, 'must be greater than or equal to `port`'));
  } else if (typeof p.port === 'string') {
    errs.push(...isValidPortName(p.port).map((m) => invalid(`${path}.port`, p.port, m)));
    if (p.endPort !== undefined) errs.push(invalid(`${path}.endPort`, p.endPort, 'may not be specified when `port` is non-numeric'));
  } else if (p.endPort !== undefined) errs.push(required(`${path}.port`, 'must be specified when `endPort` is specified'));
  return errs;
}

/** ValidateNetworkPolicySpec */
function validateSpec(spec: Dict): FieldError[] {
  const errs = validateLabelSelector(spec.podSelector ?? {}, 'spec.podSelector');
  for (const [dir, peerKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    dicts(spec[dir]).forEach((rule, i) => {
      dicts(rule.ports).forEach((p, j) => errs.push(...validatePort(p, `spec.${dir}[${i}].ports[${j}]`)));
      dicts(rule[peerKey]).forEach((peer, j) => errs.push(...validatePeer(peer, `spec.${dir}[${i}].${peerKey}[${j}]`)));
    });
  }
  const types = arr(spec.policyTypes).map(str);
  types.forEach((t, i) => {
    if (!POLICY_TYPES.includes(t)) errs.push(notSupported(`spec.policyTypes[${i}]`, t, POLICY_TYPES));
  });
  if (types.length > 2) errs.push(invalid('spec.policyTypes', types, 'may not specify more than two policyTypes'));
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const o = asDict(obj);
  const meta = old ? validateObjectMetaUpdate(dictOf(o.metadata), dictOf(asDict(old).metadata), 'metadata') : validateObjectMeta(dictOf(o.metadata), true, nameIsDNSSubdomain, 'metadata');
  return [...meta, ...validateSpec(dictOf(o.spec))];
}

export const networkPolicyAdmission: KindAdmission = { defaults, validate };
