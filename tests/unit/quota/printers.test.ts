/**
 * The quota and LimitRange printers: `kubectl get quota`'s REQUEST/LIMIT cells, `describe quota`
 * printing used in the hard value's format when they differ (resource.NewQuantity(used.Value(),
 * hard.Format)), and the LimitRange table's "-" cells and row order.
 */
import { describe, expect, it } from 'vitest';
import { quotaUsageCells } from '../../../src/commands/printers/quota-columns.ts';
import { describeLimitRangeObject, describeResourceQuotaObject } from '../../../src/commands/printers/describe/resourcequota.ts';
import type { DescribeContext } from '../../../src/commands/printers/describe/types.ts';
import type { KObject } from '../../../src/engine/api/types.ts';

const ctx = { nowMs: 0, showEvents: true } as unknown as DescribeContext;

describe('kubectl get quota cells', () => {
  it('puts limits.* in LIMIT and everything else in REQUEST, sorted; a missing used prints 0', () => {
    expect(quotaUsageCells({ hard: { 'limits.memory': '2Gi', pods: '4', cpu: '2', 'limits.cpu': '2' }, used: { pods: '1', cpu: '500m' } })).toEqual({
      request: 'cpu: 500m/2, pods: 1/4',
      limit: 'limits.cpu: 0/2, limits.memory: 0/2Gi',
    });
  });

  it('a name merely starting with "limits" but without a dot stays in REQUEST', () => {
    expect(quotaUsageCells({ hard: { limitsx: '1' }, used: {} })).toEqual({ request: 'limitsx: 0/1', limit: '' });
  });
});

describe('describe quota', () => {
  it('prints used in the hard format when the formats differ', () => {
    const q = {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'q', namespace: 'ns' },
      spec: {},
      status: { hard: { memory: '2G', 'requests.cpu': '1' }, used: { memory: '600Mi', 'requests.cpu': '250m' } },
    } as unknown as KObject;
    expect(describeResourceQuotaObject(ctx, q)).toBe(`Name:         q
Namespace:    ns
Resource      Used       Hard
--------      ----       ----
memory        629145600  2G
requests.cpu  250m       1
`);
  });
});

describe('describe limitrange', () => {
  it('one row per resource of each item, "-" where the item sets nothing', () => {
    const lr = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'lr', namespace: 'ns' },
      spec: {
        limits: [
          { type: 'Pod', max: { cpu: '2', memory: '2Gi' } },
          { type: 'Container', min: { cpu: '100m' }, max: { cpu: '1' }, default: { cpu: '1' }, defaultRequest: { cpu: '1' }, maxLimitRequestRatio: { cpu: '4' } },
        ],
      },
    } as unknown as KObject;
    expect(describeLimitRangeObject(ctx, lr)).toBe(`Name:       lr
Namespace:  ns
Type        Resource  Min   Max  Default Request  Default Limit  Max Limit/Request Ratio
----        --------  ---   ---  ---------------  -------------  -----------------------
Pod         cpu       -     2    -                -              -
Pod         memory    -     2Gi  -                -              -
Container   cpu       100m  1    1                1              4
`);
  });
});
