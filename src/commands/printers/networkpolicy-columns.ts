/** NetworkPolicy table printer (printNetworkPolicy): NAME, POD-SELECTOR, AGE. */
import type { LabelSelector } from '../../engine/api/types.ts';
import { translateTimestampSince } from './age.ts';
import { asRecord, asString, type ResourcePrinter } from './column-types.ts';
import { formatLabelSelector } from './selector.ts';

export const networkPolicyPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Pod-Selector' }, { name: 'Age' }],
  row(np, ctx) {
    const selector = asRecord(asRecord(np.spec).podSelector) as LabelSelector;
    return [asString(np.metadata.name), formatLabelSelector(selector), translateTimestampSince(np.metadata.creationTimestamp, ctx.nowMs)];
  },
};
