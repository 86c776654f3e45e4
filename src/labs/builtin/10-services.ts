import type { Lab } from '../types.ts';
import { num } from '../variants.ts';

/** Course lab 10: Services, kube-proxy and DNS. */
export const servicesLab: Lab = {
  id: 'services-dns',
  title: 'Services, kube-proxy and DNS',
  level: 'intermediate',
  seed: 1,
  params: {
    app: { choose: ['shop', 'blog', 'forum', 'wiki'] },
    svc: { choose: ['frontend', 'public', 'www', 'site'] },
    api: { choose: ['inventory', 'pricing', 'accounts', 'ratings'] },
    port: { choose: [8080, 8000, 9090, 3000] },
  },
  setup: {
    manifests: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{app}}
spec:
  replicas: 3
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
---
apiVersion: v1
kind: Service
metadata:
  name: {{svc}}
spec:
  selector: {app: {{app}}-v2}
  ports:
  - port: 80
    targetPort: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{api}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: {{api}}}
  template:
    metadata:
      labels: {app: {{api}}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
        ports:
        - containerPort: 80
`,
    ],
    script: 'sim advance 20s\n',
  },
  story: {
    intro:
      'A Service gives a set of pods, chosen by a label selector, one stable virtual IP and a DNS name ({{svc}}.default.svc.cluster.local). The EndpointSlice controller lists the ready pods; kube-proxy on every node turns the virtual IP into iptables rules that pick one of them.',
    steps: [
      'Service {{svc}} has no endpoints (kubectl get endpoints {{svc}}). Compare its selector with the labels of the {{app}} pods and fix it.',
      'Make Deployment {{api}} reachable inside the cluster as {{api}}:{{port}} (a Service on port {{port}} that sends traffic to the pods\' port 80).',
      'Try it from a pod: kubectl run client --image=busybox:1.36 -- sleep 3600, then kubectl exec client -- nslookup {{api}} and kubectl exec client -- wget -qO- http://{{api}}:{{port}}. Look at the rules: sim node exec node-1 -- iptables -t nat -L KUBE-SERVICES.',
    ],
  },
  goals: [
    { id: 'selector', title: 'Service {{svc}} has 3 ready endpoints', check: { type: 'serviceReadyEndpoints', name: '{{svc}}', count: 3 } },
    {
      id: 'expose',
      title: 'Service {{api}} listens on port {{port}} and has 2 ready endpoints on port 80',
      check: {
        type: 'allOf',
        checks: [
          { type: 'exists', resource: 'service', name: '{{api}}', fields: { 'spec.ports[*].port': num('{{port}}') } },
          { type: 'exists', resource: 'endpoints', name: '{{api}}', fields: { 'subsets[0].ports[*].port': 80 } },
          { type: 'serviceReadyEndpoints', name: '{{api}}', count: 2 },
        ],
      },
    },
  ],
  hints: [
    'kubectl get pods --show-labels and kubectl get svc {{svc}} -o wide show both sides of the selector.',
    'kubectl patch svc {{svc}} -p \'{"spec":{"selector":{"app":"{{app}}"}}}\'',
    'kubectl expose deployment {{api}} --port={{port}} --target-port=80',
  ],
  solution: `kubectl get pods --show-labels
kubectl patch svc {{svc}} -p '{"spec":{"selector":{"app":"{{app}}"}}}'
kubectl expose deployment {{api}} --port={{port}} --target-port=80
kubectl run client --image=busybox:1.36 -- sleep 3600
sim advance 15s
kubectl exec client -- nslookup {{api}}
kubectl exec client -- wget -qO- http://{{api}}:{{port}}
`,
};
