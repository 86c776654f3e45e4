/**
 * VolumeRestrictions: a GCE PD, AWS EBS, RBD or iSCSI disk mounted read-write by a pod on a node
 * cannot be used by another pod there (`node(s) had no available disk`). Pods without such volumes
 * Skip the plugin — which, in Podlab, is nearly every pod.
 */
import type { Pod } from '../../../api/types.ts';
import { unschedulable, SKIP, type FilterPlugin, type PluginFactory, type PreFilterPlugin } from '../framework/types.ts';

export const NAME = 'VolumeRestrictions';
const STATE_KEY = 'PreFilter' + NAME;
const DISK_KINDS = ['gcePersistentDisk', 'awsElasticBlockStore', 'rbd', 'iscsi'] as const;

/** `kind:identity` of each exclusive disk a pod mounts read-write. */
function disks(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of (pod.spec.volumes as Record<string, Record<string, unknown> | undefined>[] | undefined) ?? []) {
    for (const kind of DISK_KINDS) {
      const src = v[kind];
      if (!src || src.readOnly === true) continue;
      const id = String(src.pdName ?? src.volumeID ?? src.image ?? src.iqn ?? '');
      out.push(`${kind}:${id}`);
    }
  }
  return out;
}

export const volumeRestrictions: PluginFactory = (): PreFilterPlugin & FilterPlugin => ({
  name: NAME,
  events: [
    { resource: 'Pod', action: 'Delete' },
    { resource: 'Node', action: 'Add' },
  ],
  preFilter(state, pod) {
    const mine = disks(pod.pod);
    if (mine.length === 0) return SKIP;
    state.write(STATE_KEY, new Set(mine));
    return null;
  },
  filter(state, _pod, node) {
    const mine = state.read<Set<string>>(STATE_KEY);
    if (!mine) return null;
    for (const p of node.pods) for (const d of disks(p.pod)) if (mine.has(d)) return unschedulable('node(s) had no available disk');
    return null;
  },
  explain() {
    return 'another pod on this node already uses the same disk read-write';
  },
});
