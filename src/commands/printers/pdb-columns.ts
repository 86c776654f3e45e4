/**
 * `kubectl get poddisruptionbudgets` columns (printers.go printPodDisruptionBudget, v1.31):
 * NAME, MIN AVAILABLE, MAX UNAVAILABLE (`N/A` for the one not set), ALLOWED DISRUPTIONS, AGE.
 */
import { translateTimestampSince } from './age.ts';
import { asNumber, asRecord, asString, type ResourcePrinter } from './column-types.ts';

/** intstr.IntOrString's String(), or `N/A` when unset. */
function intOrString(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  return 'N/A';
}

export const pdbPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Min Available' }, { name: 'Max Unavailable' }, { name: 'Allowed Disruptions' }, { name: 'Age' }],
  row(pdb, ctx) {
    const spec = asRecord(pdb.spec);
    return [
      asString(pdb.metadata.name),
      intOrString(spec.minAvailable),
      intOrString(spec.maxUnavailable),
      String(asNumber(asRecord(pdb.status).disruptionsAllowed)),
      translateTimestampSince(pdb.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};
