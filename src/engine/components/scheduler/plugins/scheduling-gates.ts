/**
 * SchedulingGates (PreEnqueue): a pod with `spec.schedulingGates` stays out of activeQ until every
 * gate is removed (the API server marks it PodScheduled=False, reason SchedulingGated).
 */
import { unresolvable, type PluginFactory, type PreEnqueuePlugin } from '../framework/types.ts';

export const NAME = 'SchedulingGates';

export const schedulingGates: PluginFactory = (): PreEnqueuePlugin => ({
  name: NAME,
  events: [{ resource: 'Pod', action: 'Update' }],
  preEnqueue(pod) {
    const gates = (pod.spec.schedulingGates as { name: string }[] | undefined) ?? [];
    if (gates.length === 0) return null;
    return unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
  },
});
