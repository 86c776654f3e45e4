/**
 * `kubectl describe priorityclass` (describe.go PriorityClassDescriber): value, global default,
 * preemption policy, description, annotations on one line, then events.
 */
import type { KObject } from '../../../engine/api/types.ts';
import { formatLabels } from '../selector.ts';
import { describeEvents, searchEvents } from './events.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, str, tabbedString } from './writer.ts';

export function describePriorityClassObject(ctx: DescribeContext, obj: KObject): string {
  const pc = obj as KObject & { value?: number; globalDefault?: boolean; preemptionPolicy?: string; description?: string };
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pc.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Value:\t${pc.value ?? 0}\n`);
    w.write(LEVEL_0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
    w.write(LEVEL_0, `PreemptionPolicy:\t${str(pc.preemptionPolicy)}\n`);
    w.write(LEVEL_0, `Description:\t${str(pc.description)}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
    if (ctx.showEvents) {
      const events = searchEvents(ctx, { name: pc.metadata.name ?? '', namespace: '', kind: 'PriorityClass', uid: pc.metadata.uid });
      describeEvents(events, w, ctx.nowMs);
    }
  });
}
