/**
 * registry.local images on the nodes: ImageLocality reads the node's image list, so a second pod
 * of an image one node already pulled scores there; and the docker world snapshots with the
 * simulation, so a restored cluster can still pull what was pushed.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/commands/runner.ts';
import { Session } from '../../../src/commands/session.ts';
import { Simulation } from '../../../src/engine/simulation.ts';

const SCRIPT = `sim cluster --nodes 2
cat > app/Dockerfile <<END
FROM python:3.12
COPY . .
EXPOSE 8000
CMD ["python", "server.py"]
END
cat > app/server.py <<END
print("hi")
END
docker build -q -t registry.local/py:v1 app
docker push -q registry.local/py:v1
kubectl run first --image=registry.local/py:v1
sim advance 40s
kubectl run second --image=registry.local/py:v1
sim explain pod/second
kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName
`;

describe('registry.local images and the scheduler', () => {
  it('ImageLocality favours the node that already pulled the image', () => {
    const run = runScript(SCRIPT);
    expect(run.status).toBe(0);
    const explain = run.entries.find((e) => e.line.startsWith('sim explain'))!.output;
    const rows = explain.split('\n').filter((l) => /^ {2}node-\d/.test(l) && l.includes('→'));
    const pods = run.entries.at(-1)!.output;
    const firstNode = /first +(node-\d)/.exec(pods)![1];
    const other = firstNode === 'node-1' ? 'node-2' : 'node-1';
    const locality = (node: string): number => Number(rows.find((r) => r.includes(node))!.trim().split(/ {2,}/)[4]);
    expect(locality(firstNode)).toBeGreaterThan(0);
    expect(locality(other)).toBe(0);
    expect(pods).toMatch(new RegExp(`second +${firstNode}`));
  });
});

describe('snapshots', () => {
  it('carry the docker host and registry.local; a restored cluster pulls what was pushed', () => {
    const s = new Session();
    s.execLine('cat > app/Dockerfile', 'FROM busybox\nCMD ["sleep", "3600"]\n');
    s.execLine('docker build -q -t registry.local/sleeper:v1 app');
    s.execLine('docker push registry.local/sleeper:v1');
    const restored = Simulation.restore(JSON.parse(JSON.stringify(s.sim.snapshot())) as ReturnType<Simulation['snapshot']>);
    expect(restored.docker.host).toEqual(s.sim.docker.host);
    expect(restored.docker.registry).toEqual(s.sim.docker.registry);
    const next = new Session();
    next.replaceSimulation(restored);
    next.execLine('kubectl run sleeper --image=registry.local/sleeper:v1');
    next.execLine('sim advance 10s');
    expect(next.execLine('kubectl get pod sleeper -o jsonpath={.status.phase}').output).toBe('Running');
    expect(next.execLine('docker images -q').output).toBe(s.execLine('docker images -q').output);
  });
});
