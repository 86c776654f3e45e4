/**
 * INDEX.md scenario group 4 (ConfigMap env: rows 14 and 15) and the kubelet's environment rules:
 * env, envFrom with a prefix, valueFrom (configMapKeyRef, secretKeyRef, fieldRef,
 * resourceFieldRef), `optional`, and CreateContainerConfigError with the kubelet's messages.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const CONFIGMAPS = 'kubernetes-website/content/en/examples/configmap/configmaps.yaml';
const DAPI_POD = 'kubernetes-website/content/uk/examples/pods/pod-multiple-configmap-env-variable.yaml';

/** A busybox pod that prints its environment with `env` and sleeps, so `printenv` can be run in it. */
function envPod(name: string, container: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: demo
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
${container}`;
}

describe('scenario group 4: configmaps.yaml → pod-multiple-configmap-env-variable.yaml', () => {
  it('with the ConfigMaps: the pod runs env, is Completed, and its log shows both values', () => {
    const lab = new Lab();
    expect(lab.out(`kubectl apply -f ${CONFIGMAPS}`)).toBe('configmap/special-config created\nconfigmap/env-config created\n');
    expect(lab.out(`kubectl apply -f ${DAPI_POD}`)).toBe('pod/dapi-test-pod created\n');
    lab.advance('20s');
    expect(lab.podRow('dapi-test-pod')).toEqual({ ready: '0/1', status: 'Completed', restarts: '0' });
    const log = lab.out('kubectl logs dapi-test-pod').split('\n');
    expect(log).toContain('SPECIAL_LEVEL_KEY=very');
    expect(log).toContain('LOG_LEVEL=INFO');
    expect(lab.out('kubectl get cm special-config env-config')).toBe(
      'NAME             DATA   AGE\nspecial-config   1      20s\nenv-config       1      20s\n',
    );
  });

  it('without them: CreateContainerConfigError `configmap "special-config" not found`, then Completed once they exist', () => {
    const lab = new Lab();
    lab.out(`kubectl apply -f ${DAPI_POD}`);
    lab.advance('10s');
    expect(lab.podRow('dapi-test-pod')).toEqual({ ready: '0/1', status: 'CreateContainerConfigError', restarts: '0' });
    expect(JSON.parse(lab.jsonpath('dapi-test-pod', '.status.containerStatuses[0].state'))).toEqual({
      waiting: { reason: 'CreateContainerConfigError', message: 'configmap "special-config" not found' },
    });
    expect(lab.events('dapi-test-pod')).toContainEqual({
      type: 'Warning',
      reason: 'Failed',
      message: 'Error: configmap "special-config" not found',
      count: 1,
    });

    // Only the first ConfigMap: the second reference now fails.
    lab.apply(`apiVersion: v1
kind: ConfigMap
metadata:
  name: special-config
data:
  special.how: very
`);
    lab.advance('15s');
    expect(JSON.parse(lab.jsonpath('dapi-test-pod', '.status.containerStatuses[0].state'))).toEqual({
      waiting: { reason: 'CreateContainerConfigError', message: 'configmap "env-config" not found' },
    });

    lab.out(`kubectl apply -f ${CONFIGMAPS}`);
    lab.advance('15s');
    expect(lab.status('dapi-test-pod')).toBe('Completed');
    expect(lab.out('kubectl logs dapi-test-pod')).toContain('SPECIAL_LEVEL_KEY=very\nLOG_LEVEL=INFO\n');
  });
});

describe('the kubelet builds the environment', () => {
  it('a missing key is `couldn\'t find key K in ConfigMap NS/NAME` (and in Secret)', () => {
    const lab = new Lab();
    lab.apply(`apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  color: blue
---
apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  user: admin
`);
    lab.apply(envPod('cm-key', `    env:
    - name: SIZE
      valueFrom:
        configMapKeyRef: {name: cfg, key: size}
`));
    lab.apply(envPod('secret-key', `    env:
    - name: PASSWORD
      valueFrom:
        secretKeyRef: {name: db, key: password}
`));
    lab.apply(envPod('secret-missing', `    envFrom:
    - secretRef: {name: nope}
`));
    lab.advance('10s');
    const message = (pod: string): string => lab.jsonpath(pod, '.status.containerStatuses[0].state.waiting.message');
    expect(message('cm-key')).toBe("couldn't find key size in ConfigMap default/cfg");
    expect(message('secret-key')).toBe("couldn't find key password in Secret default/db");
    expect(message('secret-missing')).toBe('secret "nope" not found');
  });

  it('optional references that are missing are skipped; envFrom prefixes keys; env wins over envFrom', () => {
    const lab = new Lab();
    lab.apply(`apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  color: blue
  size: L
---
apiVersion: v1
kind: Secret
metadata:
  name: db
data:
  user: YWRtaW4=
`);
    lab.apply(envPod('p', `    envFrom:
    - configMapRef: {name: cfg}
      prefix: APP_
    - secretRef: {name: db}
      prefix: DB_
    - configMapRef: {name: absent, optional: true}
    env:
    - name: APP_size
      value: XL
    - name: MISSING_KEY
      valueFrom:
        configMapKeyRef: {name: cfg, key: nope, optional: true}
    - name: MISSING_CM
      valueFrom:
        configMapKeyRef: {name: absent, key: x, optional: true}
    - name: MISSING_SECRET
      valueFrom:
        secretKeyRef: {name: absent, key: x, optional: true}
    - name: GREETING
      value: "colour $(APP_color), size $(APP_size), $(UNDEFINED), $$(APP_color)"
`));
    lab.advance('10s');
    expect(lab.status('p')).toBe('Running');
    expect(lab.out('kubectl exec p -- printenv APP_color APP_size DB_user GREETING')).toBe(
      'blue\nXL\nadmin\ncolour blue, size XL, $(UNDEFINED), $(APP_color)\n',
    );
    const env = lab.out('kubectl exec p -- env');
    expect(env).not.toContain('MISSING_');
  });

  it('envFrom keys that are not variable names are skipped with an InvalidEnvironmentVariableNames event', () => {
    const lab = new Lab();
    lab.apply(`apiVersion: v1
kind: ConfigMap
metadata:
  name: myconfig
data:
  1badkey: a
  2alsobad: b
  good: c
`);
    lab.apply(envPod('p', `    envFrom:
    - configMapRef: {name: myconfig}
`));
    lab.advance('10s');
    expect(lab.status('p')).toBe('Running');
    expect(lab.out('kubectl exec p -- printenv good')).toBe('c\n');
    expect(lab.events('p')).toContainEqual({
      type: 'Warning',
      reason: 'InvalidEnvironmentVariableNames',
      message: 'Keys [1badkey, 2alsobad] from the EnvFrom configMap default/myconfig were skipped since they are considered invalid environment variable names.',
      count: 1,
    });
  });

  it('fieldRef and resourceFieldRef: pod fields, limits (with divisors), the node allocatable when no limit', () => {
    const lab = new Lab();
    lab.apply(`apiVersion: v1
kind: Pod
metadata:
  name: dapi
  labels: {tier: web}
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    resources:
      requests: {cpu: 250m, memory: 32Mi}
      limits: {cpu: 500m, memory: 64Mi}
    env:
    - {name: MY_NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
    - {name: MY_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: MY_NS, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
    - {name: MY_TIER, valueFrom: {fieldRef: {fieldPath: "metadata.labels['tier']"}}}
    - {name: MY_SA, valueFrom: {fieldRef: {fieldPath: spec.serviceAccountName}}}
    - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
    - {name: CPU_LIMIT_M, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}}
    - {name: CPU_REQUEST_M, valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}}
    - {name: MEM_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.memory}}}
    - {name: MEM_LIMIT_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
  - name: side
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    env:
    - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
    - {name: MAIN_MEM_MI, valueFrom: {resourceFieldRef: {containerName: main, resource: limits.memory, divisor: 1Mi}}}
`);
    lab.advance('10s');
    const node = lab.jsonpath('dapi', '.spec.nodeName');
    expect(lab.out('kubectl exec dapi -c main -- printenv MY_NODE MY_NAME MY_NS MY_TIER MY_SA')).toBe(`${node}\ndapi\ndefault\nweb\ndefault\n`);
    expect(lab.out('kubectl exec dapi -c main -- printenv CPU_LIMIT CPU_LIMIT_M CPU_REQUEST_M MEM_LIMIT MEM_LIMIT_MI')).toBe('1\n500\n250\n67108864\n64\n');
    const allocatableCpu = lab.out(`kubectl get node ${node} -o jsonpath='{.status.allocatable.cpu}'`);
    expect(lab.out('kubectl exec dapi -c side -- printenv CPU_LIMIT MAIN_MEM_MI')).toBe(`${allocatableCpu}\n64\n`);
  });

  it('objects made by kubectl create configmap|secret feed envFrom', () => {
    const lab = new Lab();
    expect(lab.out('kubectl create configmap special-config --from-literal=special.how=very --from-literal=SPECIAL_TYPE=charm')).toBe(
      'configmap/special-config created\n',
    );
    expect(lab.out('kubectl create secret generic db --from-literal=DB_USER=admin --from-literal=DB_PASS=s3cr3t')).toBe('secret/db created\n');
    lab.apply(envPod('p', `    envFrom:
    - configMapRef: {name: special-config}
    - secretRef: {name: db}
`));
    lab.advance('10s');
    // Dots are allowed in variable names (IsEnvVarName), even though a shell cannot expand them.
    expect(lab.out('kubectl exec p -- printenv special.how SPECIAL_TYPE DB_USER DB_PASS')).toBe('very\ncharm\nadmin\ns3cr3t\n');
    expect(lab.events('p').filter((e) => e.reason === 'InvalidEnvironmentVariableNames')).toEqual([]);
  });

  it('a running container keeps the environment it started with when the ConfigMap changes', () => {
    const lab = new Lab();
    lab.apply(`apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  color: blue
`);
    lab.apply(envPod('p', `    env:
    - name: COLOR
      valueFrom:
        configMapKeyRef: {name: cfg, key: color}
`));
    lab.advance('10s');
    lab.apply(`apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  color: green
`);
    lab.advance('5m');
    expect(lab.out('kubectl exec p -- printenv COLOR')).toBe('blue\n');
  });
});
