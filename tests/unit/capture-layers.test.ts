import { describe, expect, it } from 'vitest';
import { collect } from '../../utils/capture/collect';
import { refine } from '../../utils/capture/refine';
import { parseJsonLd } from '../../utils/capture/layers/schema';
import { parseRoleLine } from '../../utils/capture/layers/text';
import type { SiteExtractor } from '../../utils/capture/types';
import { captureHtml, collectGeneric, docOf, page } from './capture-helpers';

/** Each generic layer on a small page written for it, through the whole pipeline (collect → refine). */

describe('collect', () => {
  it('splits text into blocks at headings and card containers, with the links inside', () => {
    const c = collectGeneric(page(`<h1>Team</h1><p>Intro text.</p>
      <article class="card"><h3>Ana Souza</h3><p>CTO</p><a href="mailto:ana@lumen.test">mail</a></article>
      <footer>© Lumen <a href="tel:+15551234567">call</a></footer>`));
    const blocks = c.raw.textBlocks;
    const ana = blocks.find((b) => b.heading === 'Ana Souza')!;
    expect(ana).toMatchObject({ text: 'Ana Souza\nCTO\nmail', card: true, links: ['mailto:ana@lumen.test'] });
    expect(blocks.find((b) => b.hint === 'footer')?.links).toEqual(['tel:+15551234567']);
    expect(blocks.find((b) => b.heading === 'Team')?.text).toBe('Team\nIntro text.');
  });

  it('returns plain data that survives structured cloning', () => {
    const c = collectGeneric(page('<div class="h-card"><span class="p-name">Ana Souza</span></div><div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ana</span></div>'));
    expect(structuredClone(c)).toEqual(c);
    expect(c.raw.hcards).toHaveLength(1);
    expect(c.raw.items?.[0]).toMatchObject({ syntax: 'microdata', types: ['https://schema.org/Person'], props: { name: ['Ana'] } });
  });
});

describe('JSON-LD', () => {
  it('reads ProfilePage.mainEntity as the page’s primary person', () => {
    const ld = {
      '@context': 'https://schema.org', '@type': 'ProfilePage',
      mainEntity: { '@type': 'Person', name: 'Kai Berg', jobTitle: 'Staff Engineer', worksFor: { '@type': 'Organization', name: 'Fjord AB' }, homeLocation: { '@type': 'Place', name: 'Oslo' }, sameAs: ['https://twitter.com/KaiBerg'] },
    };
    const c = captureHtml(page('', `<script type="application/ld+json">${JSON.stringify(ld)}</script>`), 'https://kai.test/');
    expect(c.pageKind).toBe('profile');
    expect(c.people).toHaveLength(1);
    expect(c.people[0]).toMatchObject({ name: 'Kai Berg', jobTitle: 'Staff Engineer', company: 'Fjord AB', location: 'Oslo', links: ['https://x.com/kaiberg'], role: 'profile' });
  });

  it('reads an organisation’s employees and founders, and an article’s authors, but not people merely named', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Organization', '@id': '#org', name: 'Quillwork', url: 'https://quillwork.test', founder: { '@type': 'Person', name: 'Iris Vale', colleague: { '@type': 'Person', name: 'Not Captured' } } },
        { '@type': 'NewsArticle', headline: 'x', author: [{ '@type': 'Person', name: 'Tom Reyes', url: 'https://quillwork.test/tom' }], mentions: { '@type': 'Person', name: 'Mentioned Person' } },
      ],
    };
    const c = captureHtml(page('', `<script type="application/ld+json">${JSON.stringify(ld)}</script>`), 'https://quillwork.test/news/1');
    expect(c.people.map((p) => [p.name, p.company, p.role])).toEqual([
      ['Iris Vale', 'Quillwork', undefined],
      ['Tom Reyes', undefined, 'author'], // a byline on the site does not make the writer staff
    ]);
    expect(c.organization?.name).toBe('Quillwork');
  });

  it('forgives HTML comments, CDATA and raw newlines; a broken block is a warning', () => {
    expect(parseJsonLd('<!-- {"@type":"Person","name":"A B"} -->')).toEqual([{ '@type': 'Person', name: 'A B' }]);
    expect(parseJsonLd('{"@type":"Person","name":"Line\none"}')).toHaveLength(1);
    const c = captureHtml(page('', '<script type="application/ld+json">{ not json</script>'));
    expect(c.warnings?.some((w) => /JSON-LD/.test(w))).toBe(true);
  });
});

describe('microdata and RDFa', () => {
  it('read nested items and ignore the colleagues a person links to', () => {
    const c = captureHtml(page(`<div itemscope itemtype="http://schema.org/Person"><span itemprop="name">Lea Brandt</span>
      <span itemprop="jobTitle">Data Lead</span><div itemprop="worksFor" itemscope itemtype="http://schema.org/Organization"><span itemprop="name">Kieler Daten</span></div>
      <a itemprop="colleague" href="/bob">Bob</a><meta itemprop="telephone" content="+49 431 1234567"></div>`));
    expect(c.people).toHaveLength(1);
    expect(c.people[0]).toMatchObject({ name: 'Lea Brandt', jobTitle: 'Data Lead', company: 'Kieler Daten', phones: ['+494311234567'] });
  });
});

describe('h-card', () => {
  it('turns person h-cards into people and organisation h-cards into the organisation', () => {
    const c = captureHtml(page(`<div class="h-card"><a class="p-name u-url" href="https://orla.test">Orla Finn</a> <span class="p-job-title">Editor</span>
      <span class="p-org h-card"><a class="p-name u-url" href="https://paper.test">The Paper</a></span></div>
      <div class="h-card"><span class="p-name p-org">The Paper</span><a class="u-email" href="mailto:desk@paper.test">desk</a></div>`), 'https://paper.test/staff');
    expect(c.people).toHaveLength(1);
    expect(c.people[0]).toMatchObject({ name: 'Orla Finn', jobTitle: 'Editor', company: 'The Paper', links: ['https://orla.test'] });
  });
});

describe('meta', () => {
  it('reads an Open Graph profile', () => {
    const c = captureHtml(page('', `<meta property="og:type" content="profile"><meta property="profile:first_name" content="Rui"><meta property="profile:last_name" content="Costa"><meta property="og:url" content="https://social.test/rui">`));
    expect(c.people[0]).toMatchObject({ name: 'Rui Costa', firstName: 'Rui', lastName: 'Costa', links: ['https://social.test/rui'], role: 'profile' });
    expect(c.pageKind).toBe('profile');
  });
});

describe('signatures', () => {
  it('read name, title, company, phones and site under a sign-off, and stop at the legal footer', () => {
    const c = captureHtml(page(`<div><p>Hallo Alex,</p><p>anbei das Angebot.</p><p>Mit freundlichen Grüßen</p>
      <p>Katrin Vogel<br>Leiterin Einkauf | Nordlicht Logistik GmbH<br>Tel.: +49 40 123456-78<br>Mobil: 0170 1234567<br><a href="https://www.nordlicht.test">www.nordlicht.test</a></p>
      <p>Nordlicht Logistik GmbH · Amtsgericht Hamburg HRB 98765 · Geschäftsführer: Peter Brandt</p></div>`), 'https://mail.test/x');
    expect(c.people).toHaveLength(1);
    expect(c.people[0]).toMatchObject({
      name: 'Katrin Vogel', jobTitle: 'Leiterin Einkauf', company: 'Nordlicht Logistik GmbH',
      phones: ['+494012345678', '+491701234567'], links: ['https://www.nordlicht.test'], role: 'sender',
    });
  });
});

describe('bylines and contact blocks', () => {
  it('read "By Name, Title at Company" and media contacts', () => {
    const c = captureHtml(page(`<article><h1>Acme raises Series B</h1><p class="byline">By Dana Whitfield, Senior Reporter at The Ledger</p>
      <p>Body text.</p><p>Media contact:<br>Marco Bellini<br>Head of Communications, Acme Robotics<br>marco.bellini@acmerobotics.test<br>+1 617 555 0199</p></article>`), 'https://theledger.test/news/acme');
    const byName = Object.fromEntries(c.people.map((p) => [p.name, p]));
    expect(byName['Dana Whitfield']).toMatchObject({ jobTitle: 'Senior Reporter', company: 'The Ledger', role: 'author' });
    expect(byName['Marco Bellini']).toMatchObject({ jobTitle: 'Head of Communications', company: 'Acme Robotics', emails: ['marco.bellini@acmerobotics.test'], phones: ['+16175550199'], role: 'contact' });
  });

  it('parse role lines', () => {
    expect(parseRoleLine('Chief Revenue Officer at Clairvoy')).toEqual({ jobTitle: 'Chief Revenue Officer', company: 'Clairvoy' });
    expect(parseRoleLine('Head of Procurement | BrightPath GmbH')).toEqual({ jobTitle: 'Head of Procurement', company: 'BrightPath GmbH' });
    expect(parseRoleLine('Senior Account Executive, Trade Sales')).toEqual({ jobTitle: 'Senior Account Executive' });
    expect(parseRoleLine('VP, Sales')).toEqual({ jobTitle: 'VP, Sales' });
    expect(parseRoleLine('Director of Demand Generation, Tallybird')).toEqual({ jobTitle: 'Director of Demand Generation', company: 'Tallybird' });
    expect(parseRoleLine('Fernwood Bio · 1 Kendall Sq, Cambridge, MA 02139')).toEqual({ company: 'Fernwood Bio' });
  });
});

describe('merge', () => {
  it('joins what layers say about one person, with provenance; the site layer wins ties', () => {
    const html = page(`<article class="card"><h3>Ines Duarte</h3><p>Product Lead</p><a href="mailto:ines@tidal.test">mail</a><a href="https://www.linkedin.com/in/inesduarte/">in</a></article>`,
      `<script type="application/ld+json">${JSON.stringify({ '@type': 'Person', name: 'Inês Duarte', jobTitle: 'Head of Product', sameAs: 'https://linkedin.com/in/InesDuarte' })}</script>`);
    const site: SiteExtractor = {
      id: 'tidal', patterns: [], matches: () => true,
      collect: () => ({ pageKind: 'profile', people: [{ layer: 'tidal', name: 'Inês Duarte', jobTitle: 'VP Product', emails: ['INES@tidal.test'], primary: true }] }),
    };
    const c = refine(collect(docOf(html, 'https://tidal.test/team'), 'https://tidal.test/team', { site }));
    expect(c.people).toHaveLength(1);
    expect(c.people[0]).toMatchObject({
      name: 'Inês Duarte', jobTitle: 'VP Product', emails: ['ines@tidal.test'], links: ['https://www.linkedin.com/in/inesduarte'],
      sources: { name: 'tidal', jobTitle: 'tidal', emails: 'tidal', links: 'jsonld' },
    });
  });

  it('keeps different people apart', () => {
    const c = captureHtml(page(`<article class="card"><h3>Ana Lima</h3><p>CEO</p></article><article class="card"><h3>Ana Lopes</h3><p>CFO</p></article>`));
    expect(c.people.map((p) => p.name)).toEqual(['Ana Lima', 'Ana Lopes']);
  });
});

describe('directories and running text', () => {
  it('a staff table: one person per row, a number alone in its cell is a phone', () => {
    const c = captureHtml(page(`<table><tr><th>Name</th><th>Title</th><th>Email</th><th>Phone</th></tr>
      <tr><td>Ana Lima</td><td>Registrar</td><td><a href="mailto:alima@college.edu">alima@college.edu</a></td><td>(555) 201-3344</td></tr>
      <tr><td>Ben Okafor</td><td>Director of Admissions</td><td>bokafor@college.edu</td><td>(555) 201-3345</td></tr></table>`, '<title>Staff - Riverside College</title>'), 'https://www.college.edu/about/staff');
    expect(c.people.map((p) => [p.name, p.jobTitle, p.emails[0], p.phones[0]?.replace(/\D/g, '').slice(-10), p.company])).toEqual([
      ['Ana Lima', 'Registrar', 'alima@college.edu', '5552013344', 'Riverside College'],
      ['Ben Okafor', 'Director of Admissions', 'bokafor@college.edu', '5552013345', 'Riverside College'],
    ]);
  });

  it('inline elements with nothing between them are separate lines (CSS lays them out apart)', () => {
    const c = captureHtml(page(`<ul class="team"><li><strong>Ana Lima</strong><span>Chief Executive Officer</span><a href="https://linkedin.com/in/analima">LinkedIn</a></li>
      <li><strong>Ben Okafor</strong><span>Chief Technology Officer</span></li></ul>`), 'https://tidewater.io/about');
    expect(c.people.map((p) => [p.name, p.jobTitle])).toEqual([['Ana Lima', 'Chief Executive Officer'], ['Ben Okafor', 'Chief Technology Officer']]);
    expect(c.people[0]!.links).toEqual(['https://www.linkedin.com/in/analima']);
  });

  it('an address in a sentence belongs to the name it spells, with the title and phone of that sentence', () => {
    const c = captureHtml(page(`<p>For partnerships, contact Maria Gonzalez, Partnerships Manager, at mgonzalez@tidewater.io or +34 91 123 45 67.</p>`), 'https://tidewater.io/contact');
    expect(c.people).toHaveLength(1);
    expect(c.people[0]).toMatchObject({ name: 'Maria Gonzalez', jobTitle: 'Partnerships Manager', emails: ['mgonzalez@tidewater.io'], phones: ['+34911234567'] });
  });

  it('an address whose owner is not named stays unattributed', () => {
    const c = captureHtml(page(`<p>Questions? Ask Maria Gonzalez or write to k.tanaka@tidewater.io.</p>`), 'https://tidewater.io/contact');
    expect(c.people).toEqual([]);
  });

  it('a role in an author bio; photo credits are not people', () => {
    const c = captureHtml(page(`<article><p>Posted on November 3, 2026 by Dana Whitfield · 6 min read</p><p>Photo by Ansel Adams on Unsplash</p>
      <div class="author-box"><h4>Dana Whitfield</h4><p>Dana is VP of Marketing at Ledgerly. Follow her on <a href="https://twitter.com/danawhit">Twitter</a>.</p></div></article>`), 'https://blog.ledgerly.io/post');
    expect(c.people).toHaveLength(1);
    expect(c.people[0]).toMatchObject({ name: 'Dana Whitfield', jobTitle: 'VP of Marketing', company: 'Ledgerly', links: ['https://x.com/danawhit'], role: 'author' });
  });

  it('an event’s performers from JSON-LD', () => {
    const ld = { '@context': 'https://schema.org', '@type': 'Event', name: 'RevOps Live', performer: [{ '@type': 'Person', name: 'Zoe Park', jobTitle: 'CMO', worksFor: 'Brightline' }] };
    const c = captureHtml(page('', `<script type="application/ld+json">${JSON.stringify(ld)}</script>`), 'https://revops.live/2026');
    expect(c.people.map((p) => [p.name, p.jobTitle, p.company])).toEqual([['Zoe Park', 'CMO', 'Brightline']]);
  });
});

describe('JSON-LD people given by name only', () => {
  it('an author or founder written as a plain string is a person when it looks like a name', () => {
    const ld = { '@context': 'https://schema.org', '@type': 'BlogPosting', headline: 'x', author: 'Noor Haddad', publisher: { '@type': 'Organization', name: 'Cedarline', founder: ['Lena Brandt', 'Cedarline Team'] } };
    const c = captureHtml(page('', `<script type="application/ld+json">${JSON.stringify(ld)}</script>`), 'https://cedarline.test/blog/x');
    expect(c.people.map((p) => [p.name, p.role])).toEqual([['Noor Haddad', 'author']]);
  });
});

describe('signature delimiter', () => {
  it('a marked signature block that starts with "--" is read past the delimiter', () => {
    const c = captureHtml(page(`<div class="gmail_signature"><div dir="ltr">--<br>Nora Lind<br>Finance Manager, Vertex Manufacturing<br>Direct: +1 312 555 0191<br>1200 W Fulton Market, Chicago, IL 60607</div></div>`), 'https://mail.test/x');
    expect(c.people[0]).toMatchObject({ name: 'Nora Lind', jobTitle: 'Finance Manager', company: 'Vertex Manufacturing', phones: ['+13125550191'] });
  });
});
