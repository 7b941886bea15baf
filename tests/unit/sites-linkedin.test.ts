import { describe, expect, it } from 'vitest';
import { splitHeadline, profileLink } from '../../utils/capture/sites/linkedin-common';
import { linkedinList } from '../../utils/capture/sites/linkedin-list';
import { linkedinProfile } from '../../utils/capture/sites/linkedin-profile';
import { byText, extract, isExcluded, loadHtml } from './sites-load';

const SHARED = 'tests/fixtures/capture';

describe('linkedin-profile', () => {
  it('reads the top card, the current position and the viewer, and excludes the sidebar', () => {
    const { result, doc } = extract(`${SHARED}/linkedin-profile.html`, 'https://www.linkedin.com/in/maya-lindqvist-4b21a9/');
    expect(result.pageKind).toBe('profile');
    expect(result.people).toHaveLength(1);
    expect(result.people[0]).toMatchObject({
      name: 'Maya Lindqvist',
      jobTitle: 'Head of Partnerships',
      company: 'Northwind Analytics',
      location: 'Gothenburg, Västra Götaland County, Sweden',
      links: ['https://www.linkedin.com/in/maya-lindqvist-4b21a9/'],
      role: 'profile',
      primary: true,
    });
    expect(result.viewer?.name).toBe('Alex Morgan');
    expect(result.people.map((p) => p.name)).not.toContain('Alex Morgan');
    expect(isExcluded(result, byText(doc, 'span', 'Oskar Berg'))).toBe(true);
    expect(isExcluded(result, byText(doc, 'span', 'People also viewed'))).toBe(true);
    expect(isExcluded(result, doc.querySelector('h1'))).toBe(false);
  });

  it('reads the open Contact info dialog into the owner', () => {
    const { result } = extract(`${SHARED}/linkedin-contact-info.html`, 'https://www.linkedin.com/in/maya-lindqvist-4b21a9/overlay/contact-info/');
    const [maya] = result.people;
    expect(maya?.emails).toEqual(['maya.lindqvist@northwind-analytics.example']);
    expect(maya?.phones).toEqual(['+46 31 555 01 23']);
    expect(maya?.links).toEqual(['https://www.linkedin.com/in/maya-lindqvist-4b21a9/', 'https://northwind-analytics.example/team/maya']);
    // the dialog sits outside <main>: it must be in scope for the generic layers
    expect(result.scope?.some((s) => s.querySelector('.pv-contact-info'))).toBe(true);
  });

  it('takes the current position inside a grouped company, and excludes Activity and "More profiles"', () => {
    const { result, doc } = extract('tests/fixtures/sites/linkedin-profile-grouped.html', 'https://www.linkedin.com/in/chidi-okeke/');
    expect(result.people[0]).toMatchObject({
      name: 'Chidi Okeke',
      jobTitle: 'Senior Director, Enterprise Sales',
      company: 'Harborlight Logistics',
      location: 'Seattle, Washington, United States',
    });
    expect(result.people[0]?.links).toContain('https://chidiokeke.example/?utm_source=linkedin');
    expect(isExcluded(result, byText(doc, 'span', 'Grace Adeyemi'))).toBe(true);
    expect(isExcluded(result, byText(doc, 'span', 'Marcus Delgado'))).toBe(true);
  });

  it('reads the public (signed-out) profile markup', () => {
    const { result, doc } = extract('tests/fixtures/sites/linkedin-profile-public.html', 'https://es.linkedin.com/in/lucia-fernandez-cs');
    expect(result.people[0]).toMatchObject({ name: 'Lucía Fernández', jobTitle: 'Customer Success Director', company: 'Vinhedo Labs' });
    expect(result.viewer).toBeUndefined();
    expect(isExcluded(result, byText(doc, 'h3', 'Inès Moreau'))).toBe(true);
  });

  it('falls back to the headline when there is no Experience section', () => {
    const doc = loadHtml(
      '<main><section data-member-id="1"><h1>Sam Lee</h1><div class="text-body-medium break-words">Founder @ Quiet Labs | ex-Stripe</div></section></main>',
      'https://www.linkedin.com/in/samlee/',
    );
    const r = linkedinProfile.collect(doc, new URL('https://www.linkedin.com/in/samlee/'));
    expect(r?.people[0]).toMatchObject({ name: 'Sam Lee', jobTitle: 'Founder', company: 'Quiet Labs', links: ['https://www.linkedin.com/in/samlee/'] });
  });

  it('returns no one (and does not throw) when the top card is not rendered', () => {
    const doc = loadHtml('<main><div class="skeleton"></div></main>', 'https://www.linkedin.com/in/samlee/');
    expect(linkedinProfile.collect(doc, new URL('https://www.linkedin.com/in/samlee/'))?.people).toEqual([]);
  });
});

describe('linkedin-list', () => {
  it('lists every search result, and nobody from the nav, the rail, the overlay or mutual connections', () => {
    const { result } = extract('tests/fixtures/sites/linkedin-search-people.html', 'https://www.linkedin.com/search/results/people/?keywords=revops');
    expect(result.pageKind).toBe('directory');
    expect(result.people.map((p) => p.name)).toEqual(['Sofia Ramírez', 'Kwame Mensah', 'Inês Carvalho']);
    expect(result.people.every((p) => p.role === 'listed')).toBe(true);
    expect(result.people[0]).toMatchObject({ jobTitle: 'Revenue Operations Manager', company: 'Calder Freight', location: 'Rotterdam, South Holland, Netherlands' });
    expect(result.people[2]).toMatchObject({ jobTitle: 'Sales Operations Lead', company: 'Vinhedo Labs' });
    expect(result.viewer).toEqual({ name: 'Alex Morgan', links: ['https://www.linkedin.com/in/alex-morgan-ourco/'] });
  });

  it('lists My Network connections', () => {
    const { result } = extract('tests/fixtures/sites/linkedin-mynetwork.html', 'https://www.linkedin.com/mynetwork/invite-connect/connections/');
    expect(result.people.map((p) => p.name)).toEqual(['Pieter de Vries', 'Amara Okonkwo', 'Lucas Moreau']);
    expect(result.people[2]).toMatchObject({ jobTitle: 'Data Engineer', company: 'Clairvoy', links: ['https://www.linkedin.com/in/lucas-moreau-data/'] });
    expect(result.people.some((p) => p.location)).toBe(false);
  });

  it('lists Sales Navigator leads by their data-anonymize fields, not the seat holder or recommendations', () => {
    const { result } = extract('tests/fixtures/sites/linkedin-sales-nav-list.html', 'https://www.linkedin.com/sales/lists/people/7139871234567890123');
    expect(result.people.map((p) => p.name)).toEqual(['Jana Novák', 'Mateo Silva', 'Aiko Suzuki', 'Oluwaseun Adebayo']);
    expect(result.people[0]).toMatchObject({
      jobTitle: 'Head of Logistics',
      company: 'Vltava Cargo s.r.o.',
      location: 'Prague, Czechia',
      links: ['https://www.linkedin.com/sales/lead/ACwAAAB3xYkBq1'],
    });
  });

  it('finds people in unknown list markup by their profile links', () => {
    const html = `<main><ul>
      <li><a href="/in/ana-k/"><span dir="ltr"><span aria-hidden="true">Ana K.</span></span></a><div>Buyer at Norte SA</div><div>Bilbao, Spain</div><button>Connect</button></li>
      <li><a href="/in/raj-p/"><span dir="ltr"><span aria-hidden="true">Raj Patel</span></span></a><div>CTO</div></li>
    </ul></main>`;
    const url = 'https://www.linkedin.com/search/results/people/?keywords=x';
    const r = linkedinList.collect(loadHtml(html, url), new URL(url));
    expect(r?.people).toMatchObject([
      { name: 'Ana K.', jobTitle: 'Buyer', company: 'Norte SA', location: 'Bilbao, Spain' },
      { name: 'Raj Patel', jobTitle: 'CTO' },
    ]);
  });
});

describe('linkedin-company', () => {
  it('reads the organization from the About tab and lists no one', () => {
    const { result, doc } = extract('tests/fixtures/sites/linkedin-company.html', 'https://www.linkedin.com/company/northwind-analytics/about/');
    expect(result.pageKind).toBe('company');
    expect(result.people).toEqual([]);
    expect(result.organization).toMatchObject({
      name: 'Northwind Analytics',
      domain: 'northwind-analytics.example',
      phones: ['+46 31 555 0100'],
      links: ['https://www.linkedin.com/company/northwind-analytics/', 'https://northwind-analytics.example/'],
    });
    expect(isExcluded(result, byText(doc, 'span', 'Elin Sandberg'))).toBe(true);
  });

  it('lists the People tab members as working there', () => {
    const { result } = extract('tests/fixtures/sites/linkedin-company-people.html', 'https://www.linkedin.com/company/northwind-analytics/people/');
    expect(result.people.map((p) => [p.name, p.company])).toEqual([
      ['Elin Sandberg', 'Northwind Analytics'],
      ['Rasmus Lund', 'Northwind Analytics'],
    ]);
    expect(result.people.some((p) => p.location)).toBe(false); // "Jonas Berg is a mutual connection" is not a place
  });
});

describe('linkedin helpers', () => {
  it('splits headlines', () => {
    expect(splitHeadline('Head of Partnerships at Northwind Analytics | SaaS, data')).toEqual({ jobTitle: 'Head of Partnerships', company: 'Northwind Analytics' });
    expect(splitHeadline('Data Engineer chez Clairvoy')).toEqual({ jobTitle: 'Data Engineer', company: 'Clairvoy' });
    expect(splitHeadline('Enterprise sales leader · freight')).toEqual({ jobTitle: 'Enterprise sales leader' });
  });

  it('canonicalises profile links', () => {
    expect(profileLink('/in/maya-l?miniProfileUrn=x')).toBe('https://www.linkedin.com/in/maya-l/');
    expect(profileLink('https://se.linkedin.com/in/maya-l/details/experience/')).toBe('https://www.linkedin.com/in/maya-l/');
    expect(profileLink('/sales/lead/ACwAAA1,NAME_SEARCH,x9')).toBe('https://www.linkedin.com/sales/lead/ACwAAA1');
    expect(profileLink('/company/acme/')).toBeUndefined();
    expect(profileLink('https://evil.example/in/maya')).toBeUndefined();
  });
});

describe('linkedin-profile fallbacks', () => {
  it('reads the location beside the Contact info link when its classes change', () => {
    const html = `<main><section data-member-id="2"><h1>Sam Lee</h1><div class="text-body-medium break-words">CTO at Quiet Labs</div>
      <div class="zzz"><span class="q1">Oslo, Norway</span><span class="q2">·</span><span><a id="top-card-text-details-contact-info" href="/in/samlee/overlay/contact-info/">Contact info</a></span></div></section></main>`;
    const url = 'https://www.linkedin.com/in/samlee/';
    expect(linkedinProfile.collect(loadHtml(html, url), new URL(url))?.people[0]?.location).toBe('Oslo, Norway');
  });
});

describe('linkedin-list fallbacks', () => {
  it('reads cards whose profile link wraps name and occupation (My Network suggestions)', () => {
    const html = `<main><ul>
      <li><div data-view-name="cohort-card"><a href="/in/freya-holm-2b3c/"><p>Freya Holm</p><p>Marketing Director at Fjord Metrics</p></a><p>Oskar Berg and 4 other mutual connections</p><button>Connect</button></div></li>
      <li><div data-view-name="cohort-card"><a href="/in/nils-ek/"><p>Nils Ek</p><p>Sales Engineer | Cloud</p></a></div></li></ul></main>`;
    const url = 'https://www.linkedin.com/mynetwork/grow/';
    const r = linkedinList.collect(loadHtml(html, url), new URL(url));
    expect(r?.people.map((p) => [p.name, p.jobTitle, p.company, p.location])).toEqual([
      ['Freya Holm', 'Marketing Director', 'Fjord Metrics', undefined],
      ['Nils Ek', 'Sales Engineer', undefined, undefined],
    ]);
  });
});

describe('linkedin-list Sales Navigator search', () => {
  it('reads lead cards of a search by their data-anonymize fields', () => {
    const html = `<main><ol><li class="artdeco-list__item"><div data-x-search-result="LEAD">
      <a href="/sales/lead/ACwAAAZ9,NAME_SEARCH,k1"><span data-anonymize="person-name">Eva Brandt</span></a>
      <div><span data-anonymize="title">Head of Procurement</span> · <a href="/sales/company/42" data-anonymize="company-name">Nordlicht AG</a></div>
      <div><span data-anonymize="location">Hamburg, Germany</span></div>
      <ul><li>2 shared connections</li><li>Posted on LinkedIn</li></ul></div></li></ol></main>`;
    const url = 'https://www.linkedin.com/sales/search/people?query=(keywords%3Aprocurement)';
    const r = linkedinList.collect(loadHtml(html, url), new URL(url));
    expect(r?.people).toEqual([
      { layer: 'linkedin', name: 'Eva Brandt', jobTitle: 'Head of Procurement', company: 'Nordlicht AG', location: 'Hamburg, Germany', links: ['https://www.linkedin.com/sales/lead/ACwAAAZ9'], role: 'listed' },
    ]);
  });
});
