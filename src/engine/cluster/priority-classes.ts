/**
 * The PriorityClasses every cluster has: the API server's scheduling post-start hook creates
 * system-node-critical and system-cluster-critical (in that order) through the API, so admission
 * defaults their preemptionPolicy and the strategy gives them generation 1.
 */
import { SYSTEM_PRIORITY_CLASSES } from '../api/admission/priorityclass.ts';
import type { KObject } from '../api/types.ts';

/** The two system PriorityClass objects, as the bootstrap creates them through the store. */
export function systemPriorityClasses(): KObject[] {
  return SYSTEM_PRIORITY_CLASSES.map((c) => ({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: c.name },
    value: c.value,
    description: c.description,
  }));
}
