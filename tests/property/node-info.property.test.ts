/**
 * NodeInfo's flat mirrors (podCount, allocatable/requested cpu and memory) always equal the
 * fields they mirror, through any sequence of pods added and removed, clones and node updates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addPod, cloneNodeInfo, memoryOf, newNodeInfo, removePod, setNode } from '../../src/engine/components/scheduler/framework/node-info.ts';
import type { NodeInfo } from '../../src/engine/components/scheduler/framework/types.ts';
import { info, newNode, newPod } from '../unit/scheduler/fixtures.ts';

function assertMirrors(n: NodeInfo): void {
  expect(n.podCount).toBe(n.pods.length);
  expect(n.allocatableMilliCPU).toBe(n.allocatable.milliCPU);
  expect(n.allocatableMemory).toBe(n.allocatable.memory);
  expect(n.requestedMilliCPU).toBe(n.requested.milliCPU);
  expect(n.requestedMemory).toBe(n.requested.memory);
  // The small-integer pairs the hot paths read.
  expect(memoryOf(n.allocatableMemoryMiB, n.allocatableMemoryRest)).toBe(n.allocatable.memory);
  expect(memoryOf(n.requestedMemoryMiB, n.requestedMemoryRest)).toBe(n.requested.memory);
  expect(memoryOf(n.nonZeroMemoryMiB, n.nonZeroMemoryRest)).toBe(n.nonZeroMemory);
  for (const x of [n.allocatableMemoryRest, n.requestedMemoryRest, n.nonZeroMemoryRest]) expect(x >= 0 && x < 1048576).toBe(true);
}

const step = fc.oneof(
  fc.record({ op: fc.constant('add' as const), id: fc.integer({ min: 0, max: 9 }), cpu: fc.integer({ min: 0, max: 4000 }), mem: fc.integer({ min: 0, max: 4096 }), bytes: fc.integer({ min: 0, max: 1048575 }) }),
  fc.record({ op: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ op: fc.constant('clone' as const) }),
  fc.record({ op: fc.constant('resize' as const), cpu: fc.integer({ min: 1, max: 64 }), memoryBytes: fc.integer({ min: 0, max: 2 ** 40 }) }),
);

describe('NodeInfo mirrors', () => {
  it('stay equal to what they mirror', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let n = newNodeInfo(newNode('n1'));
        let serial = 0;
        for (const s of steps) {
          if (s.op === 'add') addPod(n, info(newPod(`p${s.id}-${serial++}`, { containers: [{ cpu: `${s.cpu}m`, memory: `${s.mem * 1048576 + s.bytes}` }] })));
          else if (s.op === 'remove') {
            const victim = n.pods[s.id % Math.max(1, n.pods.length)];
            if (victim) removePod(n, victim.key);
          } else if (s.op === 'clone') n = cloneNodeInfo(n);
          else setNode(n, newNode('n1', { cpu: String(s.cpu), memory: String(s.memoryBytes) }));
          assertMirrors(n);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
