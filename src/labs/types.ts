/**
 * What a lab is: plain data. Built-in labs are TypeScript objects of these types; an instructor's
 * YAML file has the same shape (checked by `schema.ts`). A lab is a template: `params` draws
 * per-student values from a seed, and `{{name}}` placeholders in any string take them
 * (`variants.ts`), so every student gets the same difficulty with different names and numbers.
 *
 * Architecture invariant: goals are declarative checks that read only the objects they name from
 * the API store; nothing about grading reads the commands the student typed.
 */

/** How the lab is pitched in a course. */
export type LabLevel = 'beginner' | 'intermediate' | 'advanced';

/**
 * A per-student value: one of a list, or a whole number in [min, max]. Drawn in the order the
 * params are declared, from a PRNG seeded by the lab id and the student's seed.
 * @example { choose: ['web', 'shop', 'api'] }  { int: [3, 6] }
 */
export type ParamSpec = { choose: readonly (string | number)[] } | { int: readonly [number, number] };

/** The cluster a lab starts on; omitted fields take `sim cluster`'s defaults. */
export interface LabClusterShape {
  nodes?: number;
  cpu?: string;
  memory?: string;
  pods?: number;
}

/** What is played before the student starts: cluster, then manifests (applied in order), then script. */
export interface LabSetup {
  cluster?: LabClusterShape;
  /** YAML documents, each applied as `kubectl apply -f -`. */
  manifests?: readonly string[];
  /** A scenario script (kubectl and sim commands), played after the manifests. */
  script?: string;
}

/** Something the simulator does on its own while the student works, `at` after the lab starts. */
export type LabSimEvent = { at: string; event: 'nodeFail'; node: string } | { at: string; event: 'nodeRecover'; node: string };

/** The story a lab tells: an introduction and the steps the student is asked to take. */
export interface LabStory {
  intro: string;
  steps: readonly string[];
}

/**
 * A field matcher: a plain value is compared for equality; an object states the comparison.
 * `quantity*` compare Kubernetes quantities (`512Mi`, `250m`) by value.
 */
export type FieldMatcher =
  | string
  | number
  | boolean
  | {
      equals?: string | number | boolean;
      oneOf?: readonly (string | number | boolean)[];
      gte?: number;
      lte?: number;
      quantity?: string;
      quantityGte?: string;
      quantityLte?: string;
      contains?: string;
      exists?: boolean;
    };

/** Field paths (`spec.replicas`, `spec.containers[name=app].image`, `metadata.labels['app']`) to matchers. */
export type FieldMatchers = Readonly<Record<string, FieldMatcher>>;

interface Namespaced {
  /** Defaults to `default`. */
  namespace?: string;
}

/** Pods by name or by label selector (one of the two). */
interface PodTarget extends Namespaced {
  name?: string;
  selector?: string;
}

/**
 * A goal's check. Each reads only the objects it names (by name, or pods by label selector) and
 * answers pass/fail with a reason. `allOf`/`anyOf`/`not` compose them.
 */
export type Check =
  | ({ type: 'deploymentAvailable'; name: string; replicas?: number; image?: string; container?: string } & Namespaced)
  | ({ type: 'pods'; selector: string; count?: number; min?: number; max?: number; ready?: boolean; fields?: FieldMatchers } & Namespaced)
  | ({ type: 'noPodOnNode'; selector: string; node: string } & Namespaced)
  | ({ type: 'podsOnNodes'; selector: string; nodes: readonly string[] } & Namespaced)
  | ({ type: 'podsSpread'; selector: string; topologyKey: string; maxSkew: number; minDomains?: number } & Namespaced)
  | ({ type: 'serviceReadyEndpoints'; name: string; count: number } & Namespaced)
  | ({ type: 'podQoS'; qosClass: 'Guaranteed' | 'Burstable' | 'BestEffort' } & PodTarget)
  | ({ type: 'podRestarts'; container?: string; min?: number; max?: number } & PodTarget)
  | ({ type: 'exists'; resource: string; name: string; fields?: FieldMatchers } & Namespaced)
  | ({ type: 'absent'; resource: string; name: string } & Namespaced)
  | { type: 'allOf'; checks: readonly Check[] }
  | { type: 'anyOf'; checks: readonly Check[] }
  | { type: 'not'; check: Check };

export type CheckType = Check['type'];

/** One thing the student must achieve, stated in words and as a check. */
export interface LabGoal {
  id: string;
  title: string;
  check: Check;
}

/** How grading runs after the student's commands. */
export interface LabGrading {
  /** Simulated time the cluster runs after the last command before goals are checked (default `30s`). */
  settle?: string;
}

/**
 * A lab. Strings may hold `{{param}}` placeholders (`{{replicas+2}}` for simple arithmetic); a
 * string that is only a placeholder of a number becomes that number.
 */
export interface Lab {
  id: string;
  title: string;
  level: LabLevel;
  /** The seed used when none is given; also the simulation's seed. */
  seed: number;
  params?: Readonly<Record<string, ParamSpec>>;
  setup: LabSetup;
  story: LabStory;
  goals: readonly LabGoal[];
  hints: readonly string[];
  /** The reference solution: a scenario script that makes every goal pass. */
  solution: string;
  sim?: readonly LabSimEvent[];
  grading?: LabGrading;
}

/** A lab with its placeholders filled for one seed; `values` are the drawn params. */
export interface ResolvedLab extends Omit<Lab, 'params'> {
  values: Readonly<Record<string, string | number>>;
}

/** One goal's result. */
export interface GoalResult {
  id: string;
  title: string;
  pass: boolean;
  reason: string;
}

/** A checker's answer. */
export interface CheckResult {
  pass: boolean;
  reason: string;
}
