/**
 * Every built-in lab: its reference solution passes every goal for several variant seeds, the
 * untouched start fails, and a plausible wrong answer fails the goals it gets wrong.
 * A failure prints the seed to reproduce with: `npx podlab lab check ID --seed N SCRIPT`.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_LABS, builtinLab } from '../../../src/labs/builtin/index.ts';
import { gradeLab, type GradeReport } from '../../../src/labs/play.ts';
import { fillString, resolveLab } from '../../../src/labs/variants.ts';
import { WRONG } from './wrong-answers.ts';

/** Seeds each solution is run with besides the lab's own. */
const VARIANT_SEEDS = [7, 23];

/**
 * Other correct answers (another valid path, extra objects around): they must pass, since goals
 * read only what they name.
 */
const ALTERNATIVE: [string, string][] = [
  [
    'pods-containers',
    `kubectl delete pod {{app}}
kubectl run {{app}} --image=nginx:{{version}}
kubectl run unrelated --image=busybox:1.36 -- sleep 3600
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: {{tool}}, labels: {extra: "yes"}}
spec:
  containers:
  - {name: sidecar, image: busybox:1.37, command: [sh, -c, "sleep 3600"]}
  - {name: web, image: nginx:{{version}}}
EOF
sim advance 30s
`,
  ],
  [
    'namespaces-qos',
    `kubectl create namespace {{ns}}
kubectl run {{app}}-burstable -n {{ns}} --image=busybox:1.36 -- sleep 3600
kubectl delete pod {{app}}-burstable -n {{ns}}
kubectl apply -n {{ns}} -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: {{app}}-guaranteed}
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: [sleep, "3600"]
    resources:
      requests: {cpu: "0.{{cpu}}", memory: "{{mem*64}}Mi"}
      limits: {cpu: "{{cpu*100}}m", memory: "{{mem*64}}Mi"}
---
apiVersion: v1
kind: Pod
metadata: {name: {{app}}-burstable}
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: [sleep, "3600"]
    resources:
      requests: {memory: "{{mem*64}}Mi", cpu: 50m}
EOF
sim advance 20s
`,
  ],
  ['deployments-scaling', `kubectl patch deploy {{app}} -p '{"spec":{"replicas":{{n}}}}'
kubectl create deployment other --image=nginx:1.26 --replicas=2
kubectl scale deploy {{batch}} --replicas=0
sim advance 30s
`],
  [
    'rolling-update',
    `kubectl rollout undo deployment/{{app}} --to-revision=1
kubectl rollout status deployment/{{app}} --timeout=2m
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: {{app}}}
spec:
  replicas: {{n}}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: {{surge}}, maxUnavailable: 0%}
  selector:
    matchLabels: {app: {{app}}}
  template:
    metadata:
      labels: {app: {{app}}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
EOF
kubectl rollout status deployment/{{app}} --timeout=5m
`,
  ],
  [
    'hpa',
    `kubectl apply -f - <<EOF
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: {{app}}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: {{app}}}
  minReplicas: 1
  maxReplicas: {{max}}
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: {type: Utilization, averageUtilization: {{target}}}
EOF
sim advance 2m
`,
  ],
  ['quotas-limits', `kubectl create quota {{q}} -n {{ns}} --hard=pods={{p}},cpu={{p}}
kubectl apply -n {{ns}} -f - <<EOF
apiVersion: v1
kind: LimitRange
metadata: {name: {{lr}}}
spec:
  limits:
  - type: Container
    defaultRequest: {cpu: "{{cpu}}m", memory: 64Mi}
    default: {memory: 128Mi}
EOF
kubectl create deployment {{app}} -n {{ns}} --image=busybox:1.36 --replicas={{p+2}} -- sleep 3600
sim advance 1m
`],
];

const failing = (r: GradeReport): string[] => r.goals.filter((g) => !g.pass).map((g) => `${g.id}: ${g.reason}`);

describe('built-in labs', () => {
  it('are at least 14, in course order, with unique ids and a wrong answer each', () => {
    expect(BUILTIN_LABS.length).toBeGreaterThanOrEqual(14);
    expect(new Set(BUILTIN_LABS.map((l) => l.id)).size).toBe(BUILTIN_LABS.length);
    expect(BUILTIN_LABS.slice(0, 3).map((l) => l.id)).toEqual(['pods-containers', 'namespaces-qos', 'oom-crashloop']);
    expect(Object.keys(WRONG).sort()).toEqual(BUILTIN_LABS.map((l) => l.id).sort());
  });

  describe.each(BUILTIN_LABS.map((l) => [l.id]))('%s', (id) => {
    const lab = builtinLab(id)!;

    it.each([lab.seed, ...VARIANT_SEEDS])('solution passes every goal (seed %i)', (seed) => {
      const r = gradeLab(lab, seed, resolveLab(lab, seed).solution);
      expect(failing(r), `reproduce: npx podlab lab solution ${id} --seed ${seed} > s && npx podlab lab check ${id} s --seed ${seed}`).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.error).toBeUndefined();
    });

    it('the untouched start fails every goal', () => {
      const r = gradeLab(lab, lab.seed, '');
      expect(r.ok).toBe(false);
      expect(r.goals.filter((g) => g.pass).map((g) => g.id)).toEqual([]);
    });

    it('a plausible wrong answer fails', () => {
      const seed = VARIANT_SEEDS[0];
      const wrong = WRONG[id];
      const script = String(fillString(wrong.script, resolveLab(lab, seed).values));
      const r = gradeLab(lab, seed, script);
      expect(r.ok).toBe(false);
      expect(r.goals.filter((g) => !g.pass).map((g) => g.id)).toEqual(wrong.fails);
    });
  });

  it.each(ALTERNATIVE)('%s: another valid path passes', (id, template) => {
    const lab = builtinLab(id)!;
    const seed = VARIANT_SEEDS[1];
    const r = gradeLab(lab, seed, String(fillString(template, resolveLab(lab, seed).values)));
    expect(failing(r)).toEqual([]);
  });

  it('grades deterministically: same lab, seed and script give the same report and trace hash', () => {
    const lab = builtinLab('rolling-update')!;
    const script = resolveLab(lab, 5).solution;
    const a = gradeLab(lab, 5, script);
    const b = gradeLab(lab, 5, script);
    expect({ ...a, run: undefined }).toEqual({ ...b, run: undefined });
    expect(gradeLab(lab, 6, resolveLab(lab, 6).solution).traceHash).not.toBe(a.traceHash);
  });
});
