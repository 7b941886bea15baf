import { describe, expect, it } from 'vitest';
import { githubProfile } from '../../utils/capture/sites/github-profile';
import { xProfile } from '../../utils/capture/sites/x-profile';
import { emailsInBio } from '../../utils/capture/sites/dom';
import { byText, extract, isExcluded, loadHtml } from './sites-load';

const SHARED = 'tests/fixtures/capture';

describe('github-profile', () => {
  it('reads the vcard by its itemprops and knows the viewer', () => {
    const { result, doc } = extract(`${SHARED}/github-profile.html`, 'https://github.com/tokafor');
    expect(result.people).toHaveLength(1);
    expect(result.people[0]).toMatchObject({
      name: 'Tomás Okafor',
      company: '@lumen-labs',
      location: 'Lagos, Nigeria',
      emails: ['tomas@lumenlabs.dev'],
      links: ['https://github.com/tokafor', 'https://tomas.dev/', 'https://twitter.com/tomasokafor', 'https://www.linkedin.com/in/tomasokafor'],
      primary: true,
    });
    expect(result.viewer).toEqual({ links: ['https://github.com/alexm'] });
    // sponsors and the pinned repository's security contact are not the profile's person
    expect(isExcluded(result, doc.querySelector('a[href="/priyak"]'))).toBe(true);
    expect(isExcluded(result, doc.querySelector('.pinned-item-desc'))).toBe(true);
  });

  it('reads an organization profile as the organization', () => {
    const { result } = extract('tests/fixtures/sites/github-org.html', 'https://github.com/lumen-labs');
    expect(result.pageKind).toBe('company');
    expect(result.people).toEqual([]);
    expect(result.organization).toMatchObject({ name: 'Lumen Labs', domain: 'lumenlabs.dev', emails: ['hello@lumenlabs.dev'] });
  });

  it('falls back to the login when no display name is set', () => {
    const html = `<main><div class="h-card" itemscope itemtype="http://schema.org/Person"><h1><span class="p-nickname vcard-username" itemprop="additionalName">quietdev</span></h1>
      <div class="user-profile-bio" data-bio-text="Infra. Mail me: quiet (at) dev (dot) example"></div>
      <ul><li itemprop="url"><a href="https://quiet.example">quiet.example</a></li></ul></div></main>`;
    const r = githubProfile.collect(loadHtml(html, 'https://github.com/quietdev'), new URL('https://github.com/quietdev'));
    expect(r?.people[0]).toMatchObject({ name: 'quietdev', emails: ['quiet@dev.example'], links: ['https://github.com/quietdev', 'https://quiet.example/'] });
  });
});

describe('x-profile', () => {
  it('reads the real saved profile: name, location, the displayed website behind t.co', () => {
    const { result, doc } = extract(`${SHARED}/x-profile.html`, 'https://x.com/Kikobeats');
    expect(result.people).toHaveLength(1);
    expect(result.people[0]).toMatchObject({ name: 'Kiko Beats', location: 'PORT_ALREADY_USED', links: ['https://x.com/Kikobeats', 'https://kikobeats.com/'] });
    // the timeline (a retweet of someone else) is excluded
    const rauchg = doc.querySelector('[data-testid="UserAvatar-Container-rauchg"]');
    expect(rauchg).not.toBeNull();
    expect(isExcluded(result, rauchg)).toBe(true);
  });

  it('knows the signed-in viewer and keeps them, "Who to follow" and reposts out', () => {
    const { result, doc } = extract('tests/fixtures/sites/x-profile-loggedin.html', 'https://x.com/benosei');
    expect(result.people).toEqual([
      expect.objectContaining({ name: 'Benjamin Osei', location: 'Accra, Ghana', emails: ['ben@tallybird.example'], links: ['https://x.com/benosei', 'https://benosei.example/'] }),
    ]);
    expect(result.viewer).toEqual({ name: 'Alex Morgan', links: ['https://x.com/alexmorgan'] });
    expect(isExcluded(result, byText(doc, 'span', 'Kwame Mensah'))).toBe(true);
    expect(isExcluded(result, byText(doc, 'span', 'Inès Moreau'))).toBe(true);
  });

  it('uses the page title when the header has not rendered', () => {
    const doc = loadHtml('<html><head><title>Ada Lovelace (@ada) / X</title></head><body></body></html>', 'https://x.com/ada');
    expect(xProfile.collect(doc, new URL('https://x.com/ada'))?.people[0]).toMatchObject({ name: 'Ada Lovelace', links: ['https://x.com/ada'] });
  });

  it('reads bracketed obfuscations in bios, and not prose', () => {
    expect(emailsInBio('mail: ben [at] tallybird [dot] example, or b(at)x(dot)io')).toEqual(['ben@tallybird.example', 'b@x.io']);
    expect(emailsInBio('I work at Acme dot com as a dev')).toEqual([]);
  });
});

describe('x-profile website', () => {
  it('drops a truncated display rather than keep the t.co redirect', () => {
    const html = `<div data-testid="UserName"><div dir="ltr"><span>Ada L</span></div><div dir="ltr"><span>@adal</span></div></div>
      <div data-testid="UserProfileHeader_Items"><a data-testid="UserUrl" href="https://t.co/abc"><span>ada.example/a/very/long/pa…</span></a></div>`;
    const r = xProfile.collect(loadHtml(html, 'https://x.com/adal'), new URL('https://x.com/adal'));
    expect(r?.people[0]?.links).toEqual(['https://x.com/adal']);
  });
});
