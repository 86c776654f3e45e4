import type { Lab } from '../types.ts';

/** Course lab 2: namespaces and cgroups — requests, limits, QoS, what the container sees. */
export const qosLab: Lab = {
  id: 'namespaces-qos',
  title: 'Namespaces and cgroups: requests, limits and QoS classes',
  level: 'beginner',
  seed: 1,
  params: {
    ns: { choose: ['team-a', 'payments', 'search', 'analytics', 'billing'] },
    app: { choose: ['api', 'worker', 'cache', 'queue'] },
    cpu: { int: [2, 5] },
    mem: { int: [2, 6] },
  },
  setup: {},
  story: {
    intro:
      'Namespaces group objects; cgroups on the node hold what each container may use. The kubelet puts every pod in a QoS class from its requests and limits: Guaranteed (requests = limits for cpu and memory in every container), Burstable (some request or limit) or BestEffort (none).',
    steps: [
      'Create the namespace {{ns}}.',
      'In {{ns}}, run pod {{app}}-guaranteed (busybox:1.36, command sleep 3600) with exactly {{cpu*100}}m CPU and {{mem*64}}Mi memory, as a Guaranteed pod.',
      'In {{ns}}, run pod {{app}}-burstable (same image and command) that requests {{mem*64}}Mi memory and has no limits: a Burstable pod.',
      'Compare what the containers see: kubectl exec -n {{ns}} {{app}}-guaranteed -- cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max.',
    ],
  },
  goals: [
    { id: 'namespace', title: 'Namespace {{ns}} exists', check: { type: 'exists', resource: 'namespace', name: '{{ns}}', fields: { 'status.phase': 'Active' } } },
    {
      id: 'guaranteed',
      title: 'Pod {{app}}-guaranteed in {{ns}} is Guaranteed with {{cpu*100}}m CPU and {{mem*64}}Mi memory, and Running',
      check: {
        type: 'allOf',
        checks: [
          { type: 'podQoS', namespace: '{{ns}}', name: '{{app}}-guaranteed', qosClass: 'Guaranteed' },
          {
            type: 'exists',
            resource: 'pod',
            namespace: '{{ns}}',
            name: '{{app}}-guaranteed',
            fields: {
              'spec.containers[0].resources.limits.cpu': { quantity: '{{cpu*100}}m' },
              'spec.containers[0].resources.limits.memory': { quantity: '{{mem*64}}Mi' },
              'status.phase': 'Running',
            },
          },
        ],
      },
    },
    {
      id: 'burstable',
      title: 'Pod {{app}}-burstable in {{ns}} is Burstable, requests {{mem*64}}Mi memory, and Running',
      check: {
        type: 'allOf',
        checks: [
          { type: 'podQoS', namespace: '{{ns}}', name: '{{app}}-burstable', qosClass: 'Burstable' },
          {
            type: 'exists',
            resource: 'pod',
            namespace: '{{ns}}',
            name: '{{app}}-burstable',
            fields: { 'spec.containers[0].resources.requests.memory': { quantity: '{{mem*64}}Mi' }, 'status.phase': 'Running' },
          },
        ],
      },
    },
  ],
  hints: [
    'kubectl create namespace {{ns}}',
    'Limits alone are enough for Guaranteed: the API server copies limits into requests when requests are not given.',
    'Write both pods as one manifest: kubectl apply -n {{ns}} -f - with a here-document, documents separated by ---.',
  ],
  solution: `kubectl create namespace {{ns}}
kubectl apply -n {{ns}} -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: {{app}}-guaranteed
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, "3600"]
    resources:
      limits: {cpu: {{cpu*100}}m, memory: {{mem*64}}Mi}
---
apiVersion: v1
kind: Pod
metadata:
  name: {{app}}-burstable
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, "3600"]
    resources:
      requests: {memory: {{mem*64}}Mi}
EOF
sim advance 20s
kubectl exec -n {{ns}} {{app}}-guaranteed -- cat /sys/fs/cgroup/memory.max
kubectl get pods -n {{ns}} -o custom-columns=NAME:.metadata.name,QOS:.status.qosClass
`,
};
