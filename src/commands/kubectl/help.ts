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

/**
 * kubectl's command groups as `kubectl --help` lists them (kubectl v1.31 pkg/cmd/cmd.go), each
 * command with the one-line summary kubectl prints. Podlab's own verbs print their registered
 * `short`; the commands Podlab does not model keep kubectl's summary here, so the list reads as
 * kubectl's, and answer when run that Podlab does not model them (index.ts).
 */
const ROOT_GROUPS: readonly (readonly [string, readonly (readonly [string, string])[]])[] = [
  [
    'Basic Commands (Beginner)',
    [
      ['create', ''],
      ['expose', ''],
      ['run', ''],
      ['set', ''],
    ],
  ],
  [
    'Basic Commands (Intermediate)',
    [
      ['explain', ''],
      ['get', ''],
      ['edit', ''],
      ['delete', ''],
    ],
  ],
  [
    'Deploy Commands',
    [
      ['rollout', ''],
      ['scale', ''],
      ['autoscale', ''],
    ],
  ],
  [
    'Cluster Management Commands',
    [
      ['certificate', 'Modify certificate resources'],
      ['cluster-info', ''],
      ['top', ''],
      ['cordon', ''],
      ['uncordon', ''],
      ['drain', ''],
      ['taint', ''],
    ],
  ],
  [
    'Troubleshooting and Debugging Commands',
    [
      ['describe', ''],
      ['logs', ''],
      ['attach', 'Attach to a running container'],
      ['exec', ''],
      ['port-forward', 'Forward one or more local ports to a pod'],
      ['proxy', 'Run a proxy to the Kubernetes API server'],
      ['cp', 'Copy files and directories to and from containers'],
      ['auth', 'Inspect authorization'],
      ['debug', 'Create debugging sessions for troubleshooting workloads and nodes'],
      ['events', ''],
    ],
  ],
  [
    'Advanced Commands',
    [
      ['diff', 'Diff the live version against a would-be applied version'],
      ['apply', ''],
      ['patch', ''],
      ['replace', 'Replace a resource by file name or stdin'],
      ['wait', ''],
      ['kustomize', 'Build a kustomization target from a directory or URL'],
    ],
  ],
  [
    'Settings Commands',
    [
      ['label', ''],
      ['annotate', ''],
      ['completion', 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)'],
    ],
  ],
  ['Subcommands provided by plugins', []],
  [
    'Other Commands',
    [
      ['api-resources', ''],
      ['api-versions', ''],
      ['config', ''],
      ['plugin', 'Provides utilities for interacting with plugins'],
      ['version', ''],
    ],
  ],
];

/** The commands `kubectl --help` lists, in its order (a typo is answered from these). */
export const ROOT_COMMAND_NAMES: readonly string[] = ROOT_GROUPS.flatMap(([, rows]) => rows.map(([name]) => name));

/**
 * `kubectl --help` (and `kubectl` alone): cobra's grouped template, names padded to the longest
 * (`api-resources`) plus three spaces. `verbs` are Podlab's registered commands.
 */
export function rootHelp(verbs: readonly Command[]): string {
  const width = Math.max(...ROOT_COMMAND_NAMES.map((n) => n.length)) + 3;
  const short = (name: string, fallback: string) => verbs.find((v) => v.name === name)?.short ?? fallback;
  const groups = ROOT_GROUPS.map(([title, rows]) => `${title}:\n${rows.map(([name, fallback]) => `  ${name.padEnd(width)}${short(name, fallback)}\n`).join('')}`);
  return `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

${groups.join('\n')}
Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
}
