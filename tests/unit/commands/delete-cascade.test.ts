/**
 * `kubectl delete --cascade` as kubectl v1.31 parses it (parseCascadingFlag): background (also
 * the default and a bare `--cascade`), foreground, orphan, the deprecated boolean spellings with
 * their warning, and the error for anything else — checked by what happens to the pods.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const RS = `apiVersion: apps/v1
kind: ReplicaSet
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
      - name: app
        image: nginx:1.27
`;

function lab(): Lab {
  const l = new Lab();
  l.apply(RS);
  l.advance('10s');
  return l;
}

/** Pods of the ReplicaSet that are not being deleted, after the command and a settle. */
const livePods = (l: Lab) =>
  l
    .out(`kubectl get pods -l app=web -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.deletionTimestamp}{"\\n"}{end}'`)
    .split('\n')
    .filter((line) => line !== '' && line.trim().split(' ').length === 1).length;

describe('kubectl delete --cascade', () => {
  it.each([
    ['', '', 0],
    ['--cascade', '', 0],
    ['--cascade=background', '', 0],
    ['--cascade=foreground', '', 0],
    ['--cascade=orphan', '', 2],
    ['--cascade=true', 'warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n', 0],
    ['--cascade=1', 'warning: --cascade=1 is deprecated (boolean value) and can be replaced with --cascade=background.\n', 0],
    ['--cascade=false', 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n', 2],
    ['--cascade=F', 'warning: --cascade=F is deprecated (boolean value) and can be replaced with --cascade=orphan.\n', 2],
  ])('kubectl delete rs web %s --wait=false', (flag, warning, left) => {
    const l = lab();
    const r = l.run(`kubectl delete rs web ${flag} --wait=false`);
    expect(r.output).toBe(`${warning}replicaset.apps "web" deleted\n`);
    expect(r.exitCode).toBe(0);
    expect(livePods(l)).toBe(left);
  });

  it.each(['yes', 'Orphan', 'FOREGROUND'])('refuses --cascade=%s before doing anything', (value) => {
    const l = lab();
    const r = l.run(`kubectl delete rs web --cascade=${value}`);
    expect(r.output).toBe(`error: invalid cascade value (${value}). Must be "background", "foreground", or "orphan"\n`);
    expect(r.exitCode).toBe(1);
    expect(l.out('kubectl get rs web -o name')).toBe('replicaset.apps/web\n');
  });

  it('foreground with --dry-run=server changes nothing', () => {
    const l = lab();
    expect(l.out('kubectl delete rs web --cascade=foreground --dry-run=server')).toBe('replicaset.apps "web" deleted (server dry run)\n');
    expect(l.out("kubectl get rs web -o jsonpath='{.metadata.finalizers}'")).toBe('');
    expect(livePods(l)).toBe(2);
  });
});
