/**
 * INDEX.md scenario group 5 (Secret volume: rows 16 and 17) and the API-backed volumes: secret,
 * configMap, projected and downwardAPI files as `kubectl exec -- cat/ls` sees them, items,
 * `optional`, read-only mounts, FailedMount with the volume manager's back-off, and updates
 * reaching mounted files at the kubelet's periodic sync.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const SECRET = 'kubernetes-website/content/zh-cn/examples/pods/inject/secret.yaml';
const SECRET_POD = 'kubernetes-website/content/zh-cn/examples/pods/inject/secret-pod.yaml';

/** A busybox pod mounting `volumes` at the given mounts, sleeping. */
function volumePod(name: string, mounts: string, volumes: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: web, tier: front}
  annotations: {build: "42"}
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    resources:
      limits: {cpu: 500m, memory: 64Mi}
    volumeMounts:
${mounts}  volumes:
${volumes}`;
}

function configMap(name: string, data: Record<string, string>): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
${Object.entries(data).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n')}
`;
}

describe('scenario group 5: secret.yaml → secret-pod.yaml', () => {
  it('with the Secret: Running, the keys are files with the decoded values', () => {
    const lab = new Lab();
    expect(lab.out(`kubectl apply -f ${SECRET}`)).toBe('secret/test-secret created\n');
    expect(lab.out(`kubectl apply -f ${SECRET_POD}`)).toBe('pod/secret-test-pod created\n');
    lab.advance('10s');
    expect(lab.podRow('secret-test-pod')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(lab.out('kubectl exec secret-test-pod -- ls /etc/secret-volume')).toBe('password\nusername\n');
    expect(lab.out('kubectl exec secret-test-pod -- cat /etc/secret-volume/username')).toBe('my-app');
    expect(lab.out('kubectl exec secret-test-pod -- cat /etc/secret-volume/password')).toBe('39528$vdg7Jb');
  });

  it('without it: ContainerCreating with FailedMount retried on the back-off, then Running once it exists', () => {
    const lab = new Lab();
    lab.out(`kubectl apply -f ${SECRET_POD}`);
    lab.advance('5s');
    expect(lab.podRow('secret-test-pod')).toEqual({ ready: '0/1', status: 'ContainerCreating', restarts: '0' });
    // Attempts at 0, 0.5, 1.5 and 3.5 s (500 ms doubling); the next is due at 7.5 s.
    expect(lab.events('secret-test-pod').filter((e) => e.reason === 'FailedMount')).toEqual([
      {
        type: 'Warning',
        reason: 'FailedMount',
        message: 'MountVolume.SetUp failed for volume "secret-volume" : secret "test-secret" not found',
        count: 4,
      },
    ]);
    lab.advance('2m');
    expect(lab.status('secret-test-pod')).toBe('ContainerCreating');

    lab.out(`kubectl apply -f ${SECRET}`);
    // The back-off has grown to its 2m2s cap: the pod starts at the next attempt, not at once.
    lab.advance('2m10s');
    expect(lab.podRow('secret-test-pod')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(lab.out('kubectl exec secret-test-pod -- cat /etc/secret-volume/username')).toBe('my-app');
  });

  it('the Secret is base64 in -o yaml, and describe shows sizes only', () => {
    const lab = new Lab();
    lab.out(`kubectl apply -f ${SECRET}`);
    const yaml = lab.out('kubectl get secret test-secret -o yaml');
    expect(yaml).toContain('data:\n  password: Mzk1MjgkdmRnN0pi\n  username: bXktYXBw\n');
    expect(yaml).toContain('type: Opaque\n');
    expect(lab.out('kubectl describe secret test-secret')).toBe(`Name:         test-secret
Namespace:    default
Labels:       <none>
Annotations:  <none>

Type:  Opaque

Data
====
password:  12 bytes
username:  6 bytes
`);
    expect(lab.out('kubectl get secrets')).toBe('NAME          TYPE     DATA   AGE\ntest-secret   Opaque   2      0s\n');
  });

  it('stringData is merged into data at admission and never stored', () => {
    const lab = new Lab();
    lab.apply(`apiVersion: v1
kind: Secret
metadata:
  name: s
data:
  user: YWRtaW4=
  password: b2xk
stringData:
  password: new
`);
    expect(lab.out("kubectl get secret s -o jsonpath='{.data}'")).toBe('{"password":"bmV3","user":"YWRtaW4="}');
    expect(lab.out("kubectl get secret s -o jsonpath='{.stringData}'")).toBe('');
  });
});

describe('configMap, secret, projected and downwardAPI volumes', () => {
  it('items map keys to paths (nested too); the mount is read-only', () => {
    const lab = new Lab();
    lab.apply(configMap('cfg', { 'game.properties': 'lives=3\n', 'ui.properties': 'color=blue\n', unused: 'x' }));
    lab.apply(volumePod('p', `    - {name: config, mountPath: /etc/config}
`, `  - name: config
    configMap:
      name: cfg
      items:
      - {key: game.properties, path: game}
      - {key: ui.properties, path: ui/props}
`));
    lab.advance('10s');
    expect(lab.out('kubectl exec p -- ls /etc/config')).toBe('game\nui\n');
    expect(lab.out('kubectl exec p -- cat /etc/config/ui/props')).toBe('color=blue\n');
    const write = lab.run("kubectl exec p -- sh -c 'echo x > /etc/config/game'");
    expect(write.output).toBe("sh: can't create /etc/config/game: Read-only file system\ncommand terminated with exit code 1\n");
  });

  it('an item naming a missing key fails the mount; optional volumes mount what exists', () => {
    const lab = new Lab();
    lab.apply(configMap('cfg', { a: '1' }));
    lab.apply(volumePod('strict', `    - {name: config, mountPath: /etc/config}
`, `  - name: config
    configMap:
      name: cfg
      items: [{key: b, path: b}]
`));
    lab.apply(volumePod('lenient', `    - {name: config, mountPath: /etc/config}
    - {name: creds, mountPath: /etc/creds}
`, `  - name: config
    configMap:
      name: cfg
      optional: true
      items: [{key: a, path: a}, {key: b, path: b}]
  - name: creds
    secret:
      secretName: absent
      optional: true
`));
    lab.advance('10s');
    expect(lab.status('strict')).toBe('ContainerCreating');
    expect(lab.events('strict').find((e) => e.reason === 'FailedMount')?.message).toBe(
      'MountVolume.SetUp failed for volume "config" : configmap references non-existent config key: b',
    );
    expect(lab.status('lenient')).toBe('Running');
    expect(lab.out('kubectl exec lenient -- ls /etc/config /etc/creds')).toBe('/etc/config:\na\n\n/etc/creds:\n');
  });

  it('a projected volume joins ConfigMap, Secret, downward API and token sources; errors are aggregated', () => {
    const lab = new Lab();
    lab.apply(configMap('cfg', { color: 'blue' }));
    lab.apply(`apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  user: admin
`);
    const projected = (name: string, secret: string): string =>
      volumePod(name, `    - {name: all, mountPath: /projected}
`, `  - name: all
    projected:
      sources:
      - configMap: {name: cfg}
      - secret:
          name: ${secret}
          items: [{key: user, path: creds/user}]
      - downwardAPI:
          items:
          - {path: labels, fieldRef: {fieldPath: metadata.labels}}
          - {path: name, fieldRef: {fieldPath: metadata.name}}
          - {path: cpu_limit_m, resourceFieldRef: {containerName: main, resource: limits.cpu, divisor: 1m}}
      - serviceAccountToken: {path: token}
`);
    lab.apply(projected('p', 'db'));
    lab.apply(projected('broken', 'absent').replace('- configMap: {name: cfg}', '- configMap: {name: nocfg}'));
    lab.advance('10s');
    expect(lab.out('kubectl exec p -- ls /projected')).toBe('color\ncpu_limit_m\ncreds\nlabels\nname\ntoken\n');
    expect(lab.out('kubectl exec p -- cat /projected/creds/user /projected/color')).toBe('adminblue');
    expect(lab.out('kubectl exec p -- cat /projected/labels')).toBe('app="web"\ntier="front"');
    expect(lab.out('kubectl exec p -- cat /projected/name /projected/cpu_limit_m')).toBe('p500');
    expect(lab.events('broken').find((e) => e.reason === 'FailedMount')?.message).toBe(
      'MountVolume.SetUp failed for volume "all" : [configmap "nocfg" not found, secret "absent" not found]',
    );
  });

  it('a downwardAPI volume holds the pod fields, and the annotations with the two the kubelet adds', () => {
    const lab = new Lab();
    lab.advance('1500ms');
    lab.out('kubectl create -f -', volumePod('p', `    - {name: info, mountPath: /etc/podinfo}
`, `  - name: info
    downwardAPI:
      items:
      - {path: annotations, fieldRef: {fieldPath: metadata.annotations}}
      - {path: ns, fieldRef: {fieldPath: metadata.namespace}}
      - {path: mem, resourceFieldRef: {containerName: main, resource: limits.memory, divisor: 1Mi}}
`));
    lab.advance('10s');
    expect(lab.out('kubectl exec p -- cat /etc/podinfo/annotations')).toBe(
      'build="42"\nkubernetes.io/config.seen="2025-01-01T00:00:01.5Z"\nkubernetes.io/config.source="api"',
    );
    expect(lab.out('kubectl exec p -- cat /etc/podinfo/ns /etc/podinfo/mem')).toBe('default64');
  });
});

describe('updates reach mounted files at the next periodic sync, never the environment', () => {
  /** A pod mounting ConfigMap cfg at /etc/config and reading its `color` into $COLOR. */
  function start(): { lab: Lab; admittedMs: number } {
    const lab = new Lab();
    lab.apply(configMap('cfg', { color: 'blue', size: 'L' }));
    const admittedMs = lab.now;
    lab.apply(`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    env:
    - name: COLOR
      valueFrom:
        configMapKeyRef: {name: cfg, key: color}
    volumeMounts:
    - {name: config, mountPath: /etc/config}
  volumes:
  - name: config
    configMap: {name: cfg}
`);
    lab.advance('20s');
    return { lab, admittedMs };
  }

  it('a changed value and a removed key appear 1 min after admission, not before; env keeps the old value', () => {
    const { lab, admittedMs } = start();
    lab.apply(configMap('cfg', { color: 'green' }));
    lab.advanceTo(admittedMs + 59_999);
    expect(lab.out('kubectl exec p -- cat /etc/config/color')).toBe('blue');
    lab.advanceTo(admittedMs + 60_000);
    expect(lab.out('kubectl exec p -- cat /etc/config/color')).toBe('green');
    expect(lab.out('kubectl exec p -- ls /etc/config')).toBe('color\n');
    expect(lab.out('kubectl exec p -- printenv COLOR')).toBe('blue\n');
  });

  it('a change after the first sync waits for the one after it', () => {
    const { lab, admittedMs } = start();
    lab.advanceTo(admittedMs + 61_000);
    lab.apply(configMap('cfg', { color: 'red' }));
    lab.advanceTo(admittedMs + 119_000);
    expect(lab.out('kubectl exec p -- cat /etc/config/color')).toBe('blue');
    lab.advanceTo(admittedMs + 120_000);
    expect(lab.out('kubectl exec p -- cat /etc/config/color')).toBe('red');
  });

  it('a pending refresh survives a snapshot and restore', () => {
    const { lab, admittedMs } = start();
    lab.apply(configMap('cfg', { color: 'green' }));
    lab.snapshotRestore();
    lab.advanceTo(admittedMs + 60_000);
    expect(lab.out('kubectl exec p -- cat /etc/config/color')).toBe('green');
  });

  it('a subPath mount is a copy from container start: never updated, renewed when the container restarts', () => {
    const lab = new Lab();
    lab.apply(configMap('cfg', { 'app.conf': 'v1', other: 'x' }));
    const admittedMs = lab.now;
    lab.apply(volumePod('p', `    - {name: config, mountPath: /etc/app/app.conf, subPath: app.conf}
    - {name: config, mountPath: /etc/full}
`, `  - name: config
    configMap: {name: cfg}
`));
    lab.advance('10s');
    expect(lab.out('kubectl exec p -- ls /etc/app')).toBe('app.conf\n');
    expect(lab.out('kubectl exec p -- cat /etc/app/app.conf')).toBe('v1');
    expect(lab.run("kubectl exec p -- sh -c 'echo v9 > /etc/app/app.conf'").output).toBe(
      "sh: can't create /etc/app/app.conf: Read-only file system\ncommand terminated with exit code 1\n",
    );
    lab.apply(configMap('cfg', { 'app.conf': 'v2', other: 'x' }));
    lab.advanceTo(admittedMs + 90_000);
    expect(lab.out('kubectl exec p -- cat /etc/full/app.conf')).toBe('v2');
    expect(lab.out('kubectl exec p -- cat /etc/app/app.conf')).toBe('v1');
    lab.run('sim kill p');
    lab.advance('15s');
    expect(lab.restartCount('p')).toBe(1);
    expect(lab.out('kubectl exec p -- cat /etc/app/app.conf')).toBe('v2');
  });

  it('a subPath naming a directory of the volume mounts that directory, also frozen', () => {
    const lab = new Lab();
    lab.apply(`apiVersion: v1
kind: Secret
metadata:
  name: tls
stringData:
  crt: CERT1
  key: KEY1
`);
    lab.apply(volumePod('p', `    - {name: certs, mountPath: /etc/tls, subPath: pki}
`, `  - name: certs
    secret:
      secretName: tls
      items: [{key: crt, path: pki/tls.crt}, {key: key, path: pki/tls.key}]
`));
    lab.advance('10s');
    expect(lab.out('kubectl exec p -- ls /etc/tls')).toBe('tls.crt\ntls.key\n');
    expect(lab.out('kubectl exec p -- cat /etc/tls/tls.crt')).toBe('CERT1');
  });

  it('an optional Secret created after the pod started appears at the next periodic sync', () => {
    const lab = new Lab();
    const admittedMs = lab.now;
    lab.apply(volumePod('p', `    - {name: creds, mountPath: /etc/creds}
`, `  - name: creds
    secret: {secretName: later, optional: true}
`));
    lab.advance('10s');
    expect(lab.out('kubectl exec p -- ls /etc/creds')).toBe('');
    lab.apply(`apiVersion: v1
kind: Secret
metadata:
  name: later
stringData:
  token: abc
`);
    lab.advanceTo(admittedMs + 60_000);
    expect(lab.out('kubectl exec p -- cat /etc/creds/token')).toBe('abc');
  });

  it('a deleted ConfigMap leaves the files and reports FailedMount at each sync', () => {
    const { lab, admittedMs } = start();
    expect(lab.out('kubectl delete cm cfg')).toBe('configmap "cfg" deleted\n');
    lab.advanceTo(admittedMs + 180_000);
    expect(lab.out('kubectl exec p -- cat /etc/config/color')).toBe('blue');
    expect(lab.events('p').find((e) => e.reason === 'FailedMount')).toEqual({
      type: 'Warning',
      reason: 'FailedMount',
      message: 'MountVolume.SetUp failed for volume "config" : configmap "cfg" not found',
      count: 3,
    });
    expect(lab.podRow('p')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });
});
