import type { Lab } from '../types.ts';

/** Course lab 11: ConfigMaps and Secrets. */
export const configLab: Lab = {
  id: 'configmaps-secrets',
  title: 'ConfigMaps and Secrets',
  level: 'intermediate',
  seed: 1,
  params: {
    app: { choose: ['reporter', 'mailer', 'scheduler', 'exporter'] },
    cm: { choose: ['app-settings', 'runtime-config', 'features', 'settings'] },
    sec: { choose: ['api-credentials', 'tokens', 'app-secrets', 'vault'] },
    mode: { choose: ['production', 'staging', 'canary', 'readonly'] },
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
        image: busybox:1.36
        command:
        - sh
        - -c
        - |
          if [ "$MODE" != "{{mode}}" ]; then echo "fatal: MODE is \\"$MODE\\", want {{mode}}"; exit 1; fi
          if [ ! -s /etc/{{app}}/token ]; then echo "fatal: /etc/{{app}}/token is empty"; exit 1; fi
          echo "started in $MODE mode"
          sleep 3600
        env:
        - name: MODE
          valueFrom:
            configMapKeyRef: {name: {{cm}}, key: mode}
        volumeMounts:
        - name: credentials
          mountPath: /etc/{{app}}
          readOnly: true
      volumes:
      - name: credentials
        secret:
          secretName: {{sec}}
`,
    ],
    script: 'sim advance 20s\n',
  },
  story: {
    intro:
      'ConfigMaps hold settings, Secrets hold credentials (base64 in the API, files or variables in the container). Deployment {{app}} reads MODE from ConfigMap {{cm}} (key mode) and a token file from Secret {{sec}} (key token), but neither exists yet.',
    steps: [
      'See what the pod is waiting for: kubectl describe pod -l app={{app}} (CreateContainerConfigError, FailedMount).',
      'Create ConfigMap {{cm}} with mode={{mode}}.',
      'Create Secret {{sec}} with a non-empty key token (any value you like).',
      'Check the pod starts and reads them: kubectl logs deploy/{{app}}; kubectl exec deploy/{{app}} -- cat /etc/{{app}}/token.',
    ],
  },
  goals: [
    { id: 'configmap', title: 'ConfigMap {{cm}} has mode={{mode}}', check: { type: 'exists', resource: 'configmap', name: '{{cm}}', fields: { 'data.mode': '{{mode}}' } } },
    { id: 'secret', title: 'Secret {{sec}} has a key token', check: { type: 'exists', resource: 'secret', name: '{{sec}}', fields: { 'data.token': { exists: true } } } },
    {
      id: 'running',
      title: 'Deployment {{app}} is available and its pod has not restarted',
      check: {
        type: 'allOf',
        checks: [
          { type: 'deploymentAvailable', name: '{{app}}', replicas: 1 },
          { type: 'podRestarts', selector: 'app={{app}}', max: 0 },
        ],
      },
    },
  ],
  hints: [
    'kubectl create configmap {{cm}} --from-literal=mode={{mode}}',
    'kubectl create secret generic {{sec}} --from-literal=token=s3cr3t',
    'The kubelet retries a missing ConfigMap or Secret on its own; once both exist the container starts.',
  ],
  solution: `kubectl describe pod -l app={{app}}
kubectl create configmap {{cm}} --from-literal=mode={{mode}}
kubectl create secret generic {{sec}} --from-literal=token=s3cr3t
sim advance 1m
kubectl logs deploy/{{app}}
kubectl exec deploy/{{app}} -- cat /etc/{{app}}/token
`,
};
