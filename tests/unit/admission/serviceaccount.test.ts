/**
 * ServiceAccounts as a v1.31 cluster has them: the kind (get/describe/create), the serviceaccounts
 * controller (`default` in every active namespace, kube-system's controller and add-on accounts),
 * the ServiceAccount admission plugin on pods (kube-api-access volume and mounts, automount
 * opt-outs, a missing account refused, also for a ReplicaSet's pods), `kubectl create token`,
 * and what the kubelet mounts.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const POD = (extra = '', containerExtra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:${extra}
  containers:
  - name: app
    image: nginx${containerExtra}
`;

function podJson(lab: Lab, name = 'x', ns = 'default'): { spec: Record<string, unknown> & { volumes?: unknown[]; containers: { volumeMounts?: unknown[] }[]; initContainers?: { volumeMounts?: unknown[] }[] } } {
  return JSON.parse(lab.out(`kubectl get pod ${name} -n ${ns} -o json`));
}

function decodeSegment(seg: string): unknown {
  const b64 = seg.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));
}

describe('ServiceAccount kind and the serviceaccounts controller', () => {
  it('every system namespace has `default`; kube-system has kube-controller-manager per-controller accounts and the add-ons', () => {
    const lab = new Lab();
    const all = lab.out('kubectl get sa -A --no-headers').split('\n').filter(Boolean).map((l) => l.split(/\s+/).slice(0, 2).join('/'));
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) expect(all).toContain(`${ns}/default`);
    for (const name of ['coredns', 'kube-proxy', 'deployment-controller', 'replicaset-controller', 'generic-garbage-collector', 'node-controller', 'service-account-controller']) {
      expect(all).toContain(`kube-system/${name}`);
    }
    expect(lab.out('kubectl get serviceaccounts')).toBe('NAME      SECRETS   AGE\ndefault   0         60s\n');
  });

  it('a new namespace gets `default`, and a deleted `default` comes back', () => {
    const lab = new Lab();
    lab.out('kubectl create namespace team');
    expect(lab.out('kubectl get sa -n team')).toBe('NAME      SECRETS   AGE\ndefault   0         0s\n');
    expect(lab.out('kubectl delete sa default -n team')).toBe('serviceaccount "default" deleted\n');
    expect(lab.out('kubectl get sa default -n team -o name')).toBe('serviceaccount/default\n');
  });

  it('create serviceaccount creates (and refuses a duplicate in kubectl words); describe prints kubectl v1.31 layout', () => {
    const lab = new Lab();
    expect(lab.out('kubectl create serviceaccount robot')).toBe('serviceaccount/robot created\n');
    expect(lab.out('kubectl create sa robot')).toBe('error: failed to create serviceaccount: serviceaccounts "robot" already exists\n');
    expect(lab.out('kubectl create sa robot2 --dry-run=client -o yaml')).toBe('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: robot2\n');
    expect(lab.out('kubectl get sa robot2 -o name')).toContain('NotFound');
    lab.apply('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: puller\nimagePullSecrets:\n- name: regcred\nsecrets:\n- name: gone\n- name: other\n');
    expect(lab.out('kubectl describe sa puller')).toBe(
      [
        'Name:                puller',
        'Namespace:           default',
        'Labels:              <none>',
        'Annotations:         <none>',
        'Image pull secrets:  regcred',
        'Mountable secrets:   gone (not found)',
        '                     other (not found)',
        'Tokens:              <none>',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
    expect(lab.out('kubectl get sa puller')).toMatch(/^NAME\s+SECRETS\s+AGE\npuller\s+2\s+0s\n$/);
  });

  it('explain and strict decoding know the ServiceAccount fields', () => {
    const lab = new Lab();
    expect(lab.out('kubectl explain sa.automountServiceAccountToken')).toContain('FIELD: automountServiceAccountToken <boolean>');
    expect(lab.out('kubectl apply -f -', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: qq\nbogus: 1\n')).toBe(
      'Error from server (BadRequest): error when creating "STDIN": ServiceAccount in version "v1" cannot be handled as a ServiceAccount: strict decoding error: unknown field "bogus"\n',
    );
  });

  it('validates the name as a DNS subdomain', () => {
    const lab = new Lab();
    expect(lab.out('kubectl create sa Bad_Name')).toContain(
      'error: failed to create serviceaccount: ServiceAccount "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain',
    );
  });
});

describe('ServiceAccount admission on pods', () => {
  it('adds kube-api-access-xxxxx (projected token 3607 s, kube-root-ca.crt, namespace; mode 420) and mounts it read-only in every container', () => {
    const lab = new Lab();
    lab.apply(POD('\n  initContainers:\n  - name: init\n    image: busybox'));
    const spec = podJson(lab).spec;
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.serviceAccount).toBe('default');
    const volumes = spec.volumes as { name: string; projected: unknown }[];
    expect(volumes).toHaveLength(1);
    const name = volumes[0].name;
    expect(name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volumes[0].projected).toEqual({
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    });
    const mount = { name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    expect(spec.containers[0].volumeMounts).toEqual([mount]);
    expect(spec.initContainers?.[0].volumeMounts).toEqual([mount]);
    const describe = lab.out('kubectl describe pod x');
    expect(describe).toContain(`    Mounts:\n      /var/run/secrets/kubernetes.io/serviceaccount from ${name} (ro)\n`);
    expect(describe).toContain(
      `Volumes:\n  ${name}:\n    Type:                    Projected (a volume that contains injected data from multiple sources)\n    TokenExpirationSeconds:  3607\n    ConfigMapName:           kube-root-ca.crt\n    ConfigMapOptional:       <nil>\n    DownwardAPI:             true\n`,
    );
  });

  it('-o yaml lists the volume and mount as the API server returns them', () => {
    const lab = new Lab();
    lab.apply(POD());
    const yaml = lab.out('kubectl get pod x -o yaml');
    const name = /kube-api-access-[a-z0-9]{5}/.exec(yaml)?.[0];
    expect(yaml).toContain(`    volumeMounts:\n    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount\n      name: ${name}\n      readOnly: true\n`);
    expect(yaml).toContain(
      `  volumes:\n  - name: ${name}\n    projected:\n      defaultMode: 420\n      sources:\n      - serviceAccountToken:\n          expirationSeconds: 3607\n          path: token\n      - configMap:\n          items:\n          - key: ca.crt\n            path: ca.crt\n          name: kube-root-ca.crt\n      - downwardAPI:\n          items:\n          - fieldRef:\n              apiVersion: v1\n              fieldPath: metadata.namespace\n            path: namespace\n`,
    );
  });

  it('a container that already mounts the token path keeps its own mount; existing volumes come first', () => {
    const lab = new Lab();
    lab.apply(
      POD(
        '\n  volumes:\n  - name: own\n    emptyDir: {}',
        '\n    volumeMounts:\n    - name: own\n      mountPath: /var/run/secrets/kubernetes.io/serviceaccount',
      ).replace('  containers:\n  - name: app', '  containers:\n  - name: side\n    image: busybox\n  - name: app'),
    );
    const spec = podJson(lab).spec;
    const volumes = spec.volumes as { name: string }[];
    expect(volumes.map((v) => v.name)).toEqual(['own', expect.stringMatching(/^kube-api-access-/)]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: volumes[1].name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    expect(spec.containers[1].volumeMounts).toEqual([{ name: 'own', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
  });

  it('automountServiceAccountToken: the pod opts out; the account opts out; the pod overrides the account', () => {
    const lab = new Lab();
    lab.apply(POD('\n  automountServiceAccountToken: false'));
    expect(podJson(lab).spec.volumes).toBeUndefined();
    lab.apply('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: quiet\nautomountServiceAccountToken: false\nimagePullSecrets:\n- name: regcred\n');
    lab.apply(POD('\n  serviceAccountName: quiet').replace('name: x', 'name: p2'));
    const y = podJson(lab, 'p2').spec;
    expect(y.volumes).toBeUndefined();
    expect(y.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    lab.apply(POD('\n  serviceAccountName: quiet\n  automountServiceAccountToken: true').replace('name: x', 'name: p3'));
    expect(podJson(lab, 'p3').spec.volumes).toHaveLength(1);
  });

  it('refuses a pod naming an account that does not exist, in the API server words', () => {
    const lab = new Lab();
    const r = lab.run('kubectl create -f -', POD('\n  serviceAccountName: foo'));
    expect(r.output).toBe('Error from server (Forbidden): error when creating "STDIN": pods "x" is forbidden: error looking up service account default/foo: serviceaccount "foo" not found\n');
    expect(r.exitCode).toBe(1);
  });

  it('a ReplicaSet whose template names a missing account records FailedCreate with the generateName', () => {
    const lab = new Lab();
    lab.out('kubectl create deployment web --image=nginx');
    lab.out('kubectl set serviceaccount deployment web foo');
    lab.advance('5s');
    expect(lab.out('kubectl get events --field-selector reason=FailedCreate -o jsonpath={.items[0].message}')).toMatch(
      /^Error creating: pods "web-[a-z0-9]+-" is forbidden: error looking up service account default\/foo: serviceaccount "foo" not found$/,
    );
    lab.out('kubectl create sa foo');
    lab.advance('30s');
    expect(lab.out('kubectl get pods -o jsonpath={.items[*].spec.serviceAccountName}').split(' ')).toEqual(['foo']);
  });

  it('the kube-system add-on pods run as their accounts with the token volume', () => {
    const lab = new Lab();
    const json = JSON.parse(lab.out('kubectl get pods -n kube-system -l k8s-app=kube-dns -o json')) as { items: { spec: { serviceAccountName: string; volumes: { name: string }[] } }[] };
    expect(json.items.length).toBeGreaterThan(0);
    for (const p of json.items) {
      expect(p.spec.serviceAccountName).toBe('coredns');
      expect(p.spec.volumes.map((v) => v.name)).toContainEqual(expect.stringMatching(/^kube-api-access-/));
    }
  });
});

describe('kubectl create token', () => {
  it('prints a JWT with the v1.31 claims for the account, deterministic for the same instant', () => {
    const lab = new Lab();
    lab.out('kubectl create sa robot');
    const token = lab.out('kubectl create token robot').trim();
    const parts = token.split('.');
    expect(parts).toHaveLength(3);
    expect(decodeSegment(parts[0])).toMatchObject({ alg: 'RS256' });
    const uid = lab.out('kubectl get sa robot -o jsonpath={.metadata.uid}');
    const claims = decodeSegment(parts[1]) as Record<string, unknown>;
    expect(Object.keys(claims)).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
    expect(claims).toMatchObject({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:default:robot',
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'robot', uid } },
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(parts[2]).toMatch(/^[A-Za-z0-9_-]{342}$/);
    expect(lab.out('kubectl create token robot').trim()).toBe(token);
    const long = decodeSegment(lab.out('kubectl create token robot --duration=2h --audience=vault').trim().split('.')[1]) as Record<string, unknown>;
    expect(long.aud).toEqual(['vault']);
    expect(Number(long.exp) - Number(long.iat)).toBe(7200);
  });

  it('refuses what kubectl and the API server refuse', () => {
    const lab = new Lab();
    expect(lab.out('kubectl create token nope')).toBe('error: failed to create token: serviceaccounts "nope" not found\n');
    expect(lab.out('kubectl create token default --duration=1m')).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "default" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes\n',
    );
    expect(lab.out('kubectl create token default --bound-object-kind=Foo --bound-object-name=x')).toBe('error: supported --bound-object-kind values are Node, Pod, Secret\n');
    expect(lab.out('kubectl create token default --bound-object-kind=Pod --bound-object-name=x')).toBe('error: failed to create token: pods "x" not found\n');
  });

  it('a pod-bound token names the pod and its node', () => {
    const lab = new Lab();
    lab.apply(POD());
    lab.advance('10s');
    const claims = decodeSegment(lab.out('kubectl create token default --bound-object-kind=Pod --bound-object-name=x').trim().split('.')[1]) as {
      'kubernetes.io': { pod: { name: string }; node: { name: string } };
    };
    expect(claims['kubernetes.io'].pod.name).toBe('x');
    expect(claims['kubernetes.io'].node.name).toMatch(/^node-\d$/);
  });

  it('the kubelet mounts token, ca.crt and namespace; the token is bound to the pod and its node', () => {
    const lab = new Lab();
    lab.apply(POD());
    lab.advance('1m');
    expect(lab.out('kubectl exec x -- ls /var/run/secrets/kubernetes.io/serviceaccount')).toBe('ca.crt\nnamespace\ntoken\n');
    expect(lab.out('kubectl exec x -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace')).toBe('default');
    const token = lab.out('kubectl exec x -- cat /var/run/secrets/kubernetes.io/serviceaccount/token');
    const claims = decodeSegment(token.split('.')[1]) as { exp: number; iat: number; sub: string; 'kubernetes.io': { pod: { name: string } } };
    expect(claims.sub).toBe('system:serviceaccount:default:default');
    expect(claims['kubernetes.io'].pod.name).toBe('x');
    expect(claims.exp - claims.iat).toBe(3607);
  });
});
