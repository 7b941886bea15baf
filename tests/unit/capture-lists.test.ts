import { describe, expect, it } from 'vitest';
import { captureHtml, page } from './capture-helpers';
import { personNameOf } from '../../utils/capture/normalize/person';

/** Issue 7, failure class 2: people in repeated structures (tables, grids, cards, definition lists), each as a small page. */

const URL_ = 'https://www.northfield-township.org/about/staff';
const rows = (c: ReturnType<typeof captureHtml>) => c.people.map((p) => [p.name, p.jobTitle ?? null]).sort();

describe('people in repeated structures', () => {
  it('reads a two-column staff table of name | title (a title naming a department is still a title)', () => {
    const c = captureHtml(page(`<h2>Township Staff</h2><table><tr><th>Name</th><th>Title</th></tr>
      <tr><td>Margaret Olsen</td><td>Township Clerk</td></tr>
      <tr><td>David Kowalski</td><td>Public Works Director</td></tr>
      <tr><td>Susan Whitfield</td><td>Treasurer</td></tr></table>`), URL_);
    expect(rows(c)).toEqual([['David Kowalski', 'Public Works Director'], ['Margaret Olsen', 'Township Clerk'], ['Susan Whitfield', 'Treasurer']]);
  });

  it('reads name | title | phone | email rows, each contact with its own row', () => {
    const row = (n: string, t: string, ph: string, e: string) =>
      `<tr><td>${n}</td><td>${t}</td><td>${ph}</td><td><a href="mailto:${e}">Email</a></td></tr>`;
    const c = captureHtml(page(`<table><thead><tr><th>Name</th><th>Title</th><th>Phone</th><th>Email</th></tr></thead><tbody>
      ${row('Margaret Olsen', 'Township Clerk', '(734) 555-0142', 'molsen@northfield-township.org')}
      ${row('David Kowalski', 'Public Works Director', '(734) 555-0150', 'dkowalski@northfield-township.org')}</tbody></table>`), URL_);
    const david = c.people.find((p) => p.name === 'David Kowalski');
    expect(david?.jobTitle).toBe('Public Works Director');
    expect(david?.phones).toEqual(['+17345550150']);
    expect(david?.emails).toEqual(['dkowalski@northfield-township.org']);
    expect(c.people.find((p) => p.name === 'Margaret Olsen')?.phones).toEqual(['+17345550142']);
  });

  it('reads every column of a two-column card grid', () => {
    const card = (n: string, t: string) => `<div class="col-md-6"><img src="p.jpg" alt=""><h3>${n}</h3><p>${t}</p></div>`;
    const c = captureHtml(page(`<h2>Our Team</h2><div class="row">${card('Margaret Olsen', 'Chief Executive Officer')}${card('David Kowalski', 'Chief Financial Officer')}</div>
      <div class="row">${card('Susan Whitfield', 'VP of Sales')}${card('Ravi Shankar', 'Head of Engineering')}</div>`), URL_);
    expect(c.people).toHaveLength(4);
    expect(c.people.find((p) => p.name === 'Ravi Shankar')?.jobTitle).toBe('Head of Engineering');
  });

  it('takes a name from a card photo’s alt text when the card writes only the role, and no alt text without one', () => {
    const card = (n: string, t: string) => `<div class="member"><img src="m.jpg" alt="${n}"><p>${t}</p></div>`;
    const c = captureHtml(page(`<h2>Leadership</h2><div class="team">${card('Margaret Olsen', 'Chief Executive Officer')}${card('Photo of David Kowalski', 'Chief Financial Officer')}</div>
      <div><img src="lib.jpg" alt="Harold Washington Library Center"><p>400 S. State Street, Chicago, IL 60605</p><p>(312) 747-4300</p></div>`), URL_);
    expect(rows(c)).toEqual([['David Kowalski', 'Chief Financial Officer'], ['Margaret Olsen', 'Chief Executive Officer']]);
  });

  it('reads names written in capitals with the title in the next element, and keeps them as people write them', () => {
    const c = captureHtml(page(`<h2>Meet the Staff</h2>` + [['MARGARET OLSEN', 'Office Manager'], ['DAVID KOWALSKI', 'Lead Technician'], ['JOHN MCDONALD', 'Service Advisor']]
      .map(([n, t]) => `<div><h4>${n}</h4><p>${t}</p></div>`).join('') + `<h3>WOOD FLOORING</h3><p>Call (212) 334-5100 or email estimates@northfield-township.org</p>
      <p>Your agreement price cannot be raised during the effective dates, and we charge by the job, not by the hour, so you save.</p><h3>PRICE PROTECTION</h3>`), URL_);
    expect(rows(c)).toEqual([['David Kowalski', 'Lead Technician'], ['John McDonald', 'Service Advisor'], ['Margaret Olsen', 'Office Manager']]);
  });

  it('reads "Name, Title" headings with the details in the next element', () => {
    const c = captureHtml(page(`<h2>Executive Team</h2>
      <h3>Margaret Olsen, Chief Executive Officer</h3><p>Margaret founded the company in 2004 after twenty years in logistics and leads its strategy.</p>
      <h3>David Kowalski, Chief Financial Officer</h3><p>David joined in 2010 from a regional bank, where he ran treasury.</p>`), URL_);
    expect(rows(c)).toEqual([['David Kowalski', 'Chief Financial Officer'], ['Margaret Olsen', 'Chief Executive Officer']]);
  });

  it('reads definition lists of name → title and title → name', () => {
    const a = captureHtml(page(`<h2>Board of Directors</h2><dl><dt>Margaret Olsen</dt><dd>President</dd><dt>David Kowalski</dt><dd>Vice President</dd><dt>Ravi Shankar</dt><dd>Treasurer</dd></dl>`), URL_);
    expect(rows(a)).toEqual([['David Kowalski', 'Vice President'], ['Margaret Olsen', 'President'], ['Ravi Shankar', 'Treasurer']]);
    const b = captureHtml(page(`<dl><dt>President</dt><dd>Margaret Olsen</dd><dt>Vice President</dt><dd>David Kowalski</dd><dt>Treasurer</dt><dd>Ravi Shankar</dd></dl>`), URL_);
    expect(rows(b)).toEqual([['David Kowalski', 'Vice President'], ['Margaret Olsen', 'President'], ['Ravi Shankar', 'Treasurer']]);
  });

  it('reads a town hall list where the title under a name is itself name-shaped ("Town Clerk")', () => {
    const c = captureHtml(page(`<h2>Town Hall Staff</h2><ul>
      <li><strong>Margaret Olsen</strong><br>Town Clerk<br>Phone: 413-555-0142</li>
      <li><strong>David Kowalski</strong><br>Building Inspector<br>Phone: 413-555-0150</li></ul>`), URL_);
    expect(c.people.map((p) => [p.name, p.jobTitle, p.phones]).sort()).toEqual([
      ['David Kowalski', 'Building Inspector', ['+14135550150']], ['Margaret Olsen', 'Town Clerk', ['+14135550142']],
    ]);
  });
});

describe('speaker blocks with icon-only links', () => {
  const speaker = (n: string, org: string, links: string) => `<div class="col"><h2>${n}</h2><p>${org}</p>${links}</div>`;
  const icon = (href: string, label = '') => `<a href="${href}"${label ? ` aria-label="${label}"` : ''}><i class="fa fa-link"></i></a>`;

  it('reads <h2>Name</h2><p>Affiliation</p> blocks among blocks alike, with their own profile links', () => {
    const c = captureHtml(page(`<h1>Speakers</h1>` +
      speaker('Margaret Olsen', 'Stripe', icon('https://twitter.com/molsen', 'Follow Margaret Olsen on Twitter') + icon('https://molsen.dev')) +
      speaker('David Kowalski', 'University of Michigan', icon('https://twitter.com/dkow', 'Follow David Kowalski on Twitter')) +
      speaker('Ravi Shankar', 'Shopify', icon('https://github.com/ravis') + icon('https://www.linkedin.com/in/ravishankar'))), 'https://summit.northfield-events.org/speakers');
    const byName = Object.fromEntries(c.people.map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(['David Kowalski', 'Margaret Olsen', 'Ravi Shankar']);
    expect(byName['Margaret Olsen']?.company).toBe('Stripe');
    expect(byName['Ravi Shankar']?.links).toEqual(['https://github.com/ravis', 'https://www.linkedin.com/in/ravishankar']);
    expect(byName['David Kowalski']?.links).toEqual(['https://x.com/dkow']);
  });

  it('makes no person of a share link, of a block linking two profiles on one site, or of an article under a name', () => {
    const c = captureHtml(page(`<h1>Blog</h1>${speaker('Margaret Olsen', 'Northfield', icon('https://twitter.com/intent/tweet?text=hi'))}
      ${speaker('David Kowalski', 'Panel', icon('https://twitter.com/dkow') + icon('https://twitter.com/molsen'))}
      <h2>Ravi Shankar</h2><p>Shopify</p>${icon('https://twitter.com/ravis')}<p>A post about him, which goes on.</p><p>And on.</p>`), 'https://summit.northfield-events.org/blog');
    expect(c.people).toEqual([]);
  });
});

describe('names written in capitals', () => {
  it('are judged as written normally and returned in the usual case', () => {
    expect(personNameOf('STACY HATCHER, M.D')).toEqual({ name: 'Stacy Hatcher', strength: 2, caps: true });
    expect(personNameOf("MARY O'NEIL-MCCARTHY")?.name).toBe("Mary O'Neil-McCarthy");
    expect(personNameOf('MACK SMITH')?.name).toBe('Mack Smith');
  });
});
