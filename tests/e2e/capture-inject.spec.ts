import { findSite } from '../../utils/capture/sites';
import { test, expect } from './fixtures';
import { loadCaptureFixtures } from './support/expected';

/**
 * The extension injects the site script the URL needs before the core capture script (captureFiles in
 * entrypoints/background/capture.ts). A site page must come back read by its own extractor, not by the generic layers
 * alone, and an extractor left in the page by an earlier capture must not be reused after an SPA navigation.
 */
const sitePages = loadCaptureFixtures().filter((f) => ['linkedin-profile', 'gmail-thread'].includes(f.name));

test.describe('capture injects the site script the page needs', () => {
  test('there are site pages to capture', () => {
    expect(sitePages).toHaveLength(2);
  });

  for (const fixture of sitePages) {
    test(`${fixture.name}: read by its site extractor, twice, then generic after an in-page navigation`, async ({ extension, sendMessage }) => {
      const expected = findSite(new URL(fixture.url))?.id;
      expect(expected).toBe(fixture.name);
      const page = await extension.openFixture(fixture.url, fixture.html);
      const tabId = await extension.tabIdOf(page);

      for (let i = 0; i < 2; i++) {
        const result = await sendMessage('capture.tab', { tabId });
        if (!result.ok) throw new Error(`capture.tab failed: ${result.error.message}`);
        expect(result.data.capture.site).toBe(expected);
        expect(result.data.capture.people.length).toBeGreaterThan(0);
      }

      // an SPA moving to a page no site claims: the background injects the core alone, which reads generically
      await page.evaluate(() => history.pushState({}, '', '/no-site-here/'));
      const after = await sendMessage('capture.tab', { tabId });
      if (!after.ok) throw new Error(`capture.tab failed: ${after.error.message}`);
      expect(after.data.capture.url).toMatch(/\/no-site-here\/$/);
      expect(after.data.capture.site).toBe('generic');
    });
  }
});
