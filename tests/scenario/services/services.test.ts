/**
 * Services through the command layer (reference §14; INDEX.md #10, #51 and the voting app):
 * every script in scripts/ is played into a Lab (the shared manifests as its file system) and
 * compared byte for byte with its reviewed transcript in golden/ — Service, Endpoints and
 * EndpointSlice tables, `describe service` / `describe endpoints`, `kubectl expose`, node-port
 * errors, the simulated cloud's load balancers. Each run is also cross-checked: the endpoints
 * of every Service are the IPs of the pods it selects.
 *
 * After an intended output change: `UPDATE_GOLDEN=1 npx vitest run tests/scenario/services` and
 * review the diff.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { endpointIPs, Lab, play, podIPs, sliceIPs } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** Checks that do not depend on the transcript: Service → the label selector of its pods. */
const CROSS_CHECKS: Record<string, Record<string, string>> = {
  'guestbook.podlab': { frontend: 'app=guestbook,tier=frontend', 'redis-master': 'app=redis,role=master', 'redis-replica': 'app=redis,role=replica' },
  'voting-app.podlab': { db: 'app=db', redis: 'app=redis', result: 'app=result', vote: 'app=vote', 'vote-lb': 'app=vote' },
  'load-balancer.podlab': { second: 'app.kubernetes.io/name=nginx', third: 'app.kubernetes.io/name=nginx' },
  'readiness-headless.podlab': { web: 'app=web' },
  'many-endpoints.podlab': { big: 'app=big' },
};

const scripts = readdirSync(join(here, 'scripts'))
  .filter((f) => f.endsWith('.podlab'))
  .sort();

describe('services scenarios', () => {
  it.each(scripts)(
    '%s',
    (script) => {
      const lab = new Lab(1);
      const transcript = play(lab, readFileSync(join(here, 'scripts', script), 'utf8'));
      const golden = join(here, 'golden', script.replace(/\.podlab$/, '.txt'));
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, transcript);
      expect(existsSync(golden), `no golden transcript ${golden}: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
      expect(transcript).toBe(readFileSync(golden, 'utf8'));
      for (const [svc, selector] of Object.entries(CROSS_CHECKS[script] ?? {})) {
        const pods = podIPs(lab, selector);
        expect(pods.length, `${svc} selects pods`).toBeGreaterThan(0);
        expect(sliceIPs(lab, svc), `${svc} slices`).toEqual(pods);
        // Endpoints list only ready pods; every scenario ends with its selected pods ready but one.
        if (svc !== 'web') expect(endpointIPs(lab, svc), `${svc} endpoints`).toEqual(pods);
      }
    },
    60_000,
  );

  it('the readiness scenario ends with exactly one of the two pods ready', () => {
    const lab = new Lab(1);
    play(lab, readFileSync(join(here, 'scripts', 'readiness-headless.podlab'), 'utf8'));
    const ready = endpointIPs(lab, 'web');
    expect(ready).toHaveLength(1);
    expect(podIPs(lab, 'app=web')).toContain(ready[0]);
  }, 30_000);
});
