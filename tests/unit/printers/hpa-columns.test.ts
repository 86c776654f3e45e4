/**
 * `kubectl get hpa` TARGETS (printers.go formatHPAMetrics, v1.31 `name: current/target` form) and
 * the `kubectl describe hpa` body.
 */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/engine/api/types.ts';
import { describeHpaObject } from '../../../src/commands/printers/describe/hpa.ts';
import { formatHpaMetrics, hpaPrinter } from '../../../src/commands/printers/hpa-columns.ts';

const cpu = (target: Record<string, unknown>) => ({ type: 'Resource', resource: { name: 'cpu', target } });
const util = (n: number) => cpu({ type: 'Utilization', averageUtilization: n });
const current = (c: Record<string, unknown>, name = 'cpu') => ({ type: 'Resource', resource: { name, current: c } });

describe('formatHpaMetrics', () => {
  const cases: { name: string; specs: unknown[]; statuses: unknown[]; want: string }[] = [
    { name: 'no metrics', specs: [], statuses: [], want: '<none>' },
    { name: 'before the first sync', specs: [util(50)], statuses: [], want: 'cpu: <unknown>/50%' },
    { name: 'a metric that could not be read', specs: [util(50)], statuses: [{ type: '' }], want: 'cpu: <unknown>/50%' },
    { name: 'utilization', specs: [util(50)], statuses: [current({ averageUtilization: 42, averageValue: '105m' })], want: 'cpu: 42%/50%' },
    { name: 'average value', specs: [cpu({ type: 'AverageValue', averageValue: '200m' })], statuses: [current({ averageValue: '400m' })], want: 'cpu: 400m/200m' },
    {
      name: 'three metrics show two and a count',
      specs: [util(50), util(60), util(70)],
      statuses: [],
      want: 'cpu: <unknown>/50%, cpu: <unknown>/60% + 1 more...',
    },
  ];
  for (const c of cases) it(c.name, () => expect(formatHpaMetrics(c.specs, c.statuses)).toBe(c.want));
});

const hpa: KObject = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: '2025-01-01T00:00:00Z', uid: 'u1' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, metrics: [util(50)] },
  status: {
    currentReplicas: 2,
    desiredReplicas: 4,
    currentMetrics: [current({ averageUtilization: 90, averageValue: '225m' })],
    conditions: [{ type: 'AbleToScale', status: 'True', lastTransitionTime: '2025-01-01T00:00:15Z', reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 4' }],
  },
};

describe('hpa table and describe', () => {
  it('describes a behavior the way a real cluster shows it (Deployment pods joins the last policy block)', () => {
    const withBehavior: KObject = {
      ...hpa,
      spec: {
        ...(hpa.spec as object),
        minReplicas: 1,
        behavior: {
          scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
          scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
        },
      },
      status: { currentReplicas: 1, desiredReplicas: 1, currentMetrics: [current({ averageUtilization: 2, averageValue: '4m' })] },
    };
    const out = describeHpaObject({ store: { list: () => ({ items: [], resourceVersion: '1' }) } as never, nowMs: 0, showEvents: false }, withBehavior);
    const from = out.indexOf('Metrics:');
    expect(out.slice(from)).toBe(
      [
        'Metrics:                                               ( current / target )',
        '  resource cpu on pods  (as a percentage of request):  2% (4m) / 50%',
        'Min replicas:                                          1',
        'Max replicas:                                          10',
        'Behavior:',
        '  Scale Up:',
        '    Stabilization Window: 0 seconds',
        '    Select Policy: Max',
        '    Policies:',
        '      - Type: Pods     Value: 4    Period: 15 seconds',
        '      - Type: Percent  Value: 100  Period: 15 seconds',
        '  Scale Down:',
        '    Stabilization Window: 60 seconds',
        '    Select Policy: Max',
        '    Policies:',
        '      - Type: Percent  Value: 100  Period: 15 seconds',
        'Deployment pods:       1 current / 1 desired',
        '',
      ].join('\n'),
    );
  });

  it('prints the row', () => {
    expect(hpaPrinter.row(hpa, { nowMs: 60_000 })).toEqual(['web', 'Deployment/web', 'cpu: 90%/50%', '2', '10', '2', '60s']);
  });

  it('describes', () => {
    const out = describeHpaObject({ store: { list: () => ({ items: [], resourceVersion: '1' }), get: () => hpa, tryGet: () => undefined } as never, nowMs: 60_000, showEvents: true }, hpa);
    expect(out).toBe(
      [
        'Name:                                                  web',
        'Namespace:                                             default',
        'Labels:                                                <none>',
        'Annotations:                                           <none>',
        'CreationTimestamp:                                     Wed, 01 Jan 2025 00:00:00 +0000',
        'Reference:                                             Deployment/web',
        'Metrics:                                               ( current / target )',
        '  resource cpu on pods  (as a percentage of request):  90% (225m) / 50%',
        'Min replicas:                                          2',
        'Max replicas:                                          10',
        'Deployment pods:                                       2 current / 4 desired',
        'Conditions:',
        '  Type         Status  Reason            Message',
        '  ----         ------  ------            -------',
        '  AbleToScale  True    SucceededRescale  the HPA controller was able to update the target scale to 4',
        // Events joins the conditions' tabwriter block, as on a real cluster (`Events:           <none>`).
        'Events:        <none>',
        '',
      ].join('\n'),
    );
  });
});
