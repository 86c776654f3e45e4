/**
 * `kubectl --help` and `kubectl` alone, against kubectl v1.31's output (recorded with
 * `kubectl.1.31 --help > root-help.recorded.txt`): every group and command kubectl lists, in its
 * order; the commands Podlab does not model answer, when run, that Podlab does not have them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { ROOT_COMMAND_NAMES } from '../../../src/commands/kubectl/help.ts';
import { findVerb } from '../../../src/commands/kubectl/registry.ts';

const recorded = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'root-help.recorded.txt'), 'utf8');

describe('kubectl --help as kubectl v1.31 prints it', () => {
  it.each(['kubectl --help', 'kubectl -h', 'kubectl'])('%s', (line) => {
    const r = new Session().execLine(line);
    expect(r.stdout).toBe(recorded);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  const unmodelled = ROOT_COMMAND_NAMES.filter((n) => !findVerb(n));
  it('lists commands Podlab does not model, which refuse in kubectl style', () => {
    expect(unmodelled).toEqual(['certificate', 'attach', 'port-forward', 'proxy', 'cp', 'debug', 'diff', 'replace', 'kustomize', 'completion', 'plugin']);
    for (const name of unmodelled) {
      const r = new Session().execLine(`kubectl ${name}`);
      expect(r.stderr).toBe(`error: "kubectl ${name}" is not available in Podlab yet\n`);
      expect(r.exitCode).toBe(1);
    }
  });

  it('prints the registered summary of the verbs Podlab has', () => {
    for (const name of ROOT_COMMAND_NAMES.filter((n) => findVerb(n))) {
      expect(recorded).toContain(`  ${name.padEnd(16)}${findVerb(name)?.short}\n`);
    }
  });
});
