/**
 * RBAC (rbac.authorization.k8s.io/v1) admission as a v1.31 API server applies it to Role,
 * ClusterRole, RoleBinding and ClusterRoleBinding: the v1 defaults (SetDefaults_RoleBinding /
 * ClusterRoleBinding give roleRef.apiGroup the RBAC group; SetDefaults_Subject gives User and Group
 * subjects that group too) and pkg/apis/rbac/validation: names are path segments, rules need
 * verbs and either resources with API groups or (cluster-wide only) non-resource URLs, a roleRef
 * is `rbac.authorization.k8s.io` Role/ClusterRole and cannot change, subjects are
 * User/Group/ServiceAccount. The registry's escalation check (a user may only grant what they
 * hold) always passes: Podlab's user is cluster-admin.
 */
import { GoValue, goQuote, invalid, notSupported, required, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import {
  goStringSlice,
  labelSelectorAsSelector,
  nameIsDNSSubdomain,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validatePathSegmentName,
} from '../validation.ts';
import { arr, asDict, carryOverSystemMeta, checkMetaStrings, dictOf, dicts, isDict, str, type Dict } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

/** rbac.GroupName */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** ValidateRBACName: any name that can be a URL path segment (`system:controller:x` is fine). */
const validateRbacName = validatePathSegmentName;

function defaultRoleRef(obj: KObject): void {
  const o = asDict(obj);
  const ref = dictOf(o.roleRef);
  o.roleRef = ref;
  if (str(ref.apiGroup) === '') ref.apiGroup = RBAC_GROUP;
}

function defaultSubjects(obj: KObject): void {
  for (const s of dicts(asDict(obj).subjects)) {
    if (str(s.apiGroup) === '' && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
  }
}

/**
 * Role.rules and PolicyRule.verbs have no omitempty: the server stores and returns `rules: null`
 * for a role without rules (an aggregated ClusterRole before the controller fills it).
 */
function roleDefaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const o = asDict(obj);
  if (!Array.isArray(o.rules)) o.rules = null;
  for (const rule of dicts(o.rules)) if (!Array.isArray(rule.verbs)) rule.verbs = null;
  if (old) carryOverSystemMeta(obj, old);
}

function bindingDefaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  defaultRoleRef(obj);
  defaultSubjects(obj);
  if (old) carryOverSystemMeta(obj, old);
}

/** ValidatePolicyRule */
function validatePolicyRule(rule: Dict, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (arr(rule.verbs).length === 0) errs.push(required(`${path}.verbs`, 'verbs must contain at least one value'));
  const urls = arr(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) errs.push(invalid(`${path}.nonResourceURLs`, goStringSlice(urls), 'namespaced rules cannot apply to non-resource URLs'));
    if (arr(rule.apiGroups).length > 0 || arr(rule.resources).length > 0 || arr(rule.resourceNames).length > 0) {
      errs.push(invalid(`${path}.nonResourceURLs`, goStringSlice(urls), 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (arr(rule.apiGroups).length === 0) errs.push(required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (arr(rule.resources).length === 0) errs.push(required(`${path}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

function validateRules(o: Dict, namespaced: boolean): FieldError[] {
  return arr(o.rules).flatMap((r, i) => validatePolicyRule(dictOf(r), namespaced, `rules[${i}]`));
}

/** ValidateObjectMeta, plus ValidateObjectMetaUpdate on update (the update validators run both). */
function metaErrors(o: Dict, namespaced: boolean, old: KObject | undefined): FieldError[] {
  const errs = validateObjectMeta(dictOf(o.metadata), namespaced, validateRbacName, 'metadata');
  if (old) errs.push(...validateObjectMetaUpdate(dictOf(o.metadata), dictOf(asDict(old).metadata), 'metadata'));
  return errs;
}

/** ValidateRole / ValidateRoleUpdate */
function validateRole(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const o = asDict(obj);
  return [...metaErrors(o, true, old), ...validateRules(o, true)];
}

/** ValidateClusterRole / ValidateClusterRoleUpdate, including the aggregation rule's selectors. */
function validateClusterRole(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const o = asDict(obj);
  const errs = validateRules(o, false);
  if (isDict(o.aggregationRule)) {
    const selectors = arr(o.aggregationRule.clusterRoleSelectors);
    if (selectors.length === 0) {
      errs.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    }
    selectors.forEach((sel, i) => {
      const path = `aggregationRule.clusterRoleSelectors[${i}]`;
      const selErrs = validateLabelSelector(sel, path);
      errs.push(...selErrs);
      if (selErrs.length === 0 && labelSelectorAsSelector(sel) === undefined) errs.push(invalid(path, sel, 'invalid label selector.'));
    });
  }
  return [...metaErrors(o, false, old), ...errs];
}

/** ValidateServiceAccountName (a DNS subdomain). */
const validateServiceAccountName = nameIsDNSSubdomain;

/** ValidateRoleBindingSubject */
function validateSubject(s: Dict, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(s.name);
  const apiGroup = str(s.apiGroup);
  if (name === '') errs.push(required(`${path}.name`, ''));
  switch (s.kind) {
    case 'ServiceAccount':
      if (name !== '') for (const m of validateServiceAccountName(name, false)) errs.push(invalid(`${path}.name`, name, m));
      if (apiGroup !== '') errs.push(notSupported(`${path}.apiGroup`, apiGroup, ['']));
      if (!namespaced && str(s.namespace) === '') errs.push(required(`${path}.namespace`, ''));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) errs.push(notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(`${path}.kind`, str(s.kind), ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

/** Go's %#v of an rbac.RoleRef, the bad value of `cannot change roleRef`. */
function goRoleRef(ref: Dict): GoValue {
  return new GoValue(`rbac.RoleRef{APIGroup:${goQuote(str(ref.apiGroup))}, Kind:${goQuote(str(ref.kind))}, Name:${goQuote(str(ref.name))}}`);
}

/** What ValidateRoleBinding and ValidateClusterRoleBinding share; `kinds` are the roleRef kinds allowed. */
function validateBinding(obj: KObject, namespaced: boolean, kinds: string[], old?: KObject): FieldError[] {
  const o = asDict(obj);
  const errs = metaErrors(o, namespaced, undefined);
  const ref = dictOf(o.roleRef);
  if (str(ref.apiGroup) !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', str(ref.apiGroup), [RBAC_GROUP]));
  if (!kinds.includes(str(ref.kind))) errs.push(notSupported('roleRef.kind', str(ref.kind), kinds));
  const refName = str(ref.name);
  if (refName === '') errs.push(required('roleRef.name', ''));
  else for (const m of validateRbacName(refName, false)) errs.push(invalid('roleRef.name', refName, m));
  dicts(o.subjects).forEach((s, i) => errs.push(...validateSubject(s, namespaced, `subjects[${i}]`)));
  if (old) {
    // ValidateRoleBindingUpdate: the full validation, then the metadata update, then the roleRef.
    errs.push(...validateObjectMetaUpdate(dictOf(o.metadata), dictOf(asDict(old).metadata), 'metadata'));
    const prev = dictOf(asDict(old).roleRef);
    if (str(prev.apiGroup) !== str(ref.apiGroup) || str(prev.kind) !== str(ref.kind) || str(prev.name) !== refName) {
      errs.push(invalid('roleRef', goRoleRef(ref), 'cannot change roleRef'));
    }
  }
  return errs;
}

/*
 * `assignsUid` lets the cluster bootstrap give the default roles and bindings UIDs from their own
 * seeded PRNG (cluster/rbac-defaults.ts), so seeding them does not shift the simulation's random
 * sequence; an object created without a UID gets one from the store as usual. (The real API
 * server ignores a client's UID.)
 */
export const roleAdmission: KindAdmission = { defaults: roleDefaults, validate: validateRole, assignsUid: true };
export const clusterRoleAdmission: KindAdmission = { defaults: roleDefaults, validate: validateClusterRole, assignsUid: true };
export const roleBindingAdmission: KindAdmission = {
  defaults: bindingDefaults,
  validate: (obj, _ctx, old) => validateBinding(obj, true, ['Role', 'ClusterRole'], old),
  assignsUid: true,
};
export const clusterRoleBindingAdmission: KindAdmission = {
  defaults: bindingDefaults,
  validate: (obj, _ctx, old) => validateBinding(obj, false, ['ClusterRole'], old),
  assignsUid: true,
};
