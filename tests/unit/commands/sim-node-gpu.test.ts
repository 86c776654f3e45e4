/**
 * Extended resources end to end: `sim node add --gpus N` / `--extended-resources` register the
 * device-plugin resource in capacity and allocatable; NodeResourcesFit filters on it (each GPU
 * goes to one pod, the rest are Pending with "Insufficient nvidia.com/gpu"); a pod that does not
 * ask for one still lands on a GPU node; and the API server's validation of extended resources
 * (request equal to limit, a limit required, whole numbers) in its words.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const gpuPod = (name: string, resources: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n${resources}`;
const limits = (n: string): string => `      limits:\n        nvidia.com/gpu: ${n}\n`;

describe('sim node add: extended resources', () => {
  it('--gpus gives nvidia.com/gpu capacity and allocatable; --extended-resources any device-plugin resource', () => {
    const lab = new Lab();
    expect(lab.out('sim node add gpu-1 --gpus 2 --extended-resources example.com/fpga=3')).toBe('node/gpu-1 added\n');
    expect(lab.out(`kubectl get node gpu-1 -o jsonpath='{.status.capacity.nvidia\\.com/gpu} {.status.allocatable.nvidia\\.com/gpu} {.status.allocatable.example\\.com/fpga}'`)).toBe('2 2 3');
    const describe = lab.out('kubectl describe node gpu-1');
    expect(describe).toContain('  example.com/fpga:   3\n  hugepages-1Gi:      0\n');
    expect(describe).toContain('  nvidia.com/gpu:     2\n');
    // A CPU-only node has no such resource at all.
    expect(lab.out(`kubectl get node node-1 -o jsonpath='{.status.capacity}'`)).not.toContain('nvidia.com/gpu');
  });

  it.each([
    ['--extended-resources kubernetes.io/x=1', 'sim node add: --extended-resources wants domain/name=N with a domain outside kubernetes.io and N a whole number, got "kubernetes.io/x=1"'],
    ['--extended-resources example.com/fpga=1.5', 'sim node add: --extended-resources wants domain/name=N with a domain outside kubernetes.io and N a whole number, got "example.com/fpga=1.5"'],
    ['--extended-resources gpu=1', 'sim node add: --extended-resources wants domain/name=N with a domain outside kubernetes.io and N a whole number, got "gpu=1"'],
    ['--gpus -1', 'sim node add: --gpus must be a whole number ≥ 0, got "-1"'],
  ])('refuses %s', (flags, message) => {
    const lab = new Lab();
    expect(lab.session.execLine(`sim node add bad ${flags}`).scriptError).toBe(message);
    expect(lab.out('kubectl get node bad --ignore-not-found')).toBe('');
  });

  it('the other actions refuse the add flags', () => {
    const lab = new Lab();
    expect(lab.session.execLine('sim node fail node-1 --gpus 1').scriptError).toBe('sim node fail: unexpected flag --gpus');
  });
});

describe('scheduling on extended resources (NodeResourcesFit)', () => {
  it('one GPU per pod: a 2-GPU node takes two, the third is Pending with Insufficient nvidia.com/gpu', () => {
    const lab = new Lab();
    lab.run('sim node add gpu-1 --gpus 2');
    for (const n of ['a', 'b', 'c']) lab.out('kubectl apply -f -', gpuPod(n, limits('1')));
    lab.advance('30s');
    const rows = lab.out('kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName --no-headers');
    expect(rows).toBe('a     gpu-1\nb     gpu-1\nc     <none>\n');
    expect(lab.events('c').map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'FailedScheduling: 0/5 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 4 Insufficient nvidia.com/gpu. ' +
        'preemption: 0/5 nodes are available: 1 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod..',
    ]);
    expect(lab.out('kubectl describe node gpu-1')).toContain('  nvidia.com/gpu     2         2\n');
  });

  it('a GPU freed by a deleted pod goes to the Pending one', () => {
    const lab = new Lab();
    lab.run('sim node add gpu-1 --gpus 1');
    lab.out('kubectl apply -f -', gpuPod('a', limits('1')));
    lab.advance('10s');
    lab.out('kubectl apply -f -', gpuPod('b', limits('1')));
    lab.advance('10s');
    expect(lab.out('kubectl get pod b -o jsonpath={.spec.nodeName}')).toBe('');
    lab.run('kubectl delete pod a');
    lab.advance('1m');
    expect(lab.out('kubectl get pod b -o jsonpath={.spec.nodeName}')).toBe('gpu-1');
  });

  it('asking for two GPUs on 1-GPU nodes fits nowhere', () => {
    const lab = new Lab();
    lab.run('sim node add gpu-1 --gpus 1');
    lab.run('sim node add gpu-2 --gpus 1');
    lab.out('kubectl apply -f -', gpuPod('big', limits('2')));
    lab.advance('10s');
    expect(lab.events('big')[0].message).toContain('1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 5 Insufficient nvidia.com/gpu.');
  });
});

describe('API server validation of extended resources', () => {
  it.each([
    ['a request without a limit', '      requests:\n        nvidia.com/gpu: 1\n', 'The Pod "p" is invalid: spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources\n'],
    ['a request below its limit', '      requests:\n        nvidia.com/gpu: 1\n      limits:\n        nvidia.com/gpu: 2\n', 'The Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2\n'],
  ])('refuses %s', (_what, resources, message) => {
    const lab = new Lab();
    expect(lab.out('kubectl apply -f -', gpuPod('p', resources))).toBe(message);
  });

  it('refuses a fraction of a GPU (limit, and the request defaulted from it)', () => {
    const lab = new Lab();
    const out = lab.out('kubectl apply -f -', gpuPod('p', limits('500m')));
    expect(out).toContain('* spec.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: ');
    expect(out).toContain('* spec.containers[0].resources.requests[nvidia.com/gpu]: Invalid value: ');
    expect(out).toContain('must be an integer');
  });

  it('a limit alone is enough: the request defaults to it', () => {
    const lab = new Lab();
    expect(lab.out('kubectl apply -f -', gpuPod('p', limits('1')))).toBe('pod/p created\n');
    expect(lab.out(`kubectl get pod p -o jsonpath='{.spec.containers[0].resources.requests}'`)).toBe('{"nvidia.com/gpu":"1"}');
  });
});
