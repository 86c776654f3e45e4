import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { parsePath, typeErrorPath, unknownFieldPath, validateManifest } from '../../../src/app/validate.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

describe('validating the YAML editor as kubectl apply -f - decodes it', () => {
  it('finds nothing wrong with a valid manifest', () => {
    expect(validateManifest(DEPLOYMENT)).toEqual([]);
    expect(validateManifest('')).toEqual([]);
    expect(validateManifest('# only a comment\n')).toEqual([]);
  });

  it('puts an unknown field on its own line, in the words kubectl apply prints', () => {
    const text = DEPLOYMENT.replace('  replicas: 2', '  replicaz: 2');
    const [d, ...rest] = validateManifest(text);
    expect(rest).toEqual([]);
    expect(d.line).toBe(6);
    const applied = new Session({ seed: 1 }).execLine('kubectl apply -f -', text);
    expect(applied.exitCode).toBe(1);
    expect(applied.output).toBe(`${d.message}\n`);
  });

  it('finds fields inside lists, and the line of every unknown field', () => {
    const text = DEPLOYMENT.replace('        image: nginx:1.27', '        image: nginx:1.27\n        imagePullPolicyy: Always').replace('  replicas: 2', '  replicas: 2\n  pause: true');
    const found = validateManifest(text);
    expect(found.map((d) => d.line)).toEqual([7, 17]);
    expect(found[1].message).toContain('unknown field "spec.template.spec.containers[0].imagePullPolicyy"');
  });

  it('counts lines across documents, and a type error names its field', () => {
    const text = `${DEPLOYMENT}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x\n    ports:\n    - containerPort: "80"\n`;
    const [d] = validateManifest(text);
    expect(d.line).toBe(25);
    expect(d.message).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    );
  });

  it('reports syntax errors at the line go-yaml blames, offset to the whole text', () => {
    const text = `${DEPLOYMENT}---\nkind: Pod\nmetadata:\n\tname: x\n`;
    const [d] = validateManifest(text);
    expect(d.line).toBe(19);
    expect(d.message).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: found character that cannot start any token');
  });

  it('reports kinds the API does not serve at their kind line', () => {
    const [d] = validateManifest('apiVersion: v9\n\nkind: Widget\nmetadata: {name: w}\n');
    expect(d).toEqual({
      line: 3,
      severity: 'error',
      message: 'error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "v9"\nensure CRDs are installed first',
    });
    expect(validateManifest('a: b\n---x\n')[0]).toMatchObject({ line: 2, message: 'error: invalid Yaml document separator: x' });
  });
});

describe('paths of decoding errors', () => {
  it('reads list indices and field names', () => {
    expect(parsePath('spec.containers[0].ports[12].name')).toEqual(['spec', 'containers', 0, 'ports', 12, 'name']);
    expect(unknownFieldPath('unknown field "spec.replicaz"')).toEqual(['spec', 'replicaz']);
    expect(typeErrorPath('json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32')).toEqual(['spec', 'replicas']);
    expect(unknownFieldPath('something else')).toEqual([]);
  });
});
