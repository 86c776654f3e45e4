/**
 * The lab format: seeded variants (deterministic, different per seed, placeholders filled), the
 * schema check of untrusted labs with kubectl-style errors, and YAML export/import.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_LABS, builtinLab } from '../../../src/labs/builtin/index.ts';
import { LabValidationError, validateLab } from '../../../src/labs/schema.ts';
import type { Lab } from '../../../src/labs/types.ts';
import { drawParams, fillString, LabTemplateError, resolveLab } from '../../../src/labs/variants.ts';
import { exportLabYaml, parseLabYaml } from '../../../src/labs/yaml.ts';

const minimal: Lab = {
  id: 'tiny',
  title: 'Scale {{app}}',
  level: 'beginner',
  seed: 4,
  params: { app: { choose: ['a', 'b', 'c'] }, n: { int: [2, 9] } },
  setup: { script: 'kubectl create deployment {{app}} --image=nginx:1.26\n' },
  story: { intro: 'Scale it.', steps: ['Scale {{app}} to {{n}}.'] },
  goals: [{ id: 'g', title: '{{app}} has {{n}}', check: { type: 'deploymentAvailable', name: '{{app}}', replicas: '{{n}}' as unknown as number } }],
  hints: [],
  solution: 'kubectl scale deploy/{{app}} --replicas={{n}}\n',
};

describe('variants', () => {
  it('draw the same values for the same lab and seed, and differ across seeds', () => {
    expect(drawParams(minimal, 11)).toEqual(drawParams(minimal, 11));
    const seen = new Set(Array.from({ length: 20 }, (_, s) => JSON.stringify(drawParams(minimal, s))));
    expect(seen.size).toBeGreaterThan(5);
    for (let s = 0; s < 50; s++) {
      const v = drawParams(minimal, s);
      expect(['a', 'b', 'c']).toContain(v.app);
      expect(v.n).toBeGreaterThanOrEqual(2);
      expect(v.n).toBeLessThanOrEqual(9);
    }
  });

  it('fill placeholders, with arithmetic, and make a lone numeric placeholder a number', () => {
    const values = { app: 'web', n: 4 };
    expect(fillString('{{app}}-{{n+2}}-{{ n * 3 }}-{{n-1}}', values)).toBe('web-6-12-3');
    expect(fillString('{{n}}', values)).toBe(4);
    expect(() => fillString('{{nope}}', values)).toThrow(LabTemplateError);
    expect(() => fillString('{{app+1}}', values)).toThrow('param "app" is text ("web"); arithmetic needs a number');
    const r = resolveLab(minimal, 11);
    expect(r.goals[0].check).toEqual({ type: 'deploymentAvailable', name: r.values.app, replicas: r.values.n });
    expect(r.solution).toBe(`kubectl scale deploy/${r.values.app} --replicas=${r.values.n}\n`);
    expect(r.seed).toBe(11);
  });

  it('give every built-in lab different names or numbers across a few seeds', () => {
    for (const lab of BUILTIN_LABS) {
      const variants = new Set([1, 2, 3, 4, 5, 6].map((s) => JSON.stringify(resolveLab(lab, s).values)));
      expect(variants.size, lab.id).toBeGreaterThan(1);
    }
  });
});

describe('schema', () => {
  it('accepts every built-in lab', () => {
    for (const lab of BUILTIN_LABS) expect(validateLab(lab, lab.id)).toBe(lab);
  });

  const bad = (patch: (l: Record<string, unknown>) => void): string => {
    const lab = JSON.parse(JSON.stringify(minimal)) as Record<string, unknown>;
    patch(lab);
    try {
      validateLab(lab, 'lab.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(LabValidationError);
      return (e as Error).message;
    }
    throw new Error('validated');
  };

  it.each<[string, (l: Record<string, unknown>) => void, string]>([
    ['unknown field', (l) => (l.extra = 1), 'ValidationError(Lab): unknown field "extra"'],
    ['missing field', (l) => delete l.goals, 'ValidationError(Lab): missing required field "goals"'],
    ['wrong type', (l) => (l.seed = 'x'), 'ValidationError(Lab.seed): invalid type: got "string", expected "integer"'],
    ['bad level', (l) => (l.level = 'expert'), 'ValidationError(Lab.level): unsupported value: "expert": supported values: "beginner", "intermediate", "advanced"'],
    ['bad id', (l) => (l.id = 'Has Spaces'), 'ValidationError(Lab.id): invalid value "Has Spaces"'],
    ['unknown check', (l) => ((l.goals as { check: unknown }[])[0].check = { type: 'magic' }), 'ValidationError(Lab.goals[0].check.type): unsupported value: "magic"'],
    ['check field', (l) => ((l.goals as { check: Record<string, unknown> }[])[0].check.colour = 'red'), 'ValidationError(Lab.goals[0].check): unknown field "colour"'],
    ['bad selector', (l) => ((l.goals as { check: unknown }[])[0].check = { type: 'pods', selector: 'a in (' }), 'ValidationError(Lab.goals[0].check.selector): invalid label selector "a in ("'],
    ['bad field path', (l) => ((l.goals as { check: unknown }[])[0].check = { type: 'exists', resource: 'pod', name: 'x', fields: { 'a[': 1 } }), 'invalid field path "a["'],
    ['bad resource', (l) => ((l.goals as { check: unknown }[])[0].check = { type: 'absent', resource: 'gizmos', name: 'x' }), 'the server doesn\'t have a resource type "gizmos"'],
    ['bad duration', (l) => (l.sim = [{ at: 'soon', event: 'nodeFail', node: 'node-1' }]), 'ValidationError(Lab.sim[0].at): time: invalid duration "soon"'],
    ['unknown param', (l) => (l.solution = 'kubectl get {{missing}}'), 'ValidationError(Lab): unknown param "missing" in {{missing}}'],
    ['empty goals', (l) => (l.goals = []), 'ValidationError(Lab.goals): a lab needs at least one goal'],
    ['deep nesting', (l) => ((l.goals as { check: unknown }[])[0].check = nest(9)), 'checks nest at most 6 deep'],
  ])('%s', (_name, patch, message) => {
    const m = bad(patch);
    expect(m.startsWith('error validating "lab.yaml": error validating data: ')).toBe(true);
    expect(m).toContain(message);
  });

  it('lists several problems at once in brackets', () => {
    expect(bad((l) => ((l.extra = 1), (l.seed = -1)))).toBe(
      'error validating "lab.yaml": error validating data: [ValidationError(Lab): unknown field "extra", ValidationError(Lab.seed): -1 is out of range [0, 4294967295]]',
    );
  });
});

function nest(depth: number): unknown {
  return depth === 0 ? { type: 'absent', resource: 'pod', name: 'x' } : { type: 'not', check: nest(depth - 1) };
}

describe('YAML', () => {
  it('round-trips every built-in lab', () => {
    for (const lab of BUILTIN_LABS) expect(parseLabYaml(exportLabYaml(lab), `${lab.id}.yaml`)).toEqual(lab);
  });

  it('writes scripts and manifests as block text', () => {
    const y = exportLabYaml(builtinLab('deployments-scaling')!);
    expect(y).toContain('solution: |\n  kubectl scale deployment/{{app}} --replicas={{n}}\n');
    expect(y.startsWith('id: deployments-scaling\ntitle: ')).toBe(true);
  });

  it('reports YAML syntax errors and refuses aliases', () => {
    expect(() => parseLabYaml('id: [\n', 'x.yaml')).toThrow(/^error validating "x.yaml": error validating data: yaml: line 2: /);
    expect(() => parseLabYaml('a: &x [1]\nb: *x\n', 'x.yaml')).toThrow(LabValidationError);
    expect(() => parseLabYaml('- 1\n', 'x.yaml')).toThrow('ValidationError(Lab): invalid type for Lab: got "array", expected "map"');
  });
});
