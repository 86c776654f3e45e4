/**
 * The typed `-o json` printer the rollout and set subcommands use; it lives with the other
 * printers (../../printers/typed-json.ts), which cover every kind kubectl prints typed.
 */
export { typedJson } from '../../printers/typed-json.ts';
