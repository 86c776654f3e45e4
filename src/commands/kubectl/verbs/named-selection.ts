/**
 * The resource builder's refusals when objects are named and also selected (cli-runtime
 * builder.go visitBySelector / visitByResource / visitByName), checked after any -f files
 * (paths are visited first and never reach these checks):
 * - a label or field selector, or --all, with `TYPE NAME`: "name cannot be provided when a selector is specified";
 * - the same with `TYPE/NAME` (or `TYPE1,TYPE2 NAME`, which kubectl rewrites into that form):
 *   "selectors and the all flag cannot be used when passing resource/name arguments";
 * - -A with a name of a namespaced type: "a resource cannot be retrieved by name across all namespaces".
 */
import type { ParsedArgs } from '../../flags.ts';
import { CommandError } from '../../types.ts';
import { parseResourceArgs } from '../resources.ts';

const text = (args: ParsedArgs, name: string): string => (typeof args.flags[name] === 'string' ? (args.flags[name] as string).trim() : '');

export function checkNamedSelection(args: ParsedArgs): void {
  const filenames = (args.flags.filename as string[] | undefined) ?? [];
  const positional = args.positional;
  if (filenames.length > 0 || positional.length === 0) return;
  const tupleForm = positional.some((a) => a.includes('/')) || (positional.length >= 2 && new Set(positional[0].split(',')).size >= 2);
  const named = tupleForm || positional.length >= 2;
  if (!named) return;
  // LabelSelectorParam/FieldSelectorParam ignore a blank selector; --all selects everything.
  if (text(args, 'selector') !== '' || text(args, 'field-selector') !== '' || args.flags.all === true) {
    throw new CommandError(tupleForm ? 'error: selectors and the all flag cannot be used when passing resource/name arguments' : 'error: name cannot be provided when a selector is specified');
  }
  if (args.flags['all-namespaces'] === true && parseResourceArgs(positional).names.some((n) => n.type.namespaced)) {
    throw new CommandError('error: a resource cannot be retrieved by name across all namespaces');
  }
}
