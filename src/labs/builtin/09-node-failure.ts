import type { Lab } from '../types.ts';

/** Course lab 9: node failure and failover timings, cordon and drain. */
export const nodeFailureLab: Lab = {
  id: 'node-failure',
  title: 'Node failure and failover; cordon and drain',
  level: 'intermediate',
  seed: 1,
  params: {
    app: { choose: ['web', 'api', 'store', 'search'] },
    f: { int: [1, 2] },
  },
  setup: {
    cluster: { nodes: 4 },
    manifests: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{app}}
spec:
  replicas: 4
  selector:
    matchLabels: {app: {{app}}}
  template:
    metadata:
      labels: {app: {{app}}}
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels: {app: {{app}}}
      containers:
      - name: nginx
        image: nginx:1.26
`,
    ],
    script: 'sim advance 20s\n',
  },
  sim: [{ at: '1m', event: 'nodeFail', node: 'node-{{f}}' }],
  story: {
    intro:
      'When a node stops, its kubelet stops sending heartbeats. After 40 s the node lifecycle controller marks it NotReady (Unknown) and taints it; the pods on it are evicted only after their 300 s toleration, and until the node comes back they stay Terminating. In this lab node-{{f}} will fail one minute after you start.',
    steps: [
      'Let two minutes pass (sim advance 2m) and watch node-{{f}} go NotReady: kubectl get nodes, kubectl describe node node-{{f}}.',
      'Do not wait five minutes for failover: remove the {{app}} pods stuck on node-{{f}} so the ReplicaSet replaces them on healthy nodes (a graceful delete cannot finish on a dead node).',
      'Node node-{{f+2}} needs a kernel upgrade: stop new pods from landing on it and move its {{app}} pods away (kubectl cordon, kubectl drain --ignore-daemonsets).',
    ],
  },
  goals: [
    {
      id: 'failover',
      title: 'Deployment {{app}} has 4 available replicas and none on the failed node-{{f}}',
      check: {
        type: 'allOf',
        checks: [
          { type: 'deploymentAvailable', name: '{{app}}', replicas: 4 },
          { type: 'noPodOnNode', selector: 'app={{app}}', node: 'node-{{f}}' },
        ],
      },
    },
    {
      id: 'drained',
      title: 'node-{{f+2}} is cordoned and runs no {{app}} pod',
      check: {
        type: 'allOf',
        checks: [
          { type: 'exists', resource: 'node', name: 'node-{{f+2}}', fields: { 'spec.unschedulable': true } },
          { type: 'noPodOnNode', selector: 'app={{app}}', node: 'node-{{f+2}}' },
        ],
      },
    },
  ],
  hints: [
    'kubectl get pods -o wide shows which node each pod is on.',
    'kubectl delete pod NAME --force --grace-period=0 removes a pod from the API without waiting for its (dead) kubelet.',
    'kubectl drain node-{{f+2}} --ignore-daemonsets cordons the node and evicts its pods (kube-proxy is a DaemonSet pod and stays).',
  ],
  solution: `sim advance 2m
kubectl get nodes
kubectl delete pods -l app={{app}} --field-selector spec.nodeName=node-{{f}} --force --grace-period=0
kubectl drain node-{{f+2}} --ignore-daemonsets
sim advance 30s
kubectl get pods -o wide
`,
};
