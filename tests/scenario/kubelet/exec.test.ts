/**
 * What a process sees inside its container through `kubectl exec`: the cgroup v2 files the
 * kubelet and runc write for its limits (§10.3), its oom_score_adj by QoS class (§10.2), hostname
 * and environment; and how bad commands fail without hurting the engine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

interface Resources {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

function busybox(name: string, resources: Resources = {}): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: node-1
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    resources: ${JSON.stringify(resources)}
---
`;
}

// node-1: 2 CPU, 4Gi capacity (4294967296 bytes), which the Burstable oom_score_adj divides by.
const CASES: {
  name: string;
  resources: Resources;
  qos: string;
  memoryMax: string;
  cpuMax: string;
  cpuWeight: string;
  oomScoreAdj: string;
}[] = [
  {
    name: 'guaranteed',
    resources: { limits: { cpu: '500m', memory: '128Mi' } },
    qos: 'Guaranteed',
    memoryMax: '134217728',
    cpuMax: '50000 100000',
    cpuWeight: '20', // shares 512 → 1 + (510 × 9999) / 262142
    oomScoreAdj: '-997',
  },
  { name: 'besteffort', resources: {}, qos: 'BestEffort', memoryMax: 'max', cpuMax: 'max 100000', cpuWeight: '1', oomScoreAdj: '1000' },
  {
    name: 'burstable-1gi',
    resources: { requests: { cpu: '250m', memory: '1Gi' } },
    qos: 'Burstable',
    memoryMax: 'max',
    cpuMax: 'max 100000',
    cpuWeight: '10', // shares 256
    oomScoreAdj: '750', // 1000 − 1000 × 1Gi / 4Gi
  },
  {
    name: 'burstable-100mi',
    resources: { requests: { memory: '100Mi' }, limits: { memory: '200Mi' } },
    qos: 'Burstable',
    memoryMax: '209715200',
    cpuMax: 'max 100000',
    cpuWeight: '1',
    oomScoreAdj: '976', // 1000 − ⌊1000 × 104857600 / 4294967296⌋ = 1000 − 24
  },
  {
    name: 'burstable-cpu-limit',
    resources: { limits: { cpu: '1' } },
    qos: 'Burstable',
    memoryMax: 'max',
    cpuMax: '100000 100000',
    cpuWeight: '39', // request defaulted to the limit: shares 1024
    oomScoreAdj: '999', // no memory request: 1000 is lowered to 999
  },
];

describe('kubectl exec sees the cgroup the kubelet made', () => {
  const lab = new Lab();
  beforeAll(() => {
    lab.apply(CASES.map((c) => busybox(c.name, c.resources)).join(''));
    lab.advance('10s');
  });

  it.each(CASES)('$name ($qos)', (c) => {
    expect(lab.jsonpath(c.name, '.status.qosClass')).toBe(c.qos);
    expect(lab.status(c.name)).toBe('Running');
    const cat = (file: string) => {
      const r = lab.run(`kubectl exec ${c.name} -- cat ${file}`);
      expect(r.exitCode, r.output).toBe(0);
      return r.output;
    };
    expect(cat('/sys/fs/cgroup/memory.max')).toBe(`${c.memoryMax}\n`);
    expect(cat('/sys/fs/cgroup/cpu.max')).toBe(`${c.cpuMax}\n`);
    expect(cat('/sys/fs/cgroup/cpu.weight')).toBe(`${c.cpuWeight}\n`);
    expect(cat('/proc/1/oom_score_adj')).toBe(`${c.oomScoreAdj}\n`);
  });

  it('hostname is the pod name; env has HOSTNAME and the kubernetes Service variables', () => {
    expect(lab.out('kubectl exec guaranteed -- hostname')).toBe('guaranteed\n');
    expect(lab.out('kubectl exec guaranteed -- cat /etc/hostname')).toBe('guaranteed\n');
    const env = lab.out('kubectl exec besteffort -- env').split('\n');
    expect(env).toContain('HOSTNAME=besteffort');
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect(env).toContain('KUBERNETES_SERVICE_PORT=443');
    expect(env).toContain('KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1');
    expect(env.some((l) => l.startsWith('PATH='))).toBe(true);
  });
});

describe('bad commands through kubectl exec', () => {
  it.each([
    {
      what: 'a shell command that does not exist',
      line: 'kubectl exec box -- sh -c foo',
      output: 'sh: foo: not found\ncommand terminated with exit code 127\n',
      exitCode: 127,
    },
    {
      what: 'a binary that is not in the image',
      line: 'kubectl exec box -- nosuchbinary',
      output:
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchbinary": executable file not found in $PATH: unknown\n' +
        'command terminated with exit code 126\n',
      exitCode: 126,
    },
    {
      what: 'a shell exiting with its own code',
      line: "kubectl exec box -- sh -c 'echo out; echo err >&2; exit 42'",
      output: 'out\nerr\ncommand terminated with exit code 42\n',
      exitCode: 42,
    },
  ])('$what: kubectl prints what the runtime says and exits $exitCode; the engine carries on', ({ line, output, exitCode }) => {
    const lab = new Lab();
    lab.apply(busybox('box'));
    lab.advance('5s');
    const r = lab.run(line);
    expect(r.output).toBe(output);
    expect(r.exitCode).toBe(exitCode);
    // Nothing broke: the container still runs, later commands work, time still moves.
    expect(lab.out('kubectl exec box -- echo still here')).toBe('still here\n');
    lab.advance('30s');
    expect(lab.podRow('box')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });
});
