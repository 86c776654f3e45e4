import type { Prng } from '../../kernel/prng.ts';
import type { FieldError, StatusError } from '../errors.ts';
import type { KObject } from '../types.ts';

/** What admission code may see of the cluster: read-only lookups and the seeded PRNG. */
export interface AdmissionContext {
  operation: 'CREATE' | 'UPDATE';
  /** Simulated now, milliseconds since the simulation epoch. */
  now: number;
  /** The simulation PRNG (for allocations Kubernetes makes at random: cluster IPs, node ports). */
  prng: Prng;
  /** Every stored object of a resource (plural name, e.g. 'services'), all namespaces. */
  list(resource: string): readonly KObject[];
  /**
   * The stored object of a resource by namespace and name (cluster-scoped: namespace ''), as a
   * lookup in `list` would find it. Optional: without it, admission scans `list`.
   */
  get?(resource: string, namespace: string, name: string): KObject | undefined;
}

/**
 * Per-kind admission, mirroring the API server's strategy for that kind: `defaults` is
 * SetDefaults_* plus PrepareForCreate/PrepareForUpdate (mutates the object in place, which is a
 * private copy); `validate` is ValidateX / ValidateXUpdate and returns every field error.
 */
export interface KindAdmission {
  defaults?(obj: KObject, ctx: AdmissionContext, old?: KObject): void;
  validate?(obj: KObject, ctx: AdmissionContext, old?: KObject): FieldError[];
  /**
   * `defaults` sets metadata.uid on create (the API server fills the UID in before the strategy,
   * and the Job strategy generates its selector from it); the store keeps that UID.
   */
  assignsUid?: boolean;
  /**
   * `defaults` writes only top-level fields of metadata and spec on update, never inside them, so
   * the store may keep the input's frozen subtrees (a Lease's ownerReferences) instead of copying.
   */
  sharesFrozenOnUpdate?: boolean;
  /** Refuses a delete the kind's registry does not allow (system PriorityClasses). */
  validateDelete?(obj: KObject): StatusError | undefined;
}
