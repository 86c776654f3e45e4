/**
 * `kubectl create` and its generators against real kubectl v1.31: the table in
 * create-generators.golden.json was recorded with `kubectl.1.31` (client-side dry runs and client
 * errors, stdout and stderr apart; no cluster, so nothing that needs a server), and Podlab must
 * print exactly the same. The rest checks what only a cluster shows: the objects created and the
 * server's errors as each generator wraps them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';

interface Row {
  argv: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
}

const rows = JSON.parse(readFileSync(new URL('./create-generators.golden.json', import.meta.url), 'utf8')) as Row[];
/** A shell word: single-quoted when it has spaces or glob characters. */
const word = (a: string) => (/[\s*?]/.test(a) ? `'${a}'` : a);

describe('kubectl create generators, as kubectl v1.31 prints them', () => {
  it.each(rows.map((r) => [r.argv.join(' '), r] as const))('%s', (_line, row) => {
    const r = new Session({ seed: 1 }).execLine(`kubectl ${row.argv.map(word).join(' ')}`);
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: row.stdout, stderr: row.stderr, exitCode: row.exitCode });
  });

  it('names a container after an image with _ or . sanitized and given a random (seeded) suffix', () => {
    const out = new Session({ seed: 1 }).execLine('kubectl create deployment web --image=reg.io/My_App:1 --image=nginx@sha256:abc --dry-run=client -o yaml').stdout;
    expect(out).toMatch(/\n {6}- image: reg\.io\/My_App:1\n {8}name: My-App-[bcdfghjklmnpqrstvwxz2456789]{5}\n/);
    expect(out).toContain('\n      - image: nginx@sha256:abc\n        name: nginx\n');
  });

  it('creates a Deployment whose pods run', () => {
    const s = new Session({ seed: 1 });
    expect(s.execLine('kubectl create deployment web --image=nginx:1.27 --replicas=2').stdout).toBe('deployment.apps/web created\n');
    s.execLine('sim advance 30s');
    expect(s.execLine('kubectl get deploy web').stdout).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +2\/2 +2 +2 +30s\n$/);
  });
});

describe('kubectl create generators against the cluster', () => {
  const run = (s: Session, line: string) => {
    const r = s.execLine(line);
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  };

  it('creates Services of each type; headless has clusterIP None', () => {
    const s = new Session({ seed: 1 });
    expect(run(s, 'kubectl create service clusterip web --tcp=80:8080').stdout).toBe('service/web created\n');
    expect(run(s, 'kubectl create svc clusterip headless --clusterip=None').stdout).toBe('service/headless created\n');
    expect(run(s, 'kubectl create service nodeport np --tcp=80 --node-port=30080').stdout).toBe('service/np created\n');
    expect(s.execLine('kubectl get svc headless np -o jsonpath={.items[*].spec.clusterIP}').stdout).toMatch(/^None 10\.\d+\.\d+\.\d+$/);
    expect(s.execLine('kubectl get svc np -o jsonpath={.spec.ports[0].nodePort}').stdout).toBe('30080');
  });

  it("wraps the server's errors as each generator does", () => {
    const s = new Session({ seed: 1 });
    expect(run(s, 'kubectl create svc nodeport np --tcp=80 --node-port=99999').stderr).toBe(
      'error: failed to create NodePort service: Service "np" is invalid: spec.ports[0].nodePort: Invalid value: 99999: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
    );
    s.execLine('kubectl create priorityclass high --value=1000');
    expect(run(s, 'kubectl create priorityclass high --value=1000').stderr).toBe('error: failed to create priorityclass: priorityclasses.scheduling.k8s.io "high" already exists\n');
    s.execLine('kubectl create pdb web --selector=app=web --min-available=1');
    expect(run(s, 'kubectl create pdb web --selector=app=web --min-available=1').stderr).toBe('error: failed to create poddisruptionbudgets: poddisruptionbudgets.policy "web" already exists\n');
    expect(run(s, 'kubectl create ns default')).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): namespaces "default" already exists\n', exitCode: 1 });
  });

  it('creates a PodDisruptionBudget and a PriorityClass that read back as given', () => {
    const s = new Session({ seed: 1 });
    expect(run(s, 'kubectl create pdb web --selector=app=web --min-available=50%').stdout).toBe('poddisruptionbudget.policy/web created\n');
    expect(s.execLine('kubectl get pdb web -o jsonpath={.spec.minAvailable}/{.spec.selector.matchLabels.app}').stdout).toBe('50%/web');
    expect(run(s, "kubectl create pc high --value=1000 --description='high priority' --preemption-policy=Never").stdout).toBe('priorityclass.scheduling.k8s.io/high created\n');
    expect(s.execLine('kubectl get pc high -o jsonpath={.value}/{.description}/{.preemptionPolicy}').stdout).toBe('1000/high priority/Never');
  });

  it('--save-config records the typed object, in field order, as the last-applied configuration', () => {
    const s = new Session({ seed: 1 });
    s.execLine('kubectl create deployment web --image=nginx --save-config');
    const applied = s.execLine(`kubectl get deploy web -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'`).stdout;
    expect(applied).toMatch(/^\{"kind":"Deployment","apiVersion":"apps\/v1","metadata":\{"name":"web","creationTimestamp":null,"labels":\{"app":"web"\}\}/);
  });

  it("runs kubectl's checks for the generators of kinds Podlab does not store, and says so when one would be created", () => {
    const s = new Session({ seed: 1 });
    expect(run(s, 'kubectl create role r')).toEqual({ stdout: '', stderr: 'error: at least one verb must be specified\n', exitCode: 1 });
    expect(run(s, 'kubectl create serviceaccount sa')).toEqual({ stdout: 'serviceaccount/sa created\n', stderr: '', exitCode: 0 });
  });

  it('create -f -l creates only the objects the selector matches', () => {
    const s = new Session({ seed: 1 });
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {tier: web}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n';
    const r = s.execLine('kubectl create -f - -l tier=web', manifest);
    expect(r.stdout).toBe('configmap/a created\n');
  });
});
