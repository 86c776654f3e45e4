/**
 * Schema check of a lab read from an untrusted source (an instructor's YAML, a shared link):
 * every field typed, unknown fields refused, sizes capped, placeholders resolvable, check field
 * paths and durations parseable. Errors are collected and worded as kubectl words a manifest's:
 * `error validating "lab.yaml": error validating data: ValidationError(Lab.goals[0].check): ...`.
 * Nothing is run before a lab passes.
 */
import { GoDurationError, parseGoDuration } from '../commands/go-duration.ts';
import { parseExactQuantity } from '../engine/api/quantity.ts';
import { resolveResourceName } from '../engine/api/resources.ts';
import { parseLabelSelector } from '../engine/api/selectors.ts';
import { parseFieldPath } from './fields.ts';
import { drawParams, fillTemplate } from './variants.ts';
import type { CheckType, Lab } from './types.ts';

/** Caps on what a lab may hold, so a hostile file cannot make grading slow. */
export const LAB_LIMITS = {
  stringChars: 32_768,
  listItems: 64,
  checkDepth: 6,
  /** Total simulated time a lab's sim events and settle may ask for. */
  durationMsMax: 2 * 60 * 60 * 1000,
} as const;

/** A lab that failed its schema check; `message` is the full kubectl-style text. */
export class LabValidationError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    const data = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
    super(`error validating "${source}": error validating data: ${data}`);
    this.name = 'LabValidationError';
  }
}

type Obj = Record<string, unknown>;

class Walker {
  readonly problems: string[] = [];
  fail(path: string, msg: string): void {
    if (this.problems.length < 20) this.problems.push(`ValidationError(${path}): ${msg}`);
  }
  object(v: unknown, path: string, required: readonly string[], optional: readonly string[]): Obj | undefined {
    // A missing required map is reported once, by its parent.
    if (v === undefined) return undefined;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      this.fail(path, `invalid type for ${path}: got "${typeName(v)}", expected "map"`);
      return undefined;
    }
    const o = v as Obj;
    for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) this.fail(path, `unknown field "${k}"`);
    for (const k of required) if (o[k] === undefined) this.fail(path, `missing required field "${k}"`);
    return o;
  }
  string(v: unknown, path: string, opt = false): string | undefined {
    if (v === undefined && opt) return undefined;
    if (typeof v !== 'string') {
      if (v !== undefined) this.fail(path, `invalid type: got "${typeName(v)}", expected "string"`);
      return undefined;
    }
    if (v.length > LAB_LIMITS.stringChars) this.fail(path, `too long: ${v.length} characters, at most ${LAB_LIMITS.stringChars}`);
    return v;
  }
  int(v: unknown, path: string, opt = false, min = 0, max = 0xffffffff): number | undefined {
    if (v === undefined && opt) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      if (v !== undefined) this.fail(path, `invalid type: got "${typeName(v)}", expected "integer"`);
      return undefined;
    }
    if (v < min || v > max) this.fail(path, `${v} is out of range [${min}, ${max}]`);
    return v;
  }
  list(v: unknown, path: string, opt = false): unknown[] {
    if (v === undefined && opt) return [];
    if (!Array.isArray(v)) {
      if (v !== undefined) this.fail(path, `invalid type: got "${typeName(v)}", expected "array"`);
      return [];
    }
    if (v.length > LAB_LIMITS.listItems) {
      this.fail(path, `too many items: ${v.length}, at most ${LAB_LIMITS.listItems}`);
      return [];
    }
    return v;
  }
  oneOf(v: unknown, path: string, allowed: readonly string[]): void {
    if (typeof v !== 'string' || !allowed.includes(v)) this.fail(path, `unsupported value: ${JSON.stringify(v)}: supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`);
  }
  duration(v: unknown, path: string): void {
    const s = this.string(v, path);
    if (s === undefined) return;
    try {
      const ms = parseGoDuration(s);
      if (ms < 0 || ms > LAB_LIMITS.durationMsMax) this.fail(path, `duration ${s} is out of range [0s, 2h]`);
    } catch (e) {
      if (e instanceof GoDurationError) this.fail(path, e.message);
      else throw e;
    }
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'map';
  return typeof v;
}

const LAB_FIELDS = ['id', 'title', 'level', 'seed', 'setup', 'story', 'goals', 'hints', 'solution'];
const LAB_OPTIONAL = ['params', 'sim', 'grading'];

/**
 * Checks an untrusted value against the lab schema; returns it typed, or throws
 * {@link LabValidationError} listing what is wrong (`source` names it in the message).
 */
export function validateLab(value: unknown, source = 'lab'): Lab {
  const w = new Walker();
  const o = w.object(value, 'Lab', LAB_FIELDS, LAB_OPTIONAL);
  if (o) {
    const id = w.string(o.id, 'Lab.id');
    if (id !== undefined && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(id)) w.fail('Lab.id', `invalid value "${id}": a lab id is lower-case letters, digits and "-", at most 63 characters`);
    w.string(o.title, 'Lab.title');
    w.oneOf(o.level, 'Lab.level', ['beginner', 'intermediate', 'advanced']);
    w.int(o.seed, 'Lab.seed');
    checkParams(w, o.params);
    checkSetup(w, o.setup);
    const story = w.object(o.story, 'Lab.story', ['intro', 'steps'], []);
    if (story) {
      w.string(story.intro, 'Lab.story.intro');
      w.list(story.steps, 'Lab.story.steps').forEach((s, i) => w.string(s, `Lab.story.steps[${i}]`));
    }
    const goals = w.list(o.goals, 'Lab.goals');
    if (Array.isArray(o.goals) && goals.length === 0) w.fail('Lab.goals', 'a lab needs at least one goal');
    goals.forEach((g, i) => checkGoal(w, g, `Lab.goals[${i}]`));
    w.list(o.hints, 'Lab.hints').forEach((h, i) => w.string(h, `Lab.hints[${i}]`));
    w.string(o.solution, 'Lab.solution');
    w.list(o.sim, 'Lab.sim', true).forEach((e, i) => checkSimEvent(w, e, `Lab.sim[${i}]`));
    if (o.grading !== undefined) {
      const g = w.object(o.grading, 'Lab.grading', [], ['settle']);
      if (g?.settle !== undefined) w.duration(g.settle, 'Lab.grading.settle');
    }
  }
  if (w.problems.length === 0) checkResolves(w, value as Lab);
  if (w.problems.length > 0) throw new LabValidationError(source, w.problems);
  return value as Lab;
}

function checkParams(w: Walker, v: unknown): void {
  if (v === undefined) return;
  const params = w.object(v, 'Lab.params', [], Object.keys((v as Obj) ?? {}));
  if (!params) return;
  for (const [name, spec] of Object.entries(params)) {
    const path = `Lab.params.${name}`;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) w.fail(path, 'a param name is letters, digits and "_"');
    const s = w.object(spec, path, [], ['choose', 'int']);
    if (!s) continue;
    if ((s.choose === undefined) === (s.int === undefined)) {
      w.fail(path, 'exactly one of "choose" and "int" is required');
      continue;
    }
    if (s.choose !== undefined) {
      const items = w.list(s.choose, `${path}.choose`);
      if (Array.isArray(s.choose) && items.length === 0) w.fail(`${path}.choose`, 'needs at least one value');
      items.forEach((x, i) => {
        if (typeof x !== 'string' && !(typeof x === 'number' && Number.isFinite(x))) w.fail(`${path}.choose[${i}]`, `invalid type: got "${typeName(x)}", expected "string" or "number"`);
      });
    } else {
      const range = w.list(s.int, `${path}.int`);
      const [lo, hi] = range.map((x, i) => w.int(x, `${path}.int[${i}]`, false, 0, 1_000_000));
      if (range.length !== 2 || lo === undefined || hi === undefined || lo > hi) w.fail(`${path}.int`, 'want [min, max] with min <= max');
    }
  }
}

function checkSetup(w: Walker, v: unknown): void {
  const s = w.object(v, 'Lab.setup', [], ['cluster', 'manifests', 'script']);
  if (!s) return;
  if (s.cluster !== undefined) {
    const c = w.object(s.cluster, 'Lab.setup.cluster', [], ['nodes', 'cpu', 'memory', 'pods']);
    if (c) {
      w.int(c.nodes, 'Lab.setup.cluster.nodes', true, 0, 20);
      w.int(c.pods, 'Lab.setup.cluster.pods', true, 1, 250);
      for (const k of ['cpu', 'memory'] as const) {
        const q = w.string(c[k], `Lab.setup.cluster.${k}`, true);
        if (q !== undefined) quantity(w, q, `Lab.setup.cluster.${k}`);
      }
    }
  }
  w.list(s.manifests, 'Lab.setup.manifests', true).forEach((m, i) => w.string(m, `Lab.setup.manifests[${i}]`));
  w.string(s.script, 'Lab.setup.script', true);
}

function quantity(w: Walker, q: string, path: string): void {
  if (q.includes('{{')) return;
  try {
    parseExactQuantity(q);
  } catch (e) {
    w.fail(path, `invalid quantity "${q}": ${(e as Error).message}`);
  }
}

function checkSimEvent(w: Walker, v: unknown, path: string): void {
  const e = w.object(v, path, ['at', 'event', 'node'], []);
  if (!e) return;
  w.duration(e.at, `${path}.at`);
  w.oneOf(e.event, `${path}.event`, ['nodeFail', 'nodeRecover']);
  w.string(e.node, `${path}.node`);
}

function checkGoal(w: Walker, v: unknown, path: string): void {
  const g = w.object(v, path, ['id', 'title', 'check'], []);
  if (!g) return;
  w.string(g.id, `${path}.id`);
  w.string(g.title, `${path}.title`);
  checkCheck(w, g.check, `${path}.check`, 0);
}

const NS = ['namespace'];
/** Required and optional fields of every check type. */
const CHECK_FIELDS: { readonly [T in CheckType]: readonly [readonly string[], readonly string[]] } = {
  deploymentAvailable: [['name'], ['replicas', 'image', 'container', ...NS]],
  pods: [['selector'], ['count', 'min', 'max', 'ready', 'fields', ...NS]],
  noPodOnNode: [['selector', 'node'], NS],
  podsOnNodes: [['selector', 'nodes'], NS],
  podsSpread: [['selector', 'topologyKey', 'maxSkew'], ['minDomains', ...NS]],
  serviceReadyEndpoints: [['name', 'count'], NS],
  podQoS: [['qosClass'], ['name', 'selector', ...NS]],
  podRestarts: [[], ['name', 'selector', 'container', 'min', 'max', ...NS]],
  exists: [['resource', 'name'], ['fields', ...NS]],
  absent: [['resource', 'name'], NS],
  allOf: [['checks'], []],
  anyOf: [['checks'], []],
  not: [['check'], []],
};

const INT_FIELDS = ['replicas', 'count', 'min', 'max', 'maxSkew', 'minDomains'];
const STRING_FIELDS = ['name', 'image', 'container', 'namespace', 'node', 'topologyKey', 'resource'];

function checkCheck(w: Walker, v: unknown, path: string, depth: number): void {
  if (depth > LAB_LIMITS.checkDepth) return w.fail(path, `checks nest at most ${LAB_LIMITS.checkDepth} deep`);
  const type = (v as Obj | null)?.type;
  if (typeof type !== 'string' || !(type in CHECK_FIELDS)) {
    w.object(v, path, ['type'], Object.keys((v as Obj) ?? {}));
    if (type !== undefined) w.oneOf(type, `${path}.type`, Object.keys(CHECK_FIELDS));
    return;
  }
  const [required, optional] = CHECK_FIELDS[type as CheckType];
  const c = w.object(v, path, ['type', ...required], optional);
  if (!c) return;
  for (const k of INT_FIELDS) if (c[k] !== undefined) intOrPlaceholder(w, c[k], `${path}.${k}`);
  for (const k of STRING_FIELDS) if (c[k] !== undefined) w.string(c[k], `${path}.${k}`);
  if (c.selector !== undefined) selector(w, c.selector, `${path}.selector`);
  if (c.ready !== undefined && typeof c.ready !== 'boolean') w.fail(`${path}.ready`, `invalid type: got "${typeName(c.ready)}", expected "boolean"`);
  if (c.nodes !== undefined) w.list(c.nodes, `${path}.nodes`).forEach((n, i) => w.string(n, `${path}.nodes[${i}]`));
  if (c.qosClass !== undefined) w.oneOf(c.qosClass, `${path}.qosClass`, ['Guaranteed', 'Burstable', 'BestEffort']);
  if ((type === 'podQoS' || type === 'podRestarts') && (c.name === undefined) === (c.selector === undefined)) w.fail(path, 'exactly one of "name" and "selector" is required');
  if (typeof c.resource === 'string' && !c.resource.includes('{{') && !resolveResourceName(c.resource)) w.fail(`${path}.resource`, `the server doesn't have a resource type "${c.resource}"`);
  if (c.fields !== undefined) checkFields(w, c.fields, `${path}.fields`);
  if (c.checks !== undefined) {
    const list = w.list(c.checks, `${path}.checks`);
    list.forEach((x, i) => checkCheck(w, x, `${path}.checks[${i}]`, depth + 1));
  }
  if (c.check !== undefined) checkCheck(w, c.check, `${path}.check`, depth + 1);
}

function intOrPlaceholder(w: Walker, v: unknown, path: string): void {
  if (typeof v === 'string' && /^\{\{[^}]*\}\}$/.test(v)) return;
  w.int(v, path, false, 0, 100_000);
}

function selector(w: Walker, v: unknown, path: string): void {
  const s = w.string(v, path);
  if (s === undefined || s.includes('{{')) return;
  try {
    parseLabelSelector(s);
  } catch (e) {
    w.fail(path, `invalid label selector "${s}": ${(e as Error).message}`);
  }
}

const MATCHER_KEYS = ['equals', 'oneOf', 'gte', 'lte', 'quantity', 'quantityGte', 'quantityLte', 'contains', 'exists'];

function checkFields(w: Walker, v: unknown, path: string): void {
  const fields = w.object(v, path, [], Object.keys((v as Obj) ?? {}));
  if (!fields) return;
  for (const [fieldPath, m] of Object.entries(fields)) {
    const p = `${path}[${JSON.stringify(fieldPath)}]`;
    try {
      if (!fieldPath.includes('{{')) parseFieldPath(fieldPath);
    } catch (e) {
      w.fail(p, (e as Error).message);
    }
    if (typeof m === 'string' || typeof m === 'number' || typeof m === 'boolean') continue;
    const mo = w.object(m, p, [], MATCHER_KEYS);
    if (mo && Object.keys(mo).length === 0) w.fail(p, 'an empty matcher matches nothing; give a value or one of equals, oneOf, gte, lte, quantity, quantityGte, quantityLte, contains, exists');
    if (mo?.exists !== undefined && typeof mo.exists !== 'boolean') w.fail(`${p}.exists`, `invalid type: got "${typeName(mo.exists)}", expected "boolean"`);
    for (const k of ['quantity', 'quantityGte', 'quantityLte']) {
      const q = mo?.[k];
      if (q !== undefined) {
        const s = typeof q === 'number' ? String(q) : w.string(q, `${p}.${k}`);
        if (s !== undefined) quantity(w, s, `${p}.${k}`);
      }
    }
  }
}

/** Every placeholder must name a param, for every value a param can take (checked on its seed). */
function checkResolves(w: Walker, lab: Lab): void {
  try {
    const { params: _p, ...rest } = lab;
    fillTemplate(rest, drawParams(lab, lab.seed));
  } catch (e) {
    w.fail('Lab', (e as Error).message);
  }
}
