/**
 * The v1.31 schema table and the API server's strict decoding over it: unknown fields (with list
 * indices, in sorted-key order, joined by the server with ", "), JSON type errors in
 * encoding/json's words, pruning, and the real-manifest corpus (everything decodes cleanly except
 * INDEX row 44, whose node affinity is a list where an object belongs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeObjects } from '../../../src/commands/kubectl/manifests.ts';
import { RESOURCE_TYPES } from '../../../src/engine/api/resources.ts';
import { wrap } from '../../../src/engine/api/schema/explain.ts';
import { kindDefinitionId, parseFieldType, schemaDefinition, schemaDefinitions } from '../../../src/engine/api/schema/schema.ts';
import { decodeFindings, strictFieldErrors, withoutUnknownFields } from '../../../src/engine/api/schema/strict.ts';
import { Lab, MANIFESTS_DIR } from '../../support/manifests.ts';

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'p' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });

describe('schema table', () => {
  it.each(RESOURCE_TYPES.flatMap((r) => [r.apiVersion, ...r.otherApiVersions].map((v) => [r.kind, v] as const)))('%s (%s) has a definition', (kind, apiVersion) => {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const def = schemaDefinition(kindDefinitionId(group, version, kind));
    expect(def?.f?.metadata?.[0]).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  });

  it('every referenced definition exists', () => {
    const missing: string[] = [];
    const refOf = (t: ReturnType<typeof parseFieldType>): string | undefined => (t.kind === 'ref' ? t.id : t.kind === 'scalar' ? undefined : refOf(t.of));
    for (const [id, def] of Object.entries(schemaDefinitions())) {
      for (const [name, row] of Object.entries(def.f ?? {})) {
        const ref = refOf(parseFieldType(row[0]));
        if (ref && !schemaDefinition(ref)) missing.push(`${id}.${name} -> ${ref}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each([
    ['io.k8s.api.core.v1.PodSpec', ['os', 'hostAliases', 'ephemeralContainers', 'resourceClaims', 'schedulingGates', 'hostUsers']],
    ['io.k8s.api.core.v1.Volume', ['image']],
    ['io.k8s.api.core.v1.PodSecurityContext', ['supplementalGroupsPolicy', 'appArmorProfile']],
    ['io.k8s.api.batch.v1.JobSpec', ['successPolicy', 'managedBy', 'podReplacementPolicy']],
    ['io.k8s.api.coordination.v1.LeaseSpec', ['strategy', 'preferredHolder']],
  ])('%s has the v1.31 fields %j', (id, fields) => {
    expect(Object.keys(schemaDefinition(id)?.f ?? {})).toEqual(expect.arrayContaining(fields));
  });

  it.each([
    ['io.k8s.api.core.v1.PodSpec', 'resources'],
    ['io.k8s.api.core.v1.PodSecurityContext', 'seLinuxChangePolicy'],
    ['io.k8s.api.apps.v1.DeploymentStatus', 'terminatingReplicas'],
    ['io.k8s.api.core.v1.Lifecycle', 'stopSignal'],
  ])('%s has no %s (added after v1.31)', (id, field) => {
    expect(schemaDefinition(id)?.f?.[field]).toBeUndefined();
  });
});

describe('strict decoding', () => {
  it('lists unknown fields with list indices, in sorted-key order', () => {
    const obj = pod({ containerz: [], containers: [{ name: 'a', image: 'nginx', imagez: 'x' }] }, { name: 'p', nam: 'x' });
    expect(strictFieldErrors(obj)).toEqual(['unknown field "metadata.nam"', 'unknown field "spec.containers[0].imagez"', 'unknown field "spec.containerz"']);
  });

  it('reaches into templates, maps of objects and nested specs', () => {
    const deploy = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' }, containers: [] }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80, hostname: 'x' }] }] } } },
    };
    expect(strictFieldErrors(deploy)).toEqual(['unknown field "spec.template.metadata.containers"', 'unknown field "spec.template.spec.containers[0].ports[0].hostname"']);
  });

  it('accepts every known field, status, and free-form RawExtension data', () => {
    expect(strictFieldErrors(pod({ containers: [{ name: 'a', image: 'i' }], os: { name: 'linux' }, schedulingGates: [{ name: 'g' }] }))).toEqual([]);
    expect(strictFieldErrors({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { anything: { goes: 1 } } })).toEqual([]);
  });

  it.each([
    [pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [] } } }), 'json: cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector'],
    [pod({ containers: { name: 'a' } }), 'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container'],
    [pod({ containers: [{ name: 5 }] }), 'json: cannot unmarshal number into Go struct field Container.spec.containers.name of type string'],
    [pod({ activeDeadlineSeconds: 1.5 }), 'json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64'],
    [pod({ hostNetwork: 'yes' }), 'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool'],
    [pod({}, { name: 'p', labels: { version: 1 } }), 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    [pod({ containers: [{ name: 'a', ports: [{ containerPort: '80' }] }] }), 'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    [pod({ containers: [{ name: 'a', resources: { limits: [] } }] }), 'json: cannot unmarshal array into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList'],
    [pod({ containers: [{ name: 'a', resources: { limits: { cpu: 'lots' } } }] }), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    [pod({ containers: [{ name: 'a', resources: { requests: { memory: true } } }] }), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
  ])('type error %#', (obj, message) => {
    expect(decodeFindings(obj).typeError).toBe(message);
  });

  it('a Quantity or IntOrString takes a string or a number', () => {
    const obj = pod({ containers: [{ name: 'a', resources: { limits: { cpu: 1, memory: '1Gi' } }, livenessProbe: { httpGet: { port: 'http' } } }] });
    expect(decodeFindings(obj)).toEqual({ unknownFields: [] });
  });

  it('withoutUnknownFields drops what the type lacks and leaves the input alone', () => {
    const obj = pod({ containerz: [], containers: [{ name: 'a', image: 'i', imagez: 'x' }] });
    expect(withoutUnknownFields(obj)).toEqual(pod({ containers: [{ name: 'a', image: 'i' }] }));
    expect(obj.spec.containerz).toEqual([]);
  });

  it('knows nothing about kinds without a schema', () => {
    expect(decodeFindings({ apiVersion: 'example.com/v1', kind: 'Widget', spec: { x: 1 } })).toEqual({ unknownFields: [] });
  });
});

describe('the manifest corpus decodes as a v1.31 API server decodes it', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return files(p);
      return /\.(ya?ml|json)$/.test(name) ? [p] : [];
    });
  const all = files(MANIFESTS_DIR).map((p) => relative(MANIFESTS_DIR, p));
  const ROW_44 = 'kubernetes-website/content/en/examples/pods/pod-with-node-affinity.yaml';

  it('has files', () => expect(all.length).toBeGreaterThan(40));

  it.each(all.filter((f) => f !== ROW_44))('%s: no unknown fields, no type errors', (file) => {
    const { objects } = decodeObjects(file, readFileSync(join(MANIFESTS_DIR, file), 'utf8'));
    expect(objects.map((o) => decodeFindings(o.object))).toEqual(objects.map(() => ({ unknownFields: [] })));
  });

  it('row 44 (a list where NodeSelector belongs) fails to decode', () => {
    const { objects } = decodeObjects(ROW_44, readFileSync(join(MANIFESTS_DIR, ROW_44), 'utf8'));
    expect(objects.map((o) => decodeFindings(o.object).typeError)).toEqual([
      'json: cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector',
    ]);
  });
});

describe('wrap (go-wordwrap v1.0.1)', () => {
  it.each([
    ['breaks at the last space before the limit', 'aaa bbb ccc', 7, 'aaa bbb\nccc'],
    ['keeps newlines and the spaces before them', 'aa \nbb', 10, 'aa \nbb'],
    ['lets a word longer than the limit overflow', 'a https://example.com/very/long b', 10, 'a\nhttps://example.com/very/long\nb'],
    ['counts runes, not bytes', 'ééé ééé', 7, 'ééé ééé'],
  ])('%s', (_name, input, limit, expected) => {
    expect(wrap(input, limit)).toBe(expected);
  });
});

describe('kubectl create/apply -f decode as the API server does, per --validate', () => {
  const podYaml = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containerz: []
  containers:
  - name: app
    image: nginx:1.27
    imagez: x
`;
  const strictError =
    'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagez", unknown field "spec.containerz"';

  it.each(['create', 'apply'])('%s: strict (the default) refuses the object and creates nothing', (verb) => {
    const lab = new Lab();
    const r = lab.run(`kubectl ${verb} -f -`, podYaml);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`Error from server (BadRequest): error when creating "STDIN": ${strictError}\n`);
    expect(lab.run('kubectl get pods').stderr).toBe('No resources found in default namespace.\n');
  });

  it('--dry-run=server is refused the same way; --dry-run=client never reaches the server', () => {
    const lab = new Lab();
    expect(lab.run('kubectl create -f - --dry-run=server', podYaml).stderr).toBe(`Error from server (BadRequest): error when creating "STDIN": ${strictError}\n`);
    expect(lab.out('kubectl create -f - --dry-run=client', podYaml)).toBe('pod/web created (dry run)\n');
  });

  it('warn: one Warning line per unknown field, and the object is stored without them', () => {
    const lab = new Lab();
    const r = lab.run('kubectl create -f - --validate=warn', podYaml);
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe('Warning: unknown field "spec.containers[0].imagez"\nWarning: unknown field "spec.containerz"\npod/web created\n');
    expect(lab.out("kubectl get pod web -o jsonpath='{.spec.containers[0].name}{.spec.containers[0].imagez}{.spec.containerz}'")).toBe('app');
  });

  it.each(['ignore', 'false', 'f', '0'])('--validate=%s drops unknown fields silently', (v) => {
    const lab = new Lab();
    expect(lab.out(`kubectl apply -f - --validate=${v}`, podYaml)).toBe('pod/web created\n');
  });

  it.each(['create', 'apply'])('%s --validate=foo is refused before anything is sent', (verb) => {
    const lab = new Lab();
    const r = lab.run(`kubectl ${verb} -f - --validate=foo`, podYaml);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: invalid - validate option "foo"; must be one of: strict (or true), warn, ignore (or false)\n');
  });

  it('a type error fails whatever --validate says (INDEX row 44)', () => {
    const lab = new Lab();
    const file = 'kubernetes-website/content/en/examples/pods/pod-with-node-affinity.yaml';
    const r = lab.run(`kubectl apply -f ${file} --validate=ignore`);
    expect(r.stderr).toBe(
      `Error from server (BadRequest): error when creating "${file}": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector\n`,
    );
    expect(lab.run('kubectl get pods').stderr).toBe('No resources found in default namespace.\n');
  });

  it('names the kind and its version for grouped kinds', () => {
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    containers: []
`;
    expect(new Lab().run('kubectl create -f -', deploy).stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.containers"\n',
    );
  });
});

describe('names that are Object.prototype members are fields like any other', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('%s is an unknown field', (name) => {
    const spec = JSON.parse(`{"containers": [], "${name}": 1}`) as Record<string, unknown>;
    expect(strictFieldErrors(pod(spec))).toEqual([`unknown field "spec.${name}"`]);
  });
});
