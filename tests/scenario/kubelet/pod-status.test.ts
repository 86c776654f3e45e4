/**
 * Every STATUS `kubectl get pods` shows, each brought about by a real cause on the kubelet: not
 * schedulable, creating, init containers, exits under each restartPolicy, OOM, crash loops, image pulls,
 * config errors, graceful deletion, node-pressure eviction and kubelet admission.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

interface PodOpts {
  name: string;
  node?: string;
  image?: string;
  command?: string[];
  restartPolicy?: string;
  init?: string[];
  resources?: Record<string, Record<string, string>>;
  env?: unknown[];
  nodeSelector?: Record<string, string>;
}

function pod(o: PodOpts): string {
  const spec: Record<string, unknown> = {};
  if (o.node) spec.nodeName = o.node;
  if (o.nodeSelector) spec.nodeSelector = o.nodeSelector;
  if (o.restartPolicy) spec.restartPolicy = o.restartPolicy;
  if (o.init) spec.initContainers = [{ name: 'init', image: 'busybox:1.36', command: o.init }];
  spec.containers = [
    {
      name: 'app',
      image: o.image ?? 'busybox:1.36',
      ...(o.command ? { command: o.command } : {}),
      ...(o.resources ? { resources: o.resources } : {}),
      ...(o.env ? { env: o.env } : {}),
    },
  ];
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: o.name }, spec })}\n---\n`;
}

const SLEEP = ['sleep', '3600'];

describe('STATUS column: one real cause each', () => {
  // [pod, seconds after creation, STATUS, READY]
  const CASES: [PodOpts, number, string, string][] = [
    // No node has the label, so the scheduler leaves it unbound.
    [{ name: 'unbound', image: 'nginx:1.27', nodeSelector: { disktype: 'ssd' } }, 30, 'Pending', '0/1'],
    [{ name: 'creating', node: 'node-1', image: 'nginx:1.27' }, 0, 'ContainerCreating', '0/1'],
    [{ name: 'running', node: 'node-1', image: 'nginx:1.27' }, 10, 'Running', '1/1'],
    [{ name: 'init', node: 'node-1', init: ['sleep', '30'], image: 'nginx:1.27' }, 10, 'Init:0/1', '0/1'],
    [{ name: 'completed', node: 'node-1', restartPolicy: 'Never', command: ['sh', '-c', 'exit 0'] }, 10, 'Completed', '0/1'],
    [{ name: 'error', node: 'node-1', restartPolicy: 'Never', command: ['sh', '-c', 'exit 1'] }, 10, 'Error', '0/1'],
    [
      {
        name: 'oom',
        node: 'node-1',
        restartPolicy: 'Never',
        image: 'polinux/stress',
        command: ['stress', '--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
        resources: { limits: { memory: '100Mi' } },
      },
      10,
      'OOMKilled',
      '0/1',
    ],
    [{ name: 'crashloop', node: 'node-1', command: ['sh', '-c', 'exit 1'] }, 15, 'CrashLoopBackOff', '0/1'],
    [
      {
        name: 'config',
        node: 'node-1',
        command: SLEEP,
        env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'missing', key: 'password' } } }],
      },
      10,
      'CreateContainerConfigError',
      '0/1',
    ],
    [{ name: 'outofcpu', node: 'node-2', image: 'nginx:1.27', resources: { requests: { cpu: '3' } } }, 10, 'OutOfcpu', '0/1'],
  ];

  it.each(CASES)('%o after %is shows %s', (opts, seconds, status, ready) => {
    const lab = new Lab();
    lab.apply(pod(opts));
    if (seconds > 0) lab.advance(`${seconds}s`);
    expect(lab.podRow(opts.name)).toMatchObject({ status, ready });
  });

  it('Completed and Error are phases Succeeded and Failed with the exit code kept', () => {
    const lab = new Lab();
    lab.apply(
      pod({ name: 'completed', node: 'node-1', restartPolicy: 'Never', command: ['sh', '-c', 'exit 0'] }) +
        pod({ name: 'error', node: 'node-1', restartPolicy: 'Never', command: ['sh', '-c', 'exit 1'] }),
    );
    lab.advance('10s');
    expect(lab.jsonpath('completed', '.status.phase')).toBe('Succeeded');
    expect(lab.jsonpath('error', '.status.phase')).toBe('Failed');
    expect(JSON.parse(lab.jsonpath('error', '.status.containerStatuses[0].state.terminated'))).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(JSON.parse(lab.jsonpath('completed', '.status.containerStatuses[0].state.terminated'))).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('OutOfcpu: a pod bound past the scheduler to a 2-CPU node asking 3 CPUs is rejected by the kubelet', () => {
    const lab = new Lab();
    lab.apply(pod({ name: 'big', node: 'node-2', image: 'nginx:1.27', resources: { requests: { cpu: '3' } } }));
    lab.advance('5s');
    expect(lab.jsonpath('big', '.status.phase')).toBe('Failed');
    expect(lab.jsonpath('big', '.status.reason')).toBe('OutOfcpu');
    expect(lab.jsonpath('big', '.status.message')).toBe(
      "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000",
    );
    expect(lab.events('big')).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'OutOfcpu', message: "Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000" }),
    );
    // Nothing was started for it.
    expect(lab.out('sim node exec node-2 -- crictl pods')).not.toContain(' big ');
  });

  it('ImagePullBackOff for a tag that does not exist, with the kubelet events, retried with back-off', () => {
    const lab = new Lab();
    lab.apply(pod({ name: 'badtag', node: 'node-1', image: 'nginx:9.99' }));
    expect(lab.status('badtag')).toBe('ContainerCreating');
    lab.advance('3s');
    expect(lab.podRow('badtag')).toMatchObject({ ready: '0/1', status: 'ImagePullBackOff' });
    expect(JSON.parse(lab.jsonpath('badtag', '.status.containerStatuses[0].state'))).toEqual({
      waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:9.99"' },
    });
    const events = lab.events('badtag');
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'Warning',
        reason: 'Failed',
        message:
          'Failed to pull image "nginx:9.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.99": ' +
          'failed to resolve reference "docker.io/library/nginx:9.99": docker.io/library/nginx:9.99: not found',
      }),
    );
    expect(events).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'Normal', reason: 'BackOff', message: 'Back-off pulling image "nginx:9.99"' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff' }));
    // The kubelet keeps retrying on the back-off (10 s, 20 s, 40 s…): more pulls over two minutes.
    lab.advance('2m');
    const pulls = lab.events('badtag').find((e) => e.reason === 'Pulling');
    expect(pulls?.count).toBeGreaterThanOrEqual(4);
    expect(pulls?.count).toBeLessThanOrEqual(6);
  });

  // Regression (was a bug): ErrImagePull is written and overwritten at the same instant: the kubelet's own status
  // write comes back through the pods watch (KubeletFleet.start → Kubelet.podChanged) and syncs
  // the pod again at once, which finds the pull back-off and writes ImagePullBackOff. A real
  // kubelet does not resync on its own status update (a status-only change is a RECONCILE, not an
  // UPDATE), so `kubectl get pods` shows ErrImagePull until the next sync.
  it('ErrImagePull is visible before ImagePullBackOff', () => {
    const lab = new Lab();
    lab.apply(pod({ name: 'badtag', node: 'node-1', image: 'nginx:9.99' }));
    const seen: string[] = [];
    for (let i = 0; i < 15; i++) {
      const s = lab.status('badtag');
      if (seen.at(-1) !== s) seen.push(s);
      lab.advance('200ms');
    }
    expect(seen).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
  });

  // Regression (was a bug): while a retried pull runs, the status falls back to ContainerCreating. The kubelet keeps
  // the last start error in its reasonCache until a start succeeds (kubelet_pods.go
  // convertToAPIContainerStatuses), so a real pod only alternates ErrImagePull / ImagePullBackOff.
  it('after the first failed pull the STATUS never goes back to ContainerCreating', () => {
    const lab = new Lab();
    lab.apply(pod({ name: 'badtag', node: 'node-1', image: 'nginx:9.99' }));
    lab.advance('3s');
    const seen = new Set<string>();
    for (let i = 0; i < 240; i++) {
      seen.add(lab.status('badtag'));
      lab.advance('500ms');
    }
    expect(seen).toContain('ImagePullBackOff');
    expect(seen).not.toContain('ContainerCreating');
  });

  // Regression (was a bug): with init containers, an app container not yet created waits with reason PodInitializing
  // (kubelet_pods.go: defaultWaitingState is PodInitializing when the pod has init containers);
  // once the init containers are done kubectl shows STATUS PodInitializing until it starts.
  it('PodInitializing: init done, the app image still pulling', () => {
    const lab = new Lab();
    // mysql:8.0 is ~178 MB: a pull of several seconds after the 5 s init container.
    lab.apply(pod({ name: 'initpull', node: 'node-1', init: ['sleep', '5'], image: 'mysql:8.0' }));
    lab.advance('2s');
    expect(lab.status('initpull')).toBe('Init:0/1');
    expect(JSON.parse(lab.jsonpath('initpull', '.status.containerStatuses[0].state'))).toEqual({ waiting: { reason: 'PodInitializing' } });
    lab.advance('5s');
    expect(JSON.parse(lab.jsonpath('initpull', '.status.initContainerStatuses[0].state.terminated'))).toMatchObject({ exitCode: 0 });
    expect(lab.jsonpath('initpull', '.status.containerStatuses[0].state.running')).toBe('');
    expect(lab.status('initpull')).toBe('PodInitializing');
  });

  it('Terminating: busybox sleep ignores SIGTERM, so the pod lingers for its 30 s grace period', () => {
    const lab = new Lab();
    lab.apply(pod({ name: 'stubborn', node: 'node-1', command: SLEEP }));
    lab.advance('5s');
    expect(lab.out('kubectl delete pod stubborn --wait=false')).toBe('pod "stubborn" deleted\n');
    expect(lab.podRow('stubborn').status).toBe('Terminating');
    lab.advance('29s');
    expect(lab.podRow('stubborn').status).toBe('Terminating');
    expect(lab.events('stubborn')).toContainEqual(expect.objectContaining({ reason: 'Killing', message: 'Stopping container app' }));
    lab.advance('2s');
    expect(lab.out('kubectl get pod stubborn')).toBe('Error from server (NotFound): pods "stubborn" not found\n');
  });

  it('Terminating is short for a process that exits on SIGTERM (nginx)', () => {
    const lab = new Lab();
    lab.apply(pod({ name: 'polite', node: 'node-1', image: 'nginx:1.27' }));
    lab.advance('10s');
    lab.out('kubectl delete pod polite --wait=false');
    lab.advance('2s');
    expect(lab.out('kubectl get pod polite')).toBe('Error from server (NotFound): pods "polite" not found\n');
  });
});

describe('Evicted: memory pressure on a small node', () => {
  // 1Gi node: the node's own use is ~420Mi, so a BestEffort pod allocating 550M leaves less
  // than the 100Mi memory.available hard threshold.
  function pressured(): Lab {
    const lab = new Lab();
    lab.out('sim node add tiny --memory 1Gi');
    lab.apply(
      pod({ name: 'hog', node: 'tiny', image: 'polinux/stress', command: ['stress', '--vm', '1', '--vm-bytes', '550M', '--vm-hang', '0'] }),
    );
    lab.advance('5s');
    expect(lab.status('hog')).toBe('Running');
    lab.advance('15s');
    return lab;
  }

  it('sets MemoryPressure and evicts the pod with "The node was low on resource: memory."', () => {
    const lab = pressured();
    const cond = JSON.parse(lab.out(`kubectl get node tiny -o jsonpath='{.status.conditions[?(@.type=="MemoryPressure")]}'`)) as Record<string, string>;
    expect(cond).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available' });
    expect(lab.jsonpath('hog', '.status.phase')).toBe('Failed');
    expect(lab.jsonpath('hog', '.status.reason')).toBe('Evicted');
    const message = lab.jsonpath('hog', '.status.message');
    expect(message).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+Ki\. /);
    expect(message).toContain('Container app was using ');
    expect(lab.events('hog')).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'Evicted', message }));
    // kubectl v1.31 prints the container's terminated reason over the pod's reason once the
    // kubelet has synced the container status (kubernetes/kubernetes#105467), so an evicted pod
    // whose container was killed reads Error; `.status.reason` carries Evicted.
    expect(lab.podRow('hog')).toMatchObject({ ready: '0/1', status: 'Error' });
    expect(lab.jsonpath('hog', '.status.containerStatuses[0].state.terminated.exitCode')).toBe('137');
    // The container is gone from the node.
    expect(lab.out('sim node exec tiny -- crictl ps')).not.toMatch(/Running +app /);
  });

  it('MemoryPressure clears 5 minutes (evictionPressureTransitionPeriod) after memory came back', () => {
    const lab = pressured();
    const pressure = () => lab.out(`kubectl get node tiny -o jsonpath='{.status.conditions[?(@.type=="MemoryPressure")].status}'`);
    lab.advance('4m');
    expect(pressure()).toBe('True');
    lab.advance('2m');
    expect(pressure()).toBe('False');
  });

  // Regression (was a bug): v1.31 (PodDisruptionConditions, GA in 1.31) adds the DisruptionTarget condition with
  // reason TerminationByKubelet and the eviction message to a pod the kubelet evicts.
  it('the evicted pod carries DisruptionTarget=True, reason TerminationByKubelet', () => {
    const lab = pressured();
    const raw = lab.jsonpath('hog', '.status.conditions[?(@.type=="DisruptionTarget")]');
    expect(raw, 'no DisruptionTarget condition').not.toBe('');
    const cond = JSON.parse(raw) as Record<string, string>;
    expect(cond).toMatchObject({ status: 'True', reason: 'TerminationByKubelet', message: lab.jsonpath('hog', '.status.message') });
  });

  // Regression (was a bug): the evicted pod's status has hostIP "" and hostIPs [{ip: ""}] (kubelet.ts rejectedStatus
  // passes '' to podStatus); the kubelet keeps reporting the node's address.
  it('the evicted pod keeps its hostIP', () => {
    const lab = pressured();
    const nodeIp = lab.out(`kubectl get node tiny -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}'`);
    expect(nodeIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(lab.jsonpath('hog', '.status.hostIP')).toBe(nodeIp);
    expect(lab.jsonpath('hog', '.status.hostIPs[0].ip')).toBe(nodeIp);
  });
});
