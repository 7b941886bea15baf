import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { ROOT } from './support/browser';
import { CAPTURE_FIXTURES } from './support/expected';

/**
 * The README's screenshot, taken from the real built extension: the popup on a LinkedIn profile.
 * Always checks that the popup shows the profile's owner; writes docs/screenshot.png only with
 * UPDATE_SCREENSHOT=1 (then commit it), so ordinary runs never touch tracked files.
 */
const PROFILE_URL = 'https://www.linkedin.com/in/maya-lindqvist-4b21a9/';
const POPUP = { width: 400, height: 600 };

test('the popup on a LinkedIn profile shows its owner (README screenshot)', async ({ extension }) => {
  const profile = await extension.openFixture(PROFILE_URL, path.join(CAPTURE_FIXTURES, 'linkedin-profile.html'));
  const tabId = await extension.tabIdOf(profile);

  const popup = await extension.context.newPage();
  await popup.setViewportSize(POPUP);
  await popup.goto(extension.extensionUrl(`popup.html?tab=${tabId}`));
  const card = popup.getByTestId('person-card').filter({ hasText: 'Maya Lindqvist' });
  await expect(card).toBeVisible();
  await expect(popup.getByTestId('popup-loading')).toHaveCount(0);

  if (process.env.UPDATE_SCREENSHOT !== '1') return;
  // Compose what a user sees: the page with the popup open under the toolbar, drawn by Chromium itself.
  const pageShot = (await profile.screenshot()).toString('base64');
  // A real popup is as tall as its content (up to Chrome's 600 px limit).
  const size = await popup.evaluate(() => ({ width: document.body.scrollWidth, height: document.body.scrollHeight }));
  const clip = { x: 0, y: 0, width: Math.min(POPUP.width, size.width), height: Math.min(POPUP.height, size.height) };
  const popupShot = (await popup.screenshot({ clip })).toString('base64');
  const frame = await extension.context.newPage();
  await frame.setViewportSize({ width: 1280, height: 800 });
  await frame.setContent(`<!doctype html><html><body style="margin:0;position:relative;width:1280px;height:800px;overflow:hidden">
    <img src="data:image/png;base64,${pageShot}" style="position:absolute;left:0;top:0;width:1280px;height:800px">
    <img src="data:image/png;base64,${popupShot}" style="position:absolute;right:16px;top:8px;width:${clip.width}px;
      border:1px solid #c8ccd2;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.28)">
  </body></html>`);
  await frame.waitForFunction(() => Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0));
  writeFileSync(path.join(ROOT, 'docs/screenshot.png'), await frame.screenshot());
});
