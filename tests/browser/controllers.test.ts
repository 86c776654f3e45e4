/**
 * A journey through the controllers in Chromium: a Deployment of 3 comes up, a deleted pod is
 * replaced by the ReplicaSet controller, `kubectl set image` rolls out a new ReplicaSet and
 * `kubectl rollout status` reports it finished, and `rollout history` lists both revisions. The
 * terminal's output equals what the command layer prints in Node for the same commands.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/commands/session.ts';
import { openApp, screenshot, typeCommand, typeHeredoc } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { webDeploymentYaml } from '../support/fixtures.ts';

const WEB = webDeploymentYaml({ image: 'nginx:1.26' });

describe.skipIf(!chromiumAvailable())('the controllers in the app', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a Deployment heals a deleted pod and rolls out a new image', async () => {
    const { page, context, errors } = await openApp(browser, { viewport: { width: 1440, height: 900 } });
    const node = new Session({ seed: 1 });
    const same = async (line: string, stdin?: string) => {
      const shown = stdin === undefined ? await typeCommand(page, line) : await typeHeredoc(page, line, stdin);
      expect(shown, line).toBe(node.execLine(line, stdin).output);
      return shown;
    };

    await same('sim advance 0s');
    await same('kubectl apply -f -', WEB);
    await same('sim advance 30s');
    expect(await same('kubectl get deploy web')).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +3\/3 +3 +3 +30s\n$/);
    const first = (await same("kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'")).trim();
    await same(`kubectl delete pod ${first} --wait=false`);
    const created = await same('kubectl get events --field-selector reason=SuccessfulCreate');
    expect(created.split('\n').filter((l) => l.includes('Created pod: web-')).length).toBe(4);
    await same('kubectl set image deployment/web web=nginx:1.27');
    // In the app `rollout status` follows the live clock (console-live.test.ts plays it); here the
    // clock is moved first, so the app and a script print the same finished rollout.
    await same('sim advance 2m');
    const status = await same('kubectl rollout status deployment/web');
    expect(status).toContain('deployment "web" successfully rolled out\n');
    expect(await same('kubectl rollout history deployment/web')).toMatch(/^deployment\.apps\/web \nREVISION +CHANGE-CAUSE\n1 +<none>\n2 +<none>\n\n$/);
    await same('kubectl get rs -o wide');
    await same('kubectl get pods -o wide');

    const podsPanel = page.getByRole('region', { name: 'Pods' });
    await expect.poll(() => podsPanel.locator('tr[data-namespace=default]').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'app-controllers-rollout.png');
    expect(errors).toEqual([]);
    await context.close();
  });
});
