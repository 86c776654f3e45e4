/**
 * `kubectl get` flags beyond selection and -o: --server-print=false (kubectl's own NAME/AGE
 * printing), --subresource=status|scale, the accepted no-ops (--chunk-size, --show-managed-fields)
 * and the refused -k / --raw. Layouts of --server-print=false were recorded from kubectl v1.31
 * against Podlab's objects (tools/fake-apiserver serves no tables, so kubectl prints them itself).
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

function lab(): Lab {
  const l = new Lab();
  l.run('kubectl create deployment web --image=nginx --replicas=2');
  l.run('kubectl create deployment api --image=nginx');
  l.run('kubectl create configmap cm');
  l.advance('30s');
  return l;
}

describe('kubectl get --server-print=false', () => {
  it('prints NAME and AGE for any type, -o wide included', () => {
    const l = lab();
    expect(l.out('kubectl get deploy --server-print=false')).toBe('NAME   AGE\napi    30s\nweb    30s\n');
    expect(l.out('kubectl get deploy web --server-print=false -o wide')).toBe('NAME   AGE\nweb    30s\n');
  });

  it('keeps NAMESPACE for -A on namespaced types only, and the label columns', () => {
    const l = lab();
    expect(l.out('kubectl get ns -A --server-print=false').split('\n')[0]).toBe('NAME              AGE');
    expect(l.out('kubectl get deploy -A --server-print=false').split('\n')[0]).toMatch(/^NAMESPACE +NAME +AGE$/);
    expect(l.out('kubectl get deploy web --server-print=false --show-labels')).toBe('NAME   AGE   LABELS\nweb    30s   app=web\n');
  });

  it('--sort-by sorts all objects as one list, a header starting each run of one type', () => {
    expect(lab().out('kubectl get deploy,cm --server-print=false -L app --sort-by=.metadata.name')).toBe(
      'NAME                  AGE   APP\ndeployment.apps/api   30s   api\n\n' +
        'NAME                         AGE   APP\nconfigmap/cm                 30s   \nconfigmap/kube-root-ca.crt   90s   \n\n' +
        'NAME                  AGE   APP\ndeployment.apps/web   30s   web\n',
    );
  });

  it('--no-headers: no blank line between types (server tables too)', () => {
    const l = lab();
    expect(l.out('kubectl get deploy,cm --server-print=false -L app --no-headers')).toBe(
      'deployment.apps/api   30s   api\ndeployment.apps/web   30s   web\nconfigmap/cm                 30s   \nconfigmap/kube-root-ca.crt   90s   \n',
    );
    expect(l.out('kubectl get deploy,cm --no-headers').trimEnd().split('\n')).not.toContain('');
  });
});

describe('kubectl get --subresource', () => {
  it('scale: the Scale table (NAME DESIRED AVAILABLE AGE) and object', () => {
    const l = lab();
    expect(l.out('kubectl get deploy web --subresource=scale')).toBe('NAME   DESIRED   AVAILABLE   AGE\nweb    2         2           30s\n');
    expect(l.out('kubectl get deploy web --subresource scale -o name')).toBe('scale.autoscaling/web\n');
    const yaml = l.out('kubectl get deploy web --subresource=scale -o yaml');
    expect(yaml).toMatch(/^apiVersion: autoscaling\/v1\nkind: Scale\nmetadata:\n {2}creationTimestamp: "2025-01-01T00:00:00Z"\n {2}name: web\n {2}namespace: default\n/);
    expect(yaml).toContain('spec:\n  replicas: 2\nstatus:\n  replicas: 2\n  selector: app=web\n');
  });

  it('status: the object itself, printed as usual', () => {
    const l = lab();
    expect(l.out('kubectl get deploy web --subresource=status')).toBe(l.out('kubectl get deploy web'));
  });

  it('a kind without that subresource is the server 404, reported after what was found', () => {
    const l = lab();
    expect(l.run('kubectl get cm cm --subresource=status').output).toBe('Error from server (NotFound): the server could not find the requested resource\n');
    const r = l.run('kubectl get deploy/web cm/cm --subresource=scale');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([
      'NAME                    DESIRED   AVAILABLE   AGE\nscale.autoscaling/web   2         2           30s\n',
      'Error from server (NotFound): the server could not find the requested resource\n',
      1,
    ]);
  });

  it.each([
    ['kubectl get deploy --subresource=scale', 'error: subresource cannot be used when bulk resources are specified\n'],
    ['kubectl get deploy web --subresource=foo', 'error: invalid subresource value: "foo". Must be one of [status scale]\n'],
  ])('%s', (line, out) => {
    const r = lab().run(line);
    expect([r.output, r.exitCode]).toEqual([out, 1]);
  });
});

describe('kubectl get: accepted and refused flags', () => {
  it('--chunk-size and --show-managed-fields change nothing (whole lists, no managedFields)', () => {
    const l = lab();
    expect(l.out('kubectl get deploy --chunk-size=1 --show-managed-fields')).toBe(l.out('kubectl get deploy'));
  });

  it.each([
    ['kubectl get -k dir', 'error: kustomize directories are not supported in Podlab\n'],
    ['kubectl get --raw /api', 'error: --raw is not available in Podlab yet\n'],
  ])('%s', (line, out) => {
    const r = lab().run(line);
    expect([r.output, r.exitCode]).toEqual([out, 1]);
  });
});

describe('kubectl get -w --server-print=false', () => {
  it('watches with the NAME and AGE columns', () => {
    const out = lab().out('kubectl get deploy -w --server-print=false --request-timeout=2s');
    expect(out.split('\n')[0]).toBe('NAME   AGE');
  });
});
