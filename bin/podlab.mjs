#!/usr/bin/env node
// Entry point for `npx podlab`: loads the TypeScript CLI through tsx's loader, so no build step
// is needed between `npm ci` and the first run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
