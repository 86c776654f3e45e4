/**
 * The flags of the `kubectl rollout` subcommands (rollout_*.go, v1.31): each subcommand has its
 * own set — PrintFlags (-o, --template, ...) on all but status, --field-manager on pause, resume
 * and restart, --dry-run on undo only — so `rollout restart --dry-run` is cobra's unknown flag.
 */
import type { FlagSpec } from '../../flags.ts';
import { DRY_RUN_FLAG } from '../verbs/common.ts';
import { filenameOptionFlags, PRINT_FLAGS } from '../verbs/metadata-edit.ts';

/** cmdutil.AddFilenameOptionFlags with rollout's usage: -f, -R and -k. */
const FILENAME_FLAGS = filenameOptionFlags('identifying the resource to get from a server.');

/** cmdutil.AddLabelSelectorFlagVar. */
const SELECTOR_FLAG: FlagSpec = {
  name: 'selector',
  short: 'l',
  type: 'string',
  default: '',
  usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
};

/** cmdutil.AddFieldManagerFlagVar with rollout's default manager. */
const FIELD_MANAGER_FLAG: FlagSpec = { name: 'field-manager', type: 'string', default: 'kubectl-rollout', usage: 'Name of the manager used to track field ownership.' };

export const HISTORY_FLAGS: FlagSpec[] = [
  { name: 'revision', type: 'int', default: 0, usage: 'See the details, including podTemplate of the revision specified' },
  ...FILENAME_FLAGS,
  SELECTOR_FLAG,
  ...PRINT_FLAGS,
];

/** pause, resume and restart. */
export const PATCHING_FLAGS: FlagSpec[] = [...FILENAME_FLAGS, FIELD_MANAGER_FLAG, SELECTOR_FLAG, ...PRINT_FLAGS];

export const STATUS_FLAGS: FlagSpec[] = [
  ...FILENAME_FLAGS,
  { name: 'watch', short: 'w', type: 'bool', default: true, usage: "Watch the status of the rollout until it's done." },
  { name: 'revision', type: 'int', default: 0, usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
  {
    name: 'timeout',
    type: 'duration',
    default: '0s',
    usage: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).',
  },
  SELECTOR_FLAG,
];

export const UNDO_FLAGS: FlagSpec[] = [
  { name: 'to-revision', type: 'int', default: 0, usage: 'The revision to rollback to. Default to 0 (last revision).' },
  ...FILENAME_FLAGS,
  DRY_RUN_FLAG,
  SELECTOR_FLAG,
  ...PRINT_FLAGS,
];
