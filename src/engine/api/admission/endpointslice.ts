/**
 * Admission for the two endpoint kinds: core/v1 Endpoints and discovery.k8s.io/v1 EndpointSlice
 * (pkg/apis/core/validation ValidateEndpoints*, pkg/apis/discovery/validation, and the
 * EndpointSlice strategy: generation 1 on create, +1 when anything but metadata changes). Also
 * the object shapes, which the endpoint controllers write and kube-proxy / DNS read.
 */
import { invalid, notSupported, required, type FieldError } from '../errors.ts';
import type { KObject, ObjectMeta } from '../types.ts';
import {
  deepEqual,
  isDNS1123Label,
  isValidPortNum,
  nameIsDNSSubdomain,
  validateIP,
  validateImmutableField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../validation.ts';
import { arr, asDict, carryOverSystemMeta, checkMetaStrings, dictOf, dicts, int, isDict, str } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

/** A reference to the pod behind an address (core/v1 ObjectReference, as the controllers fill it). */
export interface EndpointTargetRef {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

/** discovery/v1 EndpointConditions. */
export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

/** discovery/v1 Endpoint: one pod's addresses and state. */
export interface SliceEndpoint {
  addresses: string[];
  conditions: EndpointConditions;
  hostname?: string;
  targetRef?: EndpointTargetRef;
  nodeName?: string;
  zone?: string;
}

/** discovery/v1 EndpointPort (every field optional on the wire). */
export interface SlicePort {
  name?: string;
  protocol?: string;
  port?: number;
  appProtocol?: string;
}

/** discovery.k8s.io/v1 EndpointSlice. `endpoints`/`ports` are null when empty, as the API server stores them. */
export interface EndpointSlice extends KObject {
  kind: 'EndpointSlice';
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: SliceEndpoint[] | null;
  ports: SlicePort[] | null;
}

/** core/v1 EndpointAddress. */
export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: EndpointTargetRef;
}

/** core/v1 EndpointPort. */
export interface EndpointsPort {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
}

/** core/v1 EndpointSubset. */
export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointsPort[];
}

/** core/v1 Endpoints (named like its Service). */
export interface Endpoints extends KObject {
  kind: 'Endpoints';
  metadata: ObjectMeta;
  subsets?: EndpointSubset[];
}

/** discovery/v1 label naming the Service a slice belongs to. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** discovery/v1 label naming the controller that manages a slice. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** core/v1 IsHeadlessService label. */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
/** discovery validation limits. */
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20_000;

const tooMany = (field: string, n: number, max: number): FieldError => ({ type: 'Too many', field, badValue: n, detail: `must have at most ${max} items` });

function defaultsSlice(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const d = asDict(obj);
  for (const p of dicts(d.ports)) if (p.protocol === undefined || p.protocol === null) p.protocol = 'TCP';
  // The API server stores empty lists as null (protobuf has no empty list).
  if (arr(d.endpoints).length === 0) d.endpoints = null;
  if (arr(d.ports).length === 0) d.ports = null;
  if (!old) return;
  carryOverSystemMeta(obj, old);
  const o = asDict(old);
  const changed = d.addressType !== o.addressType || !deepEqual(d.endpoints, o.endpoints) || !deepEqual(d.ports, o.ports);
  if (changed) obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
}

function validateSlicePorts(ports: readonly unknown[]): FieldError[] {
  const errs: FieldError[] = [];
  if (ports.length > MAX_PORTS) errs.push(tooMany('ports', ports.length, MAX_PORTS));
  const names = new Set<string>();
  ports.forEach((raw, i) => {
    const p = dictOf(raw);
    const path = `ports[${i}]`;
    const name = str(p.name);
    if (name !== '') errs.push(...isDNS1123Label(name).map((m) => invalid(`${path}.name`, name, m)));
    if (names.has(name)) errs.push({ type: 'Duplicate value', field: `${path}.name`, badValue: name });
    names.add(name);
    const protocol = str(p.protocol);
    if (protocol === '') errs.push(required(`${path}.protocol`));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(`${path}.protocol`, protocol, PROTOCOLS));
    const port = int(p.port);
    if (port !== undefined) errs.push(...isValidPortNum(port).map((m) => invalid(`${path}.port`, port, m)));
  });
  return errs;
}

function validateSliceEndpoint(e: Record<string, unknown>, addressType: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const addresses = arr(e.addresses).map(str);
  if (addresses.length === 0) errs.push(required(`${path}.addresses`, 'must contain at least 1 address'));
  else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(`${path}.addresses`, addresses.length, MAX_ADDRESSES));
  addresses.forEach((a, i) => {
    if (addressType === 'IPv4' || addressType === 'IPv6') errs.push(...validateIP(a, `${path}.addresses[${i}]`));
  });
  if (typeof e.hostname === 'string') errs.push(...isDNS1123Label(e.hostname).map((m) => invalid(`${path}.hostname`, e.hostname, m)));
  if (typeof e.nodeName === 'string') errs.push(...nameIsDNSSubdomain(e.nodeName, false).map((m) => invalid(`${path}.nodeName`, e.nodeName, m)));
  return errs;
}

function validateSlice(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const d = asDict(obj);
  const meta = dictOf(d.metadata);
  const errs = old ? validateObjectMetaUpdate(meta, dictOf(asDict(old).metadata), 'metadata') : validateObjectMeta(meta, true, nameIsDNSSubdomain, 'metadata');
  const addressType = str(d.addressType);
  if (addressType === '') errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(addressType)) errs.push(notSupported('addressType', addressType, ADDRESS_TYPES));
  const endpoints = arr(d.endpoints);
  if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany('endpoints', endpoints.length, MAX_ENDPOINTS));
  endpoints.forEach((e, i) => errs.push(...validateSliceEndpoint(dictOf(e), addressType, `endpoints[${i}]`)));
  errs.push(...validateSlicePorts(arr(d.ports)));
  if (old) errs.push(...validateImmutableField(d.addressType, asDict(old).addressType, 'addressType'));
  return errs;
}

/** EndpointSlice admission (defaults, generation, validation). */
export const endpointSliceAdmission: KindAdmission = { defaults: defaultsSlice, validate: validateSlice };

function defaultsEndpoints(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  for (const s of dicts(asDict(obj).subsets)) for (const p of dicts(s.ports)) if (!p.protocol) p.protocol = 'TCP';
  if (old) carryOverSystemMeta(obj, old);
}

function validateAddress(a: Record<string, unknown>, path: string): FieldError[] {
  const errs = validateIP(str(a.ip), `${path}.ip`);
  if (typeof a.hostname === 'string' && a.hostname !== '') errs.push(...isDNS1123Label(a.hostname).map((m) => invalid(`${path}.hostname`, a.hostname, m)));
  if (typeof a.nodeName === 'string' && a.nodeName !== '') errs.push(...nameIsDNSSubdomain(a.nodeName, false).map((m) => invalid(`${path}.nodeName`, a.nodeName, m)));
  return errs;
}

/** validateEndpointSubsets: addresses, then ports (names required when there are several). */
function validateSubset(s: Record<string, unknown>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const addresses = dicts(s.addresses);
  const notReady = dicts(s.notReadyAddresses);
  if (addresses.length === 0 && notReady.length === 0) errs.push(required(path, 'must specify `addresses` or `notReadyAddresses`'));
  addresses.forEach((a, i) => errs.push(...validateAddress(a, `${path}.addresses[${i}]`)));
  notReady.forEach((a, i) => errs.push(...validateAddress(a, `${path}.notReadyAddresses[${i}]`)));
  const ports = dicts(s.ports);
  ports.forEach((p, i) => {
    const pp = `${path}.ports[${i}]`;
    const name = str(p.name);
    if (ports.length > 1 && name === '') errs.push(required(`${pp}.name`));
    else if (name !== '') errs.push(...isDNS1123Label(name).map((m) => invalid(`${pp}.name`, name, m)));
    const port = int(p.port) ?? 0;
    errs.push(...isValidPortNum(port).map((m) => invalid(`${pp}.port`, port, m)));
    const protocol = str(p.protocol);
    if (protocol === '') errs.push(required(`${pp}.protocol`));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(`${pp}.protocol`, protocol, PROTOCOLS));
  });
  return errs;
}

function validateEndpoints(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const d = asDict(obj);
  const meta = dictOf(d.metadata);
  const errs = old ? validateObjectMetaUpdate(meta, dictOf(asDict(old).metadata), 'metadata') : validateObjectMeta(meta, true, nameIsDNSSubdomain, 'metadata');
  arr(d.subsets).forEach((s, i) => {
    if (isDict(s)) errs.push(...validateSubset(s, `subsets[${i}]`));
  });
  return errs;
}

/** Endpoints admission (defaults + validation). */
export const endpointsAdmission: KindAdmission = { defaults: defaultsEndpoints, validate: validateEndpoints };
