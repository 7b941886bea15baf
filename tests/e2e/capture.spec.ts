import type { Capture } from '../../utils/model';
import { test, expect } from './fixtures';
import { findPerson, loadCaptureFixtures, normEmail, normLink, sameText } from './support/expected';

/**
 * Capture through the real extension: each saved page is served at its real URL, opened in a tab,
 * and the background is asked to capture that tab, exactly as the popup does. That runs the injected
 * content script (collect) in the page and refine in the background.
 */
const pages = loadCaptureFixtures();

test.describe('capture through the extension', () => {
  test('there are saved pages to capture', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
  });

  for (const fixture of pages) {
    test(`${fixture.name}: the expected people come back`, async ({ extension, sendMessage }) => {
      const page = await extension.openFixture(fixture.url, fixture.html);
      const tabId = await extension.tabIdOf(page);

      const result = await sendMessage('capture.tab', { tabId });
      if (!result.ok) throw new Error(`capture.tab failed: ${result.error.code}: ${result.error.message}`);
      const capture: Capture = result.data.capture;
      expect(capture.url).toBe(page.url());
      expect(result.data.matches).toHaveLength(capture.people.length);

      const names = capture.people.map((p) => p.name);
      for (const want of fixture.people) {
        const got = findPerson(want, capture.people);
        const label = JSON.stringify(want.name ?? want.emails ?? want.links);
        expect(got, `${label} not among ${JSON.stringify(names)}`).toBeDefined();
        if (want.name) expect(sameText(want.name, got!.name), `name of ${label}: got ${got!.name}`).toBe(true);
        for (const email of want.emails ?? []) {
          expect(got!.emails.map(normEmail), `emails of ${label}`).toContain(normEmail(email));
        }
        for (const link of want.links ?? []) {
          expect(got!.links.map(normLink), `links of ${label}`).toContain(normLink(link));
        }
      }
      if (fixture.email?.subject) {
        expect(sameText(fixture.email.subject, capture.email?.subject), `subject: ${capture.email?.subject}`).toBe(true);
      }
      if (fixture.campaign?.name) {
        expect(sameText(fixture.campaign.name, capture.campaign?.name), `campaign: ${capture.campaign?.name}`).toBe(true);
      }
    });
  }

  // issue 7 class 1 / issue 8 item 3: a followed person's or a namesake's link must never become the owner's
  for (const name of ['linkedin-profile-interests', 'linkedin-profile-2016']) {
    test(`${name}: the profile's owner only, with the owner's own links as identity`, async ({ extension, sendMessage }) => {
      const fixture = loadCaptureFixtures('tests/fixtures/capture-extra').find((f) => f.name === name)!;
      const page = await extension.openFixture(fixture.url, fixture.html);
      const result = await sendMessage('capture.tab', { tabId: await extension.tabIdOf(page) });
      if (!result.ok) throw new Error(`capture.tab failed: ${result.error.code}: ${result.error.message}`);
      const people = result.data.capture.people;
      expect(people.map((p) => p.name)).toEqual([fixture.people[0]!.name]);
      const want = (fixture.people[0]!.links ?? []).map(normLink).sort();
      expect(people[0]!.links.map(normLink).sort()).toEqual(want);
      expect((people[0]!.ownLinks ?? []).map(normLink)).toContain(want[0]);
    });
  }

  test('a page with nobody on it captures nobody, and a non-web tab gets a readable error', async ({ extension, sendMessage }) => {
    const page = await extension.openFixture('https://quiet.example.org/', 'tests/e2e/support/blank.html');
    const empty = await sendMessage('capture.tab', { tabId: await extension.tabIdOf(page) });
    expect(empty.ok && empty.data.capture.people).toEqual([]);

    const settings = await extension.extPage('options.html');
    const refused = await sendMessage('capture.tab', { tabId: await extension.tabIdOf(settings) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'capture', message: expect.stringMatching(/\w{3,}/) } });
  });
});
