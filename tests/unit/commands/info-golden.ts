/**
 * The real-kubectl recordings of the informational verbs (tests/unit/commands/info-verbs.golden.json,
 * written by `npx tsx tools/record-info-verbs.ts`): `server` rows were recorded against Podlab's
 * own cluster (the seed and setup lines below, served by tools/fake-apiserver), `config` rows as
 * one sequence over a kubeconfig file equal to the session's. Shared by the verbs' tests.
 */
import { readFileSync } from 'node:fs';
import { Session } from '../../../src/commands/session.ts';

export interface Recording {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface Golden {
  seed: number;
  setup: string[];
  server: Recording[];
  config: Recording[];
}

export const GOLDEN = JSON.parse(readFileSync(new URL('./info-verbs.golden.json', import.meta.url), 'utf8')) as Golden;

/** The recorded server commands whose verb (the word after `kubectl`) is `verb`. */
export function serverRows(verb: string): Recording[] {
  return GOLDEN.server.filter((r) => r.command.split(' ')[1] === verb);
}

/** A session with the recorded cluster built (the same seed and setup lines as the recording). */
export function recordedCluster(): Session {
  const s = new Session({ seed: GOLDEN.seed });
  for (const line of GOLDEN.setup) {
    const r = s.execLine(line);
    if (r.exitCode !== 0) throw new Error(`setup "${line}" failed: ${r.output}`);
  }
  return s;
}

/** What Podlab printed, in the recording's shape. */
export function run(s: Session, command: string): Recording {
  const r = s.execLine(command);
  return { command, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}
