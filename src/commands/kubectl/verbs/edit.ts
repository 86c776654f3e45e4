/**
 * `kubectl edit TYPE NAME` (kubectl/pkg/cmd/util/editor/editoptions.go, normal mode). kubectl
 * writes the object (or a List of them) under a comment header to a temporary file, opens
 * $EDITOR, and patches what changed when the editor closes.
 *
 * Podlab has no terminal editor, so the text the student saves comes as stdin: a here-document
 * in a script (`kubectl edit deploy/web <<EOF ... EOF`), the editor panel in the app. Without
 * stdin the command hands the buffer to `ctx.requestEdit` (the app opens it and runs the same
 * command again with the saved text); in a script it says how to give the text.
 *
 * kubectl reopens the editor after an invalid save. A script cannot edit a second time, so that
 * second session ends as kubectl's does when the file is saved unchanged: the changes are kept in
 * a file (named after the text, so transcripts stay reproducible) and the edit is cancelled.
 */
import { StatusError } from '../../../engine/api/errors.ts';
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { deepClone, deepEqual } from '../../../engine/kernel/objects.ts';
import { parseAllDocuments } from 'yaml';
import type { ParsedArgs } from '../../flags.ts';
import { toJson } from '../../printers/json.ts';
import { toYaml } from '../../printers/yaml.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { decodeObjects, fieldValidation, readManifests, type FieldValidation } from '../manifests.ts';
import { createTwoWayMergePatch } from '../../../engine/api/patch.ts';
import { decodeFindings, withoutUnknownFields } from '../../../engine/api/schema/strict.ts';
import type { Subresource } from '../../../engine/api/store.ts';
import { sortedJson } from '../json.ts';
import { withLastApplied } from '../last-applied.ts';
import { VALIDATE_FLAG } from './common.ts';
import { filenameOptionFlags, PRINT_FLAGS, refuseKustomize } from './metadata-edit.ts';
import { kindSlashName, parseResourceArgs } from '../resources.ts';
import { printErrors } from '../errors.ts';
import { NO_RESOURCES } from './targets.ts';

export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

const LONG = `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.`;

export const editCommand: Command = {
  name: 'edit',
  short: 'Edit a resource on the server',
  long: LONG,
  usage: 'kubectl edit (RESOURCE/NAME | -f FILENAME) [options]',
  examples: `# Edit the service named 'registry'
kubectl edit svc/registry

# Use an alternative editor
KUBE_EDITOR="nano" kubectl edit svc/registry

# Edit the job 'myjob' in JSON using the v1 API format
kubectl edit job.v1.batch/myjob -o json

# Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
kubectl edit deployment/mydeployment -o yaml --save-config

# Edit the 'status' subresource for the 'mydeployment' deployment
kubectl edit deployment mydeployment --subresource='status'`,
  flags: [
    ...PRINT_FLAGS.filter((f) => f.name !== 'output'),
    { name: 'field-manager', type: 'string', default: 'kubectl-edit', usage: 'Name of the manager used to track field ownership.' },
    ...filenameOptionFlags('to use to edit the resource'),
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'output-patch', type: 'bool', default: false, usage: 'Output the patch if the resource is edited.' },
    {
      name: 'save-config',
      type: 'bool',
      default: false,
      usage:
        'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
    },
    {
      name: 'subresource',
      type: 'string',
      default: '',
      usage: 'If specified, edit will operate on the subresource of the requested object. Must be one of [status]. This flag is beta and may change in the future.',
    },
    VALIDATE_FLAG,
    { name: 'windows-line-endings', type: 'bool', default: false, usage: 'Defaults to the line ending native to your platform.' },
  ],
  run: runEdit,
};

interface Edited {
  rt: ResourceType;
  original: KObject;
}

/** The flags that shape how the edited text is sent (editoptions.go's EditOptions). */
interface EditSettings {
  ns: string;
  subresource: Subresource | undefined;
  saveConfig: boolean;
  outputPatch: boolean;
  validation: FieldValidation;
}

function runEdit(ctx: CommandContext, args: ParsedArgs): number {
  const settings = editSettings(args);
  const format = String(args.flags.output);
  const originals = fetchOriginals(ctx, args, settings.ns);
  if (originals.length === 0) throw new CommandError('error: edit cancelled, no objects found');
  let buffer = EDIT_HEADER + serialize(originals.map((o) => o.original), format === 'json');
  if (args.flags['windows-line-endings'] === true) buffer = buffer.replace(/\n/g, '\r\n');
  if (ctx.stdin === undefined) {
    if (ctx.requestEdit) {
      ctx.requestEdit(buffer);
      return 0;
    }
    throw new CommandError(
      'error: there is no editor in a script: give the edited object as a here-document (kubectl edit deploy/web <<EOF ... EOF)',
    );
  }
  return applyEdit(ctx, settings, originals, buffer, ctx.stdin);
}

/** Complete's checks, in kubectl's order: -o (json or yaml only), --subresource, --validate. */
function editSettings(args: ParsedArgs): EditSettings {
  const format = String(args.flags.output);
  if (format !== '' && format !== 'yaml' && format !== 'json') {
    throw new CommandError(`error: unable to match a printer suitable for the output format "${format}", allowed formats are: json,yaml`);
  }
  const sub = String(args.flags.subresource ?? '');
  if (sub !== '' && sub !== 'status') throw new CommandError(`error: invalid subresource value: "${sub}". Must be one of [status]`);
  return {
    ns: (args.flags.namespace as string | undefined) || 'default',
    subresource: sub === 'status' ? 'status' : undefined,
    saveConfig: args.flags['save-config'] === true,
    outputPatch: args.flags['output-patch'] === true,
    validation: fieldValidation(args.flags.validate),
  };
}

/** The objects named on the command line or in the files, as the API returns them now. */
function fetchOriginals(ctx: CommandContext, args: ParsedArgs, ns: string): Edited[] {
  refuseKustomize(args);
  const filenames = (args.flags.filename as string[] | undefined) ?? [];
  if (filenames.length > 0) {
    if (args.positional.length > 0) throw new CommandError('error: resource/name arguments cannot be provided when a path is specified');
    const m = readManifests(ctx.fs, filenames, args.flags.recursive === true, ctx.stdin);
    if (m.errors.length > 0) throw m.errors[0];
    return m.objects.map(({ rt, object }) => ({
      rt,
      original: ctx.sim.store.get(rt, rt.namespaced ? object.metadata?.namespace || ns : '', object.metadata?.name ?? ''),
    }));
  }
  if (args.positional.length === 0) throw new CommandError(NO_RESOURCES);
  const sel = parseResourceArgs(args.positional);
  if (sel.names.length > 0) {
    return sel.names.map(({ type, name }) => ({ rt: type, original: ctx.sim.store.get(type, type.namespaced ? ns : '', name) }));
  }
  return sel.types.flatMap((rt) => ctx.sim.store.list(rt, { namespace: rt.namespaced ? ns : undefined }).items.map((original) => ({ rt, original })));
}

/** The editor's text: the object, or a v1 List of them, in YAML or JSON. */
function serialize(objects: readonly KObject[], json: boolean): string {
  const data = objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: {} };
  return json ? toJson(data) : toYaml(data);
}

/** What kubectl does once the editor closes with `edited` saved. */
function applyEdit(ctx: CommandContext, settings: EditSettings, originals: readonly Edited[], original: string, edited: string): number {
  if (sameWithoutComments(original, edited)) {
    ctx.io.err('Edit cancelled, no changes made.\n');
    return 0;
  }
  if (!hasLines(edited)) {
    ctx.io.err('Edit cancelled, saved file was empty.\n');
    return 0;
  }
  const file = `/tmp/kubectl-edit-${fileDigits(edited)}.yaml`;
  let objects: KObject[];
  try {
    const decoded = decodeObjects('edited-file', edited);
    if (decoded.errors.length > 0) throw decoded.errors[0];
    objects = decoded.objects.map((o) => o.object);
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    // A syntax error reopens the editor; saved unchanged, the edit is cancelled.
    return cancelled(ctx, file);
  }
  let invalid = false;
  let failed = false;
  for (const obj of objects) {
    const outcome = patchOne(ctx, settings, originals, obj, file);
    if (outcome === 'invalid') invalid = true;
    if (outcome === 'failed') failed = true;
  }
  if (failed) return 1;
  return invalid ? cancelled(ctx, file) : 0;
}

type Outcome = 'edited' | 'skipped' | 'invalid' | 'failed';

function patchOne(ctx: CommandContext, settings: EditSettings, originals: readonly Edited[], edited: KObject, file: string): Outcome {
  const ns = settings.ns;
  // visitAnnotation: --save-config records the edited object as the last applied configuration.
  const obj = settings.saveConfig ? withLastApplied(edited) : edited;
  const match = originals.find((o) => o.original.metadata.uid === obj.metadata?.uid);
  if (!match) throw new CommandError(`error: no original object found for ${obj.kind ?? 'object'} ${JSON.stringify(obj.metadata?.name ?? '')}`);
  const { rt, original } = match;
  if (rt.namespaced) {
    const objNs = obj.metadata.namespace ?? '';
    if (objNs !== '' && objNs !== ns) {
      ctx.io.err(`A copy of your changes has been stored to "${file}"\n`);
      throw new CommandError(
        `error: the namespace from the provided object "${objNs}" does not match the namespace "${ns}". You must pass '--namespace=${objNs}' to perform this operation.`,
      );
    }
  }
  const name = kindSlashName(rt, original.metadata.name ?? '');
  if (deepEqual(original, obj)) {
    ctx.io.out(`${name} skipped\n`);
    return 'skipped';
  }
  if (obj.apiVersion !== original.apiVersion || obj.kind !== original.kind || obj.metadata.name !== original.metadata.name) {
    ctx.io.err(`A copy of your changes has been stored to "${file}"\n`);
    throw new CommandError('error: At least one of apiVersion, kind and name was changed');
  }
  const resource = rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
  if (settings.outputPatch) ctx.io.out(`Patch: ${sortedJson(createTwoWayMergePatch(original, obj))}\n`);
  try {
    const sent = decodeEdited(ctx, obj, settings.validation);
    ctx.sim.store.update(withCurrentVersion(ctx, rt, original, sent), { subresource: settings.subresource });
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    return reportFailure(ctx, e, resource, original.metadata.name ?? '', file);
  }
  ctx.io.out(`${name} edited\n`);
  return 'edited';
}

/**
 * The API server's decoding of the patched object under the fieldValidation directive kubectl
 * sends: unknown fields fail the request (Strict), come back as warnings (Warn), or are dropped.
 */
function decodeEdited(ctx: CommandContext, obj: KObject, validation: FieldValidation): KObject {
  const found = decodeFindings(obj);
  if (found.unknownFields.length > 0 && validation === 'Strict') {
    throw new StatusError('BadRequest', `strict decoding error: ${found.unknownFields.join(', ')}`, 400);
  }
  if (validation === 'Warn') for (const w of found.unknownFields) ctx.io.err(`Warning: ${w}\n`);
  return withoutUnknownFields(obj);
}

/**
 * kubectl sends a patch of what the student changed, which carries no resourceVersion unless they
 * edited it; an update with the current version does the same.
 */
function withCurrentVersion(ctx: CommandContext, rt: ResourceType, original: KObject, obj: KObject): KObject {
  const next = deepClone(obj);
  if (next.metadata.resourceVersion === original.metadata.resourceVersion) {
    const current = ctx.sim.store.tryGet(rt, original.metadata.namespace ?? '', original.metadata.name ?? '');
    if (current) next.metadata.resourceVersion = current.metadata.resourceVersion;
  }
  return next;
}

/** editResults.addError: invalid edits reopen the editor; the rest end the command. */
function reportFailure(ctx: CommandContext, e: StatusError, resource: string, name: string, file: string): Outcome {
  if (e.reason === 'Invalid') {
    ctx.io.err(`error: ${resource} "${name}" is invalid\n`);
    return 'invalid';
  }
  if (e.reason === 'NotFound') {
    ctx.io.err(`error: ${resource} "${name}" could not be found on the server\n`);
    ctx.io.err(`The edits you made on deleted resources have been saved to "${file}"\n`);
    return 'failed';
  }
  ctx.io.err(`error: ${resource} "${name}" could not be patched: ${e.message}\n`);
  ctx.io.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
  return 'failed';
}

/** The reopened editor saved without changes: kubectl keeps the file and gives up. */
function cancelled(ctx: CommandContext, file: string): number {
  ctx.io.err(`A copy of your changes has been stored to "${file}"\n`);
  return printErrors(ctx.io, [new CommandError('error: Edit cancelled, no valid changes were saved.')]);
}

/** cmdutil.StripComments: compare as data when both parse, else as text without comment lines. */
export function sameWithoutComments(a: string, b: string): boolean {
  const pa = firstDocument(a);
  const pb = firstDocument(b);
  if (pa.ok && pb.ok) return deepEqual(pa.value, pb.value);
  return manualStrip(a) === manualStrip(b);
}

function firstDocument(text: string): { ok: boolean; value?: unknown } {
  const docs = parseAllDocuments(text);
  const doc = Array.isArray(docs) ? docs[0] : docs;
  if (!doc) return { ok: true, value: null };
  if (doc.errors.length > 0) return { ok: false };
  return { ok: true, value: doc.toJS() };
}

function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((l) => !(l.trim().startsWith('#') && !l.trim().startsWith('#!')))
    .join('\n');
}

/** hasLines: some line that is neither blank nor a comment. */
export function hasLines(text: string): boolean {
  return text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** The digits of the kept file's name (kubectl's are random; these follow the text). */
export function fileDigits(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return String(h).padStart(10, '0');
}
