/**
 * `kubectl get priorityclasses` columns, following printers.go `printPriorityClass` as served by a
 * v1.31 API server: NAME, VALUE, GLOBAL-DEFAULT, AGE. (The PreemptionPolicy column arrived in
 * v1.32, kubernetes/kubernetes#126529; v1.31 has no wide columns for PriorityClass.)
 */
import { translateTimestampSince } from './age.ts';
import { asNumber, asString, type ResourcePrinter } from './column-types.ts';

/** PriorityClass table printer: VALUE as an integer, GLOBAL-DEFAULT as Go prints a bool. */
export const priorityClassPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Value' }, { name: 'Global-Default' }, { name: 'Age' }],
  row(pc, ctx) {
    return [
      asString(pc.metadata.name),
      String(asNumber(pc.value)),
      pc.globalDefault === true ? 'true' : 'false',
      translateTimestampSince(pc.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};
