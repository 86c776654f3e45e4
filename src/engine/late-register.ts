/**
 * Registers the engine's late parts (late.ts). Here (Node: the CLI, tests) they are imported
 * statically; simulation.ts imports this module last, after everything the late parts need has
 * loaded. The app's worker build replaces this module (vite.config.ts, lazyEngineParts) with one
 * that registers nothing at once and whose `loadLateParts()` imports late-parts.ts as a chunk of
 * its own; the worker awaits it before it handles its first message.
 */
import * as parts from './late-parts.ts';
import { provideLateParts } from './late.ts';

provideLateParts(parts);

export function loadLateParts(): Promise<void> {
  return Promise.resolve();
}
