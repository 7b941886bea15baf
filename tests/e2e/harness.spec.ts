import { test, expect } from './fixtures';

// The harness itself: if these fail, every other e2e failure is suspect.
test.describe('e2e harness', () => {
  test('serves fixtures at real URLs and blocks the rest of the internet', async ({ extension }) => {
    extension.network.serveBody('https://people.example.org/team', '<title>Team</title><h1>Our team</h1>');
    const page = await extension.context.newPage();
    await page.goto('https://people.example.org/team?utm_source=test#top');
    await expect(page.locator('h1')).toHaveText('Our team');
    const live = await page.goto('https://www.wikipedia.org/').then(
      () => 'reached',
      (e: Error) => e.message,
    );
    expect(live).toMatch(/ERR_BLOCKED_BY_CLIENT/);
    expect(extension.network.blocked).toContain('https://www.wikipedia.org/');
  });

  test('finds the tab id of a page, stops the worker, and relaunches on the same profile', async ({ extension }) => {
    const page = await extension.openFixture('https://people.example.org/a', 'tests/e2e/support/blank.html');
    expect(await extension.tabIdOf(page)).toBeGreaterThan(0);

    await extension.stopServiceWorker(); // throws unless CDP reports the worker stopped

    const setting = `kept-${Date.now()}`;
    const ext = await extension.extPage('options.html');
    await ext.evaluate((v) => localStorage.setItem('harness', v), setting);
    const idBefore = extension.extensionId;
    await extension.relaunch();
    expect(extension.extensionId).toBe(idBefore);
    const again = await extension.extPage('options.html');
    expect(await again.evaluate(() => localStorage.getItem('harness'))).toBe(setting);
  });
});
