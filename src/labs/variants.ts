/**
 * Seeded variants: a lab's `params` are drawn from the simulation's PRNG (xoshiro128**), seeded
 * by the lab id and the student's seed, and `{{name}}` placeholders take the drawn values. Pure:
 * the same lab and seed give the same variant in Node and in a browser.
 */
import { Prng } from '../engine/kernel/prng.ts';
import type { Lab, ParamSpec, ResolvedLab } from './types.ts';

/** `{{name}}`, `{{name+2}}`, `{{name-1}}`, `{{name*3}}` (spaces allowed). */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:([+\-*])\s*(\d+)\s*)?\}\}/g;
const WHOLE = new RegExp(`^${PLACEHOLDER.source}$`);

/** A lab's value for a param could not be formed (unknown name, arithmetic on text). */
export class LabTemplateError extends Error {}

/** FNV-1a of the lab id, so two labs with one seed still draw different values. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Draws every param, in declaration order. */
export function drawParams(lab: Pick<Lab, 'id' | 'params'>, seed: number): Record<string, string | number> {
  const prng = new Prng((idHash(lab.id) ^ (seed >>> 0)) >>> 0);
  const values: Record<string, string | number> = {};
  for (const [name, spec] of Object.entries(lab.params ?? {})) values[name] = draw(prng, spec);
  return values;
}

function draw(prng: Prng, spec: ParamSpec): string | number {
  if ('choose' in spec) return spec.choose[prng.nextInt(spec.choose.length)];
  const [min, max] = spec.int;
  return min + prng.nextInt(max - min + 1);
}

function evaluate(values: Readonly<Record<string, string | number>>, name: string, op?: string, operand?: string): string | number {
  if (!(name in values)) throw new LabTemplateError(`unknown param "${name}" in {{${name}}}`);
  const v = values[name];
  if (op === undefined) return v;
  if (typeof v !== 'number') throw new LabTemplateError(`param "${name}" is text ("${v}"); arithmetic needs a number`);
  const n = Number(operand);
  return op === '+' ? v + n : op === '-' ? v - n : v * n;
}

/** Fills placeholders in one string; a string that is one numeric placeholder becomes a number. */
export function fillString(text: string, values: Readonly<Record<string, string | number>>): string | number {
  const whole = WHOLE.exec(text);
  if (whole) return evaluate(values, whole[1], whole[2], whole[3]);
  return text.replace(PLACEHOLDER, (_m, name: string, op?: string, operand?: string) => String(evaluate(values, name, op, operand)));
}

/** Fills placeholders everywhere in a JSON value (object keys too). */
export function fillTemplate<T>(value: T, values: Readonly<Record<string, string | number>>): T {
  return fill(value, values) as T;
}

function fill(value: unknown, values: Readonly<Record<string, string | number>>): unknown {
  if (typeof value === 'string') return fillString(value, values);
  if (Array.isArray(value)) return value.map((v) => fill(v, values));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[String(fillString(k, values))] = fill(v, values);
    return out;
  }
  return value;
}

/**
 * The lab as one student sees it: params drawn for `seed` (the lab's own seed when omitted) and
 * filled in. Throws {@link LabTemplateError} when a placeholder names no param.
 * @example resolveLab(lab, 7).values.app // 'shop'
 */
export function resolveLab(lab: Lab, seed: number = lab.seed): ResolvedLab {
  const values = drawParams(lab, seed);
  const { params: _params, ...rest } = lab;
  const filled = fillTemplate(rest, values);
  // `id` and `seed` stay as written: they identify the lab, and the seed is the student's.
  return { ...filled, id: lab.id, seed, values };
}

/**
 * A numeric field written as a placeholder in a built-in lab (`replicas: num('{{n}}')`): typed as
 * the number it becomes when the lab is resolved.
 */
export function num(placeholder: `{{${string}}}`): number {
  return placeholder as unknown as number;
}
