/**
 * Lab grading (issue 10: "grading a typical lab takes under a second"): every built-in lab's
 * reference solution graded as `podlab grade` does (fresh simulation, setup, the script, the
 * settle time, the goals), after one warm-up pass over all of them. Returns the median and the
 * slowest lab, in wall-clock seconds.
 */
import { BUILTIN_LABS } from '../src/labs/builtin/index.ts';
import { gradeLab } from '../src/labs/play.ts';
import { resolveLab } from '../src/labs/variants.ts';

export interface LabGradingFigures {
  labs: number;
  medianSeconds: number;
  maxSeconds: number;
  slowest: string;
  allPassed: boolean;
}

export function benchLabGrading(): LabGradingFigures {
  const scripts = BUILTIN_LABS.map((lab) => ({ lab, script: resolveLab(lab, lab.seed).solution }));
  for (const { lab, script } of scripts) gradeLab(lab, lab.seed, script);
  let allPassed = true;
  const times = scripts.map(({ lab, script }) => {
    const t0 = performance.now();
    const r = gradeLab(lab, lab.seed, script);
    const seconds = (performance.now() - t0) / 1000;
    allPassed &&= r.ok;
    return { id: lab.id, seconds };
  });
  const sorted = [...times].sort((a, b) => a.seconds - b.seconds);
  const slowest = sorted[sorted.length - 1];
  return { labs: times.length, medianSeconds: sorted[Math.floor(sorted.length / 2)].seconds, maxSeconds: slowest.seconds, slowest: slowest.id, allPassed };
}
