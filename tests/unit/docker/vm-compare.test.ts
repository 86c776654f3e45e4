import { describe, expect, it } from 'vitest';
import { comparison, containerNumbers, VM_REFERENCE } from '../../../src/engine/docker/vm-compare.ts';
import { findImage } from '../../../src/engine/node/images.ts';
import { PULL_BYTES_PER_SECOND, PULL_LATENCY_MS, SANDBOX_CREATE_MS } from '../../../src/engine/components/kubelet/timing.ts';

describe('containers vs VMs numbers', () => {
  it('takes container sizes and times from the model', () => {
    const n = containerNumbers('nginx:1.27')!;
    const info = findImage('nginx:1.27')!;
    expect(n.imageBytes.value).toBe(info.sizeBytes);
    expect(n.baseLayerBytes.value).toBe(info.layers[0].sizeBytes);
    expect(n.coldPullMs.value).toBe(PULL_LATENCY_MS + Math.ceil((info.sizeBytes * 1000) / PULL_BYTES_PER_SECOND) + SANDBOX_CREATE_MS);
    expect(n.warmStartMs.value).toBe(SANDBOX_CREATE_MS);
  });

  it('has no numbers for an image the model does not know', () => {
    expect(containerNumbers('nosuch:1')).toBeUndefined();
    expect(comparison(['nginx', 'nosuch']).containers).toHaveLength(1);
  });

  it('gives every VM figure a source, and the comparison the explainer makes holds', () => {
    for (const vm of VM_REFERENCE) for (const n of [vm.imageBytes, vm.bootMs, vm.idleMemoryBytes]) expect(n.source).not.toBe('');
    const alpine = containerNumbers('alpine:3.20')!;
    const ubuntuVm = VM_REFERENCE[0];
    expect(ubuntuVm.imageBytes.value / alpine.imageBytes.value).toBeGreaterThan(100);
    expect(ubuntuVm.bootMs.value / alpine.warmStartMs.value).toBeGreaterThan(10);
  });
});
