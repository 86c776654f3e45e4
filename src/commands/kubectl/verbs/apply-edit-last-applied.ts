/**
 * `kubectl apply edit-last-applied (TYPE/NAME | -f FILE)` (kubectl v1.31
 * pkg/cmd/apply/apply_edit_last_applied.go, editoptions.go in ApplyEditMode): the editor opens on
 * the objects' last-applied-configuration annotations (one object, or a v1 List of them; YAML under
 * a comment header, or JSON with -o json), and each saved object is written back into its
 * annotation with a merge patch, printed as `KIND/NAME edited` (`skipped` when unchanged). Objects
 * without the annotation are left out; none with it at all is an error.
 *
 * As for `kubectl edit` (edit.ts), the saved text comes as stdin (a here-document in a script, the
 * editor panel in the app, which runs the command again with it); without stdin the buffer is
 * handed to `ctx.requestEdit`. A save kubectl would reopen the editor for (a syntax error) ends as
 * the reopened editor saved unchanged: the text is kept in a file and the edit cancelled.
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { toJson } from '../../printers/json.ts';
import { toYaml } from '../../printers/yaml.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { printErrors } from '../errors.ts';
import { sortedJson } from '../json.ts';
import { LAST_APPLIED_ANNOTATION } from '../last-applied.ts';
import { decodeObjects } from '../manifests.ts';
import { lastAppliedFileFlags, liveObjects } from './apply-view-last-applied.ts';
import { VALIDATE_FLAG } from './common.ts';
import { fileDigits, hasLines, sameWithoutComments } from './edit.ts';
import { ObjectPrinter, PRINT_FLAGS, printerFormat, type ObjectFormat } from './metadata-edit.ts';

/** editHeader.writeTo in ApplyEditMode. */
export const EDIT_LAST_APPLIED_HEADER = `# Please edit the 'last-applied-configuration' annotations below.
# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.
#
`;

export const editLastAppliedCommand: Command = {
  name: 'edit-last-applied',
  short: 'Edit latest last-applied-configuration annotations of a resource/object',
  long: `Edit the latest last-applied-configuration annotations of resources from the default editor.

 The edit-last-applied command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.`,
  examples: `# Edit the last-applied-configuration annotations by type/name in YAML
kubectl apply edit-last-applied deployment/nginx

# Edit the last-applied-configuration annotations by file in JSON
kubectl apply edit-last-applied -f deploy.yaml -o json`,
  usage: 'kubectl apply edit-last-applied (RESOURCE/NAME | -f FILENAME) [options]',
  flags: [
    ...PRINT_FLAGS,
    // Podlab's store keeps no managedFields, so the manager's name has nothing to be recorded in.
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply', usage: 'Name of the manager used to track field ownership.' },
    ...lastAppliedFileFlags('Filename, directory, or URL to files to use to edit the resource'),
    VALIDATE_FLAG,
    { name: 'windows-line-endings', type: 'bool', default: false, usage: 'Defaults to the line ending native to your platform.' },
  ],
  run: runEditLastApplied,
};

/** One object being edited: its type and its last-applied configuration, decoded. */
interface Annotated {
  rt: ResourceType;
  config: KObject;
}

function runEditLastApplied(ctx: CommandContext, args: ParsedArgs): number {
  const output = String(args.flags.output);
  const ns = String(args.flags.namespace ?? '') || 'default';
  const annotated = liveObjects(ctx, args, false).flatMap(({ rt, object }) => {
    const text = object.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
    if (text === undefined) return [];
    const decoded = decodeObjects('edited-file', text);
    if (decoded.errors.length > 0) throw decoded.errors[0];
    return decoded.objects.slice(0, 1).map((o): Annotated => ({ rt, config: o.object }));
  });
  if (annotated.length === 0) {
    throw new CommandError(
      'error: no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`',
    );
  }
  // The editor's printer knows only json and yaml.
  if (output !== '' && output !== 'json' && output !== 'yaml') {
    throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
  }
  const json = output === 'json';
  const buffer = (json ? '' : EDIT_LAST_APPLIED_HEADER) + serialize(annotated.map((a) => a.config), json);
  if (ctx.stdin === undefined) {
    if (ctx.requestEdit) {
      ctx.requestEdit(buffer);
      return 0;
    }
    throw new CommandError(
      'error: there is no editor in a script: give the edited configuration as a here-document (kubectl apply edit-last-applied deploy/web <<EOF ... EOF)',
    );
  }
  return saveEdit(ctx, args, ns, annotated, buffer, ctx.stdin);
}

/** The editor's text: one object, or a v1 List of them. */
function serialize(objects: readonly KObject[], json: boolean): string {
  const data = objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: {} };
  return json ? toJson(data) : toYaml(data);
}

/** What kubectl does once the editor closes with `edited` saved. */
function saveEdit(ctx: CommandContext, args: ParsedArgs, ns: string, annotated: readonly Annotated[], original: string, edited: string): number {
  if (sameWithoutComments(original, edited)) {
    ctx.io.err('Edit cancelled, no changes made.\n');
    return 0;
  }
  if (!hasLines(edited)) {
    ctx.io.err('Edit cancelled, saved file was empty.\n');
    return 0;
  }
  const ext = String(args.flags.output) === 'json' ? 'json' : 'yaml';
  const file = `/tmp/kubectl-edit-${fileDigits(edited)}.${ext}`;
  const objects = decodeEdited(edited);
  if (!objects) {
    // A syntax error reopens the editor; saved unchanged, the edit is cancelled.
    ctx.io.err(`A copy of your changes has been stored to "${file}"\n`);
    return printErrors(ctx.io, [new CommandError('error: Edit cancelled, no valid changes were saved.')]);
  }
  try {
    // RequireNamespace: every namespaced object is in the command's namespace (filled in when absent).
    for (const o of objects) {
      if (!o.rt.namespaced) continue;
      const own = o.object.metadata?.namespace ?? '';
      if (own !== '' && own !== ns) {
        throw new CommandError(`error: the namespace from the provided object "${own}" does not match the namespace "${ns}". You must pass '--namespace=${own}' to perform this operation.`);
      }
      o.object.metadata = { ...o.object.metadata, namespace: ns };
    }
    const format = printerFormat(String(args.flags.output));
    const printer = new ObjectPrinter(ctx.io);
    for (const o of objects) patchAnnotation(ctx, ns, annotated, o.rt, o.object, format, printer);
  } catch (e) {
    ctx.io.err(`A copy of your changes has been stored to "${file}"\n`);
    throw e;
  }
  return 0;
}

/** The saved objects, or undefined when the text does not parse (kubectl reopens the editor). */
function decodeEdited(edited: string): { rt: ResourceType; object: KObject }[] | undefined {
  try {
    const decoded = decodeObjects('edited-file', edited);
    if (decoded.errors.length > 0) return undefined;
    return decoded.objects.map((o) => ({ rt: o.rt, object: o.object }));
  } catch (e) {
    if (e instanceof CommandError) return undefined;
    throw e;
  }
}

/** visitToApplyEditPatch: the saved object becomes the annotation of the object it came from. */
function patchAnnotation(
  ctx: CommandContext,
  ns: string,
  annotated: readonly Annotated[],
  rt: ResourceType,
  obj: KObject,
  format: ObjectFormat | undefined,
  printer: ObjectPrinter,
): void {
  // Matched by uid, as kubectl matches them; an annotation seldom records one, so most match the first.
  const uid = obj.metadata?.uid ?? '';
  const original = annotated.find((a) => (a.config.metadata?.uid ?? '') === uid);
  if (!original) throw new CommandError(`error: no original object found for ${obj.kind ?? 'object'} ${JSON.stringify(obj.metadata?.name ?? '')}`);
  const config = sortedJson(obj);
  if (sortedJson(original.config) === config) {
    printer.print(format, rt, obj, 'skipped');
    return;
  }
  const patch = { metadata: { annotations: { [LAST_APPLIED_ANNOTATION]: config } } };
  ctx.sim.store.patch(rt, rt.namespaced ? ns : '', obj.metadata?.name ?? '', 'merge', patch);
  printer.print(format, rt, obj, 'edited');
}
