import type { Lab } from '../types.ts';
import { num } from '../variants.ts';

/** Course lab 13: the HorizontalPodAutoscaler under load. */
export const hpaLab: Lab = {
  id: 'hpa',
  title: 'HorizontalPodAutoscaler under load',
  level: 'advanced',
  seed: 1,
  params: {
    app: { choose: ['thumbnailer', 'transcoder', 'renderer', 'hasher'] },
    max: { int: [3, 6] },
    target: { choose: [50, 60, 70, 80] },
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
        command: [stress, --cpu, "1"]
        resources:
          requests: {cpu: 250m}
          limits: {cpu: 500m}
`,
    ],
    script: 'sim advance 30s\n',
  },
  story: {
    intro:
      'The HorizontalPodAutoscaler reads the pods\' CPU usage from metrics-server every 15 s and sets the Deployment\'s replicas to ceil(current × usage / target), as a percentage of the CPU request. Deployment {{app}} is busy: each pod uses all of its 500m limit, twice its 250m request.',
    steps: [
      'Look at the load: kubectl top pod -l app={{app}}.',
      'Autoscale Deployment {{app}} between 1 and {{max}} replicas, targeting {{target}}% CPU utilisation.',
      'Watch it scale (kubectl get hpa -w --request-timeout=1m, or sim advance 1m and kubectl describe hpa {{app}}) until it reaches its maximum.',
    ],
  },
  goals: [
    {
      id: 'hpa',
      title: 'HPA {{app}} scales Deployment {{app}} from 1 to {{max}} replicas at {{target}}% CPU',
      check: {
        type: 'exists',
        resource: 'hpa',
        name: '{{app}}',
        fields: {
          'spec.scaleTargetRef.name': '{{app}}',
          'spec.minReplicas': 1,
          'spec.maxReplicas': num('{{max}}'),
          'spec.metrics[*].resource.target.averageUtilization': num('{{target}}'),
        },
      },
    },
    { id: 'scaled', title: 'Deployment {{app}} has scaled to {{max}} available replicas', check: { type: 'deploymentAvailable', name: '{{app}}', replicas: num('{{max}}') } },
  ],
  hints: ['kubectl autoscale deployment {{app}} --min=1 --max={{max}} --cpu-percent={{target}}', 'The first decision comes 15 s after the HPA is created; each step may at most double the replicas (or add 4).'],
  solution: `kubectl top pod -l app={{app}}
kubectl autoscale deployment {{app}} --min=1 --max={{max}} --cpu-percent={{target}}
sim advance 1m
kubectl get hpa {{app}}
`,
};
