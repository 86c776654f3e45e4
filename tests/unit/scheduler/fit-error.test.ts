/**
 * FitError text (k8s-reference §6): every example there, verbatim, built from per-node statuses
 * the way the scheduler and DefaultPreemption build them.
 */
import { describe, expect, it } from 'vitest';
import { byteOrder, fitErrorMessage } from '../../../src/engine/components/scheduler/framework/fit-error.ts';
import { unresolvable, unschedulable, type Status } from '../../../src/engine/components/scheduler/framework/types.ts';

/** Node name → status, for `count` nodes named `<prefix>-<i>`. */
function nodes(count: number, prefix: string, status: Status): [string, Status][] {
  return Array.from({ length: count }, (_, i) => [`${prefix}-${i}`, status] as [string, Status]);
}

const NO_VICTIMS = 'No preemption victims found for incoming pod';
const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

describe('fitErrorMessage (§6)', () => {
  it('3 nodes, all lack CPU', () => {
    const statuses = new Map(nodes(3, 'n', unschedulable('Insufficient cpu')));
    const inner = fitErrorMessage(3, new Map(nodes(3, 'n', unresolvable(NO_VICTIMS))));
    expect(fitErrorMessage(3, statuses, '', `preemption: ${inner}`)).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    );
  });

  it('1 tainted control-plane + 2 small workers', () => {
    const taint = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
    const statuses = new Map([...nodes(1, 'cp', unresolvable(taint)), ...nodes(2, 'w', unschedulable('Insufficient cpu'))]);
    const inner = fitErrorMessage(3, new Map([...nodes(1, 'cp', unresolvable(NOT_HELPFUL)), ...nodes(2, 'w', unresolvable(NO_VICTIMS))]));
    expect(fitErrorMessage(3, statuses, undefined, `preemption: ${inner}`)).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
  });

  it('multiple reasons per node: each reason is counted', () => {
    const statuses = new Map(nodes(6, 'n', unschedulable('Insufficient cpu', 'Insufficient memory', 'Insufficient ephemeral-storage')));
    const inner = fitErrorMessage(6, new Map(nodes(6, 'n', unresolvable(NO_VICTIMS))));
    expect(fitErrorMessage(6, statuses, undefined, `preemption: ${inner}`)).toBe(
      '0/6 nodes are available: 6 Insufficient cpu, 6 Insufficient ephemeral-storage, 6 Insufficient memory. ' +
        'preemption: 0/6 nodes are available: 6 No preemption victims found for incoming pod..',
    );
  });

  it('PreFilter failure: the PreFilter message replaces the per-node reasons', () => {
    const msg = 'persistentvolumeclaim "x" not found';
    // The framework copies the PreFilter status to every node; FitError must not count them again.
    const statuses = new Map(nodes(3, 'n', unschedulable(msg)));
    const inner = fitErrorMessage(3, new Map(nodes(3, 'n', unresolvable(NO_VICTIMS))));
    expect(fitErrorMessage(3, statuses, msg, `preemption: ${inner}`)).toBe(
      '0/3 nodes are available: persistentvolumeclaim "x" not found. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    );
  });

  it('anti-affinity', () => {
    const statuses = new Map(nodes(5, 'n', unschedulable("node(s) didn't match pod anti-affinity rules")));
    const inner = fitErrorMessage(5, new Map(nodes(5, 'n', unresolvable(NO_VICTIMS))));
    expect(fitErrorMessage(5, statuses, undefined, `preemption: ${inner}`)).toBe(
      "0/5 nodes are available: 5 node(s) didn't match pod anti-affinity rules. preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod..",
    );
  });

  it('derived sort example: "<count> <reason>" strings sort as plain strings', () => {
    const statuses = new Map([
      ...nodes(1, 'cordoned', unresolvable('node(s) were unschedulable')),
      ...nodes(3, 'small', unschedulable('Insufficient memory')),
      ...nodes(1, 'gpu', unresolvable('node(s) had untolerated taint {dedicated: gpu}')),
    ]);
    expect(fitErrorMessage(5, statuses)).toBe(
      '0/5 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable, 3 Insufficient memory.',
    );
  });

  it('"10 Insufficient cpu" sorts before "2 node(s)..." (string, not numeric, order)', () => {
    const statuses = new Map([...nodes(10, 'a', unschedulable('Insufficient cpu')), ...nodes(2, 'b', unresolvable('node(s) were unschedulable'))]);
    expect(fitErrorMessage(12, statuses)).toBe('0/12 nodes are available: 10 Insufficient cpu, 2 node(s) were unschedulable.');
  });

  it('without reasons or messages only the head is left; a PostFilter message is appended with its own full stop', () => {
    expect(fitErrorMessage(0, new Map())).toBe('0/0 nodes are available:');
    expect(fitErrorMessage(2, new Map(), undefined, 'preemption: not eligible due to preemptionPolicy=Never.')).toBe(
      '0/2 nodes are available: preemption: not eligible due to preemptionPolicy=Never..',
    );
  });

  it('byteOrder is Go string order', () => {
    expect(['b', 'B', '10 x', '2 x', 'a'].sort(byteOrder)).toEqual(['10 x', '2 x', 'B', 'a', 'b']);
    // U+1F600 (a surrogate pair in UTF-16) sorts after U+FF5E in UTF-8 byte order.
    expect(byteOrder('\u{1F600}', '\uFF5E')).toBe(1);
  });
});
