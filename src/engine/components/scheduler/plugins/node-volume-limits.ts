/**
 * NodeVolumeLimits: a node's CSI driver can attach only so many volumes (CSINode
 * `spec.drivers[].allocatable.count`); `node(s) exceed max volume count`. Podlab has no CSI
 * drivers yet, so only pods whose claims are bound to CSI volumes are checked, and Skip otherwise.
 */
import type { KObject } from '../../../api/types.ts';
import { unschedulable, SKIP, type FilterPlugin, type PluginFactory, type PreFilterPlugin } from '../framework/types.ts';

export const NAME = 'NodeVolumeLimits';
const STATE_KEY = 'PreFilter' + NAME;

interface CsiNode extends KObject {
  spec?: { drivers?: { name: string; allocatable?: { count?: number } }[] };
}

export const nodeVolumeLimits: PluginFactory = (_args, handle): PreFilterPlugin & FilterPlugin => ({
  name: NAME,
  events: [
    { resource: 'Node', action: 'Add' },
    { resource: 'Pod', action: 'Delete' },
  ],
  preFilter(state, pod) {
    const claims = ((pod.pod.spec.volumes as Record<string, unknown>[] | undefined) ?? []).filter((v) => v.persistentVolumeClaim || v.csi || v.ephemeral);
    if (claims.length === 0 || !handle.hasResource('csinodes')) return SKIP;
    state.write(STATE_KEY, claims.length);
    return null;
  },
  filter(state, _pod, node) {
    const wanted = state.read<number>(STATE_KEY) ?? 0;
    const csi = handle.get<CsiNode>('csinodes', '', node.name);
    for (const d of csi?.spec?.drivers ?? []) {
      const limit = d.allocatable?.count;
      if (limit !== undefined && wanted > limit) return unschedulable('node(s) exceed max volume count');
    }
    return null;
  },
  explain() {
    return 'the node cannot attach any more volumes of this kind';
  },
});
