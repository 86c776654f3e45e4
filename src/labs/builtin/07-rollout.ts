import type { Lab } from '../types.ts';
import { num } from '../variants.ts';

/** Course lab 7: rolling update and rollback, with maxSurge/maxUnavailable. */
export const rolloutLab: Lab = {
  id: 'rolling-update',
  title: 'Rolling update and rollback: maxSurge and maxUnavailable',
  level: 'intermediate',
  seed: 1,
  params: {
    app: { choose: ['web', 'checkout', 'profile', 'feed'] },
    n: { int: [4, 6] },
    surge: { int: [1, 2] },
    bad: { choose: ['nginx:1.26-typo', 'nginx:1.62', 'ngnix:1.26', 'nginx:1.2.6'] },
  },
  setup: {
    manifests: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{app}}
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
        image: nginx:1.25
`,
    ],
    script: `sim advance 20s
kubectl set image deployment/{{app}} nginx={{bad}}
sim advance 30s
`,
  },
  story: {
    intro:
      'A rolling update replaces pods a few at a time: maxSurge is how many pods may exist above the desired count, maxUnavailable how many may be missing. Someone just rolled Deployment {{app}} out to the image {{bad}}, which does not exist: the rollout is stuck and some pods are gone.',
    steps: [
      'Look at the rollout: kubectl rollout status deployment/{{app}} --timeout=1s, kubectl rollout history deployment/{{app}}, kubectl get rs.',
      'Roll back to the previous revision.',
      'Make the next rollout safe: set the strategy to maxSurge {{surge}} and maxUnavailable 0, so no pod is taken away before its replacement is ready.',
      'Roll out nginx:1.26 and wait for it to finish.',
    ],
  },
  goals: [
    {
      id: 'strategy',
      title: 'Deployment {{app}} rolls out with maxSurge {{surge}} and maxUnavailable 0',
      check: {
        type: 'exists',
        resource: 'deployment',
        name: '{{app}}',
        fields: {
          'spec.strategy.type': 'RollingUpdate',
          'spec.strategy.rollingUpdate.maxSurge': num('{{surge}}'),
          'spec.strategy.rollingUpdate.maxUnavailable': { oneOf: [0, '0%'] },
        },
      },
    },
    {
      id: 'updated',
      title: 'Deployment {{app}} runs nginx:1.26 on all {{n}} replicas',
      check: { type: 'deploymentAvailable', name: '{{app}}', replicas: num('{{n}}'), image: 'nginx:1.26' },
    },
  ],
  hints: [
    'kubectl rollout undo deployment/{{app}}',
    'kubectl patch deployment/{{app}} -p \'{"spec":{"strategy":{"rollingUpdate":{"maxSurge":{{surge}},"maxUnavailable":0}}}}\'',
    'kubectl set image deployment/{{app}} nginx=nginx:1.26, then kubectl rollout status deployment/{{app}}',
  ],
  solution: `kubectl rollout history deployment/{{app}}
kubectl rollout undo deployment/{{app}}
kubectl rollout status deployment/{{app}} --timeout=2m
kubectl patch deployment/{{app}} -p '{"spec":{"strategy":{"rollingUpdate":{"maxSurge":{{surge}},"maxUnavailable":0}}}}'
kubectl set image deployment/{{app}} nginx=nginx:1.26
kubectl rollout status deployment/{{app}} --timeout=5m
`,
};
