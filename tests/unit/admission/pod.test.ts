import { describe, expect, it } from 'vitest';
import { podAdmission } from '../../../src/engine/api/admission/pod.ts';
import { imageTag } from '../../../src/engine/api/admission/podspec-defaults.ts';
import { StatusError } from '../../../src/engine/api/errors.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { admit, makeCtx } from './helpers.ts';

function pod(spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', ...meta }, spec };
}

const container = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'app', image: 'nginx:1.27', ...extra });

describe('pod defaults', () => {
  it('produce what a v1.31 API server stores', () => {
    const { obj, errors } = admit(podAdmission, pod({ containers: [container({ ports: [{ containerPort: 80 }] })] }));
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual({
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: {},
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    });
    expect(obj.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it.each([
    ['nginx', 'latest', 'Always'],
    ['nginx:latest', 'latest', 'Always'],
    ['nginx:1.27', '1.27', 'IfNotPresent'],
    ['registry.local:5000/team/app', 'latest', 'Always'],
    ['registry.local:5000/team/app:v2', 'v2', 'IfNotPresent'],
    [`nginx@sha256:${'a'.repeat(64)}`, '', 'IfNotPresent'],
    ['NGINX', '', 'IfNotPresent'],
  ])('image %s has tag %j → imagePullPolicy %s', (image, tag, policy) => {
    expect(imageTag(image)).toBe(tag);
    const { obj } = admit(podAdmission, pod({ containers: [container({ image })] }));
    expect((obj.spec as { containers: { imagePullPolicy: string }[] }).containers[0].imagePullPolicy).toBe(policy);
  });

  it('copies limits into missing requests, canonicalises quantities and computes QoS', () => {
    const { obj } = admit(podAdmission, pod({ containers: [container({ resources: { limits: { cpu: '1.5', memory: '1024Mi' } } })] }));
    const c = (obj.spec as { containers: { resources: unknown }[] }).containers[0];
    expect(c.resources).toEqual({ limits: { cpu: '1500m', memory: '1Gi' }, requests: { cpu: '1500m', memory: '1Gi' } });
    expect((obj.status as { qosClass: string }).qosClass).toBe('Guaranteed');
  });

  it.each([
    [{ requests: { cpu: '100m' } }, 'Burstable'],
    [{ limits: { cpu: '1' } }, 'Burstable'],
    [{ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } }, 'Burstable'],
    [{ requests: { cpu: '0' } }, 'BestEffort'],
    [{ limits: { cpu: '500m', memory: '64Mi' } }, 'Guaranteed'],
  ])('QoS of %j is %s', (resources, qos) => {
    const { obj } = admit(podAdmission, pod({ containers: [container({ resources })] }));
    expect((obj.status as { qosClass: string }).qosClass).toBe(qos);
  });

  it('keeps existing NoExecute tolerations instead of adding defaults', () => {
    const { obj } = admit(podAdmission, pod({ containers: [container()], tolerations: [{ operator: 'Exists' }] }));
    expect((obj.spec as { tolerations: unknown[] }).tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('resolves PriorityClasses, and refuses unknown ones', () => {
    const { obj } = admit(podAdmission, pod({ containers: [container()], priorityClassName: 'system-node-critical' }));
    expect((obj.spec as { priority: number }).priority).toBe(2000001000);
    const ctx = makeCtx({ objects: { priorityclasses: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as KObject] } });
    expect((admit(podAdmission, pod({ containers: [container()], priorityClassName: 'high' }), ctx).obj.spec as { priority: number }).priority).toBe(1000);
    expect(() => admit(podAdmission, pod({ containers: [container()], priorityClassName: 'nope' }))).toThrow(
      'pods "web" is forbidden: no PriorityClass with name nope was found',
    );
  });

  it('rejects an unparsable quantity at decode time', () => {
    try {
      admit(podAdmission, pod({ containers: [container({ resources: { requests: { cpu: 'abc' } } })] }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatusError);
      expect((e as StatusError).code).toBe(400);
      expect((e as StatusError).message).toBe(
        `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      );
    }
  });
});

describe('pod validation', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['no containers', {}, ['spec.containers: Required value']],
    ['no image', { containers: [{ name: 'app' }] }, ['spec.containers[0].image: Required value']],
    ['no name', { containers: [{ image: 'nginx' }] }, ['spec.containers[0].name: Required value']],
    [
      'duplicate names',
      { containers: [container(), container()] },
      ['spec.containers[1].name: Duplicate value: "app"'],
    ],
    [
      'bad restartPolicy',
      { containers: [container()], restartPolicy: 'Sometimes' },
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ],
    [
      'bad imagePullPolicy',
      { containers: [container({ imagePullPolicy: 'Sometimes' })] },
      ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
    ],
    [
      'bad dnsPolicy',
      { containers: [container()], dnsPolicy: 'Cluster' },
      ['spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
    ],
    [
      'bad protocol and port',
      { containers: [container({ ports: [{ containerPort: 70000, protocol: 'HTTP' }] })] },
      [
        'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
        'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      ],
    ],
    [
      'request above limit',
      { containers: [container({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })] },
      ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ],
    [
      'negative quantity',
      { containers: [container({ resources: { requests: { memory: '-1Gi' } } })] },
      ['spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0'],
    ],
    [
      'unknown resource',
      { containers: [container({ resources: { requests: { gpu: '1' } } })] },
      [
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ],
    [
      'mount of an unknown volume',
      { containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] },
      ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ],
    [
      'invalid container name',
      { containers: [container({ name: 'Web' })] },
      [
        "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [
      'env var name',
      { containers: [container({ env: [{ name: '1X', value: 'a' }] })] },
      [
        "spec.containers[0].env[0].name: Invalid value: \"1X\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
      ],
    ],
    [
      'bad toleration',
      { containers: [container()], tolerations: [{ key: 'a', operator: 'Exists', value: 'b', effect: 'NoExecute' }] },
      ["spec.tolerations[0].operator: Invalid value: \"b\": value must be empty when `operator` is 'Exists'"],
    ],
  ])('%s', (_name, spec, want) => {
    expect(admit(podAdmission, pod(spec)).errors).toEqual(want);
  });

  it('reports an unparsable quantity as a field error when validation sees it undecoded', () => {
    const raw = pod({ containers: [container({ resources: { requests: { cpu: 'abc' } } })] });
    const errs = (podAdmission.validate?.(raw, makeCtx()) ?? []).map((e) => `${e.field}: ${e.type}: ${String(e.badValue)}: ${e.detail}`);
    expect(errs).toContain(
      "spec.containers[0].resources.requests[cpu]: Invalid value: abc: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it('accepts volumes, probes and env from config', () => {
    const spec = {
      volumes: [{ name: 'data' }, { name: 'cfg', configMap: { name: 'app-config' } }],
      containers: [
        container({
          volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'cfg', mountPath: '/etc/app' }],
          livenessProbe: { httpGet: { port: 80 } },
          readinessProbe: { tcpSocket: { port: 'http' } },
          env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'mode' } } }],
        }),
      ],
    };
    const { obj, errors } = admit(podAdmission, pod(spec));
    expect(errors).toEqual([]);
    const s = obj.spec as { volumes: unknown[]; containers: { livenessProbe: unknown }[] };
    expect(s.volumes).toEqual([
      { name: 'data', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'app-config', defaultMode: 420 } },
    ]);
    expect(s.containers[0].livenessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });
});

describe('pod updates', () => {
  const created = admit(podAdmission, pod({ containers: [container()] })).obj;

  it('allow image changes and binding', () => {
    const next = structuredClone(created);
    const spec = next.spec as { containers: { image: string }[]; nodeName?: string };
    spec.containers[0].image = 'nginx:1.28';
    spec.nodeName = 'node-1';
    expect(admit(podAdmission, next, makeCtx({ operation: 'UPDATE' }), created).errors).toEqual([]);
  });

  it('forbid other spec changes with the API server message', () => {
    const next = structuredClone(created);
    (next.spec as { restartPolicy: string }).restartPolicy = 'Never';
    const errors = admit(podAdmission, next, makeCtx({ operation: 'UPDATE' }), created).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n {2}core\.PodSpec\{\n/,
    );
    expect(errors[0]).toContain('- \tRestartPolicy: "Always",\n+ \tRestartPolicy: "Never",');
  });

  it('forbid adding containers', () => {
    const next = structuredClone(created);
    (next.spec as { containers: unknown[] }).containers.push(container({ name: 'side' }));
    expect(admit(podAdmission, next, makeCtx({ operation: 'UPDATE' }), created).errors).toEqual([
      'spec.containers: Forbidden: pod updates may not add or remove containers',
    ]);
  });

  it('only allow adding tolerations (the default ones come back by themselves)', () => {
    const tolerating = admit(podAdmission, pod({ containers: [container()], tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }] })).obj;
    const bare = structuredClone(created);
    (bare.spec as { tolerations: unknown[] }).tolerations = [];
    expect(admit(podAdmission, bare, makeCtx({ operation: 'UPDATE' }), created).errors).toEqual([]);
    const next = structuredClone(tolerating);
    (next.spec as { tolerations: unknown[] }).tolerations = [];
    expect(admit(podAdmission, next, makeCtx({ operation: 'UPDATE' }), tolerating).errors[0]).toBe(
      'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    );
  });
});
