/** `kubectl ... --help`: a command's help text in kubectl's (cobra's) template. */
import { formatFlagHelp } from '../flags.ts';
import type { Command } from '../types.ts';

/** `kubectl PATH --help` in kubectl's template: sections a command lacks are left out. */
export function commandHelp(cmd: Command, path: string): string {
  const aliases = cmd.aliases?.length ? `Aliases:\n${[cmd.name, ...cmd.aliases].join(', ')}\n\n` : '';
  const examples = cmd.examples ? `Examples:\n${indentExamples(cmd.examples)}\n\n` : '';
  const children = cmd.subcommands ? `Available Commands:\n${subcommandRows(cmd.subcommands)}\n` : '';
  const options = cmd.flags.length > 0 ? `Options:\n${formatFlagHelp(cmd.flags)}\n` : '';
  const more = cmd.subcommands ? `Use "kubectl ${path} <command> --help" for more information about a given command.\n` : '';
  return `${cmd.long ?? `${cmd.short}.`}

${aliases}${examples}${children}${options}Usage:
  ${cmd.usage}

${more}Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
}

/** Children sorted by name, the name padded to the longest (at least 11) plus three spaces. */
function subcommandRows(children: readonly Command[]): string {
  const width = Math.max(11, ...children.map((c) => c.name.length)) + 3;
  return [...children]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c) => `  ${c.name.padEnd(width)}${c.short}\n`)
    .join('');
}

/** cobra indents every example line by two spaces, blank ones too. */
function indentExamples(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
