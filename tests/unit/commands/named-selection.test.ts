/**
 * The resource builder's refusals when objects are both named and selected, for get, delete and
 * scale. Every line was checked against kubectl v1.31 (tools/fake-apiserver).
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const NAME_AND_SELECTOR = 'error: name cannot be provided when a selector is specified\n';
const TUPLES_AND_SELECTOR = 'error: selectors and the all flag cannot be used when passing resource/name arguments\n';
const NAME_ACROSS_NAMESPACES = 'error: a resource cannot be retrieved by name across all namespaces\n';

function lab(): Lab {
  const l = new Lab();
  l.run('kubectl create deployment web --image=nginx');
  return l;
}

describe('names with selectors, --all or -A', () => {
  it.each([
    ['kubectl delete deploy web -l app=web', NAME_AND_SELECTOR],
    ['kubectl delete deploy/web -l app=web', TUPLES_AND_SELECTOR],
    ['kubectl delete deploy/web --all', TUPLES_AND_SELECTOR],
    ['kubectl delete deploy web --all', NAME_AND_SELECTOR],
    ['kubectl delete deploy web -A', NAME_ACROSS_NAMESPACES],
    ['kubectl scale deploy web -l app=web --replicas=1', NAME_AND_SELECTOR],
    ['kubectl get deploy web --all-namespaces', NAME_ACROSS_NAMESPACES],
    ['kubectl get deploy/web -A', NAME_ACROSS_NAMESPACES],
    ['kubectl get deploy,cm web -l app=web', TUPLES_AND_SELECTOR],
    ['kubectl get deploy web --field-selector=metadata.name=web', NAME_AND_SELECTOR],
    ['kubectl get deploy web -w -l app=web', NAME_AND_SELECTOR],
  ])('%s', (line, err) => {
    const l = lab();
    const r = l.run(line);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', err, 1]);
    expect(l.out("kubectl get deploy web -o jsonpath='{.spec.replicas}'")).toBe('1');
  });

  it('a blank selector is no selector, and -A is fine for a cluster-scoped name', () => {
    const l = lab();
    expect(l.run("kubectl get deploy web -l ' '").exitCode).toBe(0);
    expect(l.out('kubectl get ns default -A')).toMatch(/^NAME +STATUS +AGE\ndefault +Active +/);
  });
});
