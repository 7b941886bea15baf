import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collect } from '../../utils/capture/collect';
import { refine } from '../../utils/capture/refine';
import { mergePeople, type NormPerson } from '../../utils/capture/merge';
import type { Capture } from '../../utils/model/capture';
import { captureHtml, docOf, page } from './capture-helpers';

/**
 * Identity evidence (issue 8, item 3) and profile pages (issue 7, classes 1 and 9): capture says which links are a
 * person's own (`ownLinks`), a profile page's capture is its owner with the owner's links only, and a page that lists
 * several people never yields one record made of them.
 */

const EXTRA = 'tests/fixtures/capture-extra';

function captureFixture(name: string, url?: string): Capture {
  const spec = JSON.parse(readFileSync(`${EXTRA}/${name}.json`, 'utf8')) as { url: string };
  const at = url ?? spec.url;
  return refine(collect(docOf(readFileSync(`${EXTRA}/${name}.html`, 'utf8'), at), at));
}

const profileLinks = (links: readonly string[]) => links.filter((l) => /linkedin\.com\/in\/|github\.com\/|x\.com\//.test(l));

describe('own links: the links that are the person’s own', () => {
  it('a profile page’s owner owns the profile URL; side modules and namesakes add nothing', () => {
    const c = captureFixture('linkedin-profile-2016');
    expect(c.people.map((p) => p.name)).toEqual(['Maria Santos']);
    expect(c.people[0]!.links).toEqual(['https://www.linkedin.com/in/maria-santos-4a1b2c']);
    expect(c.people[0]!.ownLinks).toEqual(['https://www.linkedin.com/in/maria-santos-4a1b2c']);
  });

  it('the same page read by the generic layers alone (og:type profile, a vcard) keeps the owner only', () => {
    const c = captureFixture('linkedin-profile-2016', 'https://people.example.org/maria-santos');
    expect(c.pageKind).toBe('profile');
    expect(c.people.map((p) => p.name)).toEqual(['Maria Santos']);
    expect(c.people[0]!.ownLinks).toEqual(['https://www.linkedin.com/in/maria-santos-4a1b2c']);
    expect(c.people[0]!.company).toBe('Brightwater Foods');
  });

  it('a followed Top Voice in Interests and a namesake are neither people nor the owner’s links', () => {
    const c = captureFixture('linkedin-profile-interests');
    expect(c.people.map((p) => p.name)).toEqual(['Chidi Okeke']);
    const all = c.people.flatMap((p) => [...p.links, ...(p.ownLinks ?? [])]).join(' ');
    expect(all).not.toMatch(/ruth-abara|tomas-lindgren|chidi-okeke-91a2/);
    expect(c.people[0]!.ownLinks).toContain('https://www.linkedin.com/in/chidi-okeke');
  });

  it('a one-person card owns its social links; a byline or a line of text owns none', () => {
    const c = captureHtml(
      page(`<main>
        <article class="team-member"><h3>Priya Raman</h3><p>Head of Research</p>
          <a href="https://www.linkedin.com/in/priya-raman-research/" aria-label="Priya on LinkedIn"><i class="fa fa-linkedin"></i></a>
          <a href="https://github.com/praman">GitHub</a></article>
        <article class="post"><p class="byline">By Owen Marsh</p><p>Read <a href="https://www.linkedin.com/in/someone-else/">this profile</a>.</p></article>
      </main>`),
      'https://lab.example/team',
    );
    const priya = c.people.find((p) => p.name === 'Priya Raman')!;
    expect(priya.ownLinks).toEqual(['https://www.linkedin.com/in/priya-raman-research', 'https://github.com/praman']);
    const owen = c.people.find((p) => p.name === 'Owen Marsh');
    if (owen) expect(owen.ownLinks ?? []).toEqual([]);
  });

  it('an h-card’s u-url and JSON-LD sameAs are own links', () => {
    const c = captureHtml(
      page(
        `<div class="h-card"><a class="p-name u-url" href="https://github.com/lena-k">Lena Kraus</a> <span class="p-job-title">Engineer</span></div>`,
        `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Person","name":"Tom Reed","jobTitle":"CTO","sameAs":["https://x.com/tomreed"]}</script>`,
      ),
      'https://blog.example/',
    );
    expect(c.people.find((p) => p.name === 'Lena Kraus')?.ownLinks).toEqual(['https://github.com/lena-k']);
    expect(c.people.find((p) => p.name === 'Tom Reed')?.ownLinks).toEqual(['https://x.com/tomreed']);
  });
});

describe('namesakes', () => {
  const person = (layer: string, name: string, link?: string): NormPerson => ({
    layer, name, emails: [], phones: [], links: link ? [link] : [], profileLinks: link ? [link] : [], ownLinks: link ? [link] : [],
  });

  it('two people of one name with different profiles on one site stay two', () => {
    const m = mergePeople([person('linkedin', 'Maria Santos', 'https://www.linkedin.com/in/a'), person('card', 'Maria Santos', 'https://www.linkedin.com/in/b')]);
    expect(m).toHaveLength(2);
  });

  it('one name with one profile, or a profile on another site, is one person', () => {
    expect(mergePeople([person('linkedin', 'Maria Santos', 'https://www.linkedin.com/in/a'), person('card', 'Maria Santos')])).toHaveLength(1);
    expect(mergePeople([person('linkedin', 'Maria Santos', 'https://www.linkedin.com/in/a'), person('card', 'Maria Santos', 'https://github.com/ms')])).toHaveLength(1);
  });
});

describe('class 9: a page listing several people never yields one record made of them', () => {
  it('a company page’s employee teaser: separate people or none, each with at most one profile', () => {
    const c = captureFixture('linkedin-company-employees');
    expect(c.organization?.name).toBe('Tallybird');
    for (const p of c.people) expect(profileLinks(p.links).length).toBeLessThanOrEqual(1);
    expect(new Set(c.people.map((p) => p.name)).size).toBe(c.people.length);
  });

  it('a card holding several people is a list: no one takes the others’ links', () => {
    const c = captureHtml(
      page(`<main><div class="card">
        <div>Ana Lima</div><div>Head of Sales at Northwind</div><a href="https://www.linkedin.com/in/ana-lima/">Profile</a>
        <div>Ben Okafor</div><div>Chief Technology Officer</div><a href="https://www.linkedin.com/in/ben-okafor/">Profile</a>
      </div></main>`),
      'https://northwind.example/company',
    );
    for (const p of c.people) expect(profileLinks(p.links).length).toBeLessThanOrEqual(1);
    expect(c.people.filter((p) => p.name === 'Ana Lima').length).toBeLessThanOrEqual(1);
  });
});
