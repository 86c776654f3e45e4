/**
 * A bare `--dry-run` (no value): kubectl v1.31 takes it as `client` and warns through klog
 * (`W1203 03:02:15.096665   27057 helpers.go:703] --dry-run is deprecated and can be replaced
 * with --dry-run=client.`, recorded from kubectl.1.31); later versions refuse it.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';

const WARNING = /^W\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 helpers\.go:703\] --dry-run is deprecated and can be replaced with --dry-run=client\.\n$/;

describe('kubectl --dry-run without a value', () => {
  it.each([
    ['kubectl create deployment web --image=nginx --dry-run -o name', 'deployment.apps/web\n'],
    ['kubectl create namespace shop --dry-run', 'namespace/shop created (dry run)\n'],
    ['kubectl run web --image=nginx --dry-run', 'pod/web created (dry run)\n'],
  ])('%s runs as --dry-run=client, with the deprecation warning', (line, stdout) => {
    const s = new Session();
    const before = s.sim.traceHash();
    const r = s.execLine(line);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(stdout);
    expect(r.stderr).toMatch(WARNING);
    expect(s.sim.traceHash()).toBe(before);
  });

  it('stamps the warning with the simulated clock', () => {
    const s = new Session();
    s.execLine('sim advance 1h2m3s');
    expect(s.execLine('kubectl create namespace shop --dry-run').stderr).toMatch(/^W0101 01:02:03\.000000 /);
  });
});
