/**
 * `kubectl expose` printing and apply-annotation flags, checked against kubectl v1.31
 * (--dry-run=client against Podlab's objects served by tools/fake-apiserver).
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

function lab(): Lab {
  const l = new Lab();
  l.run('kubectl create deployment web --image=nginx');
  l.run('kubectl create deployment api --image=nginx');
  return l;
}

const FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

describe('kubectl expose: printing', () => {
  it('--template with or without -o go-template', () => {
    const l = lab();
    expect(l.out("kubectl expose deploy web --port=80 -o go-template --template='{{.spec.ports}}' --dry-run=client")).toBe('[map[port:80 protocol:TCP targetPort:80]]');
    expect(l.out("kubectl expose deploy web --port=80 --template='{{.metadata.name}}' --dry-run=client")).toBe('web');
  });

  it('one printer for all objects: YAML documents are separated by ---', () => {
    const out = lab().out('kubectl expose deploy web api --port=80 -o yaml --dry-run=client');
    expect(out.match(/^---$/gm)).toHaveLength(1);
    expect(out.match(/^kind: Service$/gm)).toHaveLength(2);
  });

  it.each([
    ['kubectl expose deploy web --port=80 -o wide', `error: unable to match a printer suitable for the output format "wide", allowed formats are: ${FORMATS}\n`],
    ['kubectl expose deploy web --port=80 -k dir', 'error: kustomize directories are not supported in Podlab\n'],
  ])('%s', (line, err) => {
    const l = lab();
    expect([l.run(line).output, l.run(line).exitCode]).toEqual([err, 1]);
    expect(l.run('kubectl get svc web').exitCode).toBe(1);
  });
});

describe('kubectl expose --save-config', () => {
  it('records the generated Service, as Go encodes the typed struct, in the last-applied annotation', () => {
    const l = lab();
    expect(l.out('kubectl expose deploy web --port=80 --target-port=8080 --type=NodePort --save-config')).toBe('service/web exposed\n');
    expect(l.out(`kubectl get svc web -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'`)).toBe(
      '{"kind":"Service","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},' +
        '"spec":{"ports":[{"protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"web"},"type":"NodePort"},"status":{"loadBalancer":{}}}\n',
    );
  });

  it('without it, or in a client dry run, there is no annotation', () => {
    const l = lab();
    l.run('kubectl expose deploy web --port=80');
    expect(l.out("kubectl get svc web -o jsonpath='{.metadata.annotations}'")).toBe('');
    expect(l.out('kubectl expose deploy api --port=80 --save-config --dry-run=client -o yaml')).not.toContain('annotations');
  });
});
