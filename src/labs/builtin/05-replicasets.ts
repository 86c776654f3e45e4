import type { Lab } from '../types.ts';
import { num } from '../variants.ts';

/** Course lab 5: ReplicaSets and self-healing. */
export const replicaSetsLab: Lab = {
  id: 'replicasets',
  title: 'ReplicaSets and self-healing',
  level: 'beginner',
  seed: 1,
  params: {
    app: { choose: ['cart', 'search', 'media', 'auth'] },
    rs: { choose: ['keeper', 'guardian', 'shepherd', 'warden'] },
    n: { int: [3, 5] },
  },
  setup: {
    manifests: [
      `apiVersion: v1
kind: Pod
metadata:
  name: {{app}}-manual
  labels: {app: {{app}}}
spec:
  containers:
  - name: nginx
    image: nginx:1.26
`,
    ],
    script: 'sim advance 20s\n',
  },
  story: {
    intro:
      'A ReplicaSet keeps a number of pods matching its selector alive: it counts the pods it owns, creates the missing ones and deletes extras. It also adopts running pods that match its selector and have no owner. Pod {{app}}-manual was started by hand.',
    steps: [
      'Create a ReplicaSet {{rs}} that keeps {{n}} pods with label app={{app}} running nginx:1.26.',
      'Check how many pods it created: it adopted {{app}}-manual (kubectl get pod {{app}}-manual -o yaml: ownerReferences).',
      'Delete one of the pods it created and watch a new one take its place (kubectl delete pod NAME, kubectl get pods).',
    ],
  },
  goals: [
    {
      id: 'replicaset',
      title: 'ReplicaSet {{rs}} has {{n}} ready replicas',
      check: { type: 'exists', resource: 'replicaset', name: '{{rs}}', fields: { 'spec.replicas': num('{{n}}'), 'status.readyReplicas': num('{{n}}') } },
    },
    {
      id: 'count',
      title: 'Exactly {{n}} Ready pods carry app={{app}}',
      check: { type: 'pods', selector: 'app={{app}}', count: num('{{n}}'), ready: true },
    },
    {
      id: 'adopted',
      title: 'Pod {{app}}-manual is owned by ReplicaSet {{rs}}',
      check: { type: 'exists', resource: 'pod', name: '{{app}}-manual', fields: { 'metadata.ownerReferences[kind=ReplicaSet].name': '{{rs}}' } },
    },
  ],
  hints: [
    'A ReplicaSet manifest has spec.replicas, spec.selector.matchLabels and a pod template whose labels match the selector.',
    'A Deployment would create a ReplicaSet with a generated name and a pod-template-hash label: here the ReplicaSet itself is the exercise.',
  ],
  solution: `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: {{rs}}
spec:
  replicas: {{n}}
  selector:
    matchLabels: {app: {{app}}}
  template:
    metadata:
      labels: {app: {{app}}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
EOF
sim advance 20s
kubectl get pods -l app={{app}}
kubectl get rs {{rs}}
`,
};
