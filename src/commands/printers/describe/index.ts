/**
 * The describers Podlab has, by kind (kubectl's describerMap). Kinds without one are reported by
 * `kubectl describe` as not available yet.
 */
import { describeConfigMapObject } from './configmap.ts';
import { describeNamespaceObject } from './namespace.ts';
import { describeNodeObject } from './node.ts';
import { describePodObject } from './pod.ts';
import { describePriorityClassObject } from './priorityclass.ts';
import { describeSecretObject } from './secret.ts';
import type { Describer } from './types.ts';

export type { DescribeContext, Describer } from './types.ts';

const DESCRIBERS: Readonly<Record<string, Describer>> = {
  '/Pod': describePodObject,
  '/Node': describeNodeObject,
  '/Namespace': describeNamespaceObject,
  '/ConfigMap': describeConfigMapObject,
  '/Secret': describeSecretObject,
  'scheduling.k8s.io/PriorityClass': describePriorityClassObject,
};

/** The describer for a group and kind, if Podlab has one. */
export function describerFor(group: string, kind: string): Describer | undefined {
  return DESCRIBERS[`${group}/${kind}`];
}
