/**
 * `kubectl describe`: the pod and node describers of kubectl v1.31 (pkg/describe/describe.go),
 * byte for byte, and the command around them (pkg/cmd/describe/describe.go). Expected texts are
 * laid out by the rules of describe's tabwriter (minwidth 0, padding 2; a column block is a run of
 * consecutive lines that have the cell; a line without a tab ends every block; the Events table is
 * flushed on its own), written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { goSort } from '../../../src/commands/printers/describe/go-sort.ts';
import { rfc1123z } from '../../../src/commands/printers/describe/writer.ts';
import { EventRecorder } from '../../../src/engine/api/events.ts';
import type { KObject, Node, Pod, PodStatus } from '../../../src/engine/api/types.ts';
import { nodeLease } from '../../../src/engine/cluster/kube-system.ts';
import { Lab } from '../../support/manifests.ts';
import { testBed, type FakeSim } from './harness.ts';

/** Rows of cells padded to the given widths (the last cell is not padded), one line each. */
function table(widths: number[], rows: string[][]): string {
  return rows.map((r) => r.map((c, i) => (i < widths.length ? c.padEnd(widths[i]) : c)).join('') + '\n').join('');
}

const SEC = 1000;

function setStatus(sim: FakeSim, name: string, status: PodStatus, namespace = 'default'): Pod {
  const pod = sim.store.get<Pod>('pods', namespace, name);
  return sim.store.update<Pod>({ ...pod, status: { ...pod.status, ...status } }, { subresource: 'status' });
}

const CONDITIONS = (ready: 'True' | 'False'): PodStatus['conditions'] =>
  (
    [
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', ready],
      ['ContainersReady', ready],
      ['PodScheduled', 'True'],
    ] as const
  ).map(([type, status]) => ({ type, status, lastTransitionTime: '2025-01-01T00:00:00Z' }));

const LONG = '0123456789'.repeat(15);

/** A pod with an init container, ports, args, env of every kind, probes, limits, mounts and volumes. */
function richPod(sim: FakeSim): void {
  sim.store.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web',
      namespace: 'default',
      labels: { tier: 'front', app: 'web' },
      annotations: { note: 'hello', description: LONG, 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c', uid: 'rs-uid', controller: true }],
    },
    spec: {
      nodeName: 'node-1',
      initContainers: [{ name: 'init-db', image: 'busybox:1.36', command: ['sh', '-c', 'echo init'] }],
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80 }, { containerPort: 443, hostPort: 8443 }],
          args: ['-g', 'daemon off;'],
          env: [
            { name: 'MODE', value: 'prod' },
            { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
            { name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
            { name: 'CPU_REQ', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
            { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
            { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'color', optional: true } } },
          ],
          envFrom: [{ configMapRef: { name: 'cfg' } }, { secretRef: { name: 'db' }, prefix: 'DB_' }],
          resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '250m', memory: '128Mi' } },
          livenessProbe: { httpGet: { path: '/healthz', port: 80 }, initialDelaySeconds: 3, periodSeconds: 5 },
          readinessProbe: { tcpSocket: { port: 80 } },
          startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, failureThreshold: 30 },
          volumeMounts: [
            { name: 'host', mountPath: '/host', subPath: 'logs' },
            { name: 'data', mountPath: '/data' },
            { name: 'config', mountPath: '/etc/cfg', readOnly: true },
          ],
        },
      ],
      volumes: [
        { name: 'data', emptyDir: {} },
        { name: 'config', configMap: { name: 'cfg' } },
        { name: 'secret-vol', secret: { secretName: 'db', optional: true } },
        { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
        { name: 'claim', persistentVolumeClaim: { claimName: 'data-claim' } },
        {
          name: 'kube-api-access-abcde',
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
      ],
      nodeSelector: { disktype: 'ssd' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
    },
  });
  setStatus(sim, 'web', {
    phase: 'Running',
    hostIP: '172.18.0.2',
    podIP: '10.244.0.5',
    podIPs: [{ ip: '10.244.0.5' }],
    startTime: '2025-01-01T00:00:05Z',
    conditions: CONDITIONS('True'),
    initContainerStatuses: [
      {
        name: 'init-db',
        ready: true,
        restartCount: 0,
        image: 'docker.io/library/busybox:1.36',
        imageID: 'docker.io/library/busybox@sha256:111',
        containerID: 'containerd://aaa',
        state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2025-01-01T00:00:06Z', finishedAt: '2025-01-01T00:00:07Z' } },
      },
    ],
    containerStatuses: [
      {
        name: 'nginx',
        ready: true,
        restartCount: 0,
        image: 'docker.io/library/nginx:1.27',
        imageID: 'docker.io/library/nginx@sha256:222',
        containerID: 'containerd://bbb',
        started: true,
        state: { running: { startedAt: '2025-01-01T00:00:08Z' } },
      },
    ],
  } as PodStatus);
}

const RICH_POD = `Name:             web
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/172.18.0.2
Start Time:       Wed, 01 Jan 2025 00:00:05 +0000
Labels:           app=web
                  tier=front
Annotations:      description:
                    ${LONG.slice(0, 138)}...
                  note: hello
Status:           Running
IP:               10.244.0.5
IPs:
  IP:           10.244.0.5
Controlled By:  ReplicaSet/web-7d4b9c
Init Containers:
  init-db:
    Container ID:  containerd://aaa
    Image:         busybox:1.36
    Image ID:      docker.io/library/busybox@sha256:111
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      echo init
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Wed, 01 Jan 2025 00:00:06 +0000
      Finished:     Wed, 01 Jan 2025 00:00:07 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-abcde (ro)
Containers:
  nginx:
    Container ID:  containerd://bbb
    Image:         nginx:1.27
    Image ID:      docker.io/library/nginx@sha256:222
    Ports:         80/TCP, 443/TCP
    Host Ports:    0/TCP, 8443/TCP
    Args:
      -g
      daemon off;
    State:          Running
      Started:      Wed, 01 Jan 2025 00:00:08 +0000
    Ready:          True
    Restart Count:  0
    Limits:
      cpu:     500m
      memory:  256Mi
    Requests:
      cpu:      250m
      memory:   128Mi
    Liveness:   http-get http://:80/healthz delay=3s timeout=1s period=5s #success=1 #failure=3
    Readiness:  tcp-socket :80 delay=0s timeout=1s period=10s #success=1 #failure=3
    Startup:    exec [cat /tmp/ready] delay=0s timeout=1s period=10s #success=1 #failure=30
    Environment Variables from:
      cfg  ConfigMap                 Optional: false
      db   Secret with prefix 'DB_'  Optional: false
    Environment:
      MODE:       prod
      POD_NAME:   web (v1:metadata.name)
      POD_IP:      (v1:status.podIP)
      MEM_LIMIT:  256 (limits.memory)
      CPU_REQ:    250 (requests.cpu)
      PASSWORD:   <set to the key 'password' in secret 'db'>    Optional: false
      COLOR:      <set to the key 'color' of config map 'cfg'>  Optional: true
    Mounts:
      /data from data (rw)
      /etc/cfg from config (ro)
      /host from host (rw,path="logs")
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-abcde (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  data:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     
    SizeLimit:  <unset>
  config:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      cfg
    Optional:  false
  secret-vol:
    Type:        Secret (a volume populated by a Secret)
    SecretName:  db
    Optional:    true
  host:
    Type:          HostPath (bare host directory volume)
    Path:          /var/log
    HostPathType:  Directory
  claim:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  data-claim
    ReadOnly:   false
  kube-api-access-abcde:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              disktype=ssd
Tolerations:                 dedicated=web:NoSchedule
                             node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:                      <none>
`;

describe('kubectl describe pod', () => {
  it('a pod with an init container, ports, env, probes, limits, mounts and volumes', () => {
    const b = testBed();
    b.sim.addNode('node-1');
    richPod(b.sim);
    b.sim.advance(60 * SEC);
    const r = b.run('kubectl describe pod web');
    expect(r.stdout).toBe(RICH_POD);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it('a CrashLoopBackOff pod: Last State, and its events aggregated and sorted by last time', () => {
    const b = testBed();
    b.sim.addNode('node-1');
    const recorder = new EventRecorder(b.sim.store, b.sim.kernel);
    const created = b.sim.store.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'crash', namespace: 'default' },
      // No service-account token volume (ServiceAccount admission would add one): this test is about the events.
      spec: {
        nodeName: 'node-1',
        automountServiceAccountToken: false,
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }],
      },
    });
    // An earlier pod of the same name: its events have another uid and must not show.
    const old: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crash', namespace: 'default', uid: 'old-uid' } };
    recorder.record({ involved: old, type: 'Normal', reason: 'Killing', message: 'Stopping container app', component: 'kubelet', host: 'node-1' });
    const kubelet = (type: 'Normal' | 'Warning', reason: string, message: string) =>
      recorder.record({ involved: created, type, reason, message, component: 'kubelet', host: 'node-1', fieldPath: 'spec.containers{app}' });
    recorder.record({ involved: created, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/crash to node-1', component: 'default-scheduler' });
    b.sim.advance(1 * SEC);
    kubelet('Normal', 'Pulling', 'Pulling image "busybox:1.36"');
    kubelet('Normal', 'Pulled', 'Successfully pulled image "busybox:1.36" in 1.2s (1.2s including waiting). Image size: 2150000 bytes.');
    kubelet('Normal', 'Created', 'Created container app');
    kubelet('Normal', 'Started', 'Started container app');
    b.sim.advance(2 * SEC);
    kubelet('Normal', 'Pulled', 'Container image "busybox:1.36" already present on machine');
    kubelet('Normal', 'Created', 'Created container app');
    kubelet('Normal', 'Started', 'Started container app');
    const backOff = `Back-off restarting failed container app in pod crash_default(${created.metadata.uid})`;
    for (const t of [4, 20, 50, 100, 160]) {
      b.sim.advance(t * SEC - b.sim.now);
      kubelet('Warning', 'BackOff', backOff);
    }
    setStatus(b.sim, 'crash', {
      phase: 'Running',
      hostIP: '172.18.0.2',
      podIP: '10.244.0.7',
      podIPs: [{ ip: '10.244.0.7' }],
      startTime: '2025-01-01T00:00:00Z',
      conditions: CONDITIONS('False'),
      containerStatuses: [
        {
          name: 'app',
          ready: false,
          restartCount: 4,
          image: 'docker.io/library/busybox:1.36',
          imageID: 'docker.io/library/busybox@sha256:333',
          containerID: 'containerd://ccc',
          started: false,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container=app' } },
          lastState: {
            terminated: { exitCode: 1, reason: 'Error', startedAt: '2025-01-01T00:02:40Z', finishedAt: '2025-01-01T00:02:40Z', containerID: 'containerd://ccc' },
          },
        },
      ],
    } as PodStatus);
    b.sim.advance(200 * SEC - b.sim.now);

    const r = b.run('kubectl describe pod crash');
    expect(r.stdout).toBe(
      `Name:             crash
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/172.18.0.2
Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
Labels:           <none>
Annotations:      <none>
Status:           Running
IP:               10.244.0.7
IPs:
  IP:  10.244.0.7
Containers:
  app:
    Container ID:  containerd://ccc
    Image:         busybox:1.36
    Image ID:      docker.io/library/busybox@sha256:333
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      echo boom; exit 1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Wed, 01 Jan 2025 00:02:40 +0000
      Finished:     Wed, 01 Jan 2025 00:02:40 +0000
    Ready:          False
    Restart Count:  4
    Environment:    <none>
    Mounts:         <none>
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       False 
  ContainersReady             False 
  PodScheduled                True 
Volumes:                      <none>
QoS Class:                    BestEffort
Node-Selectors:               <none>
Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
` +
        table(
          [11, 11, 23, 19],
          [
            ['  Type', 'Reason', 'Age', 'From', 'Message'],
            ['  ----', '------', '----', '----', '-------'],
            ['  Normal', 'Scheduled', '3m20s', 'default-scheduler', 'Successfully assigned default/crash to node-1'],
            ['  Normal', 'Pulling', '3m19s', 'kubelet', 'Pulling image "busybox:1.36"'],
            ['  Normal', 'Pulled', '3m19s', 'kubelet', 'Successfully pulled image "busybox:1.36" in 1.2s (1.2s including waiting). Image size: 2150000 bytes.'],
            ['  Normal', 'Created', '3m17s (x2 over 3m19s)', 'kubelet', 'Created container app'],
            ['  Normal', 'Started', '3m17s (x2 over 3m19s)', 'kubelet', 'Started container app'],
            ['  Normal', 'Pulled', '3m17s', 'kubelet', 'Container image "busybox:1.36" already present on machine'],
            ['  Warning', 'BackOff', '40s (x5 over 3m16s)', 'kubelet', backOff],
          ],
        ),
    );
    expect(r.exitCode).toBe(0);

    // --show-events=false: the description ends with the last section before Events.
    const quiet = b.run('kubectl describe pod crash --show-events=false').stdout;
    expect(quiet.endsWith('                              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n')).toBe(true);
    expect(quiet).not.toContain('Events:');
  });

  it('a pod not yet bound: Node <none>, no IPs, Pending; its Events still found', () => {
    const b = testBed();
    const pod = b.sim.addPod('pending');
    new EventRecorder(b.sim.store, b.sim.kernel).record({
      involved: pod,
      type: 'Warning',
      reason: 'FailedScheduling',
      message: '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.. ',
      component: 'default-scheduler',
    });
    b.sim.advance(48 * SEC);
    expect(b.run('kubectl describe pod pending').stdout).toBe(`Name:             pending
Namespace:        default
Priority:         0
Service Account:  default
Node:             <none>
Labels:           <none>
Annotations:      <none>
Status:           Pending
IP:               
IPs:              <none>
Containers:
  app:
    Image:        busybox:1.36
    Port:         <none>
    Host Port:    <none>
    Environment:  <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-nfgp9 (ro)
Volumes:
  kube-api-access-nfgp9:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
${table(
  [11, 18, 6, 19],
  [
    ['  Type', 'Reason', 'Age', 'From', 'Message'],
    ['  ----', '------', '----', '----', '-------'],
    ['  Warning', 'FailedScheduling', '48s', 'default-scheduler', '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..'],
  ],
)}`);
  });

  it('a terminating pod: Terminating (lasts <age since deletionTimestamp>) and its grace period', () => {
    const b = testBed();
    b.sim.addNode('node-1');
    b.sim.addPod('bye', { nodeName: 'node-1' });
    b.sim.store.delete('pods', 'default', 'bye', { gracePeriodSeconds: 30 });
    const status = (line: string) => b.run('kubectl describe pod bye').stdout.split('\n').filter((l) => l.startsWith(line));
    // While the grace period runs the deletion timestamp is in the future: HumanDuration says <invalid>.
    expect(status('Status:')).toEqual(['Status:                    Terminating (lasts <invalid>)']);
    expect(status('Termination Grace Period:')).toEqual(['Termination Grace Period:  30s']);
    b.sim.advance(50 * SEC);
    expect(status('Status:')).toEqual(['Status:                    Terminating (lasts 20s)']);
  });
});

describe('kubectl describe pod: smaller rules', () => {
  it('NominatedNodeName, Reason and Message; terminal escapes are defused', () => {
    const b = testBed();
    b.sim.addPod('pre', { annotations: { note: 'red \x1b[31malert\r' } });
    setStatus(b.sim, 'pre', { phase: 'Pending', nominatedNodeName: 'node-2', reason: 'Preempting', message: 'waiting for victims' } as PodStatus);
    const lines = b.run('kubectl describe pod pre').stdout.split('\n').slice(6, 13);
    expect(lines).toEqual([
      'Annotations:        note: red ^[[31malert\\r',
      'Status:             Pending',
      'Reason:             Preempting',
      'Message:            waiting for victims',
      'IP:                 ',
      'IPs:                <none>',
      'NominatedNodeName:  node-2',
    ]);
  });
});

describe('kubectl describe node', () => {
  function nodeCluster() {
    const b = testBed();
    b.sim.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-node-lease' } });
    b.sim.addNode('node-1', { labels: { 'node-role.kubernetes.io/worker': '' } });
    b.sim.addNode('node-2');
    const node = b.sim.store.get<Node>('nodes', '', 'node-1');
    b.sim.store.update<Node>({
      ...node,
      spec: {
        ...node.spec,
        unschedulable: true,
        taints: [
          { key: 'dedicated', value: 'web', effect: 'NoSchedule' },
          { key: 'maintenance', effect: 'NoExecute' },
          { key: 'a-key', effect: 'NoSchedule' },
        ],
      },
    });
    const resources = (requests: Record<string, string>, limits: Record<string, string> = {}) => ({ requests, limits });
    const mk = (name: string, namespace: string, nodeName: string, spec: Partial<Pod['spec']>) =>
      b.sim.store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { nodeName, containers: [], ...spec } });
    mk('api', 'default', 'node-1', {
      containers: [{ name: 'app', image: 'nginx:1.27', resources: resources({ cpu: '250m', memory: '64Mi' }, { cpu: '500m', memory: '128Mi' }) }],
    });
    // Requests 300m: the init container's request is larger than the app containers' sum.
    mk('batch', 'shop', 'node-1', {
      initContainers: [{ name: 'warm', image: 'busybox:1.36', resources: resources({ cpu: '300m' }) }],
      containers: [{ name: 'job', image: 'busybox:1.36', resources: resources({ cpu: '100m' }) }],
    });
    mk('done', 'default', 'node-1', { containers: [{ name: 'app', image: 'busybox:1.36', resources: resources({ cpu: '1' }) }] });
    setStatus(b.sim, 'done', { phase: 'Succeeded' });
    mk('elsewhere', 'default', 'node-2', { containers: [{ name: 'app', image: 'busybox:1.36', resources: resources({ cpu: '1' }) }] });

    const recorder = new EventRecorder(b.sim.store, b.sim.kernel);
    const nodeObj = b.sim.store.get<Node>('nodes', '', 'node-1');
    b.sim.advance(10 * SEC);
    // The kubelet records node events with the node's name as uid, controllers with the real uid.
    const asKubelet: KObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', uid: 'node-1' } };
    recorder.record({ involved: asKubelet, type: 'Normal', reason: 'Starting', message: 'Starting kubelet.', component: 'kubelet', host: 'node-1' });
    b.sim.advance(10 * SEC);
    recorder.record({
      involved: nodeObj,
      type: 'Normal',
      reason: 'RegisteredNode',
      message: 'Node node-1 event: Registered Node node-1 in Controller',
      component: 'node-controller',
    });
    b.sim.advance(270 * SEC);
    b.sim.store.create(nodeLease('node-1', b.sim.now, nodeObj.metadata.uid));
    b.sim.advance(10 * SEC);
    return b;
  }

  const HEAD = `Name:               node-1
Roles:              worker
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=node-1
                    kubernetes.io/os=linux
                    node-role.kubernetes.io/worker=
Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock
                    node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000
Taints:             maintenance:NoExecute
                    a-key:NoSchedule
                    dedicated=web:NoSchedule
Unschedulable:      true
Lease:
  HolderIdentity:  node-1
  AcquireTime:     <unset>
  RenewTime:       Wed, 01 Jan 2025 00:04:50 +0000
`;

  const T0 = 'Wed, 01 Jan 2025 00:00:00 +0000 ';
  const CONDITIONS_TABLE =
    'Conditions:\n' +
    table(
      [19, 8, 34, 34, 29],
      [
        ['  Type', 'Status', 'LastHeartbeatTime', 'LastTransitionTime', 'Reason', 'Message'],
        ['  ----', '------', '-----------------', '------------------', '------', '-------'],
        ['  MemoryPressure ', 'False ', T0, T0, 'KubeletHasSufficientMemory ', 'kubelet has sufficient memory available'],
        ['  DiskPressure ', 'False ', T0, T0, 'KubeletHasNoDiskPressure ', 'kubelet has no disk pressure'],
        ['  PIDPressure ', 'False ', T0, T0, 'KubeletHasSufficientPID ', 'kubelet has sufficient PID available'],
        ['  Ready ', 'True ', T0, T0, 'KubeletReady ', 'kubelet is posting ready status'],
      ],
    );

  const MIDDLE = `Addresses:
  InternalIP:  172.18.0.2
  Hostname:    node-1
Capacity:
  cpu:                2
  ephemeral-storage:  100Gi
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             4Gi
  pods:               110
Allocatable:
  cpu:                2
  ephemeral-storage:  90Gi
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             3996Mi
  pods:               110
System Info:
  Machine ID:                 644111e8a7021409264d7ba2dfbc9dcb
  System UUID:                fc6298ec-36dd-4f8d-8dcf-63c61795fdff
  Boot ID:                    3fd45415-0ef1-4274-b0a1-e2c7b311396e
  Kernel Version:             6.8.0-podlab
  OS Image:                   Debian GNU/Linux 12 (bookworm)
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.7.18
  Kubelet Version:            v1.31.0
  Kube-Proxy Version:         v1.31.0
PodCIDR:                      10.244.0.0/24
PodCIDRs:                     10.244.0.0/24
ProviderID:                   podlab://node-1
Non-terminated Pods:          (2 in total)
`;

  const PODS = table(
    [30, 7, 2, 14, 12, 17, 15],
    [
      ['  Namespace', 'Name', '', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age'],
      ['  ---------', '----', '', '------------', '----------', '---------------', '-------------', '---'],
      ['  default', 'api', '', '250m (12%)', '500m (25%)', '64Mi (1%)', '128Mi (3%)', '5m'],
      ['  shop', 'batch', '', '300m (15%)', '0 (0%)', '0 (0%)', '0 (0%)', '5m'],
    ],
  );

  const ALLOCATED =
    'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n' +
    table(
      [21, 12],
      [
        ['  Resource', 'Requests', 'Limits'],
        ['  --------', '--------', '------'],
        ['  cpu', '550m (27%)', '500m (25%)'],
        ['  memory', '64Mi (1%)', '128Mi (3%)'],
        ['  ephemeral-storage', '0 (0%)', '0 (0%)'],
        ['  hugepages-1Gi', '0 (0%)', '0 (0%)'],
        ['  hugepages-2Mi', '0 (0%)', '0 (0%)'],
      ],
    );

  it('roles, taints, Lease, conditions, resources, non-terminated pods with percentages, allocated totals, events', () => {
    const b = nodeCluster();
    const r = b.run('kubectl describe node node-1');
    const events =
      'Events:\n' +
      table(
        [10, 16, 7, 17],
        [
          ['  Type', 'Reason', 'Age', 'From', 'Message'],
          ['  ----', '------', '----', '----', '-------'],
          ['  Normal', 'Starting', '4m50s', 'kubelet', 'Starting kubelet.'],
          ['  Normal', 'RegisteredNode', '4m40s', 'node-controller', 'Node node-1 event: Registered Node node-1 in Controller'],
        ],
      );
    expect(r.stdout).toBe(HEAD + CONDITIONS_TABLE + MIDDLE + PODS + ALLOCATED + events);
    expect(r.exitCode).toBe(0);
  });

  it('no events: `Events:` aligned with the Allocated resources block; a missing Lease is reported', () => {
    const b = nodeCluster();
    const out = b.run('kubectl describe no/node-1 --show-events=false').stdout;
    expect(out).toBe(HEAD + CONDITIONS_TABLE + MIDDLE + PODS + ALLOCATED);
    const two = b.run('kubectl describe node node-2').stdout;
    expect(two).toContain('\nUnschedulable:      false\nLease:              Failed to get lease: leases.coordination.k8s.io "node-2" not found\nConditions:\n');
    expect(two).toContain('Non-terminated Pods:          (1 in total)\n');
    // node-2 runs one pod requesting a whole cpu: the Requests column is `1 (50%)` wide.
    expect(two.endsWith('  cpu                1 (50%)   0 (0%)\n  memory             0 (0%)    0 (0%)\n  ephemeral-storage  0 (0%)    0 (0%)\n  hugepages-1Gi      0 (0%)    0 (0%)\n  hugepages-2Mi      0 (0%)    0 (0%)\nEvents:              <none>\n')).toBe(true);
  });
});

describe('the describe command', () => {
  function cluster() {
    const b = testBed();
    b.sim.addNode('node-1');
    b.sim.addPod('web-1', { nodeName: 'node-1', labels: { app: 'web' } });
    b.sim.addPod('web-2', { nodeName: 'node-1', labels: { app: 'web' } });
    b.sim.addPod('db', { nodeName: 'node-1', labels: { app: 'db' } });
    b.sim.addPod('api', { nodeName: 'node-1', namespace: 'shop' });
    return b;
  }
  const one = (b: ReturnType<typeof cluster>, pod: string, ns = 'default') => {
    const r = b.run(`kubectl describe pod ${pod} -n ${ns}`);
    expect(r.exitCode).toBe(0);
    return r.stdout;
  };

  it('TYPE lists every object in the namespace, separated by two blank lines', () => {
    const b = cluster();
    const r = b.run('kubectl describe pods');
    expect(r.stdout).toBe([one(b, 'db'), one(b, 'web-1'), one(b, 'web-2')].join('\n\n'));
    expect(r.stdout).toMatch(/\nEvents: +<none>\n\n\nName: {13}web-1\n/);
  });

  it('-l, TYPE/NAME, several names, -n and -A', () => {
    const b = cluster();
    expect(b.run('kubectl describe po -l app=web').stdout).toBe(`${one(b, 'web-1')}\n\n${one(b, 'web-2')}`);
    expect(b.run('kubectl describe po/db').stdout).toBe(one(b, 'db'));
    expect(b.run('kubectl describe pods db web-2').stdout).toBe(`${one(b, 'db')}\n\n${one(b, 'web-2')}`);
    expect(b.run('kubectl describe pod api -n shop').stdout).toContain('Name:             api\nNamespace:        shop\n');
    expect(b.run('kubectl describe pods -A').stdout).toBe([one(b, 'db'), one(b, 'web-1'), one(b, 'web-2'), one(b, 'api', 'shop')].join('\n\n'));
  });

  it('not found: the NotFound error; with other names found, they print and the error follows', () => {
    const b = cluster();
    const r = b.run('kubectl describe pod nope');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.exitCode).toBe(1);
    expect(b.run('kubectl describe pod/web').stderr).toBe('Error from server (NotFound): pods "web" not found\n');
    const mixed = b.run('kubectl describe pods db nope');
    expect(mixed.output).toBe(`${one(b, 'db')}Error from server (NotFound): pods "nope" not found\n`);
    expect(mixed.exitCode).toBe(1);
    expect(b.run('kubectl describe node node-9').stderr).toBe('Error from server (NotFound): nodes "node-9" not found\n');
  });

  it('TYPE NAME_PREFIX: no exact match describes every object whose name starts with it, each followed by a blank line', () => {
    const b = cluster();
    const r = b.run('kubectl describe pod web');
    expect(r.stdout).toBe(`${one(b, 'web-1')}\n${one(b, 'web-2')}\n`);
    expect(r.exitCode).toBe(0);
    // An exact match wins over the prefix.
    b.sim.addPod('web', { nodeName: 'node-1' });
    expect(b.run('kubectl describe pod web').stdout).toBe(one(b, 'web'));
    // Only in the namespace: shop/api is not a match from default.
    expect(b.run('kubectl describe pod ap').stderr).toBe('Error from server (NotFound): pods "ap" not found\n');
  });

  it("kubectl's errors: no type, name with a selector, a name across all namespaces, no objects", () => {
    const b = cluster();
    const none = b.run('kubectl describe');
    expect(none.stderr).toBe('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
    expect(none.exitCode).toBe(1);
    expect(b.run('kubectl describe pod db -l app=db').stderr).toBe('error: name cannot be provided when a selector is specified\n');
    expect(b.run('kubectl describe pod db -A').stderr).toBe('error: a resource cannot be retrieved by name across all namespaces\n');
    const empty = b.run('kubectl describe pods -n kube-system');
    expect(empty.stderr).toBe('No resources found in kube-system namespace.\n');
    expect(empty.exitCode).toBe(0);
    expect(b.run('kubectl describe pods -l app=none -A').stderr).toBe('No resources found\n');
    expect(b.run('kubectl describe leases -n shop').stderr).toBe('No resources found in shop namespace.\n');
  });

  it("kinds without a describer of their own get kubectl's generic one", () => {
    const b = cluster();
    const lease = b.sim.store.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
      spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:00:00.000000Z' },
    });
    const r = b.run('kubectl describe lease web -n shop');
    expect(r.stdout).toBe(
      [
        'Name:         web',
        'Namespace:    shop',
        'Labels:       app=web',
        'Annotations:  <none>',
        'API Version:  coordination.k8s.io/v1',
        'Kind:         Lease',
        'Metadata:',
        `  Creation Timestamp:  ${lease.metadata.creationTimestamp}`,
        `  Resource Version:    ${lease.metadata.resourceVersion}`,
        `  UID:                 ${lease.metadata.uid}`,
        'Spec:',
        '  Holder Identity:         node-1',
        '  Lease Duration Seconds:  40',
        '  Renew Time:              2025-01-01T00:00:00.000000Z',
        'Events:                    <none>',
        '',
      ].join('\n'),
    );
  });

  it('networkpolicy: selector, rules per enabled direction with ports then peers, policy types', () => {
    const b = cluster();
    b.sim.store.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'db', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { app: 'web' } } }, { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: {} }], ports: [{ port: 5432 }] },
          { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] },
        ],
        policyTypes: ['Ingress'],
      },
    });
    const created = b.sim.store.get('networkpolicies', 'shop', 'db').metadata.creationTimestamp!;
    expect(b.run('kubectl describe netpol db -n shop').stdout).toBe(
      [
        'Name:         db',
        'Namespace:    shop',
        `Created on:   ${created.replace('T', ' ').replace('Z', ' +0000 UTC')}`,
        'Labels:       <none>',
        'Annotations:  <none>',
        'Spec:',
        '  PodSelector:     app=db',
        '  Allowing ingress traffic:',
        '    To Port: 5432/TCP',
        '    From:',
        '      PodSelector: app=web',
        '    From:',
        '      NamespaceSelector: team=a',
        '      PodSelector: <none>',
        '    ----------',
        '    To Port: <any> (traffic allowed to all ports)',
        '    From:',
        '      IPBlock:',
        '        CIDR: 10.0.0.0/8',
        '        Except: 10.1.0.0/16',
        '  Not affecting egress traffic',
        '  Policy Types: Ingress',
        '',
      ].join('\n'),
    );
  });

  it('-f: the objects a manifest names', () => {
    const b = cluster();
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: gone\n';
    const r = b.run('kubectl describe -f -', yaml);
    expect(r.output).toBe(`${one(b, 'db')}Error from server (NotFound): pods "gone" not found\n`);
    expect(r.exitCode).toBe(1);
  });

  it('--help', () => {
    const r = testBed().run('kubectl describe --help');
    expect(r.stdout).toContain('Show details of a specific resource or group of resources');
    expect(r.stdout).toContain('kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)');
    expect(r.stdout).toContain('--show-events=true:');
  });

  it('on a real cluster: a crash-looping pod shows its waiting reason, last state and kubelet events', () => {
    const lab = new Lab();
    lab.apply(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'crash' },
        spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] },
      }),
    );
    lab.advance('3m');
    const out = lab.out('kubectl describe pod crash');
    expect(out).toMatch(/\n {4}State: {10}Waiting\n {6}Reason: {7}CrashLoopBackOff\n {4}Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}1\n/);
    expect(out).toMatch(/\n {2}Warning {2}BackOff {2}\S+ \(x\d+ over \S+\) +kubelet {2}Back-off restarting failed container app in pod crash_default\(/);
  });
});

describe('kubectl describe namespace, configmap, secret, priorityclass', () => {
  it('namespace: status, then no quotas and no limit ranges', () => {
    const b = testBed();
    expect(b.run('kubectl describe ns shop').stdout).toBe(`Name:         shop
Labels:       kubernetes.io/metadata.name=shop
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`);
  });

  it('configmap: each key and value under a rule, binary data sizes, events', () => {
    const b = testBed();
    b.sim.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'default', labels: { app: 'web' } },
      data: { color: 'blue', 'app.properties': 'a=1\nb=2\n' },
      binaryData: { logo: 'iVBORw0KGgo=' },
    });
    expect(b.run('kubectl describe configmap cfg').stdout).toBe(`Name:         cfg
Namespace:    default
Labels:       app=web
Annotations:  <none>

Data
====
app.properties:
----
a=1
b=2


color:
----
blue


BinaryData
====
logo: 8 bytes

Events:  <none>
`);
  });

  it('secret: type and data sizes, never the values', () => {
    const b = testBed();
    b.sim.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, data: { user: 'YWRtaW4=', password: 'czNjcmV0IQ==' } });
    expect(b.run('kubectl describe secret creds').stdout).toBe(`Name:         creds
Namespace:    default
Labels:       <none>
Annotations:  <none>

Type:  Opaque

Data
====
password:  7 bytes
user:      5 bytes
`);
  });

  it('priorityclass: value, default, policy, description, annotations on one line, events', () => {
    const b = testBed();
    b.sim.store.create({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'high', annotations: { owner: 'ops', tier: 'gold' } },
      value: 1000,
      description: 'For the shop.',
    });
    expect(b.run('kubectl describe priorityclass high').stdout).toBe(`Name:              high
Value:             1000
GlobalDefault:     false
PreemptionPolicy:  PreemptLowerPriority
Description:       For the shop.
Annotations:       owner=ops,tier=gold
Events:            <none>
`);
  });
});

describe('helpers', () => {
  it('RFC1123Z times in UTC; a missing time is Go zero time', () => {
    expect(rfc1123z('2025-03-09T07:05:03Z')).toBe('Sun, 09 Mar 2025 07:05:03 +0000');
    expect(rfc1123z('2025-01-01T00:04:50.123456Z')).toBe('Wed, 01 Jan 2025 00:04:50 +0000');
    expect(rfc1123z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });

  it("goSort is Go's sort.Sort: stable up to 12 elements, pdqsort's order of equal elements beyond", () => {
    const items = (keys: number[]) => keys.map((key, id) => ({ key, id }));
    const byKey = (a: { key: number }, b: { key: number }) => a.key < b.key;
    expect(goSort(items([2, 1, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2]), byKey).map((x) => x.id)).toEqual([4, 7, 10, 1, 3, 6, 9, 0, 2, 5, 8, 11]);
    // 13 elements, all equal: partialInsertionSort finds them in order and leaves them.
    expect(goSort(items(new Array<number>(13).fill(1)), byKey).map((x) => x.id)).toEqual([...Array(13).keys()]);
    // 13 elements, the last smaller: one partition moves equal elements (worked through by hand).
    expect(goSort(items([...new Array<number>(12).fill(1), 0]), byKey).map((x) => x.id)).toEqual([12, 6, 2, 3, 4, 5, 0, 7, 8, 9, 10, 11, 1]);
    const keys = Array.from({ length: 200 }, (_, i) => (i * 7919) % 101);
    expect(goSort(items(keys), byKey).map((x) => x.key)).toEqual([...keys].sort((a, b) => a - b));
  });
});
