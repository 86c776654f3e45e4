/**
 * `kubectl rollout` as cobra children with their own flags (kubectl v1.31 pkg/cmd/rollout): each
 * subcommand's flag set and errors, the builder's selection (TYPE alone, -l, -f), `history -o`
 * printing the revisions themselves, `undo --dry-run=client` printing the template it would
 * restore, -o on the patching subcommands, and -o json in Go struct order. Expected text was
 * checked against real kubectl 1.31 run on the same objects through tools/fake-apiserver.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { complete } from '../../../src/commands/completion.ts';
import { Lab } from '../../support/manifests.ts';

const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: busybox:1.36
`;

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: nginx:1.25
`;

/** Deployment web (revisions 1 and 2, "bump"), paused Deployment other, DaemonSet agent and StatefulSet db with two revisions each. */
function cluster(): Lab {
  const l = new Lab(5);
  l.apply(DAEMONSET);
  l.apply(STATEFULSET);
  l.out('kubectl create deployment web --image=nginx:1.25 --replicas=2');
  l.advance('1m');
  l.out('kubectl set image ds/agent agent=busybox:1.37');
  l.out('kubectl set image sts/db db=nginx:1.27');
  l.out('kubectl set image deployment/web nginx=nginx:1.27');
  l.out('kubectl annotate deployment/web kubernetes.io/change-cause=bump');
  l.advance('2m');
  l.out('kubectl create deployment other --image=nginx:1.25');
  l.out('kubectl rollout pause deployment/other');
  l.advance('10s');
  return l;
}

const lab = cluster();

/** The Pod Template block describe prints, through a PrefixWriter without tab alignment. */
const template = (labels: string, container: string, image: string) =>
  `Pod Template:\n  Labels:\t${labels}\n  Containers:\n   ${container}:\n    Image:\t${image}\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n`;

describe('the rollout command tree', () => {
  it('`kubectl rollout` alone prints its help on stdout and exits 1', () => {
    const r = lab.run('kubectl rollout');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^Manage the rollout of one or many resources\.\n {8}\n Valid resource types include:/);
    expect(r.stdout).toContain('Available Commands:\n  history       View rollout history\n');
    expect(r.stderr).toBe('');
  });

  it.each([
    ['kubectl rollout foo', `error: unknown command "foo"\nSee 'kubectl rollout -h' for help and examples\n`],
    ['kubectl rollout -w', "error: unknown shorthand flag: 'w' in -w\nSee 'kubectl rollout --help' for usage.\n"],
    ['kubectl rollout restart deployment/web --dry-run=client', "error: unknown flag: --dry-run\nSee 'kubectl rollout restart --help' for usage.\n"],
    ['kubectl rollout pause deployment/other --dry-run=client', "error: unknown flag: --dry-run\nSee 'kubectl rollout pause --help' for usage.\n"],
    ['kubectl rollout status deployment/web -o yaml', "error: unknown shorthand flag: 'o' in -o\nSee 'kubectl rollout status --help' for usage.\n"],
    ['kubectl rollout history deployment/web --to-revision=1', "error: unknown flag: --to-revision\nSee 'kubectl rollout history --help' for usage.\n"],
    [
      'kubectl rollout status deployment/web --timeout=x',
      `error: invalid argument "x" for "--timeout" flag: time: invalid duration "x"\nSee 'kubectl rollout status --help' for usage.\n`,
    ],
  ])('%s', (line, stderr) => {
    const r = lab.run(line);
    expect(r.stderr).toBe(stderr);
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(1);
  });

  it('tab completion offers the subcommand\'s own flags and resources', () => {
    const { sim } = lab.session;
    const restart = complete('kubectl rollout restart --', sim).candidates;
    expect(restart).toEqual(expect.arrayContaining(['--field-manager', '--selector', '--output']));
    expect(restart).not.toContain('--dry-run');
    const status = complete('kubectl rollout status --', sim).candidates;
    expect(status).toEqual(expect.arrayContaining(['--watch', '--timeout', '--revision']));
    expect(status).not.toContain('--output');
    expect(complete('kubectl rollout undo deployments/', sim).candidates).toEqual(['deployments/other', 'deployments/web']);
  });

  it('each subcommand has only its own flags', () => {
    expect(lab.run('kubectl rollout undo deployment/web --dry-run=client -o name').stdout).toBe('deployment.apps/web\n');
    expect(lab.run('kubectl rollout pause deployment/other --field-manager=x').stderr).toBe('error: deployments.apps "other" is already paused\n');
  });
});

describe('rollout history -o: the revisions themselves', () => {
  it('a Deployment: its ReplicaSets in revision order, `---` between YAML documents', () => {
    const out = lab.out('kubectl rollout history deployment/web -o yaml');
    const docs = out.split('---\n').map((d) => parse(d) as { kind: string; apiVersion: string; metadata: { annotations: Record<string, string> }; spec: Record<string, unknown> });
    expect(docs.map((d) => [d.apiVersion, d.kind, d.metadata.annotations['deployment.kubernetes.io/revision']])).toEqual([
      ['apps/v1', 'ReplicaSet', '1'],
      ['apps/v1', 'ReplicaSet', '2'],
    ]);
    // minReadySeconds is omitempty in the typed ReplicaSet kubectl decodes.
    expect(docs[0].spec).not.toHaveProperty('minReadySeconds');
  });

  it('-o name, --revision and jsonpath', () => {
    const names = lab.out('kubectl rollout history deployment/web -o name').split('\n');
    expect(names).toEqual([expect.stringMatching(/^replicaset\.apps\/web-\w+$/), expect.stringMatching(/^replicaset\.apps\/web-\w+$/), '']);
    expect(lab.out('kubectl rollout history deployment/web --revision=2 -o name')).toBe(`${names[1]}\n`);
    expect(lab.out('kubectl rollout history deployment/web --revision=1 -o jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.25');
  });

  it('a DaemonSet or StatefulSet: the owner with the revision applied', () => {
    const ds = parse(lab.out('kubectl rollout history ds/agent --revision=1 -o yaml')) as { kind: string; spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(ds.kind).toBe('DaemonSet');
    expect(ds.spec.template.spec.containers[0].image).toBe('busybox:1.36');
    expect(lab.out('kubectl rollout history sts/db -o name')).toBe('statefulset.apps/db\nstatefulset.apps/db\n');
    expect(lab.out('kubectl rollout history deployment/web ds/agent -o name')).toMatch(/^replicaset\.apps\/web-\w+\nreplicaset\.apps\/web-\w+\ndaemonset\.apps\/agent\ndaemonset\.apps\/agent\n$/);
  });

  it('-o json writes the typed objects in Go struct order, not sorted', () => {
    const out = lab.out('kubectl rollout history deployment/web --revision=2 -o json');
    const keysOf = (json: string, indent: number) => [...json.matchAll(new RegExp(`^ {${indent}}"([^"]+)":`, 'gm'))].map((m) => m[1]);
    expect(keysOf(out, 4)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(keysOf(out, 8)).toEqual([
      ...['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'labels', 'annotations', 'ownerReferences'],
      ...['replicas', 'selector', 'template'],
      ...['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'],
    ]);
    expect(out).toMatch(/"name": "nginx",\n\s+"image": "nginx:1\.27",\n\s+"resources": \{\},\n\s+"terminationMessagePath": "\/dev\/termination-log",\n\s+"terminationMessagePolicy": "File",\n\s+"imagePullPolicy": "IfNotPresent"\n/);
    expect(out).toMatch(/"restartPolicy": "Always",\n\s+"terminationGracePeriodSeconds": 30,\n\s+"dnsPolicy": "ClusterFirst",\n\s+"securityContext": \{\},\n\s+"schedulerName": "default-scheduler"\n/);
  });

  it('a missing revision: kubectl 1.31 panics (exit 2)', () => {
    const r = lab.run('kubectl rollout history deployment/web --revision=9 -o yaml');
    expect(r.stderr).toBe('panic: reflect: call of reflect.Value.Type on zero Value\n');
    expect(r.exitCode).toBe(2);
    // The process dies there: the later targets are not visited, the earlier errors not printed.
    expect(lab.run('kubectl rollout history deployment/nope deployment/web ds/agent --revision=9 -o name').output).toBe('panic: reflect: call of reflect.Value.Type on zero Value\n');
    expect(lab.run('kubectl rollout history deployment/web --revision=9').stderr).toBe('error: unable to find the specified revision\n');
  });

  it('formats the object printers do not have are refused', () => {
    expect(lab.run('kubectl rollout history deployment/web -o wide').stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
  });

  it('--template without -o prints the target itself through the template', () => {
    expect(lab.out('kubectl rollout history deployment/web --template={{.metadata.name}} --revision=2')).toBe('web');
  });
});

describe('selection: TYPE alone, -l and -f', () => {
  it('a type alone means every object of it in the namespace', () => {
    expect(lab.out('kubectl rollout history deployments')).toBe(
      'deployment.apps/other \nREVISION  CHANGE-CAUSE\n1         <none>\n\ndeployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         bump\n\n',
    );
    expect(lab.out('kubectl rollout history deployments -n kube-system')).toBe('deployment.apps/coredns \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
  });

  it('-l narrows a type; a name with -l is refused', () => {
    expect(lab.out('kubectl rollout history deployment -l app=web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         bump\n\n');
    expect(lab.run('kubectl rollout history deployment/web -l app=web').stderr).toBe('error: selectors and the all flag cannot be used when passing resource/name arguments\n');
    expect(lab.run('kubectl rollout history deployment web -l app=web').stderr).toBe('error: name cannot be provided when a selector is specified\n');
  });

  it('-f names the objects by manifest', () => {
    expect(lab.out('kubectl rollout history -f -', DAEMONSET)).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  });

  it('status, pause, resume and restart say when a type names nothing; history says nothing', () => {
    for (const sub of ['status', 'pause', 'resume', 'restart']) {
      const r = lab.run(`kubectl rollout ${sub} statefulsets -n kube-system`);
      expect([sub, r.stdout, r.stderr, r.exitCode]).toEqual([sub, '', 'No resources found in kube-system namespace.\n', 0]);
    }
    expect(lab.run('kubectl rollout history statefulsets -n kube-system').output).toBe('');
  });

  it('errors are collected, the other targets still done', () => {
    const r = lab.run('kubectl rollout history deployment/web deployment/nope deployment/other');
    expect(r.stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         bump\n\ndeployment.apps/other \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect(r.stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(r.exitCode).toBe(1);
  });

  it('the object is read before its kind is checked', () => {
    expect(lab.run('kubectl rollout history pod/x -o name').stderr).toBe('Error from server (NotFound): pods "x" not found\n');
    const rs = lab.out('kubectl get rs -l app=web -o name').split('\n')[0];
    expect(lab.run(`kubectl rollout history ${rs}`).stderr).toBe('error: no history viewer has been implemented for "ReplicaSet.apps"\n');
    expect(lab.run(`kubectl rollout status ${rs}`).stderr).toBe('error: no status viewer has been implemented for ReplicaSet.apps\n');
    expect(lab.run(`kubectl rollout undo ${rs}`).stderr).toBe('error: no rollbacker has been implemented for "ReplicaSet.apps"\n');
  });
});

describe('rollout undo --dry-run=client: the template it would restore', () => {
  it('a Deployment: the revision ReplicaSet template, hash label included', () => {
    const hash = lab.out('kubectl get rs -l app=web -o jsonpath={.items[?(@.spec.replicas==0)].metadata.labels.pod-template-hash}');
    expect(lab.out('kubectl rollout undo deployment/web --dry-run=client')).toBe(
      `deployment.apps/web ${template(`app=web\n\tpod-template-hash=${hash}`, 'nginx', 'nginx:1.25')} (dry run)\n`,
    );
  });

  it('even when the template already matches (the skip is not checked in a client dry run)', () => {
    expect(lab.out('kubectl rollout undo deployment/web --to-revision=2 --dry-run=client')).toMatch(/^deployment\.apps\/web Pod Template:\n[^]*\tnginx:1\.27\n[^]* \(dry run\)\n$/);
  });

  it('a DaemonSet: "will roll back to"', () => {
    expect(lab.out('kubectl rollout undo ds/agent --dry-run=client')).toBe(`daemonset.apps/agent will roll back to ${template('app=agent', 'agent', 'busybox:1.36')} (dry run)\n`);
  });

  it('one failing target does not stop the others', () => {
    const r = lab.run('kubectl rollout undo deployment --dry-run=client');
    expect(r.stdout).toMatch(/^deployment\.apps\/web Pod Template:/);
    expect(r.stderr).toBe('error: no rollout history found for deployment "other"\n');
    expect(r.exitCode).toBe(1);
  });

  it('-o yaml prints the object as read, before the rollback', () => {
    const d = parse(lab.out('kubectl rollout undo deployment/web --dry-run=client -o yaml')) as { kind: string; spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(d.kind).toBe('Deployment');
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.27');
  });
});

describe('pause, resume, restart and undo print the object with -o', () => {
  it('pause -o yaml prints the patched Deployment; resume -o name', () => {
    const l = cluster();
    const d = parse(l.out('kubectl rollout pause deployment/web -o yaml')) as { spec: { paused?: boolean } };
    expect(d.spec.paused).toBe(true);
    expect(l.out('kubectl rollout resume deployment/web -o name')).toBe('deployment.apps/web\n');
    expect(l.out('kubectl get deploy web -o jsonpath={.spec.paused}')).toBe('');
  });

  it('restart -o jsonpath sees the restartedAt annotation; restart -l restarts the labelled only', () => {
    const l = cluster();
    expect(l.out('kubectl rollout restart deployment/web -o jsonpath={.spec.template.metadata.annotations}')).toMatch(/^\{"kubectl\.kubernetes\.io\/restartedAt":"2025-01-01T00:03:\d\dZ"\}$/);
    l.out('kubectl rollout resume deployment/other');
    expect(l.out('kubectl rollout restart deployment -l app=other')).toBe('deployment.apps/other restarted\n');
    expect(l.out('kubectl rollout restart sts,ds')).toBe('statefulset.apps/db restarted\ndaemonset.apps/agent restarted\n');
  });

  it('undo without dry run patches and prints the object as it was', () => {
    const l = cluster();
    expect(l.out('kubectl rollout undo deployment/web -o jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.27');
    expect(l.out('kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.25');
  });
});

describe('rollout status over several targets', () => {
  it('prints each status in turn', () => {
    expect(lab.out('kubectl rollout status deployment')).toBe('deployment "other" successfully rolled out\ndeployment "web" successfully rolled out\n');
    expect(lab.out('kubectl rollout status deployment/web deployment/other --watch=false')).toBe('deployment "web" successfully rolled out\ndeployment "other" successfully rolled out\n');
  });
});
