/**
 * The scheduler through the real CLI: `node bin/podlab.mjs run FILE` (what `npx podlab run` starts)
 * plays tests/scenario/fixtures/scheduler/scheduling.podlab, with `kubectl apply -f` and
 * `sim scheduler config -f` reading files next to the script, and prints the same transcript as
 * the runner in-process.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatEntry, runScript } from '../../../src/commands/runner.ts';
import type { FileSystem } from '../../../src/commands/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const dir = join(here, '..', 'fixtures', 'scheduler');
const script = join(dir, 'scheduling.podlab');

const fixtureFs: FileSystem = {
  readFile: (p) => readFileSync(join(dir, p), 'utf8'),
  stat: (p) => {
    try {
      return statSync(join(dir, p)).isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  },
  readDir: (p) => readdirSync(join(dir, p)).sort(),
  join: (d, n) => join(d, n),
};

describe('npx podlab run with the scheduler', () => {
  it('prints the weighted choice, the FailedScheduling reasons and the requeue; same transcript as in-process', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'podlab.mjs'), 'run', script], { encoding: 'utf8', cwd: root });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    const out = r.stdout;
    // The weighted winner is neither the most-free-CPU node (cpu-rich) nor the most-free-memory one (mem-rich).
    expect(out).toMatch(/\nweb +0\/1 +ContainerCreating +0 +0s +<none> +balanced +<none> +<none>\n/);
    expect(out).toContain('\n  cpu-rich     0→100               49                   60                                  0                 409\n');
    expect(out).toContain('\n  balanced *   0→100               64                   96                                  0                 460\n');
    expect(out).toContain('balanced has the highest total, 460.\n');
    expect(out).toContain(
      "0s          Warning   FailedScheduling   pod/picky   0/5 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling..\n",
    );
    expect(out).toContain('$ kubectl uncordon fast\nnode/fast uncordoned\n$ kubectl get pod picky -o wide\n');
    expect(out).toMatch(/\npicky +0\/1 +ContainerCreating +0 +10s +<none> +fast +<none> +<none>\n/);
    expect(out).toContain('$ sim scheduler config -f most-allocated.yaml\nkube-scheduler restarted with the configuration from most-allocated.yaml\n');

    // Byte for byte what the runner gives in-process (same seed, files from the script's directory).
    const run = runScript(readFileSync(script, 'utf8'), { seed: 1, fs: fixtureFs, file: script });
    expect(run.status).toBe(0);
    expect(out).toBe(run.entries.map(formatEntry).join(''));
    expect(out.trimEnd().split('\n').at(-1)).toBe(run.session.sim.traceHash());
  });
});
