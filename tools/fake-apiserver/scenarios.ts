/**
 * The situations recorded with real kubectl (tools/record-kubectl.ts) and replayed in Podlab
 * (tests/unit/commands/real-kubectl-golden.test.ts). A scenario is a seed, setup lines played
 * through Podlab's command layer (each must succeed), and the kubectl command lines whose output
 * is compared. Changing a scenario means re-recording it.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from '../../src/commands/session.ts';
import type { FileSystem } from '../../src/commands/types.ts';

/** One setup line; `stdin` feeds `kubectl apply -f -`. */
export interface Step {
  line: string;
  stdin?: string;
}

/** A recorded situation. */
export interface Scenario {
  name: string;
  seed: number;
  setup: Step[];
  /** kubectl command lines, run by real kubectl and by Podlab after the setup. */
  commands: string[];
}

/** One recorded kubectl run, as stored in tests/golden-kubectl/NAME.json. */
export interface Recording {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root (tools/fake-apiserver/../..). */
export const REPO_DIR = join(here, '..', '..');

/** ../shared/manifests, next to the repository: where `-f PATH` is read from (kubectl's cwd). */
export const MANIFESTS_DIR = join(REPO_DIR, '..', 'shared', 'manifests');

/** A read-only FileSystem over the shared manifest corpus, for `kubectl apply -f PATH`. */
const manifestFs: FileSystem = {
  readFile: (p) => readFileSync(join(MANIFESTS_DIR, p), 'utf8'),
  stat: (p) => {
    try {
      return statSync(join(MANIFESTS_DIR, p)).isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  },
  readDir: (p) => readdirSync(join(MANIFESTS_DIR, p)).sort(),
  join: (d, n) => join(d, n),
};

const EN = 'kubernetes-website/content/en/examples';

const INGRESS_CLASS = `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
spec:
  controller: k8s.io/ingress-nginx
  parameters:
    apiGroup: k8s.example.com
    kind: IngressParameters
    name: external-lb
`;

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  labels:
    app: web
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  tls:
  - hosts:
    - shop.example.com
    - api.example.com
    secretName: shop-tls
  - hosts:
    - sni.example.com
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
      - path: /cart
        pathType: Exact
        backend:
          service:
            name: web
            port:
              name: nope
  - host: api.example.com
    http:
      paths:
      - path: /v1
        pathType: ImplementationSpecific
        backend:
          service:
            name: api
            port:
              number: 8080
      - path: /static
        pathType: Prefix
        backend:
          resource:
            apiGroup: k8s.example.com
            kind: StorageBucket
            name: static-assets
  - host: a.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
  - host: b.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
`;

/** Builds the scenario's cluster: a Session after every setup step (throws when a step fails). */
export function playSetup(s: Scenario): Session {
  const session = new Session({ seed: s.seed, fs: manifestFs });
  for (const step of s.setup) {
    const r = session.execLine(step.line, step.stdin);
    if (r.exitCode !== 0) throw new Error(`scenario ${s.name}: setup "${step.line}" failed (${r.exitCode}):\n${r.output}`);
  }
  return session;
}

const CRASHING_POD = `apiVersion: v1
kind: Pod
metadata:
  name: crasher
  labels:
    app: crasher
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo starting; exit 1"]
`;

const PENDING_POD = `apiVersion: v1
kind: Pod
metadata:
  name: too-big
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "100"
        memory: 64Mi
`;

const INIT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: with-init
  labels:
    app: with-init
  annotations:
    team: platform
spec:
  initContainers:
  - name: wait
    image: busybox:1.36
    command: ["sh", "-c", "sleep 5"]
  containers:
  - name: app
    image: nginx
    ports:
    - containerPort: 80
      name: http
    env:
    - name: MODE
      value: prod
    - name: POD_IP
      valueFrom:
        fieldRef:
          fieldPath: status.podIP
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
      limits:
        memory: 128Mi
    readinessProbe:
      httpGet:
        path: /
        port: http
  - name: sidecar
    image: busybox:1.36
    command: ["sh", "-c", "while true; do sleep 10; done"]
    resources:
      requests:
        cpu: 50m
  nodeSelector:
    kubernetes.io/os: linux
`;

const REQUESTING_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 4
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: nginx
        resources:
          requests:
            cpu: 500m
            memory: 256Mi
          limits:
            cpu: "1"
            memory: 512Mi
`;

const ONCE_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  completions: 2
  parallelism: 1
  template:
    spec:
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "echo done"]
      restartPolicy: Never
`;

const UNBOUND_CLAIM_POD = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: unbound
spec:
  accessModes: ["ReadWriteOnce"]
  storageClassName: manual
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: needs-claim
spec:
  containers:
  - name: app
    image: nginx
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: unbound
`;

// One resource per LimitRange item: kubectl describes an item's resources in Go map order.
const TEAM_LIMITS = `apiVersion: v1
kind: LimitRange
metadata:
  name: team-limits
  namespace: team
spec:
  limits:
  - type: Container
    default:
      memory: 256Mi
    defaultRequest:
      memory: 128Mi
    max:
      memory: 1Gi
  - type: PersistentVolumeClaim
    max:
      storage: 5Gi
`;

const VOLUMES_POD = `apiVersion: v1
kind: Pod
metadata:
  name: volumes
  namespace: team
  labels:
    app: volumes
    tier: backend
spec:
  priorityClassName: system-cluster-critical
  securityContext:
    runAsUser: 1000
  tolerations:
  - key: dedicated
    operator: Equal
    value: gpu
    effect: NoSchedule
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    envFrom:
    - configMapRef:
        name: settings
    - secretRef:
        name: token
        optional: true
    env:
    - name: CPU_LIMIT
      valueFrom:
        resourceFieldRef:
          resource: limits.cpu
    - name: NODE
      valueFrom:
        fieldRef:
          fieldPath: spec.nodeName
    - name: COLOR
      valueFrom:
        configMapKeyRef:
          name: settings
          key: color
    - name: TOKEN
      valueFrom:
        secretKeyRef:
          name: token
          key: token
    startupProbe:
      exec:
        command: ["true"]
      failureThreshold: 30
      periodSeconds: 5
    volumeMounts:
    - name: cache
      mountPath: /cache
    - name: mem
      mountPath: /dev/shm
    - name: config
      mountPath: /etc/config
      readOnly: true
    - name: secret
      mountPath: /etc/secret
      subPath: token
    - name: info
      mountPath: /etc/podinfo
    - name: host
      mountPath: /host/log
  volumes:
  - name: cache
    emptyDir: {}
  - name: mem
    emptyDir:
      medium: Memory
      sizeLimit: 64Mi
  - name: config
    configMap:
      name: settings
      items:
      - key: color
        path: color.txt
  - name: secret
    secret:
      secretName: token
      defaultMode: 0400
  - name: info
    downwardAPI:
      items:
      - path: labels
        fieldRef:
          fieldPath: metadata.labels
  - name: host
    hostPath:
      path: /var/log
      type: Directory
`;

const FAILING_INIT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: init-fails
  namespace: team
spec:
  initContainers:
  - name: migrate
    image: busybox:1.36
    command: ["sh", "-c", "echo migrating; exit 3"]
  containers:
  - name: app
    image: nginx
`;

const NETPOL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-allow
  namespace: team
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: ["Ingress", "Egress"]
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: team
      podSelector:
        matchLabels:
          role: frontend
    - ipBlock:
        cidr: 10.0.0.0/8
        except: ["10.1.0.0/16"]
    ports:
    - protocol: TCP
      port: 80
  egress:
  - to:
    - podSelector: {}
    ports:
    - port: 53
      protocol: UDP
`;

const TRICKY_CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: tricky
data:
  script: |
    #!/bin/sh
    echo "hello: world"
      indented line
  empty: ""
  number: "42"
  bool: "true"
  null-word: "null"
  colon: "a: b"
  leading-space: " x"
  trailing-space: "x "
  unicode: "héllo ✓"
  tab: "a\\tb"
  star: "*"
  dash: "- item"
  hash: "# not a comment"
  octal: "0755"
  float: "1e3"
  tilde: "~"
  multi-trailing: |+
    keep

`;

const LIFECYCLE_JOBS = `apiVersion: batch/v1
kind: Job
metadata:
  name: fails
spec:
  backoffLimit: 2
  template:
    spec:
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "exit 2"]
      restartPolicy: Never
---
apiVersion: batch/v1
kind: Job
metadata:
  name: indexed
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  ttlSecondsAfterFinished: 3600
  template:
    spec:
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "echo $JOB_COMPLETION_INDEX"]
      restartPolicy: Never
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: paused
spec:
  schedule: "0 3 * * 1-5"
  suspend: true
  timeZone: Etc/UTC
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: 100
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: main
            image: busybox:1.36
            command: ["date"]
          restartPolicy: OnFailure
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: often
spec:
  schedule: "*/2 * * * *"
  successfulJobsHistoryLimit: 2
  failedJobsHistoryLimit: 1
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: main
            image: busybox:1.36
            command: ["sh", "-c", "sleep 200"]
          restartPolicy: OnFailure
`;

const RECREATE_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: recreate
  annotations:
    kubernetes.io/change-cause: first
spec:
  replicas: 2
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app: recreate
  template:
    metadata:
      labels:
        app: recreate
    spec:
      containers:
      - name: app
        image: nginx:1.25
`;

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.36
            command: ["sh", "-c", "date; echo Hello"]
          restartPolicy: OnFailure
`;

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: web
`;

const PRIORITY_CLASS = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high-priority
value: 1000000
globalDefault: false
description: "For important pods."
`;

const DYNAMIC_PVC = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: uses-data
spec:
  containers:
  - name: app
    image: nginx
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`;

/** Every scenario, by name (the golden file is tests/golden-kubectl/NAME.json). */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'deployment',
    seed: 1,
    setup: [
      { line: 'kubectl create deployment nginx --image=nginx --replicas=3' },
      { line: 'kubectl expose deployment nginx --port=80 --target-port=80' },
      { line: 'sim advance 30s' },
    ],
    commands: [
      'kubectl describe deployment nginx',
      'kubectl describe rs -l app=nginx',
      'kubectl describe pod -l app=nginx',
      'kubectl describe svc nginx',
      'kubectl describe endpoints nginx',
      'kubectl describe endpointslice -l kubernetes.io/service-name=nginx',
      'kubectl describe node node-1',
      'kubectl get pod -l app=nginx -o yaml',
      'kubectl get deploy nginx -o yaml',
      'kubectl get svc nginx -o yaml',
      'kubectl get deploy nginx -o json',
      'kubectl get svc nginx -o json',
      'kubectl get pods -o name',
      'kubectl get deploy,rs,svc -o name',
      "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
      `kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\t"}{.spec.nodeName}{"\\n"}{end}'`,
      "kubectl get deploy nginx -o jsonpath='{.status.readyReplicas}'",
      "kubectl get nodes -o jsonpath='{.items[*].status.addresses[?(@.type==\"InternalIP\")].address}'",
      "kubectl get svc nginx -o jsonpath='{.spec}'",
      "kubectl get deploy nginx -o jsonpath='{.metadata.labels}{\"\\n\"}{.spec.template.spec.containers[0]}'",
      "kubectl get pods -o jsonpath='{.items[5].metadata.name}'",
      "kubectl get pods -o jsonpath='{.items[0].metadata.nosuch}'",
      "kubectl get pods -o custom-columns=NAME:.metadata.name,IP:.status.podIP,NODE:.spec.nodeName",
      "kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image --no-headers",
      "kubectl get deploy nginx -o go-template='{{.metadata.name}} {{.spec.replicas}}{{\"\\n\"}}'",
      'kubectl get pods -o name --sort-by=.status.podIP',
      'kubectl get pods -l app=nginx --field-selector spec.nodeName=node-1 -o name',
      "kubectl get pods -l 'app in (nginx,web)' -o name",
      'kubectl get deploy,svc -o yaml',
      'kubectl get all -o name',
      'kubectl get ns -o name',
      'kubectl describe deploy,svc nginx',
      'kubectl describe deploy nginx --show-events=false',
      'kubectl describe pods nginx',
      'kubectl describe deploy ngi',
      'kubectl describe svc kube',
      'kubectl describe pod nosuch',
      'kubectl get pod nosuch -o yaml',
      'kubectl get deploy nosuch -o name',
      'kubectl get podz -o name',
      'kubectl describe nosuchkind x',
      'kubectl get pods -o yamll',
    ],
  },
  {
    name: 'failing-pods',
    seed: 2,
    setup: [
      { line: 'kubectl create namespace mem-example' },
      { line: `kubectl apply -f ${'kubernetes-website/content/id/examples/pods/resource/memory-request-limit-2.yaml'}` },
      { line: 'kubectl apply -f -', stdin: CRASHING_POD },
      { line: 'kubectl apply -f -', stdin: PENDING_POD },
      { line: 'sim advance 2m' },
    ],
    commands: [
      'kubectl describe pod crasher',
      'kubectl describe pod memory-demo-2 -n mem-example',
      'kubectl describe pod too-big',
      'kubectl get pod crasher -o yaml',
      'kubectl get pod too-big -o json',
    ],
  },
  {
    name: 'workloads',
    seed: 3,
    setup: [
      { line: `kubectl apply -f ${EN}/controllers/job.yaml` },
      { line: 'kubectl apply -f -', stdin: CRONJOB },
      { line: `kubectl apply -f ${EN}/application/web/web.yaml` },
      { line: `kubectl apply -f ${EN}/controllers/daemonset.yaml` },
      { line: `kubectl apply -f ${EN}/application/php-apache.yaml` },
      { line: `kubectl apply -f ${EN}/application/hpa/php-apache.yaml` },
      { line: 'kubectl create deployment web --image=nginx --replicas=3' },
      { line: 'kubectl apply -f -', stdin: PDB },
      { line: 'sim advance 3m' },
    ],
    commands: [
      'kubectl describe job pi',
      'kubectl describe cronjob hello',
      'kubectl describe statefulset web',
      'kubectl describe daemonset fluentd-elasticsearch -n kube-system',
      'kubectl describe hpa php-apache',
      'kubectl describe pdb web-pdb',
      'kubectl describe pod web-0',
      'kubectl describe svc nginx',
      'kubectl describe deployment php-apache',
      'kubectl describe node node-1',
      'kubectl describe jobs',
      'kubectl get job pi -o yaml',
      'kubectl get cronjob hello -o yaml',
      'kubectl get sts web -o json',
      'kubectl get hpa php-apache -o yaml',
      'kubectl get pdb web-pdb -o yaml',
    ],
  },
  {
    name: 'config-storage',
    seed: 4,
    setup: [
      { line: `kubectl apply -f ${EN}/pods/storage/pv-volume.yaml` },
      { line: `kubectl apply -f ${EN}/pods/storage/pv-claim.yaml` },
      { line: 'kubectl apply -f -', stdin: DYNAMIC_PVC },
      { line: 'kubectl create configmap app-config --from-literal=mode=prod' },
      { line: 'kubectl create secret generic db-pass --from-literal=password=s3cr3t' },
      { line: 'kubectl create namespace quota-demo' },
      { line: `kubectl apply -f ${EN}/admin/resource/quota-mem-cpu.yaml -n quota-demo` },
      { line: 'kubectl create namespace default-mem-example' },
      { line: `kubectl apply -f ${EN}/admin/resource/memory-defaults.yaml` },
      { line: 'kubectl apply -f -', stdin: PRIORITY_CLASS },
      { line: 'sim advance 1m' },
    ],
    commands: [
      'kubectl describe pv task-pv-volume',
      'kubectl describe pvc task-pv-claim',
      'kubectl describe pvc data',
      'kubectl describe pod uses-data',
      'kubectl describe configmap app-config',
      'kubectl describe secret db-pass',
      'kubectl describe resourcequota mem-cpu-demo -n quota-demo',
      'kubectl describe limitrange mem-limit-range -n default-mem-example',
      'kubectl describe namespace quota-demo',
      'kubectl describe namespace default',
      'kubectl describe priorityclass high-priority',
      'kubectl describe storageclass standard',
      'kubectl get pvc data -o yaml',
      'kubectl get pv task-pv-volume -o yaml',
      'kubectl get configmap app-config -o yaml',
      'kubectl get secret db-pass -o json',
      'kubectl get quota mem-cpu-demo -n quota-demo -o yaml',
      'kubectl get priorityclass high-priority -o yaml',
    ],
  },
  {
    name: 'run-dry-run',
    seed: 5,
    setup: [],
    commands: [
      'kubectl run nginx --image=nginx --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx --port=80 --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx --env=MODE=prod --env=LEVEL=debug --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx --labels=app=web,tier=frontend --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx --restart=Never --dry-run=client -o yaml',
      'kubectl run sleeper --image=busybox --dry-run=client -o yaml --command -- sleep 3600',
      'kubectl run sleeper --image=busybox --restart=Never --dry-run=client -o json -- sleep 3600',
      'kubectl run sleeper --image=busybox --restart=OnFailure --dry-run=client -o yaml -- sh -c "echo hi; sleep 5"',
      'kubectl run nginx --image=nginx --port=80 --expose --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx -n dev --image-pull-policy=IfNotPresent --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx --annotations=team=web --annotations=owner=me --privileged --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx --dry-run=client -o name',
      "kubectl run nginx --image=nginx --dry-run=client -o jsonpath='{.spec.containers[0].image}'",
      'kubectl run nginx --image=nginx --dry-run=client',
      'kubectl run nginx --dry-run=client -o yaml',
      'kubectl run --image=nginx --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx --restart=Sometimes --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx --port=http --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx --env=BROKEN --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx --labels=bad --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx --expose --dry-run=client -o yaml',
      'kubectl run nginx --image=nginx --dry-run=bogus -o yaml',
    ],
  },
  {
    name: 'kube-system',
    seed: 6,
    setup: [{ line: 'sim advance 5m' }],
    commands: [
      'kubectl describe pod etcd-control-plane -n kube-system',
      'kubectl describe pod kube-apiserver-control-plane -n kube-system',
      'kubectl describe pod -n kube-system -l k8s-app=kube-dns',
      'kubectl describe pod -n kube-system -l k8s-app=kube-proxy',
      'kubectl describe ds kube-proxy -n kube-system',
      'kubectl describe deploy coredns -n kube-system',
      'kubectl describe rs -n kube-system',
      'kubectl describe svc kube-dns -n kube-system',
      'kubectl describe endpoints kube-dns -n kube-system',
      'kubectl describe cm coredns -n kube-system',
      'kubectl describe node control-plane',
      'kubectl describe lease node-1 -n kube-node-lease',
      'kubectl describe priorityclass system-node-critical',
      'kubectl describe namespace kube-system',
      'kubectl describe svc kubernetes',
      'kubectl get pod etcd-control-plane -n kube-system -o yaml',
      'kubectl get ds kube-proxy -n kube-system -o yaml',
      'kubectl get cm coredns -n kube-system -o yaml',
      'kubectl get node control-plane -o json',
      'kubectl get all -n kube-system -o name',
      'kubectl get all -A -o name',
      "kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{\": \"}{.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}'",
      'kubectl get pods -A -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name,QOS:.status.qosClass',
      "kubectl get lease -n kube-node-lease -o jsonpath='{.items[*].spec.holderIdentity}'",
      'kubectl describe controllerrevision -n kube-system',
      'kubectl describe events -n kube-system',
    ],
  },
  {
    name: 'pods',
    seed: 7,
    setup: [
      { line: 'kubectl apply -f kubernetes-website/content/en/examples/configmap/configmaps.yaml' },
      { line: 'kubectl apply -f kubernetes-website/content/uk/examples/pods/pod-multiple-configmap-env-variable.yaml' },
      { line: 'kubectl apply -f kubernetes-website/content/zh-cn/examples/pods/inject/secret.yaml' },
      { line: 'kubectl apply -f kubernetes-website/content/zh-cn/examples/pods/inject/secret-pod.yaml' },
      { line: `kubectl apply -f ${EN}/pods/probe/tcp-liveness-readiness.yaml` },
      { line: `kubectl apply -f ${EN}/pods/probe/exec-liveness.yaml` },
      { line: `kubectl apply -f ${EN}/pods/probe/http-liveness.yaml` },
      { line: 'kubectl apply -f -', stdin: INIT_POD },
      { line: `kubectl apply -f ${EN}/application/nginx-app.yaml` },
      { line: 'kubectl create deployment broken --image=nginx:no-such-tag --replicas=2' },
      { line: 'sim advance 90s' },
      { line: 'kubectl set image deployment/my-nginx nginx=nginx:1.16.1' },
      { line: 'sim advance 3s' },
    ],
    commands: [
      'kubectl describe pod dapi-test-pod',
      'kubectl describe pod secret-test-pod',
      'kubectl describe pod goproxy',
      'kubectl describe pod liveness-exec',
      'kubectl describe pod liveness-http',
      'kubectl describe pod with-init',
      'kubectl describe pod -l app=broken',
      'kubectl describe deploy broken',
      'kubectl describe deploy my-nginx',
      'kubectl describe svc my-nginx-svc',
      'kubectl describe cm special-config',
      'kubectl get pod liveness-exec -o yaml',
      'kubectl get pod with-init -o json',
      'kubectl get secret test-secret -o yaml',
      'kubectl get cm -o yaml',
      "kubectl get secret test-secret -o jsonpath='{.data.password}'",
      "kubectl get pod goproxy -o jsonpath='{.spec.containers[0].livenessProbe}'",
    ],
  },
  {
    name: 'nodes-events',
    seed: 8,
    setup: [
      { line: 'kubectl apply -f -', stdin: REQUESTING_DEPLOYMENT },
      { line: 'kubectl cordon node-2' },
      { line: 'kubectl taint nodes node-3 dedicated=gpu:NoSchedule' },
      { line: 'kubectl apply -f -', stdin: ONCE_JOB },
      { line: 'kubectl apply -f -', stdin: UNBOUND_CLAIM_POD },
      { line: 'sim advance 2m' },
      { line: 'kubectl scale deployment api --replicas=6' },
      { line: 'sim advance 20s' },
    ],
    commands: [
      'kubectl describe node node-2',
      'kubectl describe node node-3',
      'kubectl describe pod -l job-name=once',
      'kubectl describe job once',
      'kubectl describe pvc unbound',
      'kubectl describe pod needs-claim',
      'kubectl describe deploy api',
      'kubectl describe all',
      'kubectl events',
      'kubectl events --for pod/needs-claim',
      'kubectl events --types=Warning',
      'kubectl events -A',
      'kubectl events --for deployment/api -o yaml',
      'kubectl get events --field-selector reason=Scheduled -o name',
      "kubectl get events --field-selector involvedObject.kind=Node -o jsonpath='{range .items[*]}{.reason}{\" \"}{.involvedObject.name}{\"\\n\"}{end}'",
      'kubectl get events -o json --field-selector involvedObject.name=needs-claim',
      'kubectl get node node-3 -o yaml',
      'kubectl api-resources',
      'kubectl api-resources --namespaced=false',
      'kubectl api-resources --api-group=apps -o name',
      'kubectl api-versions',
      'kubectl version',
    ],
  },
  {
    name: 'edge-cases',
    seed: 9,
    setup: [
      { line: 'sim cloud on' },
      { line: 'kubectl create namespace team' },
      { line: 'kubectl create quota team-quota -n team --hard=pods=10,requests.memory=2Gi,limits.memory=4Gi' },
      { line: 'kubectl apply -f -', stdin: TEAM_LIMITS },
      { line: 'kubectl create configmap settings -n team --from-literal=color=blue' },
      { line: 'kubectl create secret generic token -n team --from-literal=token=abc123' },
      { line: 'kubectl apply -f -', stdin: VOLUMES_POD },
      { line: 'kubectl apply -f -', stdin: FAILING_INIT_POD },
      { line: 'kubectl create deployment web -n team --image=nginx:1.25 --replicas=2 --port=80' },
      { line: 'kubectl expose deployment web -n team --type=NodePort --port=80 --name=web-np' },
      { line: 'kubectl expose deployment web -n team --type=LoadBalancer --port=80 --name=web-lb' },
      { line: 'kubectl create service externalname ext -n team --external-name=example.com' },
      { line: 'kubectl apply -f -', stdin: NETPOL },
      { line: 'sim advance 1m' },
      { line: 'kubectl set image deployment/web -n team nginx=nginx:1.26' },
      { line: 'kubectl annotate deployment/web -n team kubernetes.io/change-cause="image 1.26"' },
      { line: 'sim advance 1m' },
      { line: 'kubectl delete pod -n team -l app=web --wait=false' },
      { line: 'sim advance 1s' },
      { line: 'sim node fail node-3' },
      { line: 'sim advance 2m' },
    ],
    commands: [
      'kubectl describe pod volumes -n team',
      'kubectl describe pod init-fails -n team',
      'kubectl describe pod -n team -l app=web',
      'kubectl describe namespace team',
      'kubectl describe quota team-quota -n team',
      'kubectl describe limits team-limits -n team',
      'kubectl describe svc web-np -n team',
      'kubectl describe svc web-lb -n team',
      'kubectl describe svc ext -n team',
      'kubectl describe networkpolicy web-allow -n team',
      'kubectl describe deploy web -n team',
      'kubectl describe node node-3',
      'kubectl rollout history deployment/web -n team',
      'kubectl rollout history deployment/web -n team --revision=1',
      'kubectl get pod volumes -n team -o yaml',
      'kubectl get netpol web-allow -n team -o yaml',
      'kubectl get svc -n team -o yaml',
      'kubectl get node node-3 -o jsonpath=\'{.spec.taints}\'',
    ],
  },
  {
    name: 'output-formats',
    seed: 10,
    setup: [
      { line: 'kubectl create namespace empty' },
      { line: 'kubectl create deployment hello --image=nginx:1.25 --replicas=2' },
      { line: 'kubectl label deployment hello tier=web team=blue' },
      { line: 'kubectl annotate deployment hello description="a \\"quoted\\" value: with colon"' },
      { line: 'kubectl create configmap multi --from-literal=a=1 --from-literal=b="two words" --from-literal=c=yes --from-literal=d=0755 --from-literal=e=' },
      { line: 'kubectl apply -f -', stdin: TRICKY_CONFIGMAP },
      { line: 'sim advance 10s' },
    ],
    commands: [
      'kubectl get pods -n empty -o name',
      'kubectl get pods -n empty -o json',
      'kubectl get pods -n empty -o yaml',
      "kubectl get pods -n empty -o jsonpath='{.items}'",
      'kubectl get cm multi -o yaml',
      'kubectl get cm multi -o json',
      'kubectl get cm tricky -o yaml',
      'kubectl get cm tricky -o json',
      "kubectl get cm tricky -o jsonpath='{.data}'",
      "kubectl get cm tricky -o jsonpath='{.data.script}'",
      'kubectl get deploy hello -o yaml',
      "kubectl get deploy hello -o jsonpath='{.metadata.annotations}'",
      "kubectl get pods -o jsonpath='{.metadata.name'",
      "kubectl get pods -o jsonpath='{.items[?(@.status.phase==\"Running\")].metadata.name}'",
      "kubectl get pods -o jsonpath='{range .items[*]}{@.metadata.name}{\" \"}{.spec.containers[*].name}{\"\\n\"}{end}'",
      "kubectl get pods -o jsonpath='{.items[-1:].metadata.name}'",
      "kubectl get pods -o jsonpath='{.items[0:1].spec.containers[0].image}'",
      "kubectl get pods -o jsonpath-as-json='{.items[*].metadata.name}'",
      'kubectl get pods -o custom-columns=BAD',
      'kubectl get pods -o custom-columns=NAME:.metadata.name,MISSING:.status.nosuch,LABELS:.metadata.labels',
      "kubectl get deploy hello -o go-template='{{.metadata.name'",
      "kubectl get deploy hello -o go-template='{{range .spec.template.spec.containers}}{{.name}}={{.image}}{{\"\\n\"}}{{end}}'",
      "kubectl get deploy hello -o template --template='{{.spec.replicas}}'",
      'kubectl get deploy hello --show-kind -o name',
      'kubectl get pods,deploy,rs -l app=hello -o name',
      'kubectl get pods -o wide -o name',
      'kubectl get nodes,ns -o name',
      'kubectl get deploy/hello rs -o name',
      'kubectl get deploy hello -o json --output-watch-events',
      'kubectl get pods -n kube-system -l tier=control-plane -o name',
      'kubectl get pods -A --field-selector spec.nodeName=control-plane -o name',
      'kubectl get pods --field-selector status.phase=Running,metadata.namespace=default -o name',
      'kubectl get priorityclass -o name',
      'kubectl get sc standard -o yaml',
      'kubectl get ep kubernetes -o yaml',
      'kubectl get endpointslice -n kube-system -o yaml',
    ],
  },
  {
    name: 'lifecycle',
    seed: 11,
    setup: [
      { line: 'kubectl apply -f -', stdin: LIFECYCLE_JOBS },
      { line: 'kubectl create deployment stuck --image=nginx:does-not-exist' },
      { line: 'kubectl patch deployment stuck -p \'{"spec":{"progressDeadlineSeconds":60}}\'' },
      { line: 'kubectl apply -f -', stdin: RECREATE_DEPLOYMENT },
      { line: 'kubectl create deployment lonely --image=nginx --replicas=2' },
      { line: 'sim advance 2m' },
      { line: 'kubectl rollout pause deployment/lonely' },
      { line: 'kubectl set image deployment/lonely nginx=nginx:1.27' },
      { line: 'kubectl set image deployment/recreate app=nginx:1.27' },
      { line: 'sim advance 2s' },
      { line: 'sim node fail node-2' },
      { line: 'sim advance 7m' },
    ],
    commands: [
      'kubectl describe job fails',
      'kubectl describe job indexed',
      'kubectl describe cronjob paused',
      'kubectl describe cronjob often',
      'kubectl describe deploy stuck',
      'kubectl describe deploy lonely',
      'kubectl describe deploy recreate',
      'kubectl describe rs -l app=recreate',
      'kubectl describe node node-2',
      'kubectl describe pods --field-selector spec.nodeName=node-2',
      'kubectl describe pod -l job-name=fails',
      'kubectl get job fails -o yaml',
      'kubectl get job indexed -o json',
      'kubectl get cronjob often -o yaml',
      'kubectl get deploy stuck -o yaml',
      'kubectl rollout history deployment/recreate',
      'kubectl rollout history deployment/recreate --revision=2 -o yaml',
      'kubectl events --for job/fails',
    ],
  },
  {
    // Commands whose -o json is a typed object kubectl decoded (encoding/json writes its fields in
    // Go struct order): set on every workload kind, generators, expose. Pods, Jobs and CronJobs
    // carry their status.
    name: 'typed-json',
    seed: 13,
    setup: [
      { line: 'kubectl create deployment web --image=nginx:1.25 --replicas=2 --port=80' },
      { line: 'kubectl apply -f -', stdin: CRONJOB },
      { line: `kubectl apply -f ${EN}/controllers/job.yaml` },
      { line: `kubectl apply -f ${EN}/controllers/daemonset.yaml` },
      { line: `kubectl apply -f ${EN}/controllers/statefulset.yaml` },
      { line: 'kubectl run solo --image=nginx:1.25 --port=80 --labels=app=solo --env=MODE=prod' },
      { line: 'kubectl expose deployment web --port=80 --target-port=80' },
      { line: 'sim advance 90s' },
    ],
    commands: [
      'kubectl set image pod/solo solo=nginx:1.27 --dry-run=client -o json',
      'kubectl set image job/pi pi=perl:5.40 --dry-run=client -o json',
      'kubectl set image cronjob/hello hello=busybox:1.37 --dry-run=client -o json',
      'kubectl set image deployment/web nginx=nginx:1.27 --dry-run=client -o json',
      'kubectl set image daemonset/fluentd-elasticsearch fluentd-elasticsearch=fluentd:v2 -n kube-system --dry-run=client -o json',
      'kubectl set image statefulset/web nginx=nginx:1.27 --dry-run=client -o json',
      'kubectl set env pod/solo LEVEL=debug --dry-run=client -o json',
      'kubectl set resources cronjob/hello --limits=cpu=200m --dry-run=client -o json',
      'kubectl expose pod solo --port=8080 --target-port=80 --name=solo-svc --dry-run=client -o json',
      'kubectl expose deployment web --port=81 --name=web-81 --type=NodePort --dry-run=client -o json',
      'kubectl create job manual --from=cronjob/hello --dry-run=client -o json',
      'kubectl create job once --image=busybox --dry-run=client -o json -- echo hi',
      "kubectl create cronjob tick --image=busybox --schedule='*/5 * * * *' --dry-run=client -o json -- date",
      'kubectl create service clusterip api --tcp=80:8080 --dry-run=client -o json',
      'kubectl create deployment api --image=nginx --replicas=2 --port=80 --dry-run=client -o json',
      'kubectl run tmp --image=busybox --restart=Never --dry-run=client -o json',
      'kubectl get pod solo -o json',
      'kubectl get service web -o json',
    ],
  },
  {
    name: 'dry-run',
    seed: 12,
    setup: [
      { line: 'kubectl create deployment nginx --image=nginx:1.25 --replicas=2' },
      { line: 'kubectl apply -f -', stdin: CRONJOB },
      { line: `kubectl apply -f ${EN}/controllers/nginx-deployment.yaml` },
      { line: 'sim advance 30s' },
    ],
    // --validate=false: client-side validation downloads the OpenAPI schema, which the fake API
    // server does not serve.
    commands: [
      `kubectl apply -f ${EN}/controllers/nginx-deployment.yaml --validate=false --dry-run=client -o yaml`,
      `kubectl apply -f ${EN}/controllers/frontend.yaml --validate=false --dry-run=client -o yaml`,
      `kubectl apply -f ${EN}/controllers/frontend.yaml --validate=false --dry-run=client`,
      `kubectl create -f ${EN}/controllers/frontend.yaml --validate=false --dry-run=client -o yaml`,
      `kubectl create -f ${EN}/controllers/nginx-deployment.yaml --validate=false --dry-run=client -o name`,
      `kubectl delete -f ${EN}/controllers/nginx-deployment.yaml --dry-run=client`,
      'kubectl delete deployment nginx --dry-run=client',
      'kubectl delete pod -l app=nginx --dry-run=client',
      'kubectl label deployment nginx tier=web --dry-run=client -o yaml',
      'kubectl label deployment nginx app- --dry-run=client -o name',
      'kubectl annotate deployment nginx note=hello --dry-run=client -o yaml',
      'kubectl set image deployment/nginx nginx=nginx:1.27 --dry-run=client -o yaml',
      'kubectl set env deployment/nginx MODE=prod --dry-run=client -o yaml',
      'kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m --dry-run=client -o yaml',
      'kubectl scale deployment nginx --replicas=5 --dry-run=client',
      'kubectl expose deployment nginx --port=80 --target-port=8080 --dry-run=client -o yaml',
      'kubectl expose deployment nginx --port=80 --type=NodePort --name=nginx-np --dry-run=client -o yaml',
      'kubectl autoscale deployment nginx --min=2 --max=5 --cpu-percent=70 --dry-run=client -o yaml',
      'kubectl create job manual --from=cronjob/hello --dry-run=client -o yaml',
      'kubectl taint nodes node-1 dedicated=gpu:NoSchedule --dry-run=client -o yaml',
      'kubectl cordon node-1 --dry-run=client',
      'kubectl drain node-1 --ignore-daemonsets --dry-run=client',
      'kubectl patch deployment nginx -p \'{"spec":{"replicas":4}}\' --dry-run=client -o yaml',
      'kubectl patch deployment nginx --type=json -p \'[{"op":"replace","path":"/spec/replicas","value":6}]\' --dry-run=client -o name',
      'kubectl rollout undo deployment/nginx --dry-run=client',
      'kubectl rollout restart deployment/nginx --dry-run=client',
    ],
  },
  {
    name: 'rbac-ingress',
    seed: 15,
    setup: [
      { line: 'kubectl create deployment web --image=nginx:1.25 --replicas=2' },
      { line: 'kubectl expose deployment web --port=80 --name=web' },
      { line: 'kubectl create role pod-reader --verb=get,list,watch --resource=pods,pods/log,deployments.apps' },
      { line: 'kubectl create role secret-reader --verb=get --verb=update --resource=secrets --resource-name=a,b' },
      { line: 'kubectl create clusterrole urls --verb=get --non-resource-url=/healthz,/version' },
      { line: 'kubectl create rolebinding read-pods --role=pod-reader --user=jane --group=devs --serviceaccount=default:robot' },
      { line: 'kubectl create clusterrolebinding view-all --clusterrole=view --group=auditors --user=amy' },
      { line: 'kubectl label role pod-reader team=blue' },
      { line: 'kubectl apply -f -', stdin: INGRESS_CLASS },
      { line: 'kubectl apply -f -', stdin: INGRESS },
      { line: 'kubectl create ingress simple --rule=/=web:80' },
      { line: 'kubectl create service externalname ext --external-name=db.example.com' },
      { line: 'kubectl create ingress tls-only --rule=foo.example.com/=missing:http,tls --rule=foo.example.com/ext=ext:80 --default-backend=web:80' },
      { line: 'sim advance 30s' },
    ],
    commands: [
      'kubectl describe role pod-reader',
      'kubectl describe role secret-reader -n default',
      'kubectl describe clusterrole urls',
      'kubectl describe clusterrole view',
      'kubectl describe clusterrole admin',
      'kubectl describe clusterrole cluster-admin',
      'kubectl describe clusterrole system:controller:deployment-controller',
      'kubectl describe clusterrole system:node',
      'kubectl describe rolebinding read-pods',
      'kubectl describe clusterrolebinding view-all',
      'kubectl describe clusterrolebinding system:public-info-viewer',
      'kubectl describe rolebinding -n kube-system kubeadm:kubelet-config',
      'kubectl describe ingress web',
      'kubectl describe ingress simple',
      'kubectl describe ingress tls-only',
      'kubectl describe ingressclass nginx',
      'kubectl get role pod-reader -o yaml',
      'kubectl get rolebinding read-pods -o yaml',
      'kubectl get clusterrole urls -o json',
      'kubectl get clusterrolebinding view-all -o yaml',
      'kubectl get clusterrole view -o yaml',
      'kubectl get ingress web -o yaml',
      'kubectl get ingressclass nginx -o json',
      'kubectl get rolebindings,roles -o name',
      'kubectl get role nope',
      'kubectl get ingress -o custom-columns=NAME:.metadata.name,CLASS:.spec.ingressClassName',
    ],
  },
];

/**
 * Recordings used as an oracle rather than replayed as output (real-kubectl-golden.test.ts does not
 * play them): kubectl apply of corpus files already applied. kubectl computes the three-way patch
 * itself and sends nothing when it is {} (`unchanged`); a non-empty patch is sent, and this
 * read-only server answers 405 with the patch in kubectl's message. Podlab's own patch must agree
 * (tests/unit/api/patch-apply.test.ts).
 */
export const ORACLE_SCENARIOS: Scenario[] = [
  {
    name: 'apply-reapply',
    seed: 14,
    setup: [
      { line: 'kubectl create namespace cpu-example' },
      { line: 'kubectl create namespace constraints-mem-example' },
      { line: 'kubectl apply -f kubernetes-website/content/en/examples/pods/simple-pod.yaml' },
      { line: 'kubectl apply -f kubernetes-website/content/en/examples/controllers/nginx-deployment.yaml' },
      { line: 'kubectl apply -f kubernetes-website/content/en/examples/application/web/web.yaml' },
      { line: 'kubectl apply -f kubernetes-website/content/en/examples/pods/resource/cpu-request-limit.yaml -n cpu-example' },
      { line: 'kubectl apply -f kubernetes-website/content/ko/examples/admin/resource/memory-constraints.yaml -n constraints-mem-example' },
      { line: 'kubectl apply -f kubernetes-examples/databases/cassandra/cassandra-statefulset.yaml' },
      { line: 'kubectl apply -f kubernetes-examples/AI/vllm-deployment/vllm-deployment.yaml' },
      { line: 'kubectl apply -f kubernetes-examples/AI/vllm-deployment/hpa/horizontal-pod-autoscaler.yaml' },
      { line: 'kubectl apply -f kubernetes-examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml' },
      { line: 'sim advance 10s' },
    ],
    commands: [
      'kubectl apply -f kubernetes-website/content/en/examples/pods/simple-pod.yaml --validate=false --dry-run=server',
      'kubectl apply -f kubernetes-website/content/en/examples/controllers/nginx-deployment.yaml --validate=false --dry-run=server',
      'kubectl apply -f kubernetes-website/content/en/examples/application/web/web.yaml --validate=false --dry-run=server',
      'kubectl apply -f kubernetes-website/content/en/examples/pods/resource/cpu-request-limit.yaml -n cpu-example --validate=false --dry-run=server',
      'kubectl apply -f kubernetes-website/content/ko/examples/admin/resource/memory-constraints.yaml -n constraints-mem-example --validate=false --dry-run=server',
      'kubectl apply -f kubernetes-examples/databases/cassandra/cassandra-statefulset.yaml --validate=false --dry-run=server',
      'kubectl apply -f kubernetes-examples/AI/vllm-deployment/vllm-deployment.yaml --validate=false --dry-run=server',
      'kubectl apply -f kubernetes-examples/AI/vllm-deployment/hpa/horizontal-pod-autoscaler.yaml --validate=false --dry-run=server',
      'kubectl apply -f kubernetes-examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml --validate=false --dry-run=server',
    ],
  },
];
