/**
 * `kubectl cluster-info dump` against kubectl v1.31's own output for the same cluster
 * (cluster-info-dump.recorded.json, recorded through tools/fake-apiserver; the fake server has no
 * pods/log, so the recording's `Request log error` lines are left out of the comparison), and
 * the log sections, namespace selection and refusals.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../../src/commands/memory-fs.ts';
import { Session } from '../../../src/commands/session.ts';
import type { FileSystem } from '../../../src/commands/types.ts';

interface Recorded {
  setup: { seed: number; lines: string[] };
  runs: { command: string; stdout: string; stderr: string; exitCode: number }[];
}

const recorded = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'cluster-info-dump.recorded.json'), 'utf8')) as Recorded;

function cluster(fs?: FileSystem): Session {
  const s = new Session({ seed: recorded.setup.seed, fs });
  for (const line of recorded.setup.lines) expect(s.execLine(line).exitCode).toBe(0);
  return s;
}

describe('kubectl cluster-info dump', () => {
  it.each(recorded.runs.map((r) => [r.command, r] as const))('%s prints what kubectl v1.31 printed', (command, run) => {
    const r = cluster().execLine(command);
    const expected = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('Request log error: '))
      .join('\n');
    expect(r.stdout).toBe(expected);
    expect(r.exitCode).toBe(run.exitCode);
  });

  it('dumps kube-system and the current namespace by default, every namespace with -A', () => {
    const s = cluster();
    const lists = (out: string) => out.split('\n').filter((l) => l === '    "kind": "EventList",').length;
    expect(lists(s.execLine('kubectl cluster-info dump').stdout)).toBe(2);
    const namespaces = s.execLine('kubectl get ns -o name').stdout.trim().split('\n').length;
    expect(lists(s.execLine('kubectl cluster-info dump -A').stdout)).toBe(namespaces);
    expect(lists(s.execLine('kubectl cluster-info dump --namespaces default --namespaces kube-public,kube-node-lease').stdout)).toBe(3);
  });

  it("puts each container's log between START and END lines, as kubectl logs prints it", () => {
    const s = cluster();
    const out = s.execLine('kubectl cluster-info dump --namespaces kube-system').stdout;
    const pod = s.execLine('kubectl get pods -n kube-system -l component=etcd -o name').stdout.trim().replace('pod/', '');
    const log = s.execLine(`kubectl logs -n kube-system ${pod}`).stdout;
    expect(out).toContain(`==== START logs for container etcd of pod kube-system/${pod} ====\n${log}==== END logs for container etcd of pod kube-system/${pod} ====\n`);
  });

  it('reports a container that has not started as kubectl does', () => {
    const s = cluster();
    s.execLine('kubectl run waiting --image=nginx');
    const out = s.execLine('kubectl cluster-info dump --namespaces default').stdout;
    const logs = s.execLine('kubectl logs waiting');
    const section = logs.exitCode === 0 ? logs.stdout : `Request log error: ${logs.stderr.replace(/^Error from server \(\w+\): /, '')}`;
    expect(out).toContain(`==== START logs for container waiting of pod default/waiting ====\n${section}==== END logs for container waiting of pod default/waiting ====\n`);
  });

  it('refuses what Podlab cannot do', () => {
    const s = cluster();
    expect(s.execLine('kubectl cluster-info dump -o name').stderr).toBe('error: cluster-info dump -o name is not available in Podlab yet (json and yaml are)\n');
    expect(s.execLine('kubectl cluster-info dump --output-directory=- --namespaces default').stdout).toBe(s.execLine('kubectl cluster-info dump --namespaces default').stdout);
  });

  describe('--output-directory (setupOutputWriter: os.MkdirAll, os.Create)', () => {
    const LISTS = ['events', 'replication-controllers', 'services', 'daemonsets', 'deployments', 'replicasets', 'pods'];

    it("writes kubectl's layout and prints `Cluster info dumped to DIR`", () => {
      const fs = new MemoryFileSystem();
      const s = cluster(fs);
      const r = s.execLine('kubectl cluster-info dump --namespaces default,kube-system --output-directory=out/state');
      expect([r.stdout, r.stderr, r.exitCode]).toEqual(['Cluster info dumped to out/state\n', '', 0]);
      expect(fs.readDir('out/state')).toEqual(['default', 'kube-system', 'nodes.json']);
      const pods = (ns: string) => s.execLine(`kubectl get pods -n ${ns} -o name`).stdout.split('\n').filter(Boolean).map((p) => p.replace('pod/', ''));
      for (const ns of ['default', 'kube-system']) {
        expect(fs.readDir(`out/state/${ns}`)).toEqual([...LISTS.map((l) => `${l}.json`), ...pods(ns)].sort());
        for (const pod of pods(ns)) expect(fs.readDir(`out/state/${ns}/${pod}`)).toEqual(['logs.txt']);
      }
    });

    it('each file holds what stdout would have shown, in the same order', () => {
      const fs = new MemoryFileSystem();
      const s = cluster(fs);
      const stdout = s.execLine('kubectl cluster-info dump --namespaces kube-system').stdout;
      s.execLine('kubectl cluster-info dump --namespaces kube-system --output-directory=/dump');
      const pods = s.execLine('kubectl get pods -n kube-system -o name').stdout.split('\n').filter(Boolean).map((p) => p.replace('pod/', ''));
      const files = ['nodes.json', ...LISTS.map((l) => `kube-system/${l}.json`), ...pods.map((p) => `kube-system/${p}/logs.txt`)];
      expect(files.map((f) => fs.readFile(`/dump/${f}`)).join('')).toBe(stdout);
      expect(fs.readFile('/dump/kube-system/services.json')).toMatch(/^\{\n {4}"kind": "ServiceList",/);
      const etcd = pods.find((p) => p.startsWith('etcd-')) ?? '';
      expect(fs.readFile(`/dump/kube-system/${etcd}/logs.txt`)).toMatch(new RegExp(`^==== START logs for container etcd of pod kube-system/${etcd} ====\n`));
    });

    it("applies back: a typed list's items take its kind (unstructured decodeToList); an empty one applies nothing", () => {
      const fs = new MemoryFileSystem();
      const s = cluster(fs);
      s.execLine('kubectl cluster-info dump --namespaces default --output-directory=out');
      expect(fs.readFile('out/default/deployments.json')).not.toMatch(/^ {12}"kind": "Deployment",/m);
      const r = s.execLine('kubectl apply -f out/default/deployments.json');
      expect([r.stdout, r.exitCode]).toEqual(['deployment.apps/web configured\n', 0]);
      expect(r.stderr).toMatch(/^Warning: resource deployments.apps\/web is missing the kubectl.kubernetes.io\/last-applied-configuration annotation/);
      const empty = s.execLine('kubectl apply -f out/default/daemonsets.json');
      expect([empty.stdout, empty.stderr, empty.exitCode]).toEqual(['', 'error: no objects passed to apply\n', 1]);
    });

    it('-o yaml writes .yaml files; the one printer puts --- before every list after the first', () => {
      const fs = new MemoryFileSystem();
      const s = cluster(fs);
      expect(s.execLine('kubectl cluster-info dump -o yaml --namespaces default --output-directory=y').exitCode).toBe(0);
      expect(fs.readDir('y')).toEqual(['default', 'nodes.yaml']);
      expect(fs.readFile('y/nodes.yaml')).toMatch(/^apiVersion: v1\nitems:/);
      expect(fs.readFile('y/default/events.yaml')).toMatch(/^---\napiVersion: v1\n/);
      expect(fs.stat('y/default/pods.yaml')).toBe('file');
    });

    it('cleans DIR as path.Join does but prints it as given; a second dump truncates the files', () => {
      const fs = new MemoryFileSystem();
      const s = cluster(fs);
      expect(s.execLine('kubectl cluster-info dump --namespaces default --output-directory=./a//b/').stdout).toBe('Cluster info dumped to ./a//b/\n');
      expect(fs.readDir('a/b')).toEqual(['default', 'nodes.json']);
      fs.writeFile('a/b/default/pods.json', 'stale and much longer than an empty PodList could ever be '.repeat(100));
      s.execLine('kubectl cluster-info dump --namespaces default --output-directory=a/b');
      expect(fs.readFile('a/b/default/pods.json')).toMatch(/^\{\n {4}"kind": "PodList",[^]*\}\n$/);
    });

    it("fails as os.MkdirAll and os.Create do, after writing what came before", () => {
      const fs = new MemoryFileSystem();
      const s = cluster(fs);
      fs.writeFile('file', 'x');
      expect(s.execLine('kubectl cluster-info dump --output-directory=file').stderr).toBe('error: mkdir file: not a directory\n');
      expect(s.execLine('kubectl cluster-info dump --output-directory=file/sub').stderr).toBe('error: mkdir file: not a directory\n');
      fs.mkdir('d');
      fs.mkdir('d/default');
      fs.mkdir('d/default/services.json');
      const r = s.execLine('kubectl cluster-info dump --namespaces default --output-directory=d');
      expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', 'error: open d/default/services.json: is a directory\n', 1]);
      expect(fs.readDir('d/default')).toEqual(['events.json', 'replication-controllers.json', 'services.json']);
    });

    it('without a writable file system, fails as on a read-only mount', () => {
      const s = cluster();
      const r = s.execLine('kubectl cluster-info dump --output-directory=/tmp/x');
      expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', 'error: mkdir /tmp: read-only file system\n', 1]);
      expect(s.execLine('kubectl cluster-info dump --output-directory=out').stderr).toBe('error: mkdir out: read-only file system\n');
    });
  });
});
