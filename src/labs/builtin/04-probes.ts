import type { Lab } from '../types.ts';
import { num } from '../variants.ts';

/** Course lab 4: probes — liveness vs readiness. */
export const probesLab: Lab = {
  id: 'probes',
  title: 'Probes: liveness vs readiness',
  level: 'beginner',
  seed: 1,
  params: {
    app: { choose: ['frontend', 'catalog', 'landing', 'docs'] },
    replicas: { int: [2, 3] },
  },
  setup: {
    manifests: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{app}}
spec:
  replicas: {{replicas}}
  selector:
    matchLabels: {app: {{app}}}
  template:
    metadata:
      labels: {app: {{app}}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
        ports:
        - containerPort: 80
        livenessProbe:
          httpGet: {path: /, port: 8080}
          periodSeconds: 5
          failureThreshold: 3
---
apiVersion: v1
kind: Service
metadata:
  name: {{app}}
spec:
  selector: {app: {{app}}}
  ports:
  - port: 80
    targetPort: 80
`,
    ],
    script: 'sim advance 1m\n',
  },
  story: {
    intro:
      'A liveness probe that fails makes the kubelet restart the container; a readiness probe that fails only takes the pod out of its Services\' endpoints. Deployment {{app}} restarts all the time.',
    steps: [
      'Find out why the {{app}} pods restart (kubectl describe pod: the Events say which probe fails and how).',
      'Fix the liveness probe so it checks the port nginx really serves (keep a liveness probe).',
      'Add a readiness probe, so that Service {{app}} only sends traffic to pods that answer.',
    ],
  },
  goals: [
    {
      id: 'liveness',
      title: 'Deployment {{app}} keeps a liveness probe and its {{replicas}} pods stop restarting',
      check: {
        type: 'allOf',
        checks: [
          { type: 'exists', resource: 'deployment', name: '{{app}}', fields: { 'spec.template.spec.containers[0].livenessProbe': { exists: true } } },
          { type: 'deploymentAvailable', name: '{{app}}', replicas: num('{{replicas}}') },
          { type: 'podRestarts', selector: 'app={{app}}', max: 0 },
        ],
      },
    },
    {
      id: 'readiness',
      title: 'Deployment {{app}} has a readiness probe and Service {{app}} has {{replicas}} ready endpoints',
      check: {
        type: 'allOf',
        checks: [
          { type: 'exists', resource: 'deployment', name: '{{app}}', fields: { 'spec.template.spec.containers[0].readinessProbe': { exists: true } } },
          { type: 'serviceReadyEndpoints', name: '{{app}}', count: num('{{replicas}}') },
        ],
      },
    },
  ],
  hints: [
    'The Events say "Liveness probe failed: ... connection refused": nothing listens on that port.',
    'kubectl edit deploy/{{app}} (or kubectl patch) lets you change the probe and add readinessProbe next to it.',
    'A readiness probe can be the same httpGet on port 80.',
  ],
  solution: `kubectl describe pod -l app={{app}}
kubectl patch deploy/{{app}} --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/livenessProbe/httpGet/port","value":80},{"op":"add","path":"/spec/template/spec/containers/0/readinessProbe","value":{"httpGet":{"path":"/","port":80},"periodSeconds":5}}]'
sim advance 40s
kubectl get endpoints {{app}}
`,
};
