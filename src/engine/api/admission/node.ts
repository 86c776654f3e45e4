/**
 * Node admission: SetDefaults_NodeStatus (allocatable defaults to capacity), SetDefaults_ResourceList
 * on capacity/allocatable, the node strategy's PrepareForCreate (configSource dropped), and
 * ValidateNode / ValidateNodeUpdate — including Go's quirk of reporting taint errors under
 * `metadata.taints`.
 */
import { GoValue, duplicate, forbiddenField, goQuote, invalid, notSupported, required, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import {
  isValidLabelValue,
  nameIsDNSSubdomain,
  validateLabelName,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../validation.ts';
import { arr, asDict, carryOverSystemMeta, checkMetaStrings, child, cloneJson, dictOf, dicts, isDict, normalizeResourceList, str, type Dict } from './common.ts';
import { goTaint } from './gofmt.ts';
import { validateResourceQuantityValue } from './resources.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const node = asDict(obj);
  const spec = child(node, 'spec');
  const status = isDict(node.status) ? node.status : undefined;
  if (status) {
    normalizeResourceList(obj, status.capacity);
    normalizeResourceList(obj, status.allocatable);
    if (!isDict(status.allocatable) && isDict(status.capacity)) status.allocatable = cloneJson(status.capacity);
  }
  if (old) {
    carryOverSystemMeta(obj, old);
    return;
  }
  delete spec.configSource;
  if (status) delete status.config;
}

/** validateNodeTaints */
function validateTaints(taints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  dicts(taints).forEach((t, i) => {
    const p = `${path}[${i}]`;
    const key = str(t.key);
    const value = str(t.value);
    const effect = str(t.effect);
    errs.push(...validateLabelName(key, `${p}.key`));
    const msgs = isValidLabelValue(value);
    if (msgs.length > 0) errs.push(invalid(`${p}.value`, value, msgs.join(';')));
    if (effect === '') errs.push(required(`${p}.effect`));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(notSupported(`${p}.effect`, effect, TAINT_EFFECTS));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(key)) {
      errs.push({ ...duplicate(p, goTaint(t)), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(key);
    seen.set(effect, keys);
  });
  return errs;
}

/** ValidateNodeResources: capacity and allocatable quantities. */
function validateResources(node: Dict): FieldError[] {
  const status = dictOf(node.status);
  const errs: FieldError[] = [];
  for (const list of ['capacity', 'allocatable']) {
    for (const [k, v] of Object.entries(dictOf(status[list]))) errs.push(...validateResourceQuantityValue(k, v, `status.${list}.${k}`));
  }
  return errs;
}

function validateCreate(node: Dict): FieldError[] {
  const spec = dictOf(node.spec);
  const errs = validateObjectMeta(dictOf(node.metadata), false, nameIsDNSSubdomain, 'metadata');
  errs.push(...validateTaints(spec.taints, 'metadata.taints'));
  errs.push(...validateResources(node));
  return errs;
}

function validateUpdate(node: Dict, old: Dict): FieldError[] {
  const spec = dictOf(node.spec);
  const oldSpec = dictOf(old.spec);
  const errs = validateObjectMetaUpdate(dictOf(node.metadata), dictOf(old.metadata), 'metadata');
  errs.push(...validateResources(node));
  const seen: Dict[] = [];
  dicts(dictOf(node.status).addresses).forEach((a, i) => {
    if (seen.some((s) => s.type === a.type && s.address === a.address)) {
      errs.push(duplicate(`status.addresses[${i}]`, new GoValue(`core.NodeAddress{Type:${goQuote(str(a.type))}, Address:${goQuote(str(a.address))}}`)));
    }
    seen.push(a);
  });
  const oldCidrs = arr(oldSpec.podCIDRs).map(str);
  const newCidrs = arr(spec.podCIDRs).map(str);
  if (oldCidrs.length > 0 && (oldCidrs.length !== newCidrs.length || oldCidrs.some((c, i) => c !== newCidrs[i]))) {
    errs.push(forbiddenField('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  if (str(oldSpec.providerID) !== '' && str(oldSpec.providerID) !== str(spec.providerID)) {
    errs.push(forbiddenField('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  errs.push(...validateTaints(spec.taints, 'metadata.taints'));
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  return old ? validateUpdate(asDict(obj), asDict(old)) : validateCreate(asDict(obj));
}

/** Node admission (defaults + validation), as a v1.31 API server applies it. */
export const nodeAdmission: KindAdmission = { defaults, validate };
