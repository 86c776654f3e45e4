import type { Lab } from '../types.ts';
import { num } from '../variants.ts';

/** Course lab 14: ResourceQuotas and LimitRanges. */
export const quotasLab: Lab = {
  id: 'quotas-limits',
  title: 'ResourceQuotas and LimitRanges',
  level: 'advanced',
  seed: 1,
  params: {
    ns: { choose: ['team-red', 'team-blue', 'sandbox', 'interns'] },
    q: { choose: ['compute', 'team-quota', 'budget'] },
    lr: { choose: ['defaults', 'container-defaults', 'sane-defaults'] },
    app: { choose: ['crawler', 'worker', 'trainer', 'runner'] },
    p: { int: [3, 5] },
    cpu: { choose: [100, 150, 200, 250] },
  },
  setup: { script: 'kubectl create namespace {{ns}}\n' },
  story: {
    intro:
      'A ResourceQuota caps what a namespace may hold (object counts, summed requests and limits); the API server refuses a pod that would go over it. Once a quota limits requests.cpu, every pod must state a CPU request, and a LimitRange can fill one in for containers that do not.',
    steps: [
      'In namespace {{ns}}, create ResourceQuota {{q}}: at most {{p}} pods and {{p}} CPUs of requests (requests.cpu).',
      'In {{ns}}, create LimitRange {{lr}} that gives every container a default CPU request of {{cpu}}m.',
      'In {{ns}}, create Deployment {{app}} with {{p+2}} replicas of busybox:1.36 (command sleep 3600) and no resources. See how many pods exist and why (kubectl describe rs -n {{ns}}, kubectl describe quota -n {{ns}}).',
    ],
  },
  goals: [
    {
      id: 'quota',
      title: 'ResourceQuota {{q}} in {{ns}} allows {{p}} pods and {{p}} CPUs of requests',
      check: {
        // `cpu` in a quota is the older name of `requests.cpu`: either spelling is right.
        type: 'anyOf',
        checks: [
          { type: 'exists', resource: 'resourcequota', namespace: '{{ns}}', name: '{{q}}', fields: { 'spec.hard.pods': { quantity: '{{p}}' }, "spec.hard['requests.cpu']": { quantity: '{{p}}' } } },
          { type: 'exists', resource: 'resourcequota', namespace: '{{ns}}', name: '{{q}}', fields: { 'spec.hard.pods': { quantity: '{{p}}' }, 'spec.hard.cpu': { quantity: '{{p}}' } } },
        ],
      },
    },
    {
      id: 'limitrange',
      title: 'LimitRange {{lr}} in {{ns}} gives containers a default CPU request of {{cpu}}m',
      check: {
        type: 'exists',
        resource: 'limitrange',
        namespace: '{{ns}}',
        name: '{{lr}}',
        fields: { 'spec.limits[type=Container].defaultRequest.cpu': { quantity: '{{cpu}}m' } },
      },
    },
    {
      id: 'capped',
      title: 'Deployment {{app}} wants {{p+2}} replicas but the quota holds it to {{p}} running pods, each requesting {{cpu}}m CPU',
      check: {
        type: 'allOf',
        checks: [
          { type: 'exists', resource: 'deployment', namespace: '{{ns}}', name: '{{app}}', fields: { 'spec.replicas': num('{{p+2}}') } },
          { type: 'pods', namespace: '{{ns}}', selector: 'app={{app}}', count: num('{{p}}'), ready: true, fields: { 'spec.containers[0].resources.requests.cpu': { quantity: '{{cpu}}m' } } },
          { type: 'exists', resource: 'resourcequota', namespace: '{{ns}}', name: '{{q}}', fields: { 'status.used.pods': { quantity: '{{p}}' } } },
        ],
      },
    },
  ],
  hints: [
    'kubectl create quota {{q}} -n {{ns}} --hard=pods={{p}},requests.cpu={{p}}',
    'A LimitRange manifest: spec.limits: [{type: Container, defaultRequest: {cpu: {{cpu}}m}}].',
    'kubectl create deployment {{app}} -n {{ns}} --image=busybox:1.36 --replicas={{p+2}} -- sleep 3600',
  ],
  solution: `kubectl create quota {{q}} -n {{ns}} --hard=pods={{p}},requests.cpu={{p}}
kubectl apply -n {{ns}} -f - <<EOF
apiVersion: v1
kind: LimitRange
metadata:
  name: {{lr}}
spec:
  limits:
  - type: Container
    defaultRequest: {cpu: {{cpu}}m}
EOF
kubectl create deployment {{app}} -n {{ns}} --image=busybox:1.36 --replicas={{p+2}} -- sleep 3600
sim advance 30s
kubectl describe quota {{q}} -n {{ns}}
kubectl get pods -n {{ns}}
`,
};
