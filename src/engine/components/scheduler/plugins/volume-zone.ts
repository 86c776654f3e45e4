/**
 * VolumeZone: a bound PersistentVolume labelled with a zone or region can only be used from nodes
 * in that zone/region (`node(s) had no available volume zone`). Pods without claims Skip it.
 */
import type { KObject } from '../../../api/types.ts';
import { unresolvable, SKIP, type FilterPlugin, type PluginFactory, type PreFilterPlugin } from '../framework/types.ts';

export const NAME = 'VolumeZone';
const STATE_KEY = 'PreFilter' + NAME;
const TOPOLOGY_LABELS = [
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
];

export const volumeZone: PluginFactory = (_args, handle): PreFilterPlugin & FilterPlugin => ({
  name: NAME,
  events: [
    { resource: 'Node', action: 'Add' },
    { resource: 'Node', action: 'UpdateNodeLabel' },
    { resource: 'PersistentVolumeClaim', action: 'All' },
    { resource: 'PersistentVolume', action: 'All' },
  ],
  preFilter(state, pod) {
    const constraints: [string, string[]][] = [];
    const ns = pod.pod.metadata.namespace ?? '';
    let hasClaim = false;
    for (const v of (pod.pod.spec.volumes as Record<string, unknown>[] | undefined) ?? []) {
      const claimName = (v.persistentVolumeClaim as { claimName?: string } | undefined)?.claimName;
      if (claimName === undefined) continue;
      hasClaim = true;
      if (!handle.hasResource('persistentvolumeclaims')) continue;
      const pvc = handle.get<KObject & { spec?: { volumeName?: string } }>('persistentvolumeclaims', ns, claimName);
      const pv = pvc?.spec?.volumeName ? handle.get('persistentvolumes', '', pvc.spec.volumeName) : undefined;
      for (const key of TOPOLOGY_LABELS) {
        const value = pv?.metadata.labels?.[key];
        if (value !== undefined) constraints.push([key, value.split('__')]);
      }
    }
    if (!hasClaim) return SKIP;
    state.write(STATE_KEY, constraints);
    return null;
  },
  filter(state, _pod, node) {
    for (const [key, values] of state.read<[string, string[]][]>(STATE_KEY) ?? []) {
      const v = node.labels[key];
      if (v === undefined || !values.includes(v)) return unresolvable('node(s) had no available volume zone');
    }
    return null;
  },
  explain(_pod, node) {
    return `a PersistentVolume the pod needs is in another zone than ${node.name}`;
  },
});
