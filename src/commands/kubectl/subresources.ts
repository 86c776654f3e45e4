/**
 * `kubectl get --subresource=status|scale` (KEP-2590): the client refuses other names and bulk
 * selections; the API server serves `status` for kinds with a status endpoint (the object itself)
 * and `scale` for the scalable workloads (an autoscaling/v1 Scale built from the object). Any
 * other kind answers 404 for the unknown path.
 */
import { StatusError } from '../../engine/api/errors.ts';
import type { ResourceType } from '../../engine/api/resources.ts';
import type { KObject, LabelSelector } from '../../engine/api/types.ts';
import { labelSelectorString, labelsString } from '../printers/selector.ts';
import { CommandError } from '../types.ts';

export type Subresource = '' | 'status' | 'scale';

/** Kinds whose registry serves `/scale` (deployments, replicasets, statefulsets, replicationcontrollers). */
const SCALABLE_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** The autoscaling/v1 Scale kind, for printing (`scale.autoscaling/web` with -o name). */
export function scaleType(of: ResourceType): ResourceType {
  return { ...of, kind: 'Scale', group: 'autoscaling', version: 'v1', apiVersion: 'autoscaling/v1', plural: 'scale', singular: 'scale', shortNames: [], categories: [], otherApiVersions: [] };
}

/** `--subresource`'s value, checked as kubectl's Validate does. */
export function parseSubresource(value: string): Subresource {
  if (value === '' || value === 'status' || value === 'scale') return value;
  throw new CommandError(`error: invalid subresource value: ${JSON.stringify(value)}. Must be one of [status scale]`);
}

/** The subresource of a fetched object, as the API server answers GET .../NAME/SUBRESOURCE. */
export function readSubresource(rt: ResourceType, obj: KObject, sub: Exclude<Subresource, ''>): KObject {
  const served = sub === 'status' ? rt.hasStatus : SCALABLE_KINDS.has(rt.kind);
  if (!served) throw new StatusError('NotFound', 'the server could not find the requested resource', 404);
  return sub === 'status' ? obj : scaleOf(obj);
}

/** The registries' scaleFromX: the owner's identity, spec.replicas, status.replicas and its selector as a string. */
function scaleOf(obj: KObject): KObject {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (obj.status ?? {}) as { replicas?: number };
  const selector = obj.kind === 'ReplicationController' ? labelsString(spec.selector as Record<string, string> | undefined) : (labelSelectorString(spec.selector as LabelSelector | undefined) ?? '');
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  const scaleStatus: Record<string, unknown> = { replicas: status.replicas ?? 0 };
  if (selector !== '') scaleStatus.selector = selector;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: scaleStatus,
  } as KObject;
}
