import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const LAZY_OPENAPI = '\0podlab-lazy-openapi';

/**
 * The worker's first chunk holds what runs the default cluster; the OpenAPI schema's data
 * (engine/api/schema/openapi-v1.31.ts, ~400 KB of JSON text read only by commands) becomes a
 * chunk of its own. schema.ts's import of it resolves to a module whose `OPENAPI_V1_31_JSON`
 * binding starts empty and is filled by `loadSchemaData()` (src/app/schema-data.ts), which the
 * worker awaits before it handles the first command. schema.ts parses the text on first use, so
 * a read before it is loaded fails loudly (JSON.parse('')), never silently.
 */
function lazyOpenApi(): Plugin {
  const real = fileURLToPath(new URL('./src/engine/api/schema/openapi-v1.31.ts', import.meta.url));
  return {
    name: 'podlab-lazy-openapi',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === LAZY_OPENAPI) return LAZY_OPENAPI;
      if (source === './openapi-v1.31.ts' && importer?.replace(/\\/g, '/').endsWith('/engine/api/schema/schema.ts')) return LAZY_OPENAPI;
      return null;
    },
    load(id) {
      if (id !== LAZY_OPENAPI) return null;
      return [
        `export let OPENAPI_V1_31_JSON = '';`,
        `export async function loadSchemaData() {`,
        `  if (OPENAPI_V1_31_JSON === '') OPENAPI_V1_31_JSON = (await import(${JSON.stringify(real)})).OPENAPI_V1_31_JSON;`,
        `}`,
      ].join('\n');
    },
    transform(_code, id) {
      if (!id.replace(/\\/g, '/').endsWith('/src/app/schema-data.ts')) return null;
      return { code: `export { loadSchemaData } from ${JSON.stringify(LAZY_OPENAPI)};\n`, map: null };
    },
  };
}

/**
 * The engine's late parts (src/engine/late.ts): what booting and running the default cluster
 * never executes (the shell interpreter, patches, the admission of kinds the default cluster has
 * none of, …). In the worker build, late-register.ts (which registers late-parts.ts statically in
 * Node) becomes a module whose `loadLateParts()` imports them as a chunk of their own; the worker
 * awaits it before it handles its first message. Until then `late()` throws.
 */
function lazyEngineParts(): Plugin {
  const parts = fileURLToPath(new URL('./src/engine/late-parts.ts', import.meta.url));
  const registry = fileURLToPath(new URL('./src/engine/late.ts', import.meta.url));
  return {
    name: 'podlab-lazy-engine-parts',
    enforce: 'pre',
    transform(_code, id) {
      if (!id.replace(/\\/g, '/').endsWith('/src/engine/late-register.ts')) return null;
      return {
        code: [
          `import { provideLateParts } from ${JSON.stringify(registry)};`,
          `export async function loadLateParts() { provideLateParts(await import(${JSON.stringify(parts)})); }`,
        ].join('\n'),
        map: null,
      };
    },
  };
}

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es', plugins: () => [lazyOpenApi(), lazyEngineParts()] },
  build: { target: 'es2022', sourcemap: false },
});
