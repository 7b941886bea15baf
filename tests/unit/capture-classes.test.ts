import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collect } from '../../utils/capture/collect';
import { refine } from '../../utils/capture/refine';
import { findEmails } from '../../utils/capture/normalize/email';
import { canonicalLink } from '../../utils/capture/normalize/link';
import { looksLikePersonName } from '../../utils/capture/normalize/name';
import { parseRoleLine } from '../../utils/capture/layers/text';
import type { Capture } from '../../utils/model/capture';
import type { SiteExtractor } from '../../utils/capture/types';
import { generateDirectoryPage } from '../../scripts/bench/large-page';
import { captureHtml, docOf, page } from './capture-helpers';

/**
 * Failure classes found on held-back pages (profiles, threads, signatures, obfuscations, team cards, site brands),
 * each tested on pages other than the fixtures in tests/fixtures/capture-extra.
 */

const EXTRA = 'tests/fixtures/capture-extra';

function captureFixture(name: string): Capture {
  const { url } = JSON.parse(readFileSync(`${EXTRA}/${name}.json`, 'utf8')) as { url: string };
  const html = readFileSync(`${EXTRA}/${name}.html`, 'utf8');
  return refine(collect(docOf(html, url), url));
}

/** A stand-in site extractor: what a site layer says, on a site's URL, with the page's generic layers beside it. */
function fakeSite(result: ReturnType<SiteExtractor['collect']>): SiteExtractor {
  return { id: 'fake', patterns: [], matches: () => true, collect: () => result };
}

describe('1. profile pages: unattributed contact data is the owner’s', () => {
  it('gives a README address to the GitHub profile owner, and makes no person of "I’m Mei"', () => {
    const c = captureFixture('github-readme-contact');
    expect(c.people.map((p) => p.name)).toEqual(['Mei Hartley']);
    expect(c.people[0]!.emails).toEqual(['mei@meihartley.example']);
  });

  it('on a generic ProfilePage, an address in the bio goes to the page’s subject; a colleague named beside theirs stays apart', () => {
    const html = page(
      `<main><h1>Dana Okoro</h1>
       <p>Hey there, I'm Dana — write to dana [at] okoro-studio [dot] io for commissions.</p>
       <p>Prints are handled by my partner Jordan Blake (jordan.blake@okoro-studio.io).</p></main>`,
      `<script type="application/ld+json">{"@context":"https://schema.org","@type":"ProfilePage","mainEntity":{"@type":"Person","name":"Dana Okoro","jobTitle":"Illustrator"}}</script>`,
    );
    const c = captureHtml(html, 'https://okoro-studio.io/about');
    const dana = c.people.find((p) => p.name === 'Dana Okoro');
    expect(dana?.emails).toEqual(['dana@okoro-studio.io']);
    expect(c.people.find((p) => p.name === 'Jordan Blake')?.emails).toEqual(['jordan.blake@okoro-studio.io']);
    expect(c.people.map((p) => p.name)).not.toContain("I'm Dana");
  });

  it('on a generic profile page, the site footer’s address is not the owner’s', () => {
    const html = page(
      `<main><h1>Dana Okoro</h1><p>Illustrator in Lagos.</p></main><footer><p>Questions about this site: web.team@pressbook.io</p></footer>`,
      `<script type="application/ld+json">{"@context":"https://schema.org","@type":"ProfilePage","mainEntity":{"@type":"Person","name":"Dana Okoro"}}</script>`,
    );
    const c = captureHtml(html, 'https://pressbook.io/people/dana-okoro');
    expect(c.people.find((p) => p.name === 'Dana Okoro')?.emails ?? []).toEqual([]);
  });

  it('a GitHub owner known only by login still gets the README address written under their spelled-out name', () => {
    const url = 'https://github.com/meihartley';
    const html = readFileSync(`${EXTRA}/github-readme-contact.html`, 'utf8')
      .replace(/<span class="p-name vcard-fullname" itemprop="name">Mei Hartley<\/span>/, '')
      .replace("Hi, I'm Mei 👋 — reach me at mei [at] meihartley [dot] example", "I'm Mei Hartley, mei.hartley (at) meihartley (dot) example");
    const c = refine(collect(docOf(html, url), url));
    expect(c.people).toHaveLength(1);
    expect(c.people[0]!.emails).toEqual(['mei.hartley@meihartley.example']);
  });

  it('greetings and contractions are never names', () => {
    for (const s of ["I'm Mei", 'I’m Mei', "It's Jo", 'Hi Mei', 'Hey Mei', 'Hello World', 'Welcome Friends', 'Hallo Zusammen']) {
      expect(looksLikePersonName(s), s).toBe(false);
    }
    for (const s of ['Mei Hartley', "Siobhán O'Neil", 'Jean-Luc Picard']) expect(looksLikePersonName(s), s).toBe(true);
  });
});

describe('2. links come from hrefs; a bare domain in text is https://<domain>', () => {
  it('never resolves a bare domain against the page', () => {
    expect(canonicalLink('meihartley.example', 'https://github.com/meihartley')?.url).toBe('https://meihartley.example');
    expect(canonicalLink('www.acme.co.uk/team', 'https://x.com/acme')?.url).toBe('https://www.acme.co.uk/team');
    // real relative paths still resolve
    expect(canonicalLink('/about', 'https://acme.example/x')?.url).toBe('https://acme.example/about');
    expect(canonicalLink('team.html', 'https://acme.example/x/')?.url).toBe('https://acme.example/x/team.html');
  });

  it('the GitHub website shown as text yields one link, not github.com/<domain>', () => {
    const links = captureFixture('github-readme-contact').people[0]!.links;
    expect(links).toContain('https://meihartley.example');
    expect(links.some((l) => l.startsWith('https://github.com/meihartley.'))).toBe(false);
  });
});

describe('2b. an href written without its scheme is a host, not a path under the page', () => {
  it('GitHub website href="meihartley.example" gives https://meihartley.example only', () => {
    const url = 'https://github.com/meihartley';
    const html = readFileSync(`${EXTRA}/github-readme-contact.html`, 'utf8').replace('href="http://meihartley.example/"', 'href="meihartley.example"');
    const links = refine(collect(docOf(html, url), url)).people[0]!.links;
    expect(links).toEqual(['https://github.com/meihartley', 'https://meihartley.example']);
  });
});

describe('3. role mailboxes go to the organization, whatever the layer', () => {
  it('Gmail recipients "Sable Freight" <info@…> and a sales team are the organization, not people', () => {
    const c = captureFixture('gmail-role-cc-signature');
    expect(c.people.map((p) => p.name).sort()).toEqual(['Jonas Weber', 'Lena Kowalska']);
    expect(c.organization?.name).toBe('Sable Freight');
    expect(c.organization?.emails).toEqual(['info@sable-freight.example', 'sales@sable-freight.example']);
  });

  it('a site layer’s role-mailbox record is dropped; a person with a personal address keeps it', () => {
    const url = 'https://mail.example-client.test/thread/1';
    const site = fakeSite({
      pageKind: 'email',
      people: [
        { layer: 'fake', name: 'Support Team', emails: ['support@vendor.test'], role: 'recipient' },
        { layer: 'fake', name: 'Noor Haddad', emails: ['noor@vendor.test', 'billing@vendor.test'], role: 'sender' },
      ],
      email: { subject: 'Invoice' },
    });
    const c = refine(collect(docOf(page('<main><p>Hello</p></main>'), url), url, { site }));
    expect(c.people.map((p) => p.name)).toEqual(['Noor Haddad']);
    expect(c.people[0]!.emails).toEqual(['noor@vendor.test']);
    expect(c.organization?.emails).toEqual(['support@vendor.test', 'billing@vendor.test']);
  });

  it('a profile owner’s own address stays theirs even when its local part is a role word', () => {
    const url = 'https://profiles.test/jo';
    const site = fakeSite({
      pageKind: 'profile',
      people: [{ layer: 'fake', name: 'Jo Lindqvist', emails: ['hello@jolindqvist.test'], role: 'profile', primary: true }],
    });
    const c = refine(collect(docOf(page('<main><h1>Jo Lindqvist</h1></main>'), url), url, { site }));
    expect(c.people[0]?.emails).toEqual(['hello@jolindqvist.test']);
  });
});

describe('4. signatures', () => {
  it('reads a signature under the "-- " delimiter, with a website written as plain text', () => {
    const html = page(
      `<div class="message"><p>Hi Sam,<br>the samples ship on Monday.<br><br>Cheers,<br>Ada<br>-- <br>Ada Brennan<br>Head of Procurement, Tallow &amp; Reed<br>Mobile: +353 1 555 0142<br>www.tallowreed.ie<br></p></div>`,
    );
    const c = captureHtml(html, 'https://webmail.test/read/42');
    const ada = c.people.find((p) => p.name === 'Ada Brennan');
    expect(ada?.jobTitle).toBe('Head of Procurement');
    expect(ada?.phones).toEqual(['+35315550142']);
    expect(ada?.links).toEqual(['https://www.tallowreed.ie']);
  });

  it('reads a plain-text body (white-space: pre-wrap, <pre>): its newlines are lines, so "-- " opens the signature', () => {
    for (const body of [
      `<div style="white-space: pre-wrap">Hi Sam,\nthanks.\n\n-- \nJonas Weber\nKey Account Manager, Sable Freight\nT +49 40 5550 1234\nwww.sable-freight.de\n</div>`,
      `<pre>Hi Sam,\nthanks.\n\n-- \nJonas Weber\nKey Account Manager | Sable Freight\nT +49 40 5550 1234\nsable-freight.de\n</pre>`,
    ]) {
      const c = captureHtml(page(body, '', 'de'), 'https://webmail.test/read/7');
      const jonas = c.people.find((p) => p.name === 'Jonas Weber');
      expect(jonas?.jobTitle, body).toBe('Key Account Manager');
      expect(jonas?.phones).toEqual(['+494055501234']);
      expect(jonas?.links?.[0]).toMatch(/^https:\/\/(www\.)?sable-freight\.de$/);
    }
  });

  it('the Gmail signature under "-- " gives the sender’s plain-text website', () => {
    const jonas = captureFixture('gmail-role-cc-signature').people.find((p) => p.name === 'Jonas Weber');
    expect(jonas?.links).toEqual(['https://www.sable-freight.example']);
    expect(jonas?.phones).toEqual(['+494055501234']);
  });
});

describe('5. obfuscated addresses beyond English', () => {
  it.each([
    ['felix.braun (at) kranich-software (punkt) example', 'felix.braun@kranich-software.example'],
    ['anna (ät) beispiel-gmbh.de', 'anna@beispiel-gmbh.de'],
    ['ines.castillo [arroba] empresa [punto] es', 'ines.castillo@empresa.es'],
    ['marco {chiocciola} studio-rossi (punto) it', 'marco@studio-rossi.it'],
    ['E-Mail: ruben at kranich-software dot de', 'ruben@kranich-software.de'],
    ['kontakt(at)firma.at', 'kontakt@firma.at'],
    ['jean.dupont [at] societe (point) fr', 'jean.dupont@societe.fr'],
    ['anna.berg[@]nordlicht.se', 'anna.berg@nordlicht.se'],
    ['jonas@sable-freight(dot)de', 'jonas@sable-freight.de'],
    ['Email: jonas at sable-freight.de', 'jonas@sable-freight.de'],
  ])('%s', (text, want) => {
    expect(findEmails(text)).toEqual([want]);
  });

  it.each([
    'Come meet at the dot of nine at our office',
    'We meet at noon dot com startups every week.',
    'Look at this dot com thing',
    'Arrive at Punkt Café, Leipzig',
    'see you at acme.com',
    'Release v2.1 at github.com',
  ])('no address in prose: %s', (text) => {
    expect(findEmails(text)).toEqual([]);
  });
});

describe('6. team cards: a department after a title is not a company', () => {
  it('parses "Title, Team" as a title with no company', () => {
    expect(parseRoleLine('Chief Financial Officer, Finance')).toEqual({ jobTitle: 'Chief Financial Officer' });
    expect(parseRoleLine('Product Manager, Mobile Team').company).toBeUndefined();
    expect(parseRoleLine('Director of Sales, Tallybird Labs').company).toBe('Tallybird Labs');
  });

  it('everyone on the organisation’s team page works for it', () => {
    const c = captureFixture('team-cards-obfuscated');
    expect(c.people).toHaveLength(5);
    for (const p of c.people) expect(p.company, p.name).toBe('Kranich Software');
    expect(c.people.find((p) => p.name === 'Felix Braun')?.emails).toEqual(['felix.braun@kranich-software.example']);
  });

  it('an unknown team after the title ("Engineer, Payments") on the organisation’s page is not the company', () => {
    const card = (name: string, line: string, mail: string) =>
      `<div class="person-card"><h3>${name}</h3><p>${line}</p><p><a href="mailto:${mail}">${mail}</a></p></div>`;
    const html = page(
      `<main><h1>Unser Team</h1>${card('Lotte Amsel', 'Backend Engineer, Payments', 'lotte.amsel@amsel-pay.de')}` +
        `${card('Henrik Stahl', 'Advisor, Nordwerk GmbH', 'henrik@nordwerk.de')}</main>`,
      '<meta property="og:site_name" content="Amsel Pay">',
      'de',
    );
    const c = captureHtml(html, 'https://www.amsel-pay.de/ueber-uns');
    expect(c.people.find((p) => p.name === 'Lotte Amsel')?.company).toBe('Amsel Pay');
    expect(c.people.find((p) => p.name === 'Henrik Stahl')?.company).toBe('Nordwerk GmbH');
  });

  it('the bench’s generated directory still yields every person with the organisation as company', () => {
    const dir = generateDirectoryPage({ people: 50 });
    const c = refine(collect(docOf(dir.html, dir.url), dir.url));
    expect(c.people).toHaveLength(50);
    for (const want of dir.people) {
      const got = c.people.find((p) => p.name === want.name);
      expect(got?.company, want.name).toBe('Northwind Analytics');
      expect(got?.emails).toContain(want.email);
    }
  });
});

describe('7. a site’s own brand and host are not the page’s organization', () => {
  const head =
    `<meta property="og:site_name" content="Profilia">` +
    `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Profilia","url":"https://profilia.test"}</script>`;

  it('a profile with no site organization has no organization named like the site', () => {
    const url = 'https://profilia.test/u/kim';
    const site = fakeSite({ pageKind: 'profile', people: [{ layer: 'fake', name: 'Kim Sørensen', role: 'profile', primary: true, links: [url] }] });
    const c = refine(collect(docOf(page('<main><h1>Kim Sørensen</h1></main>', head), url), url, { site }));
    expect(c.organization).toBeUndefined();
  });

  it('an employer known only by its page on the site gets no domain from the site’s host', () => {
    const url = 'https://profilia.test/u/kim';
    const site = fakeSite({
      pageKind: 'profile',
      people: [{ layer: 'fake', name: 'Kim Sørensen', company: 'Fjord Data', role: 'profile', primary: true }],
      organization: { layer: 'fake', name: 'Fjord Data', links: ['https://profilia.test/company/fjord-data'] },
    });
    const c = refine(collect(docOf(page('<main><h1>Kim Sørensen</h1></main>', head), url), url, { site }));
    expect(c.organization?.name).toBe('Fjord Data');
    expect(c.organization?.domain).toBeUndefined();
  });

  it('the GitHub profile fixture has no GitHub organization', () => {
    expect(captureFixture('github-readme-contact').organization?.name).not.toMatch(/github/i);
  });
});
