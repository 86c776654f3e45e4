/**
 * Namespace admission: SetDefaults_Namespace (the `kubernetes.io/metadata.name` label), the
 * namespace strategy's PrepareForCreate (status Active, the `kubernetes` finalizer) and
 * PrepareForUpdate (spec.finalizers and status only change through their subresources), and
 * ValidateNamespace / ValidateNamespaceUpdate.
 */
import { invalid, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { isQualifiedName, validateNamespaceName, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { arr, asDict, carryOverSystemMeta, checkMetaStrings, child, dictOf, str } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

/** v1.LabelMetadataName */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const meta = obj.metadata ?? (obj.metadata = {});
  if (meta.name) meta.labels = { ...(meta.labels ?? {}), [NAMESPACE_NAME_LABEL]: meta.name };
  const ns = asDict(obj);
  const spec = child(ns, 'spec');
  if (old) {
    carryOverSystemMeta(obj, old);
    const prev = asDict(old);
    spec.finalizers = dictOf(prev.spec).finalizers;
    if (spec.finalizers === undefined) delete spec.finalizers;
    ns.status = prev.status ?? { phase: 'Active' };
    return;
  }
  const finalizers = arr(spec.finalizers).map(str);
  if (!finalizers.includes('kubernetes')) finalizers.push('kubernetes');
  spec.finalizers = finalizers;
  ns.status = { phase: 'Active' };
}

/** validateFinalizerName, reported (as in Go) on `spec.finalizers` without an index. */
function validateFinalizerName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
    errs.push(invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const ns = asDict(obj);
  if (old) return validateObjectMetaUpdate(dictOf(ns.metadata), dictOf(asDict(old).metadata), 'metadata');
  const errs = validateObjectMeta(dictOf(ns.metadata), false, validateNamespaceName, 'metadata');
  for (const f of arr(dictOf(ns.spec).finalizers)) errs.push(...validateFinalizerName(str(f), 'spec.finalizers'));
  return errs;
}

/** Namespace admission (defaults + validation), as a v1.31 API server applies it. */
export const namespaceAdmission: KindAdmission = { defaults, validate };
