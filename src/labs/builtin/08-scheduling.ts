import type { Lab } from '../types.ts';

/** Course lab 8: scheduling — requests, taints and tolerations, affinity, topology spread. */
export const schedulingLab: Lab = {
  id: 'scheduling',
  title: 'Scheduling: requests, taints and tolerations, affinity, topology spread',
  level: 'intermediate',
  seed: 1,
  params: {
    k: { int: [1, 3] },
    team: { choose: ['db', 'data', 'storage', 'analytics'] },
    db: { choose: ['postgres', 'ledger', 'orders-db', 'catalog-db'] },
    app: { choose: ['web', 'edge', 'front', 'gateway'] },
    cpu: { int: [3, 6] },
  },
  setup: {
    script: `kubectl label node node-{{k}} disktype=ssd
kubectl taint node node-{{k}} dedicated={{team}}:NoSchedule
kubectl apply -f - <<EOF
apiVersion: apps/v1
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
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels: {app: {{app}}}
      containers:
      - name: nginx
        image: nginx:1.26
EOF
sim advance 20s
`,
  },
  story: {
    intro:
      'kube-scheduler filters the nodes a pod may go to (resources, taints, node selectors and affinity, spread constraints), then scores the rest. Node node-{{k}} has fast disks (label disktype=ssd) and is reserved for the {{team}} team (taint dedicated={{team}}:NoSchedule).',
    steps: [
      'Run Deployment {{db}} with 2 replicas of busybox:1.36 (command sleep 3600), each requesting {{cpu*100}}m CPU, on node-{{k}} and nowhere else: it needs a toleration for the taint and a node selector (or node affinity) for the label.',
      'Deployment {{app}} asks for 4 pods spread over the nodes with maxSkew 1, yet some stay Pending. Find out why (kubectl describe pod, sim explain pod/NAME) and fix the spread so all 4 run, on at least 2 nodes, with no node holding 2 more than another.',
    ],
  },
  goals: [
    {
      id: 'dedicated',
      title: 'Deployment {{db}} has 2 available replicas requesting {{cpu*100}}m CPU, all on node-{{k}}',
      check: {
        type: 'allOf',
        checks: [
          { type: 'deploymentAvailable', name: '{{db}}', replicas: 2 },
          { type: 'podsOnNodes', selector: 'app={{db}}', nodes: ['node-{{k}}'] },
          { type: 'pods', selector: 'app={{db}}', count: 2, fields: { 'spec.containers[0].resources.requests.cpu': { quantity: '{{cpu*100}}m' } } },
        ],
      },
    },
    {
      id: 'spread',
      title: 'Deployment {{app}} has 4 available replicas spread over at least 2 nodes with skew at most 1',
      check: {
        type: 'allOf',
        checks: [
          { type: 'deploymentAvailable', name: '{{app}}', replicas: 4 },
          { type: 'podsSpread', selector: 'app={{app}}', topologyKey: 'kubernetes.io/hostname', maxSkew: 1, minDomains: 2 },
        ],
      },
    },
  ],
  hints: [
    'A toleration: {key: dedicated, operator: Equal, value: {{team}}, effect: NoSchedule}. A node selector: {disktype: ssd}.',
    'The {{db}} pods need the label app={{db}}: the goals find them by it.',
    'By default a spread constraint counts every node the pod\'s node selector allows, tainted ones included (nodeTaintsPolicy: Ignore), and the control plane too. nodeTaintsPolicy: Honor leaves out nodes the pod does not tolerate.',
    'While a rollout replaces the pods, the old ones still count in the spread; matchLabelKeys: [pod-template-hash] makes each revision spread on its own.',
  ],
  solution: `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{db}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: {{db}}}
  template:
    metadata:
      labels: {app: {{db}}}
    spec:
      nodeSelector: {disktype: ssd}
      tolerations:
      - {key: dedicated, operator: Equal, value: {{team}}, effect: NoSchedule}
      containers:
      - name: db
        image: busybox:1.36
        command: [sleep, "3600"]
        resources:
          requests: {cpu: {{cpu*100}}m}
EOF
kubectl patch deployment {{app}} --type=json -p '[{"op":"add","path":"/spec/template/spec/topologySpreadConstraints/0/nodeTaintsPolicy","value":"Honor"},{"op":"add","path":"/spec/template/spec/topologySpreadConstraints/0/matchLabelKeys","value":["pod-template-hash"]}]'
sim advance 30s
kubectl get pods -o wide
`,
};
