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

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es', plugins: () => [lazyOpenApi()] },
  build: { target: 'es2022', sourcemap: false },
});
