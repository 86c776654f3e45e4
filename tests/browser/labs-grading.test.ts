/**
 * Acceptance of issue 10: every built-in lab's reference solution passes and its wrong answer
 * fails, in Node and in Chromium, with the same report. One page; each script is graded in the
 * app's worker through the bridge (`window.podlab.lab({kind: 'gradeScript'})`, a fresh
 * simulation of the lab as "Check my work" grades) and compared byte for byte with the JSON line
 * `podlab grade LAB FILE --seed N --json` prints in Node.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLab } from '../../src/cli/lab.ts';
import { Session } from '../../src/commands/session.ts';
import { BUILTIN_LABS } from '../../src/labs/builtin/index.ts';
import { fillString, resolveLab } from '../../src/labs/variants.ts';
import { WRONG } from '../scenario/labs/wrong-answers.ts';
import { openApp } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

/** The seed every case is graded with (the wrong answers' expected failures are for this one). */
const SEED = 7;

/** `podlab grade LAB FILE --seed N --json` in Node: its exit code and output line. */
async function nodeGrade(dir: string, lab: string, name: string, script: string): Promise<{ code: number; out: string }> {
  const file = join(dir, `${lab}-${name}.podlab`);
  writeFileSync(file, script);
  let out = '';
  const code = await runLab(['check', lab, file, '--seed', String(SEED), '--json'], { out: (t) => (out += t), err: (t) => (out += t) });
  return { code, out };
}

describe.skipIf(!chromiumAvailable())('built-in labs graded in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('every lab: the solution passes and the wrong answer fails, with the same report as Node', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podlab-lab-grading-'));
    const { page, context, errors } = await openApp(browser);
    expect(BUILTIN_LABS).toHaveLength(14);
    const cases = BUILTIN_LABS.flatMap((lab) => {
      const variant = resolveLab(lab, SEED);
      return [
        { lab: lab.id, name: 'solution', script: variant.solution, ok: true },
        { lab: lab.id, name: 'wrong', script: String(fillString(WRONG[lab.id].script, variant.values)), ok: false },
      ];
    });
    // All sent to the worker at once (it grades them in order) while Node grades the same ones.
    const inWorker = page.evaluate(
      (list) => Promise.all(list.map((c) => window.podlab!.lab({ kind: 'gradeScript', lab: c.lab, seed: c.seed, script: c.script }))),
      cases.map((c) => ({ lab: c.lab, seed: SEED, script: c.script })),
    );
    // (Observed now, so a failure in Node below does not leave it an unhandled rejection.)
    inWorker.catch(() => undefined);
    const inNode: { code: number; out: string }[] = [];
    for (const c of cases) inNode.push(await nodeGrade(dir, c.lab, c.name, c.script));
    const replies = await inWorker;
    const seen: string[] = [];
    for (const [i, c] of cases.entries()) {
      const reply = replies[i];
      const node = inNode[i];
      if (reply.kind !== 'report') throw new Error(`${c.lab} ${c.name}: ${JSON.stringify(reply)}`);
      // Byte-equal: the worker's JSON is the CLI's line without its newline.
      expect(`${reply.json}\n`, `${c.lab} ${c.name}`).toBe(node.out);
      expect(reply.ok, `${c.lab} ${c.name}`).toBe(c.ok);
      expect(node.code, `${c.lab} ${c.name}`).toBe(c.ok ? 0 : 1);
      const report = JSON.parse(reply.json) as { goals: { id: string; pass: boolean }[] };
      if (!c.ok) expect(report.goals.filter((g) => !g.pass).map((g) => g.id), `${c.lab} wrong answer`).toEqual(WRONG[c.lab].fails);
      seen.push(`${c.lab}:${c.name}`);
    }
    expect(seen).toHaveLength(28);
    // Grading never touched the live cluster: it is still the default one.
    expect((await page.evaluate(() => window.podlab!.exec('sim trace hash'))).output.trim()).toBe(new Session({ seed: 1 }).sim.traceHash());
    // An unknown lab is refused in kubectl-style words.
    const reply = await page.evaluate(() => window.podlab!.lab({ kind: 'gradeScript', lab: 'no-such-lab', seed: 1, script: '' }));
    expect(reply).toEqual({ kind: 'error', message: 'error: no built-in lab "no-such-lab"' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
