/**
 * How the rollout subcommands print objects (their PrintFlags over typed objects): the name
 * printer with an operation when there is no -o, `---` between YAML documents, and JSON in the
 * typed struct's field order. A typed object has its apiVersion and kind (the TypeSetter printer)
 * and no zero in an `omitempty` field.
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { CommandIO } from '../../types.ts';
import { ObjectPrinter, type ObjectFormat } from '../verbs/metadata-edit.ts';
import { typedJson } from './typed-json.ts';

/** `omitempty` numbers of the apps/v1 specs that Podlab may store as 0. */
const OMITTED_ZEROS: Readonly<Record<string, readonly string[]>> = {
  ReplicaSet: ['minReadySeconds'],
  DaemonSet: ['minReadySeconds'],
  StatefulSet: ['minReadySeconds'],
  Deployment: ['minReadySeconds'],
};

/** The object as a typed client decodes it and the TypeSetter printer writes it. */
export function typedCopy(rt: ResourceType, obj: KObject): KObject {
  const spec = { ...((obj.spec ?? {}) as Record<string, unknown>) };
  for (const field of OMITTED_ZEROS[rt.kind] ?? []) if (spec[field] === 0) delete spec[field];
  return { ...obj, apiVersion: rt.group ? `${rt.group}/${rt.version}` : rt.version, kind: rt.kind, ...(obj.spec === undefined ? {} : { spec }) };
}

/** One printer per command run, so YAML documents after the first get their `---`. */
export class RolloutPrinter {
  private readonly objects: ObjectPrinter;

  constructor(private readonly io: CommandIO) {
    this.objects = new ObjectPrinter(io);
  }

  print(format: ObjectFormat | undefined, rt: ResourceType, obj: KObject, operation: string): void {
    const typed = typedCopy(rt, obj);
    if (format?.kind === 'json') return this.io.out(typedJson(rt.kind, typed));
    this.objects.print(format, rt, typed, operation);
  }
}
