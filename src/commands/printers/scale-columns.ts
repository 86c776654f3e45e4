/**
 * `kubectl get TYPE NAME --subresource=scale` columns, as printers.go `printScale` serves them
 * for an autoscaling/v1 Scale: NAME, DESIRED (spec.replicas), AVAILABLE (status.replicas), AGE.
 */
import { translateTimestampSince } from './age.ts';
import { asNumber, asRecord, asString, type ResourcePrinter } from './column-types.ts';

export const scalePrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Desired' }, { name: 'Available' }, { name: 'Age' }],
  row(scale, ctx) {
    return [
      asString(scale.metadata.name),
      String(asNumber(asRecord(scale.spec).replicas)),
      String(asNumber(asRecord(scale.status).replicas)),
      translateTimestampSince(scale.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};
