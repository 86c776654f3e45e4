/**
 * The validating admission plugins that need more than the object itself, run by the store on
 * create after the kind's validation and name generation (the real chain validates in
 * rest.BeforeCreate, then calls validating admission with the generated name): LimitRanger for
 * pods and PersistentVolumeClaims, then ResourceQuota (always last), which charges the object to
 * its namespace's quotas before it is stored.
 */
import type { KObject } from '../types.ts';
import type { QuotaAccessor } from './resourcequota.ts';
import { late } from '../../late.ts';
import type { AdmissionContext } from './types.ts';

/** What the plugins need of the store: its admission view, the quota count, and status writes. */
export interface ValidatingAdmissionStore {
  count(resource: string): number;
  update(obj: KObject, opts: { subresource: 'status' }): KObject;
}

/** The created object's resource (what admission attributes name). */
export interface AdmittedResource {
  kind: string;
  group: string;
  plural: string;
  namespaced: boolean;
}

function quotaAccess(store: ValidatingAdmissionStore, ctx: AdmissionContext): QuotaAccessor {
  return {
    quotas: (ns) =>
      ctx
        .list('resourcequotas')
        .filter((q) => q.metadata.namespace === ns)
        .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1)),
    updateQuotaStatus: (quota) => void store.update(quota, { subresource: 'status' }),
  };
}

/** Runs the validating plugins for a create; throws the first plugin's Forbidden. */
export function runValidatingAdmission(
  res: AdmittedResource,
  obj: KObject,
  store: ValidatingAdmissionStore,
  ctx: AdmissionContext,
  dryRun: boolean,
): void {
  if (!res.namespaced || res.kind === 'Event') return;
  const limited = res.group === '' && (res.kind === 'Pod' || res.kind === 'PersistentVolumeClaim');
  if (limited && store.count('limitranges') > 0) late().validateLimitRanges(obj, ctx);
  if (store.count('resourcequotas') === 0) return;
  late().admitResourceQuota(quotaAccess(store, ctx), obj, res, ctx.now, dryRun);
}

/** Kinds whose quota evaluators also handle updates: a Service's node ports, a PVC's storage. */
const QUOTA_ON_UPDATE = new Set(['Service', 'PersistentVolumeClaim']);

/**
 * The validating plugins for an update of the main resource: only quota acts (LimitRanger skips
 * pod updates, and PVC updates here change no requests it checks), and only for Services and
 * PVCs, charging the increase over the old object.
 */
export function runValidatingAdmissionUpdate(
  res: AdmittedResource,
  obj: KObject,
  old: KObject,
  store: ValidatingAdmissionStore,
  ctx: AdmissionContext,
  dryRun: boolean,
): void {
  if (res.group !== '' || !QUOTA_ON_UPDATE.has(res.kind) || store.count('resourcequotas') === 0) return;
  late().admitResourceQuota(quotaAccess(store, ctx), obj, res, ctx.now, dryRun, old);
}
