/**
 * A plausible wrong answer per built-in lab (placeholders filled per variant) and the goals it
 * must fail: graded in Node by builtin-labs.test.ts and in Chromium's worker by
 * tests/browser/labs-grading.test.ts (same report).
 */
export const WRONG: Record<string, { script: string; fails: string[] }> = {
  'pods-containers': {
    script: 'kubectl set image pod/{{app}} {{app}}=nginx:1.14.2\nkubectl run {{tool}} --image=nginx:{{version}}\nsim advance 30s\n',
    fails: ['fixed', 'two-containers'],
  },
  'namespaces-qos': {
    script: `kubectl create namespace {{ns}}
kubectl apply -n {{ns}} -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: {{app}}-guaranteed}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, "3600"]
    resources:
      requests: {cpu: 100m, memory: {{mem*64}}Mi}
      limits: {cpu: {{cpu*100}}m, memory: {{mem*64}}Mi}
EOF
sim advance 20s
`,
    fails: ['guaranteed', 'burstable'],
  },
  'oom-crashloop': {
    script: 'kubectl set resources deploy/{{app}} --requests=memory=256Mi\nkubectl set env deploy/{{worker}} MODE=debug\nsim advance 1m\n',
    fails: ['no-oom', 'no-crashloop'],
  },
  probes: {
    script: `kubectl patch deploy/{{app}} --type=json -p '[{"op":"add","path":"/spec/template/spec/containers/0/readinessProbe","value":{"httpGet":{"path":"/","port":80}}}]'
sim advance 40s
`,
    fails: ['liveness'],
  },
  replicasets: {
    script: 'kubectl create deployment {{rs}} --image=nginx:1.26 --replicas={{n}}\nsim advance 20s\n',
    fails: ['replicaset', 'count', 'adopted'],
  },
  'deployments-scaling': {
    script: 'kubectl scale deployment/{{app}} --replicas={{n}}\nkubectl delete deployment {{batch}}\nsim advance 20s\n',
    fails: ['scale-down'],
  },
  'rolling-update': {
    script: 'kubectl set image deployment/{{app}} nginx=nginx:1.26\nkubectl rollout status deployment/{{app}} --timeout=5m\n',
    fails: ['strategy'],
  },
  scheduling: {
    script: `kubectl create deployment {{db}} --image=busybox:1.36 --replicas=2 -- sleep 3600
kubectl patch deployment {{db}} -p '{"spec":{"template":{"spec":{"nodeSelector":{"disktype":"ssd"}}}}}'
sim advance 30s
`,
    fails: ['dedicated', 'spread'],
  },
  'node-failure': {
    script: 'sim advance 2m\nkubectl cordon node-{{f+2}}\nsim advance 30s\n',
    fails: ['failover', 'drained'],
  },
  'services-dns': {
    script: `kubectl expose deployment {{app}} --name={{svc}}-fixed --port=80
kubectl expose deployment {{api}} --port=80
sim advance 15s
`,
    fails: ['selector', 'expose'],
  },
  'configmaps-secrets': {
    script: 'kubectl create configmap {{cm}} --from-literal=mode=debug\nkubectl create secret generic {{sec}} --from-literal=token=s3cr3t\nsim advance 1m\n',
    fails: ['configmap', 'running'],
  },
  volumes: {
    script: `kubectl apply -f - <<EOF
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: {{pvc}}}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 512Mi}}
EOF
sim advance 30s
`,
    fails: ['claim'],
  },
  hpa: {
    script: 'kubectl autoscale deployment {{app}} --min=1 --max={{max+1}} --cpu-percent={{target}}\nsim advance 1m\n',
    fails: ['hpa', 'scaled'],
  },
  'quotas-limits': {
    script: 'kubectl create quota {{q}} -n {{ns}} --hard=pods={{p}}\nkubectl create deployment {{app}} -n {{ns}} --image=busybox:1.36 --replicas={{p+2}} -- sleep 3600\nsim advance 30s\n',
    fails: ['quota', 'limitrange', 'capped'],
  },
};
