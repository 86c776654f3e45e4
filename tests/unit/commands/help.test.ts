/**
 * `kubectl VERB --help` against help text recorded from a real kubectl v1.31 client
 * (`kubectl.1.31 VERB --help > tests/unit/commands/help/VERB.txt`; a subcommand as `VERB_SUB.txt`).
 * A verb gets a recording once its flags, description and examples are complete.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'help');
const recorded = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

describe('kubectl --help as kubectl v1.31 prints it', () => {
  it.each(recorded)('%s', (file) => {
    const words = file.replace(/\.txt$/, '').split('_');
    const result = new Session().execLine(`kubectl ${words.join(' ')} --help`);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(dir, file), 'utf8'));
  });
});
