import type { Lab } from '../types.ts';
import { num } from '../variants.ts';

/** Course lab 6: Deployments — scaling. */
export const scalingLab: Lab = {
  id: 'deployments-scaling',
  title: 'Deployments: scaling up and down',
  level: 'beginner',
  seed: 1,
  params: {
    app: { choose: ['web', 'store', 'api', 'gateway'] },
    batch: { choose: ['reports', 'exports', 'crawler', 'backfill'] },
    n: { int: [4, 7] },
  },
  setup: {
    manifests: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{app}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: {{app}}}
  template:
    metadata:
      labels: {app: {{app}}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{batch}}
spec:
  replicas: 3
  selector:
    matchLabels: {app: {{batch}}}
  template:
    metadata:
      labels: {app: {{batch}}}
    spec:
      containers:
      - name: worker
        image: busybox:1.36
        command: [sleep, "3600"]
`,
    ],
    script: 'sim advance 20s\n',
  },
  story: {
    intro:
      'A Deployment owns a ReplicaSet, which owns the pods. Scaling a Deployment changes spec.replicas; the ReplicaSet controller creates or deletes pods to match.',
    steps: [
      'Traffic is coming: scale Deployment {{app}} to {{n}} replicas and wait until all are available.',
      'The night jobs are done: scale Deployment {{batch}} to zero, without deleting it.',
      'Watch the ReplicaSets: kubectl get rs shows DESIRED, CURRENT and READY follow.',
    ],
  },
  goals: [
    { id: 'scale-up', title: 'Deployment {{app}} has {{n}} available replicas', check: { type: 'deploymentAvailable', name: '{{app}}', replicas: num('{{n}}') } },
    {
      id: 'scale-down',
      title: 'Deployment {{batch}} still exists, scaled to 0, with no pods left',
      check: {
        type: 'allOf',
        checks: [
          { type: 'exists', resource: 'deployment', name: '{{batch}}', fields: { 'spec.replicas': 0 } },
          { type: 'pods', selector: 'app={{batch}}', count: 0 },
        ],
      },
    },
  ],
  hints: ['kubectl scale deployment/{{app}} --replicas={{n}}', 'Deleting the Deployment deletes its ReplicaSet and pods too; scaling to 0 keeps them ready to come back.'],
  solution: `kubectl scale deployment/{{app}} --replicas={{n}}
kubectl scale deployment/{{batch}} --replicas=0
sim advance 20s
kubectl get deploy,rs
`,
};
