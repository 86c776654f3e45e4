import type { Lab } from '../types.ts';

/** Course lab 3: OOMKilled and CrashLoopBackOff. */
export const oomLab: Lab = {
  id: 'oom-crashloop',
  title: 'OOMKilled and CrashLoopBackOff',
  level: 'beginner',
  seed: 1,
  params: {
    app: { choose: ['indexer', 'resizer', 'importer', 'encoder'] },
    worker: { choose: ['mailer', 'notifier', 'syncer', 'billing'] },
    alloc: { int: [12, 20] },
    mode: { choose: ['prod', 'batch', 'fast', 'safe'] },
  },
  setup: {
    manifests: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{app}}
spec:
  replicas: 1
  selector:
    matchLabels: {app: {{app}}}
  template:
    metadata:
      labels: {app: {{app}}}
    spec:
      containers:
      - name: {{app}}
        image: polinux/stress
        command: [stress, --vm, "1", --vm-bytes, "{{alloc*10}}M", --vm-hang, "1"]
        resources:
          requests: {memory: 64Mi}
          limits: {memory: 100Mi}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{worker}}
spec:
  replicas: 1
  selector:
    matchLabels: {app: {{worker}}}
  template:
    metadata:
      labels: {app: {{worker}}}
    spec:
      containers:
      - name: {{worker}}
        image: busybox:1.36
        command: [sh, -c, 'if [ "$MODE" != "{{mode}}" ]; then echo "fatal: MODE must be {{mode}}, got \\"$MODE\\""; exit 1; fi; sleep 3600']
`,
    ],
    script: 'sim advance 1m\n',
  },
  story: {
    intro:
      'Two Deployments keep restarting. A container that uses more memory than its limit is killed by the kernel (OOMKilled, exit 137); a container that keeps exiting is restarted with a growing back-off (CrashLoopBackOff).',
    steps: [
      'Look at the pods: kubectl get pods, then kubectl describe pod for each (Last State, Reason, Exit Code).',
      'Deployment {{app}} allocates {{alloc*10}}M of memory. Give its container a memory limit large enough (keep the request) so it stops being OOMKilled.',
      'Deployment {{worker}} crashes on start: read its logs (kubectl logs deploy/{{worker}}, or --previous) and give it what it asks for.',
    ],
  },
  goals: [
    {
      id: 'no-oom',
      title: 'Deployment {{app}} is available with a memory limit of at least {{alloc*10}}M',
      check: {
        type: 'allOf',
        checks: [
          { type: 'deploymentAvailable', name: '{{app}}', replicas: 1 },
          { type: 'exists', resource: 'deployment', name: '{{app}}', fields: { 'spec.template.spec.containers[0].resources.limits.memory': { quantityGte: '{{alloc*10}}M' } } },
          { type: 'podRestarts', selector: 'app={{app}}', max: 0 },
        ],
      },
    },
    {
      id: 'no-crashloop',
      title: 'Deployment {{worker}} is available and its pod has not restarted',
      check: {
        type: 'allOf',
        checks: [
          { type: 'deploymentAvailable', name: '{{worker}}', replicas: 1 },
          { type: 'podRestarts', selector: 'app={{worker}}', max: 0 },
        ],
      },
    },
  ],
  hints: [
    'kubectl describe pod shows "Last State: Terminated, Reason: OOMKilled" for the memory problem.',
    'kubectl set resources deploy/{{app}} --limits=memory=256Mi',
    'kubectl logs deploy/{{worker}} prints what the program expects; kubectl set env deploy/{{worker}} NAME=VALUE sets an environment variable.',
  ],
  solution: `kubectl describe pod -l app={{app}}
kubectl logs deploy/{{worker}}
kubectl set resources deploy/{{app}} --limits=memory=256Mi
kubectl set env deploy/{{worker}} MODE={{mode}}
sim advance 1m
kubectl get pods
`,
};
