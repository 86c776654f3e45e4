import type { Lab } from '../types.ts';

/** Course lab 1: pods and containers — images, layers, logs, exec. */
export const podsLab: Lab = {
  id: 'pods-containers',
  title: 'Pods and containers: images, logs and exec',
  level: 'beginner',
  seed: 1,
  params: {
    app: { choose: ['web', 'shop', 'blog', 'wiki', 'portal'] },
    version: { choose: ['1.25', '1.26', '1.27'] },
    tool: { choose: ['toolbox', 'debug', 'helper', 'shell'] },
  },
  setup: {
    manifests: [
      `apiVersion: v1
kind: Pod
metadata:
  name: {{app}}
  labels: {app: {{app}}}
spec:
  containers:
  - name: {{app}}
    image: ngnix:{{version}}
`,
    ],
    script: 'sim advance 20s\n',
  },
  story: {
    intro:
      'A teammate started pod {{app}} to serve the team page, but it never came up. A pod is one or more containers sharing a network namespace; each container runs an image pulled layer by layer onto the node.',
    steps: [
      'Find out why pod {{app}} is not running (kubectl get pods, kubectl describe pod {{app}}: look at the Events).',
      'Fix the pod so it runs nginx:{{version}} (a pod\'s container image can be changed in place: kubectl set image or kubectl edit).',
      'Start a second pod {{tool}} with two containers: "web" running nginx:{{version}} and "sidecar" running busybox:1.36 with the command sleep 3600.',
      'Look around: kubectl logs {{tool}} -c web, kubectl exec {{tool}} -c sidecar -- ls /, sim node exec NODE -- crictl images to see the pulled layers.',
    ],
  },
  goals: [
    {
      id: 'fixed',
      title: 'Pod {{app}} runs nginx:{{version}} and is Ready',
      check: {
        type: 'exists',
        resource: 'pod',
        name: '{{app}}',
        fields: { 'spec.containers[0].image': 'nginx:{{version}}', 'status.phase': 'Running', "status.conditions[type=Ready].status": 'True' },
      },
    },
    {
      id: 'two-containers',
      title: 'Pod {{tool}} runs containers web (nginx:{{version}}) and sidecar (busybox), both ready',
      check: {
        type: 'exists',
        resource: 'pod',
        name: '{{tool}}',
        fields: {
          'spec.containers[name=web].image': 'nginx:{{version}}',
          'spec.containers[name=sidecar].image': { contains: 'busybox' },
          'status.containerStatuses[name=web].ready': true,
          'status.containerStatuses[name=sidecar].ready': true,
        },
      },
    },
  ],
  hints: [
    'The Events of kubectl describe pod {{app}} say which image could not be pulled: look at its spelling.',
    'kubectl set image pod/{{app}} {{app}}=nginx:{{version}}',
    'A two-container pod needs a manifest: kubectl apply -f - with a here-document listing both containers.',
  ],
  solution: `kubectl set image pod/{{app}} {{app}}=nginx:{{version}}
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: {{tool}}
spec:
  containers:
  - name: web
    image: nginx:{{version}}
  - name: sidecar
    image: busybox:1.36
    command: [sleep, "3600"]
EOF
sim advance 30s
kubectl logs {{tool}} -c web
kubectl exec {{tool}} -c sidecar -- ls /
`,
};
