/**
 * Where a volume's data lives: a file written to a PVC-backed volume (local-path, on the node)
 * survives the pod being deleted and recreated — the new pod is scheduled to the volume's node —
 * while a file in an emptyDir dies with its pod. hostPath data stays on its node.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

/** A one-replica Deployment `writer` mounting `volume` (YAML of one volume entry) at /data. */
function writer(volume: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: writer
spec:
  replicas: 1
  selector:
    matchLabels: {app: writer}
  template:
    metadata:
      labels: {app: writer}
    spec:
      containers:
      - name: app
        image: busybox:1.36
        command: [sleep, "3600"]
        volumeMounts:
        - {name: data, mountPath: /data}
      volumes:
      - ${volume}
`;
}

const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;

function onlyPod(lab: Lab): string {
  const names = lab.out('kubectl get pods -o name').split('\n').filter((l) => l !== '');
  expect(names).toHaveLength(1);
  return names[0].replace('pod/', '');
}

/** Writes /data/f in the pod, deletes it, waits for its replacement; returns [old, new] pods. */
function writeThenReplace(lab: Lab): [string, string] {
  const first = onlyPod(lab);
  expect(lab.status(first)).toBe('Running');
  expect(lab.run(`kubectl exec ${first} -- sh -c 'echo hi > /data/f'`).exitCode).toBe(0);
  expect(lab.out(`kubectl exec ${first} -- cat /data/f`)).toBe('hi\n');
  lab.run(`kubectl delete pod ${first}`);
  lab.advance('40s');
  const second = onlyPod(lab);
  expect(second).not.toBe(first);
  expect(lab.status(second)).toBe('Running');
  return [first, second];
}

describe('volume data and the pod lifecycle', () => {
  it('a file on a PVC-backed volume survives the pod; the new pod lands on the volume\'s node', () => {
    const lab = new Lab();
    lab.apply(CLAIM);
    lab.apply(writer('{name: data, persistentVolumeClaim: {claimName: data}}'));
    lab.advance('20s');
    const node = lab.out(`kubectl get pvc data -o jsonpath='{.metadata.annotations.volume\\.kubernetes\\.io/selected-node}'`);
    const [, second] = writeThenReplace(lab);
    expect(lab.jsonpath(second, '.spec.nodeName')).toBe(node);
    expect(lab.out(`kubectl exec ${second} -- cat /data/f`)).toBe('hi\n');
  });

  it('the data sits on the node under /var/local-path-provisioner/pvc-<uid>_<namespace>_<claim>', () => {
    const lab = new Lab();
    lab.apply(CLAIM);
    lab.apply(writer('{name: data, persistentVolumeClaim: {claimName: data}}'));
    lab.advance('20s');
    lab.run(`kubectl exec ${onlyPod(lab)} -- sh -c 'echo hi > /data/f'`);
    const uid = lab.out('kubectl get pvc data -o jsonpath={.metadata.uid}');
    const node = lab.jsonpath(onlyPod(lab), '.spec.nodeName');
    expect(lab.out(`sim node exec ${node} -- ls /var/local-path-provisioner`)).toBe(`pvc-${uid}_default_data\n`);
    expect(lab.out(`sim node exec ${node} -- cat /var/local-path-provisioner/pvc-${uid}_default_data/f`)).toBe('hi\n');
  });

  it('a file in an emptyDir does not survive the pod', () => {
    const lab = new Lab();
    lab.apply(writer('{name: data, emptyDir: {}}'));
    lab.advance('20s');
    const [, second] = writeThenReplace(lab);
    const r = lab.run(`kubectl exec ${second} -- cat /data/f`);
    expect(r.output).toBe('cat: can\'t open \'/data/f\': No such file or directory\ncommand terminated with exit code 1\n');
  });

  it('hostPath data stays on the node: a pod pinned to the same node reads it', () => {
    const lab = new Lab();
    lab.apply(writer('{name: data, hostPath: {path: /srv/shared, type: DirectoryOrCreate}}').replace('    spec:\n', '    spec:\n      nodeName: node-1\n'));
    lab.advance('20s');
    const [, second] = writeThenReplace(lab);
    expect(lab.out(`kubectl exec ${second} -- cat /data/f`)).toBe('hi\n');
  });

  it('deleting the claim after its pods deletes the provisioned volume (reclaim policy Delete)', () => {
    const lab = new Lab();
    lab.apply(CLAIM);
    lab.apply(writer('{name: data, persistentVolumeClaim: {claimName: data}}'));
    lab.advance('20s');
    expect(lab.out('kubectl get pv --no-headers')).toMatch(/^pvc-[0-9a-f-]{36}\s+1Gi\s+RWO\s+Delete\s+Bound\s+default\/data\s+standard\s+<unset>\s+20s$/m);
    lab.run('kubectl delete deployment writer');
    lab.advance('40s');
    lab.run('kubectl delete pvc data');
    lab.advance('1s');
    expect(lab.out('kubectl get pvc,pv')).toBe('No resources found in default namespace.\n');
    // The helper pod's cleanup: the directory is gone from the node too.
    for (const node of ['node-1', 'node-2', 'node-3']) expect(lab.out(`sim node exec ${node} -- ls /var/local-path-provisioner`)).not.toContain('pvc-');
  });
});

describe('snapshot and restore', () => {
  /** A claim waiting for its consumer (resync timer pending), then a pod writing to it. */
  function play(lab: Lab, restoreAt: number | undefined): string {
    const steps = [
      () => lab.apply(CLAIM),
      () => lab.advance('20s'),
      () => lab.apply(writer('{name: data, persistentVolumeClaim: {claimName: data}}')),
      () => lab.advance('20s'),
      () => lab.run(`kubectl exec ${onlyPod(lab)} -- sh -c 'echo kept > /data/f'`),
      () => lab.run(`kubectl delete pod ${onlyPod(lab)} --wait=false`),
      () => lab.advance('45s'),
    ];
    steps.forEach((step, i) => {
      step();
      if (i === restoreAt) lab.snapshotRestore();
    });
    return [lab.out(`kubectl exec ${onlyPod(lab)} -- cat /data/f`), lab.out('kubectl get events --sort-by=.metadata.name'), lab.session.sim.traceHash()].join('\n');
  }

  it.each([[1], [3], [5]])('restoring after step %i continues exactly as an uninterrupted run', (at) => {
    const straight = play(new Lab(), undefined);
    expect(straight.startsWith('kept\n')).toBe(true);
    expect(play(new Lab(), at)).toBe(straight);
  });
});
