/**
 * Ingress and IngressClass (networking.k8s.io/v1) admission as a v1.31 API server applies it:
 * the Ingress strategy (status reset on create, kept on update; generation), the
 * DefaultIngressClass admission plugin (an Ingress naming no class gets the default class, the
 * newest when several are marked), SetDefaults_IngressClass (parameters.scope Cluster), and
 * pkg/apis/networking/validation: a default backend or rules, hosts that are DNS names (wildcards
 * `*.x`), pathType required and Exact/Prefix paths absolute and clean, a service backend with a
 * name and exactly one of port name or number, TLS hosts and secret names, the class annotation
 * matching ingressClassName; an IngressClass controller that is a domain-prefixed path and never
 * changes.
 *
 * Podlab runs no ingress controller, so nothing ever writes an Ingress's status: its
 * status.loadBalancer stays empty, as on a cluster without a controller.
 */
import { forbiddenField, GoValue, invalid, notSupported, required, tooLong, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import {
  isDNS1123Subdomain,
  isValidPortName,
  isValidPortNum,
  maxLenError,
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
  parseIP,
  regexError,
  validateImmutableField,
  validateNamespaceName,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validatePathSegmentName,
} from '../validation.ts';
import { asDict, bumpGeneration, carryOverSystemMeta, checkMetaStrings, child, dictOf, dicts, isDict, str, type Dict } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

/** The annotation that marks the cluster's default IngressClass. */
export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
/** The deprecated class annotation an Ingress may carry instead of spec.ingressClassName. */
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const PARAMETER_SCOPES = ['Cluster', 'Namespace'];
const MAX_LEN_CONTROLLER = 250;

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const WILDCARD_FMT = `\\*\\.${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const WILDCARD_RE = new RegExp(`^${WILDCARD_FMT}$`);
const WILDCARD_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const HTTP_PATH_RE = new RegExp(`^${HTTP_PATH_FMT}$`);

/** validation.IsWildcardDNS1123Subdomain */
function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!WILDCARD_RE.test(value)) errs.push(regexError(WILDCARD_MSG, WILDCARD_FMT, '*.example.com'));
  return errs;
}

/** A host: a DNS subdomain, or a wildcard one when it has a `*`. */
function hostErrors(host: string): string[] {
  return host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
}

// ---- Ingress ---------------------------------------------------------------------------------

function ingressDefaults(obj: KObject, ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const o = asDict(obj);
  const spec = child(o, 'spec');
  if (old) {
    carryOverSystemMeta(obj, old);
  } else {
    o.status = { loadBalancer: {} };
    admitDefaultClass(obj, spec, ctx);
  }
  bumpGeneration(obj, old);
}

/**
 * The DefaultIngressClass plugin (plugin/pkg/admission/network/defaultingressclass): on create, an
 * Ingress without spec.ingressClassName or the class annotation gets the default class; with
 * several defaults, the most recently created wins.
 */
function admitDefaultClass(obj: KObject, spec: Dict, ctx: AdmissionContext): void {
  if (str(spec.ingressClassName) !== '' || Object.hasOwn(obj.metadata.annotations ?? {}, INGRESS_CLASS_ANNOTATION)) return;
  let chosen: KObject | undefined;
  for (const c of ctx.list('ingressclasses')) {
    if (c.metadata.annotations?.[DEFAULT_INGRESS_CLASS_ANNOTATION] !== 'true') continue;
    const newer = !chosen || (c.metadata.creationTimestamp ?? '') > (chosen.metadata.creationTimestamp ?? '');
    if (newer) chosen = c;
  }
  if (chosen) spec.ingressClassName = chosen.metadata.name;
}

/** validateIngressTypedLocalObjectReference (also IngressClass parameters). */
function validateTypedRef(ref: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (typeof ref.apiGroup === 'string') for (const m of isDNS1123Subdomain(ref.apiGroup)) errs.push(invalid(`${path}.apiGroup`, ref.apiGroup, m));
  for (const key of ['kind', 'name']) {
    const v = str(ref[key]);
    if (v === '') errs.push(required(`${path}.${key}`, ''));
    else for (const m of validatePathSegmentName(v, false)) errs.push(invalid(`${path}.${key}`, v, m));
  }
  return errs;
}

/** validateIngressBackend */
function validateBackend(backend: Dict, path: string): FieldError[] {
  const hasResource = isDict(backend.resource);
  const service = backend.service;
  if (hasResource && isDict(service)) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (hasResource) return validateTypedRef(dictOf(backend.resource), `${path}.resource`);
  if (!isDict(service)) return [invalid(path, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  const name = str(service.name);
  if (name === '') errs.push(required(`${path}.service.name`, ''));
  else for (const m of nameIsDNS1035Label(name, false)) errs.push(invalid(`${path}.service.name`, name, m));
  const port = dictOf(service.port);
  const portName = str(port.name);
  const portNumber = typeof port.number === 'number' ? port.number : 0;
  if (portName !== '' && portNumber !== 0) errs.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (portName !== '') for (const m of isValidPortName(portName)) errs.push(invalid(`${path}.service.port.name`, portName, m));
  else if (portNumber !== 0) for (const m of isValidPortNum(portNumber)) errs.push(invalid(`${path}.service.port.number`, portNumber, m));
  else errs.push(required(path, 'port name or number is required'));
  return errs;
}

/** validateHTTPIngressPath */
function validatePath(p: Dict, path: string): FieldError[] {
  if (p.pathType === undefined || p.pathType === null) return [required(`${path}.pathType`, 'pathType must be specified')];
  const errs: FieldError[] = [];
  const value = str(p.path);
  const pathType = str(p.pathType);
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) errs.push(invalid(`${path}.path`, value, 'must be an absolute path'));
    for (const seq of INVALID_PATH_SEQUENCES) if (value.includes(seq)) errs.push(invalid(`${path}.path`, value, `must not contain '${seq}'`));
    for (const suffix of INVALID_PATH_SUFFIXES) if (value.endsWith(suffix)) errs.push(invalid(`${path}.path`, value, `cannot end with '${suffix}'`));
  } else if (pathType === 'ImplementationSpecific') {
    if (value !== '' && !value.startsWith('/')) errs.push(invalid(`${path}.path`, value, 'must be an absolute path'));
  } else {
    errs.push(notSupported(`${path}.pathType`, pathType, PATH_TYPES));
  }
  errs.push(...validateBackend(dictOf(p.backend), `${path}.backend`));
  return errs;
}

/** validateIngressRules: hosts, then each rule's HTTP paths. */
function validateRules(rules: readonly Dict[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((rule, i) => {
    const host = str(rule.host);
    if (host !== '') {
      if (parseIP(host)) errs.push(invalid(`${path}[${i}].host`, host, 'must be a DNS name, not an IP address'));
      for (const m of hostErrors(host)) errs.push(invalid(`${path}[${i}].host`, host, m));
    }
    if (!isDict(rule.http)) return;
    const paths = dicts(rule.http.paths);
    if (paths.length === 0) errs.push(required(`${path}[${i}].http.paths`, ''));
    paths.forEach((p, j) => errs.push(...validatePath(p, `${path}[${i}].http.paths[${j}]`)));
  });
  return errs;
}

/** validateIngressTLS */
function validateTls(tls: readonly Dict[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tls.forEach((t, i) => {
    (Array.isArray(t.hosts) ? t.hosts : []).forEach((h, j) => {
      for (const m of hostErrors(str(h))) errs.push(invalid(`${path}[${i}].hosts[${j}]`, str(h), m));
    });
    const secret = str(t.secretName);
    if (secret !== '') for (const m of nameIsDNSSubdomain(secret, false)) errs.push(invalid(`${path}[${i}].secretName`, secret, m));
  });
  return errs;
}

/** ValidateIngressSpec */
function validateIngressSpec(spec: Dict): FieldError[] {
  const errs: FieldError[] = [];
  const rules = dicts(spec.rules);
  if (rules.length === 0 && !isDict(spec.defaultBackend)) {
    const shown = Array.isArray(spec.rules) ? new GoValue('[]networking.IngressRule{}') : new GoValue('[]networking.IngressRule(nil)');
    errs.push(invalid('spec', shown, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (isDict(spec.defaultBackend)) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  if (rules.length > 0) errs.push(...validateRules(rules, 'spec.rules'));
  const tls = dicts(spec.tls);
  if (tls.length > 0) errs.push(...validateTls(tls, 'spec.tls'));
  const cls = str(spec.ingressClassName);
  if (cls !== '') for (const m of nameIsDNSSubdomain(cls, false)) errs.push(invalid('spec.ingressClassName', cls, m));
  return errs;
}

/** ValidateIngressCreate / ValidateIngressUpdate */
function validateIngress(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const o = asDict(obj);
  const meta = dictOf(o.metadata);
  const spec = dictOf(o.spec);
  const errs = old ? validateObjectMetaUpdate(meta, dictOf(asDict(old).metadata), 'metadata') : [];
  errs.push(...validateObjectMeta(meta, true, nameIsDNSSubdomain, 'metadata'), ...validateIngressSpec(spec));
  const annotation = obj.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (!old && annotation !== undefined && typeof spec.ingressClassName === 'string' && annotation !== spec.ingressClassName) {
    errs.push(invalid(`annotations.${INGRESS_CLASS_ANNOTATION}`, annotation, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}

// ---- IngressClass ----------------------------------------------------------------------------

function ingressClassDefaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const spec = child(asDict(obj), 'spec');
  // SetDefaults_IngressClass
  if (isDict(spec.parameters) && (spec.parameters.scope === undefined || spec.parameters.scope === null)) spec.parameters.scope = 'Cluster';
  if (old) carryOverSystemMeta(obj, old);
  bumpGeneration(obj, old);
}

/** validation.IsDomainPrefixedPath */
function validateDomainPrefixedPath(value: string, path: string): FieldError[] {
  if (value === '') return [required(path, '')];
  const slash = value.indexOf('/');
  const host = slash < 0 ? '' : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (host === '' || rest === '') return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((m) => invalid(path, host, m));
  if (!HTTP_PATH_RE.test(rest)) errs.push(invalid(path, rest, regexError('Invalid path', HTTP_PATH_FMT)));
  return errs;
}

/** validateIngressClassParametersReference */
function validateParameters(params: Dict, path: string): FieldError[] {
  const errs = validateTypedRef(params, path);
  if (params.scope === undefined || params.scope === null) return [...errs, required(`${path}.scope`, '')];
  const scope = str(params.scope);
  if (!PARAMETER_SCOPES.includes(scope)) return [...errs, notSupported(`${path}.scope`, scope, PARAMETER_SCOPES)];
  const ns = params.namespace;
  if (scope === 'Namespace') {
    if (typeof ns !== 'string') errs.push(required(`${path}.namespace`, "`parameters.scope` is set to 'Namespace'"));
    else for (const m of validateNamespaceName(ns, false)) errs.push(invalid(`${path}.namespace`, ns, m));
  }
  if (scope === 'Cluster' && typeof ns === 'string') errs.push(forbiddenField(`${path}.namespace`, "`parameters.scope` is set to 'Cluster'"));
  return errs;
}

/** ValidateIngressClass */
function validateIngressClassCreate(o: Dict): FieldError[] {
  const errs = validateObjectMeta(dictOf(o.metadata), false, nameIsDNSSubdomain, 'metadata');
  const spec = dictOf(o.spec);
  const controller = str(spec.controller);
  if (controller.length > MAX_LEN_CONTROLLER) errs.push(tooLong('spec.controller', controller, MAX_LEN_CONTROLLER));
  errs.push(...validateDomainPrefixedPath(controller, 'spec.controller'));
  if (isDict(spec.parameters)) errs.push(...validateParameters(spec.parameters, 'spec.parameters'));
  return errs;
}

/** ValidateIngressClassUpdate: metadata, the immutable controller, then the whole class again. */
function validateIngressClass(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const o = asDict(obj);
  if (!old) return validateIngressClassCreate(o);
  const prev = asDict(old);
  return [
    ...validateObjectMetaUpdate(dictOf(o.metadata), dictOf(prev.metadata), 'metadata'),
    ...validateImmutableField(str(dictOf(o.spec).controller), str(dictOf(prev.spec).controller), 'spec.controller'),
    ...validateIngressClassCreate(o),
  ];
}

export const ingressAdmission: KindAdmission = { defaults: ingressDefaults, validate: validateIngress };
export const ingressClassAdmission: KindAdmission = { defaults: ingressClassDefaults, validate: validateIngressClass };
