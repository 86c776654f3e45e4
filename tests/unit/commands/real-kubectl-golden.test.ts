/**
 * Podlab's kubectl against REAL kubectl v1.31: each scenario of tools/fake-apiserver/scenarios.ts
 * was recorded by tools/record-kubectl.ts (real kubectl reading the scenario's store through the
 * fake API server) into tests/golden-kubectl/NAME.json. Here the same scenario is rebuilt (same
 * seed, same setup lines, so the same objects at the same simulated time) and every command line
 * must print the recorded stdout and stderr, byte for byte, with the recorded exit code. NAME.trace
 * holds the trace hash of the recorded cluster: when the engine changes what a scenario builds,
 * that check fails and the scenario must be re-recorded (the printer checks then fail too).
 *
 * KNOWN_DIFFS lists the commands where Podlab still differs from kubectl: they run as `it.fails`,
 * so a fix shows up as a failure here until its entry is removed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/commands/session.ts';
import { playSetup, REPO_DIR, SCENARIOS, type Recording } from '../../../tools/fake-apiserver/scenarios.ts';

/** `scenario: command` of every recording Podlab does not reproduce yet, with what differs. */
const KNOWN_DIFFS: ReadonlySet<string> = new Set<string>([]);

/** The scenario's recording; empty when it was never recorded (the order test then fails). */
function recordings(name: string): Recording[] {
  const path = join(REPO_DIR, 'tests', 'golden-kubectl', `${name}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Recording[]) : [];
}

/** The trace hash of the cluster the scenario was recorded from. */
function recordedTrace(name: string): string {
  const path = join(REPO_DIR, 'tests', 'golden-kubectl', `${name}.trace`);
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : '';
}

for (const scenario of SCENARIOS) {
  describe(`real kubectl golden: ${scenario.name}`, () => {
    const recorded = recordings(scenario.name);
    let session: Session;
    beforeAll(() => {
      session = playSetup(scenario);
    }, 60_000);

    it('recorded every command of the scenario, in order', () => {
      expect(recorded.map((r) => r.command)).toEqual(scenario.commands);
    });

    it(`replays the cluster recorded (if not, the engine changed: npx tsx tools/record-kubectl.ts ${scenario.name})`, () => {
      expect(session.sim.traceHash()).toBe(recordedTrace(scenario.name));
    });

    for (const rec of recorded) {
      const test = KNOWN_DIFFS.has(`${scenario.name}: ${rec.command}`) ? it.fails : it;
      test(rec.command, () => {
        const got = session.execLine(rec.command);
        expect(got.stdout).toBe(rec.stdout);
        expect(got.stderr).toBe(rec.stderr);
        expect(got.exitCode).toBe(rec.exitCode);
      });
    }
  });
}
