/**
 * `kubectl cluster-info dump --output-directory` through the headless runner with the disk file
 * system `npx podlab run` gives (src/cli/disk-fs.ts): the files land beside the script on the real
 * disk in kubectl v1.31's layout (clusterinfo_dump.go's setupOutputWriter), and `cat` and
 * `kubectl apply -f` read them back. Also through the CLI itself, and a read-only directory.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScript } from '../../src/commands/runner.ts';
import { diskFileSystem } from '../../src/cli/disk-fs.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LISTS = ['daemonsets', 'deployments', 'events', 'pods', 'replicasets', 'replication-controllers', 'services'];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-dump-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const SCRIPT = `sim cluster --nodes 1
kubectl create deployment web --image=nginx --replicas=2
sim advance 1m
kubectl cluster-info dump --namespaces default --output-directory=state
cat state/default/deployments.json
`;

describe('cluster-info dump --output-directory through the runner', () => {
  it('writes DIR/nodes.json, DIR/NS/*.json and DIR/NS/POD/logs.txt on disk, relative to the script', () => {
    const run = runScript(SCRIPT, { fs: diskFileSystem(dir, { writable: true }), file: 'dump.podlab' });
    expect(run.status).toBe(0);
    const dump = run.entries[3];
    expect([dump.output, dump.exitCode]).toEqual(['Cluster info dumped to state\n', 0]);
    const pods = run.session.execLine('kubectl get pods -o name').stdout.trim().split('\n').map((p) => p.replace('pod/', ''));
    expect(pods).toHaveLength(2);
    expect(readdirSync(join(dir, 'state'))).toEqual(['default', 'nodes.json']);
    expect(readdirSync(join(dir, 'state', 'default')).sort()).toEqual([...LISTS.map((l) => `${l}.json`), ...pods].sort());
    for (const pod of pods) {
      expect(readFileSync(join(dir, 'state', 'default', pod, 'logs.txt'), 'utf8')).toMatch(
        new RegExp(`^==== START logs for container nginx of pod default/${pod} ====\n[^]*==== END logs for container nginx of pod default/${pod} ====\n$`),
      );
    }
    const deployments = readFileSync(join(dir, 'state', 'default', 'deployments.json'), 'utf8');
    expect(deployments).toMatch(/^\{\n {4}"kind": "DeploymentList",\n {4}"apiVersion": "apps\/v1",/);
    expect(run.entries[4].output).toBe(deployments);
    // The same bytes as the dump to stdout at the same moment.
    const stdout = run.session.execLine('kubectl cluster-info dump --namespaces default').stdout;
    expect(stdout).toContain(readFileSync(join(dir, 'state', 'nodes.json'), 'utf8') + readFileSync(join(dir, 'state', 'default', 'events.json'), 'utf8'));
  });

  it('an absolute DIR is used as is; a file in the way fails as os.MkdirAll does', () => {
    writeFileSync(join(dir, 'taken'), 'x');
    const abs = join(dir, 'abs', 'out');
    const run = runScript(`kubectl cluster-info dump --output-directory=${abs}\nkubectl cluster-info dump --output-directory=taken/out\n`, {
      fs: diskFileSystem(dir, { writable: true }),
    });
    expect(run.entries[0].output).toBe(`Cluster info dumped to ${abs}\n`);
    expect(readdirSync(abs)).toEqual(['default', 'kube-system', 'nodes.json']);
    expect([run.entries[1].output, run.entries[1].exitCode]).toEqual(['error: mkdir taken: not a directory\n', 1]);
  });

  it("Node's errors from the disk come out in Go's words, the path as the user gave it", () => {
    mkdirSync(join(dir, 'd', 'default', 'services.json'), { recursive: true });
    const run = runScript('kubectl cluster-info dump --namespaces default --output-directory=./d\n', { fs: diskFileSystem(dir, { writable: true }) });
    expect([run.entries[0].output, run.entries[0].exitCode]).toEqual(['error: open d/default/services.json: is a directory\n', 1]);
    expect(readdirSync(join(dir, 'd', 'default'))).toEqual(['events.json', 'replication-controllers.json', 'services.json']);
  });

  it.skipIf(process.getuid?.() === 0)("a directory the user may not write: Go's permission denied", () => {
    chmodSync(dir, 0o555);
    const run = runScript('kubectl cluster-info dump --output-directory=out\n', { fs: diskFileSystem(dir, { writable: true }) });
    expect([run.entries[0].output, run.entries[0].exitCode]).toEqual(['error: mkdir out: permission denied\n', 1]);
  });

  it('`npx podlab run` writes beside the script, wherever it is run from', () => {
    writeFileSync(join(dir, 'dump.podlab'), 'kubectl cluster-info dump -o yaml --output-directory=yaml-dump\n');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'podlab.mjs'), 'run', join(dir, 'dump.podlab')], { encoding: 'utf8', cwd: root });
    expect([r.stdout, r.status]).toEqual(['$ kubectl cluster-info dump -o yaml --output-directory=yaml-dump\nCluster info dumped to yaml-dump\n', 0]);
    expect(readdirSync(join(dir, 'yaml-dump'))).toEqual(['default', 'kube-system', 'nodes.yaml']);
    expect(readFileSync(join(dir, 'yaml-dump', 'kube-system', 'pods.yaml'), 'utf8')).toMatch(/^---\napiVersion: v1\nitems:\n/);
  }, 60_000);
});
