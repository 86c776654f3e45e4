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

/**
 * Starts the simulation worker from index.html itself, before the main bundle has even been
 * fetched: the worker's download, compile and the default cluster's boot (most of a cold load)
 * then overlap the main thread's JavaScript and React's first render instead of following them.
 * A tiny inline script creates the worker bridge.ts would create (same URL, same options) and
 * keeps every event it posts until the bridge adopts it (bridge.ts `ensureWorker`, via
 * `window.podlabEarlyWorker`); without it (the dev server) the bridge starts the worker itself.
 * The worker's URL is the one the bundle's `new Worker(new URL(…))` resolved to; a build whose
 * bundle does not name exactly one fails here rather than load the worker twice.
 */
function earlyWorker(): Plugin {
  return {
    name: 'podlab-early-worker',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const urls = new Set<string>();
        for (const chunk of Object.values(ctx.bundle ?? {})) {
          if (chunk.type !== 'chunk') continue;
          for (const m of chunk.code.matchAll(/new\s+Worker\(\s*new\s+URL\(\s*(?:\/\*[^]*?\*\/\s*)*(["'`])([^"'`]+)\1/g)) urls.add(m[2]);
        }
        if (urls.size !== 1) throw new Error(`podlab-early-worker: expected one worker URL in the bundle, found ${urls.size}`);
        const [url] = urls;
        // The bundle resolves it against its own URL, the page against the document's: the same only when absolute.
        if (!url.startsWith('/')) throw new Error(`podlab-early-worker: the worker URL ${url} is not absolute (a relative base?)`);
        const script =
          `(function(){try{var w=new Worker(${JSON.stringify(url)},{type:"module",name:"podlab-sim"}),q=[];` +
          `w.onmessage=w.onerror=function(e){q.push(e)};window.podlabEarlyWorker={worker:w,events:q}}catch(e){}})();`;
        return [{ tag: 'script', children: script, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), earlyWorker()],
  worker: {
    format: 'es',
    plugins: () => [lazyOpenApi(), lazyEngineParts()],
    // Everything the worker runs before its first view in its entry chunk: split in two (the
    // modules its lazy chunks share in a chunk of their own), the second was only requested once
    // the first had been fetched and compiled.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'worker', tags: ['$initial'] }] } } },
  },
  build: { target: 'es2022', sourcemap: false },
});
