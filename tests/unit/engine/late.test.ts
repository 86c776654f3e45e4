/**
 * The engine's late parts (src/engine/late.ts): the app's worker boots and runs the default
 * cluster before they are loaded, then loads them before its first command. These tests run that
 * order in Node (`withoutLateParts`) and prove (1) booting and running the default cluster never
 * needs a late part, and (2) a cluster whose late parts came late has exactly the trace of one
 * that had them from the start, through commands that use every late part.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { late, withoutLateParts } from '../../../src/engine/late.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { bootSimulation, bootView } from '../../../src/app/worker-boot.ts';

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: nginx:1.27}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
const LIMITS = `apiVersion: v1
kind: LimitRange
metadata: {name: limits}
spec:
  limits:
  - type: Container
    default: {cpu: 200m, memory: 128Mi}
    defaultRequest: {cpu: 100m, memory: 64Mi}
`;
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-only}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{podSelector: {matchLabels: {run: shell}}}]
`;

/** Commands that reach every late part: shell processes and exec, the data path, patches, and the rare kinds' admission and controllers. */
const SCRIPT: [line: string, stdin?: string][] = [
  ['kubectl create deployment web --image=nginx:1.27 --replicas=2'],
  ['kubectl expose deployment web --port=80'],
  ['kubectl apply -f -', LIMITS],
  ['kubectl create quota pods --hard=pods=40'],
  ['kubectl apply -f -', POLICY],
  ['kubectl run shell --image=busybox:1.36 -- sh -c "while true; do sleep 5; done"'],
  ['kubectl create job pi --image=busybox:1.36 -- sh -c "echo 3.14; sleep 5"'],
  ['kubectl create cronjob tick --image=busybox:1.36 --schedule="*/1 * * * *" -- echo tick'],
  ['kubectl apply -f -', STATEFULSET],
  ['kubectl create poddisruptionbudget web --selector=app=web --min-available=1'],
  ['kubectl autoscale deployment web --min=2 --max=4 --cpu-percent=50'],
  ['sim nodegroup add burst --min 0 --max 2'],
  ['kubectl patch deployment web -p \'{"spec":{"replicas":3}}\''],
  ['sim advance 90s'],
  ['kubectl exec shell -- sh -c "echo hi; wget -qO- -T 2 http://web | head -c 20"'],
  ['kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data'],
  ['sim advance 3m'],
  ['kubectl get pvc'],
  ['kubectl get jobs'],
  ['kubectl get quota pods -o jsonpath={.status.used.pods}'],
  ['kubectl get hpa web -o jsonpath={.status.conditions[*].type}'],
  ['kubectl get pdb web -o jsonpath={.status.currentHealthy}'],
];

function run(session: Session): string[] {
  return SCRIPT.map(([line, stdin]) => {
    const r = session.execLine(line, stdin);
    return `${line}\n${r.exitCode}\n${r.output}`;
  });
}

describe('the engine late parts', () => {
  it('are not needed to boot, show and run the default cluster', () => {
    const early = bootSimulation();
    early.advance(10 * 60_000);
    const hash = withoutLateParts(() => {
      const sim = bootSimulation();
      bootView(sim);
      sim.advance(10 * 60_000);
      bootView(sim);
      return sim.traceHash();
    });
    expect(hash).toBe(early.traceHash());
  }, 60_000);

  it('throw when needed before they are loaded (never a silent difference)', () => {
    expect(() => withoutLateParts(() => late())).toThrow(/before it loaded/);
    const session = new Session();
    session.replaceSimulation(withoutLateParts(() => Simulation.create(1)));
    const r = withoutLateParts(() => {
      try {
        return session.execLine('kubectl create job pi --image=busybox:1.36 -- echo hi').output;
      } catch (e) {
        return String(e);
      }
    });
    expect(r).toMatch(/before it loaded/);
  });

  it('give the same trace whether they were loaded at boot or after it', () => {
    const loaded = new Session();
    loaded.replaceSimulation(bootSimulation());
    loaded.sim.advance(30_000);
    const a = run(loaded);

    const lateLoaded = new Session();
    lateLoaded.replaceSimulation(
      withoutLateParts(() => {
        const sim = bootSimulation();
        bootView(sim);
        sim.advance(30_000);
        return sim;
      }),
    );
    const b = run(lateLoaded);

    expect(b).toEqual(a);
    expect(lateLoaded.sim.traceHash()).toBe(loaded.sim.traceHash());
    // Every command did what it says (so the late parts really ran).
    expect(a.filter((out) => out.split('\n')[1] !== '0')).toEqual([]);
    const out = (line: string) => a.find((o) => o.startsWith(`${line}\n`))!.split('\n').slice(2).join('\n');
    expect(out(SCRIPT[14][0])).toMatch(/^hi\n/);
    expect(out('kubectl get pvc')).toMatch(/data-db-0 +Bound/);
    expect(out('kubectl get jobs')).toMatch(/pi +Complete/);
    expect(Number(out('kubectl get quota pods -o jsonpath={.status.used.pods}'))).toBeGreaterThan(5);
    expect(out('kubectl get hpa web -o jsonpath={.status.conditions[*].type}')).toMatch(/AbleToScale/);
    expect(Number(out('kubectl get pdb web -o jsonpath={.status.currentHealthy}'))).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
