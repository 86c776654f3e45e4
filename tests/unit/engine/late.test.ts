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
import { PLUGIN_REGISTRY } from '../../../src/engine/components/scheduler/plugins/registry.ts';
import { podTopologySpread } from '../../../src/engine/components/scheduler/plugins/pod-topology-spread.ts';
import { interPodAffinity } from '../../../src/engine/components/scheduler/plugins/inter-pod-affinity.ts';
import { volumeBinding } from '../../../src/engine/components/scheduler/plugins/volume-binding.ts';
import { defaultPreemption } from '../../../src/engine/components/scheduler/plugins/default-preemption.ts';
import type { FrameworkHandle, PluginFactory } from '../../../src/engine/components/scheduler/framework/types.ts';
import { IMAGE_CATALOG } from '../../../src/engine/node/image-catalog.ts';
import { KUBE_SYSTEM, PAUSE_IMAGE, SANDBOX_IMAGE, findImage, knownImageRefs } from '../../../src/engine/node/images.ts';

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

const SPREAD = `apiVersion: apps/v1
kind: Deployment
metadata: {name: spread}
spec:
  replicas: 3
  selector: {matchLabels: {app: spread}}
  template:
    metadata: {labels: {app: spread}}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: spread}}}
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 50
            podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: spread}}}
        podAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 10
            podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}
      containers: [{name: app, image: httpd:2.4}]
`;
const BIG = `apiVersion: v1
kind: Pod
metadata: {name: big}
spec:
  priorityClassName: high
  containers: [{name: app, image: redis:7, resources: {requests: {cpu: "500"}, limits: {cpu: "500"}}}]
`;

const SPREAD_PENDING = 'kubectl get pods -l app=spread --field-selector=status.phase=Pending -o jsonpath={.items[*].status.conditions[0].message}';

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
  // The scheduler plugins behind shells (PodTopologySpread, InterPodAffinity, DefaultPreemption),
  // CronJob schedules (cronjob-sync.ts), and images outside the boot catalog, known and unknown.
  ['kubectl create priorityclass high --value=1000000'],
  ['kubectl apply -f -', SPREAD],
  ['kubectl apply -f -', BIG],
  ['kubectl run ghost --image=nosuch/image:1'],
  ['sim advance 2m'],
  ['kubectl get pods -l app=spread -o jsonpath={.items[*].spec.nodeName}'],
  [SPREAD_PENDING],
  ['kubectl get pod big -o jsonpath={.status.conditions[0].message}'],
  ['kubectl get events --field-selector involvedObject.name=ghost,reason=Failed -o jsonpath={.items[0].message}'],
  ['kubectl get jobs -o name'],
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
    // node-1 is drained but still a domain of the spread (nodeTaintsPolicy Ignore): one pod on each
    // other node, and the third waits.
    const spread = out('kubectl get pods -l app=spread -o jsonpath={.items[*].spec.nodeName}').split(' ');
    expect(spread.length).toBe(2);
    expect(new Set(spread).size).toBe(2);
    expect(out(SPREAD_PENDING)).toMatch(/didn't match pod topology spread constraints/);
    expect(out('kubectl get pod big -o jsonpath={.status.conditions[0].message}')).toMatch(/Insufficient cpu.*preemption: /);
    expect(out('kubectl get events --field-selector involvedObject.name=ghost,reason=Failed -o jsonpath={.items[0].message}')).toMatch(/^Failed to pull image "nosuch\/image:1": .*pull access denied/);
    expect(out('kubectl get jobs -o name')).toMatch(/job\.batch\/tick-\d+/);
  }, 120_000);

  it('leave the scheduler plugins behind shells with the name, events, args and methods of the real ones', () => {
    const handle = {} as FrameworkHandle;
    // What the framework and the scheduler call on a plugin (framework/types.ts), and preemption's whole outcome.
    const called = new Set(['preEnqueue', 'less', 'preFilter', 'preFilterResult', 'filter', 'filterNodes', 'filterSlots', 'addPod', 'removePod', 'postFilter', 'preScore', 'score', 'scoreNodes', 'scoreSlots', 'normalizeScore', 'reserve', 'unreserve', 'permit', 'preBind', 'bind', 'explain', 'preempt']);
    const methods = (o: object): string[] => {
      const names = new Set<string>();
      for (let p: object | null = o; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
        for (const k of Object.getOwnPropertyNames(p)) if (called.has(k) && typeof (o as Record<string, unknown>)[k] === 'function') names.add(k);
      }
      return [...names].sort();
    };
    const real: Record<string, PluginFactory> = { PodTopologySpread: podTopologySpread, InterPodAffinity: interPodAffinity, VolumeBinding: volumeBinding, DefaultPreemption: defaultPreemption };
    for (const [name, factory] of Object.entries(real)) {
      const shell = withoutLateParts(() => PLUGIN_REGISTRY[name](undefined, handle));
      const plugin = factory(undefined, handle);
      expect(methods(shell), name).toEqual(methods(plugin));
      expect(shell.name).toBe(plugin.name);
      expect(shell.events).toEqual(plugin.events);
      // DefaultPreemptionPlugin's args are public (the others keep theirs private).
      if (name === 'DefaultPreemption') expect((shell as unknown as { args: unknown }).args).toEqual((plugin as unknown as { args: unknown }).args);
      // A call before the late parts are loaded throws; the shell is still whole afterwards.
      expect(() => withoutLateParts(() => (shell as unknown as Record<string, () => unknown>)[methods(shell)[0]]())).toThrow(/before it loaded/);
    }
    // Bad args fail when the profile is built, as before (not at the first scheduling cycle).
    expect(() => withoutLateParts(() => PLUGIN_REGISTRY.InterPodAffinity({ hardPodAffinityWeight: 101 }, handle))).toThrow(/not in valid range \[0-100\]/);
    expect(() => withoutLateParts(() => PLUGIN_REGISTRY.PodTopologySpread({ defaultConstraints: [{ maxSkew: 1 }] }, handle))).toThrow(/must be empty/);
    expect(() => withoutLateParts(() => PLUGIN_REGISTRY.DefaultPreemption({ minCandidateNodesPercentage: 101 }, handle))).toThrow(/not in valid range \[0, 100\]/);
  });

  it('look up the images of the default cluster without the rest of the catalog, and the others only with it', () => {
    // The boot part is the catalog's own entries, so a reference resolves the same from either part.
    for (const spec of [...KUBE_SYSTEM, PAUSE_IMAGE]) expect(IMAGE_CATALOG).toContain(spec);
    expect(withoutLateParts(() => findImage(SANDBOX_IMAGE)?.ref)).toBe('registry.k8s.io/pause:3.10');
    expect(withoutLateParts(() => findImage('registry.k8s.io/coredns/coredns:v1.11.3')?.app.kind)).toBe('server');
    // Another image throws before the catalog is loaded (and is not remembered as missing).
    const other = knownImageRefs().find((r) => r.startsWith('docker.io/library/mysql:'))!;
    expect(() => withoutLateParts(() => findImage(other))).toThrow(/before it loaded/);
    expect(findImage(other)?.ref).toBe(other);
  });
});
