/**
 * Issue 11's acceptance scenario through the runner and the CLI: build v1 and v2 of an app, push
 * both to registry.local, deploy v1, roll out v2. The node already holds every layer v2 shares
 * with v1, so its pull moves only v2's last layer; an image never pushed fails as the kubelet
 * reports it. Same seed, same transcript and trace hash.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript, type ScriptRun } from '../../../src/commands/runner.ts';
import { PULL_BYTES_PER_SECOND, PULL_LATENCY_MS } from '../../../src/engine/components/kubelet/timing.ts';
import { formatGoDuration } from '../../../src/engine/node/backoff.ts';
import type { KObject, Node } from '../../../src/engine/api/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const SCRIPT_PATH = join(here, 'build-ship-run.podlab');
const SCRIPT = readFileSync(SCRIPT_PATH, 'utf8');

const output = (run: ScriptRun, prefix: string): string => {
  const e = run.entries.find((x) => x.line.startsWith(prefix));
  if (!e) throw new Error(`no command ${prefix}`);
  return e.output;
};

const pullMs = (bytes: number): number => PULL_LATENCY_MS + Math.ceil((bytes * 1000) / PULL_BYTES_PER_SECOND);

describe('build, ship, run', () => {
  const run = runScript(SCRIPT, { seed: 7 });

  it('runs to the end', () => {
    expect(run.status).toBe(0);
    expect(run.error).toBeUndefined();
  });

  it('pushes v2 as one new layer on top of v1\'s', () => {
    const pushes = run.entries.filter((e) => e.line.startsWith('docker push'));
    expect(pushes[0].output).not.toContain('Layer already exists');
    expect(pushes[1].output.match(/: Pushed$/gm)).toHaveLength(1);
    expect(pushes[1].output.match(/: Layer already exists$/gm)!.length).toBeGreaterThan(4);
  });

  it('the node pulls all of v1, then only what v2 does not share with it', () => {
    const reg = run.session.sim.docker.registry;
    const v1 = reg.manifests[reg.repos['registry.local/app'].v1];
    const v2 = reg.manifests[reg.repos['registry.local/app'].v2];
    const have = new Set(v1.layers.map((l) => l.digest));
    const v1Bytes = v1.layers.reduce((n, l) => n + l.sizeBytes, 0);
    const v2OnlyBytes = v2.layers.filter((l) => !have.has(l.digest)).reduce((n, l) => n + l.sizeBytes, 0);
    expect(v2.layers.filter((l) => !have.has(l.digest))).toHaveLength(1);
    const events = output(run, 'kubectl get events --field-selector reason=Pulled').trimEnd().split('\n');
    expect(events).toEqual([
      'MESSAGE',
      `Successfully pulled image "registry.local/app:v1" in ${formatGoDuration(pullMs(v1Bytes))} (${formatGoDuration(pullMs(v1Bytes))} including waiting). Image size: ${v1Bytes} bytes.`,
      `Successfully pulled image "registry.local/app:v2" in ${formatGoDuration(pullMs(v2OnlyBytes))} (${formatGoDuration(pullMs(v2OnlyBytes))} including waiting). Image size: ${v1Bytes} bytes.`,
    ]);
  });

  it('lists both versions in the node\'s image list (what ImageLocality reads)', () => {
    const images = output(run, "kubectl get node node-1 -o jsonpath").trimEnd().split('\n');
    expect(images.slice(0, 2).map((l) => l.split('\t')[0])).toEqual(['registry.local/app:v2', 'registry.local/app:v1']);
    const node = run.session.sim.store.get<Node>('nodes', '', 'node-1');
    expect(node.status?.images?.[0].names[0]).toMatch(/^registry\.local\/app@sha256:[0-9a-f]{64}$/);
  });

  it('an image never pushed: ErrImagePull with containerd\'s NotFound, then ImagePullBackOff', () => {
    expect(output(run, 'kubectl get pods')).toMatch(/app-\S+ +0\/1 +ImagePullBackOff +0 +20s/);
    const events = run.session.sim.store.list<KObject & { message?: string }>('events', { namespace: 'default' }).items;
    expect(events.map((e) => e.message)).toContain(
      'Failed to pull image "registry.local/app:v3": rpc error: code = NotFound desc = failed to pull and unpack image "registry.local/app:v3": failed to resolve reference "registry.local/app:v3": registry.local/app:v3: not found',
    );
  });

  it('is deterministic: same seed, same transcript and trace hash', () => {
    const again = runScript(SCRIPT, { seed: 7 });
    expect(again.entries.map((e) => e.output)).toEqual(run.entries.map((e) => e.output));
    expect(again.session.sim.traceHash()).toBe(run.session.sim.traceHash());
  });

  it('runs through `npx podlab run`', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'podlab.mjs'), 'run', SCRIPT_PATH], { encoding: 'utf8', cwd: root });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('$ docker push registry.local/app:v2\n');
    expect(r.stdout).toContain('deployment "app" successfully rolled out\n');
  }, 60_000);
});
