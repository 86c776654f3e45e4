/**
 * The OpenAPI schema's data (engine/api/schema: 400 KB of JSON text) is read only by commands:
 * strict field decoding, `kubectl explain` and strategic merge patches. Running the default
 * cluster never reads it. In the worker build, vite.config.ts replaces the schema's import of
 * its data with a binding this function fills from a chunk of its own, and worker.ts awaits it
 * before the first command. Everywhere else (Node, tests) the data is imported as usual and
 * this does nothing.
 */
export function loadSchemaData(): Promise<void> {
  return Promise.resolve();
}
