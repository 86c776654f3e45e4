/**
 * `kubectl get hpa` columns, following printers.go `printHorizontalPodAutoscaler` and
 * `formatHPAMetrics` as a v1.31 API server serves them: NAME, REFERENCE (`Kind/name`), TARGETS
 * (`cpu: 42%/50%`, `cpu: <unknown>/50%` before the first sync or when the metric cannot be read;
 * at most two metrics, then `+ N more...`), MINPODS, MAXPODS, REPLICAS, AGE.
 */
import { translateTimestampSince } from './age.ts';
import { asArray, asNumber, asRecord, asString, type ResourcePrinter } from './column-types.ts';

type Rec = Record<string, unknown>;

/** One metric's `current/target` text, by the metric source type. */
function formatMetric(spec: Rec, status: Rec | undefined): string {
  const type = asString(spec.type);
  if (type === 'Resource' || type === 'ContainerResource') {
    const src = asRecord(type === 'Resource' ? spec.resource : spec.containerResource);
    const cur = asRecord(asRecord(status?.[type === 'Resource' ? 'resource' : 'containerResource']).current);
    const hasStatus = status?.[type === 'Resource' ? 'resource' : 'containerResource'] !== undefined;
    const target = asRecord(src.target);
    const name = asString(src.name);
    if (target.averageValue !== undefined) {
      const current = hasStatus ? asString(cur.averageValue) || '0' : '<unknown>';
      return `${name}: ${current}/${asString(target.averageValue)}`;
    }
    const current = hasStatus && typeof cur.averageUtilization === 'number' ? `${cur.averageUtilization}%` : '<unknown>';
    const goal = typeof target.averageUtilization === 'number' ? `${target.averageUtilization}%` : '<auto>';
    return `${name}: ${current}/${goal}`;
  }
  if (type === 'Pods' || type === 'Object' || type === 'External') {
    const key = type.toLowerCase();
    const target = asRecord(asRecord(spec[key]).target);
    const cur = asRecord(asRecord(status?.[key]).current);
    const avg = type !== 'Pods' && target.averageValue !== undefined;
    const want = asString(avg || type === 'Pods' ? target.averageValue : target.value);
    const got = status?.[key] !== undefined ? asString(avg || type === 'Pods' ? cur.averageValue : cur.value) || '0' : '<unknown>';
    return `${got}/${want}${avg ? ' (avg)' : ''}`;
  }
  return '<unknown type>';
}

/** formatHPAMetrics */
export function formatHpaMetrics(specs: unknown[], statuses: unknown[]): string {
  if (specs.length === 0) return '<none>';
  const list = specs.map((s, i) => formatMetric(asRecord(s), statuses[i] === undefined ? undefined : asRecord(statuses[i])));
  const maximum = 2;
  if (list.length <= maximum) return list.join(', ');
  return `${list.slice(0, maximum).join(', ')} + ${list.length - maximum} more...`;
}

/** HorizontalPodAutoscaler table printer. */
export const hpaPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Reference' }, { name: 'Targets' }, { name: 'MinPods' }, { name: 'MaxPods' }, { name: 'Replicas' }, { name: 'Age' }],
  row(hpa, ctx) {
    const spec = asRecord(hpa.spec);
    const status = asRecord(hpa.status);
    const ref = asRecord(spec.scaleTargetRef);
    const min = typeof spec.minReplicas === 'number' ? String(spec.minReplicas) : '<unset>';
    return [
      asString(hpa.metadata.name),
      `${asString(ref.kind)}/${asString(ref.name)}`,
      formatHpaMetrics(asArray(spec.metrics), asArray(status.currentMetrics)),
      min,
      String(asNumber(spec.maxReplicas)),
      String(asNumber(status.currentReplicas)),
      translateTimestampSince(hpa.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};
