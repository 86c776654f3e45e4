/**
 * `kubectl describe pdb` (describe.go describePodDisruptionBudgetV1): name, namespace, the one of
 * min available / max unavailable that is set, the selector, the status counters, then events.
 */
import type { KObject, PodDisruptionBudget } from '../../../engine/api/types.ts';
import { formatLabelSelector } from '../selector.ts';
import { describeEvents, searchEvents } from './events.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, LEVEL_2, tabbedString } from './writer.ts';

export function describePodDisruptionBudgetObject(ctx: DescribeContext, obj: KObject): string {
  const pdb = obj as PodDisruptionBudget;
  const spec = pdb.spec ?? {};
  const status = pdb.status ?? { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pdb.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
    if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(LEVEL_0, `Min available:\t${String(spec.minAvailable)}\n`);
    else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(LEVEL_0, `Max unavailable:\t${String(spec.maxUnavailable)}\n`);
    w.write(LEVEL_0, spec.selector ? `Selector:\t${formatLabelSelector(spec.selector)}\n` : 'Selector:\t<unset>\n');
    w.write(LEVEL_0, 'Status:\n');
    w.write(LEVEL_2, `Allowed disruptions:\t${status.disruptionsAllowed ?? 0}\n`);
    w.write(LEVEL_2, `Current:\t${status.currentHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Desired:\t${status.desiredHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Total:\t${status.expectedPods ?? 0}\n`);
    if (ctx.showEvents) {
      const events = searchEvents(ctx, { name: pdb.metadata.name ?? '', namespace: pdb.metadata.namespace ?? '', kind: 'PodDisruptionBudget', uid: pdb.metadata.uid });
      describeEvents(events, w, ctx.nowMs);
    }
  });
}
