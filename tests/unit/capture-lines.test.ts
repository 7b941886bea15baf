import { describe, expect, it } from 'vitest';
import { captureHtml, page } from './capture-helpers';

/**
 * Issue 7, text-line classes: contact blocks written as lines (press contacts, "Title – Name, credentials (ext.) email",
 * an Impressum's responsible person), the organisation's name from the page (copyright line, logo, og:site_name,
 * structured data, domain; never generic title words), phone regions from the page, page chrome that is never a
 * person, and values cleaned. Each page is small and made up, shaped like the held-back real pages.
 */

const person = (c: ReturnType<typeof captureHtml>, name: string) => c.people.find((p) => p.name === name);

describe('contact blocks written as lines', () => {
  it('a press release’s "MEDIA CONTACT:" block: name, company, email and phone on lines of their own', () => {
    const c = captureHtml(
      page(`<main><article><h1>Brightline Health opens a clinic in Worcester</h1>
        <p>WORCESTER, Mass., March 3, 2026 — Brightline Health Partners today opened its fourth clinic.</p>
        <p><strong>MEDIA CONTACT:</strong><br>Jennifer Walsh<br>Brightline Health Partners<br>jwalsh@brightlinehealth.com<br>(617) 555-0142</p>
        </article></main>`),
      'https://www.brightlinehealth.com/news/worcester-clinic',
    );
    const p = person(c, 'Jennifer Walsh');
    expect(p?.emails).toEqual(['jwalsh@brightlinehealth.com']);
    expect(p?.phones).toEqual(['+16175550142']);
    expect(p?.company).toBe('Brightline Health Partners');
    expect(c.people).toHaveLength(1);
  });

  it('a "Press contact" heading over the block, with a title line', () => {
    const c = captureHtml(
      page(`<main><h2>Press contact</h2>
        <p>Tobias Lindqvist</p><p>Head of Communications</p><p>Nordvik Energy AB</p>
        <p>E-mail: tobias.lindqvist@nordvik-energy.se</p><p>Phone: +46 8 555 123 45</p></main>`),
      'https://nordvik-energy.se/press/2026-q3',
    );
    const p = person(c, 'Tobias Lindqvist');
    expect(p?.jobTitle).toBe('Head of Communications');
    expect(p?.emails).toEqual(['tobias.lindqvist@nordvik-energy.se']);
    expect(c.people).toHaveLength(1);
  });

  it('a contact block whose name is written in capitals, with credentials', () => {
    const c = captureHtml(
      page(`<main><p>Media Contact:<br>JENNIFER WALSH, APR<br>Director of Public Relations<br>jwalsh@brightlinehealth.com<br>617-555-0142</p></main>`),
      'https://www.brightlinehealth.com/news/awards',
    );
    const p = person(c, 'Jennifer Walsh');
    expect(p?.jobTitle).toBe('Director of Public Relations');
    expect(p?.emails).toEqual(['jwalsh@brightlinehealth.com']);
    expect(c.people).toHaveLength(1);
  });

  it('"Title – Name, credentials (ext. NNN) email" lines, one person each', () => {
    const c = captureHtml(
      page(`<main><h1>Staff Directory</h1><p>Main office: (508) 555-0100</p>
        <p>Executive Director – Maria Santos, MPA (ext. 201) msantos@cranfieldcoa.org</p>
        <p>Outreach Coordinator – Derek O'Malley (ext. 214) domalley@cranfieldcoa.org</p>
        <p>Nurse Manager – Priya Raman, RN, BSN (ext. 230) praman@cranfieldcoa.org</p></main>`),
      'https://www.cranfieldcoa.org/staff',
    );
    const maria = person(c, 'Maria Santos');
    expect(maria?.jobTitle).toBe('Executive Director');
    expect(maria?.emails).toEqual(['msantos@cranfieldcoa.org']);
    expect(person(c, "Derek O'Malley")?.jobTitle).toBe('Outreach Coordinator');
    expect(person(c, 'Priya Raman')?.emails).toEqual(['praman@cranfieldcoa.org']);
    expect(c.people).toHaveLength(3);
  });

  it('the person an Impressum names ("Geschäftsführer:", "Vertreten durch", "Verantwortlich") is the organisation’s contact', () => {
    const c = captureHtml(
      page(
        `<main><h1>Impressum</h1>
        <p>Angaben gemäß § 5 TMG</p>
        <p>Holzwerk Brandt GmbH<br>Industriestraße 12<br>79098 Freiburg im Breisgau</p>
        <p>Geschäftsführer: Dipl.-Ing. Klaus Brandt</p>
        <p>Handelsregister: HRB 701234, Amtsgericht Freiburg</p><p>Umsatzsteuer-Identifikationsnummer gemäß § 27 a UStG: DE 298 765 432</p>
        <h2>Kontakt</h2><p>Telefon: 0761 555 2040<br>E-Mail: info@holzwerk-brandt.de</p>
        <p>Verantwortlich für den Inhalt nach § 55 Abs. 2 RStV: Sabine Krüger, Industriestraße 12, 79098 Freiburg</p></main>`,
        '<title>Impressum – Holzwerk Brandt GmbH</title>',
        'de',
      ),
      'https://www.holzwerk-brandt.de/impressum',
    );
    const klaus = person(c, 'Klaus Brandt');
    expect(klaus?.jobTitle).toBe('Geschäftsführer');
    expect(klaus?.company).toBe('Holzwerk Brandt GmbH');
    expect(person(c, 'Sabine Krüger')).toBeDefined();
    expect(c.organization?.phones).toEqual(['+497615552040']);
    expect(c.people).toHaveLength(2);
  });

  it('"Vertreten durch:" with the name on the next line', () => {
    const c = captureHtml(
      page(`<main><h1>Impressum</h1><p>Kanzlei Vogt &amp; Partner mbB</p><p>Vertreten durch:<br>Dr. Miriam Vogt<br>Jonas Hartmann</p></main>`, '', 'de'),
      'https://www.kanzlei-vogt.de/impressum',
    );
    expect(c.people.map((p) => p.name).sort()).toEqual(['Jonas Hartmann', 'Miriam Vogt']);
  });
});

describe('the organisation from the page, never from generic title words', () => {
  it('the copyright line names it when the title is only "Contact Us"', () => {
    const c = captureHtml(
      page(`<main><h1>Contact Us</h1><p>Call us at (203) 555-0199.</p></main>
        <footer><p>© 2024 Harbor Point Marine Services, LLC. All rights reserved.</p></footer>`, '<title>Contact Us</title>'),
      'https://www.harborpointmarine.com/contact',
    );
    expect(c.organization?.name).toBe('Harbor Point Marine Services, LLC');
  });

  it('"Copyright © 2023 Acme Corp" with no title suffix', () => {
    const c = captureHtml(
      page(`<main><p>Sales: (413) 555-0100</p></main><footer>Copyright © 2023 Acme Corp | Privacy Policy | Site by Pixelworks</footer>`, '<title>Home</title>'),
      'https://acmecorp.example/',
    );
    expect(c.organization?.name).toBe('Acme Corp');
  });

  it('og:site_name wins over the copyright line; a generic title word never names it', () => {
    const c = captureHtml(
      page(`<main><p>Sales: (413) 555-0100</p></main><footer>© 2024 Quarry Tools Ltd</footer>`, '<meta property="og:site_name" content="Quarry Tools"><title>Contact Us | Quarry Tools</title>'),
      'https://quarrytools.example/contact',
    );
    expect(c.organization?.name).toBe('Quarry Tools');
    const d = captureHtml(page(`<main><p>Sales: (413) 555-0100</p></main>`, '<title>Contact Us - Welcome</title>'), 'https://www.quarrytools.example/contact');
    expect(d.organization?.name).toBe('quarrytools.example');
  });

  it('the logo’s alt text names it when nothing else does', () => {
    const c = captureHtml(
      page(`<header><a href="/"><img src="/img/logo.png" alt="Riverside Dental Group logo"></a></header><main><h1>Contact</h1><p>Phone: (503) 555-0111</p></main>`, '<title>Contact</title>'),
      'https://www.riversidedentalgroup.com/contact',
    );
    expect(c.organization?.name).toBe('Riverside Dental Group');
  });
});

describe('phone regions from the page', () => {
  it('a Canadian street address makes 780-xxx-xxxx a +1 number; toll-free is kept; fax is not the person’s', () => {
    const c = captureHtml(
      page(`<main><h1>Contact</h1>
        <address>10150 Jasper Avenue NW<br>Edmonton, AB T5J 1W4</address>
        <div class="staff"><h3>Laura Chen</h3><p>Office Manager</p><p>Phone: 780-555-0134</p><p>Fax: 780-555-0135</p></div>
        <p>TOLL-FREE: 1-888-555-0190</p></main>`, '', 'en'),
      'https://www.northbanklegal.ca/contact',
    );
    expect(person(c, 'Laura Chen')?.phones).toEqual(['+17805550134']);
    const all = [...c.people.flatMap((p) => p.phones), ...(c.organization?.phones ?? [])];
    expect(all).toContain('+18885550190');
    expect(all).not.toContain('+17805550135');
    for (const ph of all) expect(ph).toMatch(/^\+\d{8,15}$/);
  });

  it('"P: … F: …" on one line: the F is a fax', () => {
    const c = captureHtml(
      page(`<main><div class="card"><h3>Mark Delaney</h3><p>Branch Manager</p><p>P: (614) 555-0182 F: (614) 555-0183</p></div></main>`),
      'https://www.ohio-valley-supply.com/team',
    );
    expect(person(c, 'Mark Delaney')?.phones).toEqual(['+16145550182']);
  });

  it('the country domain of the page’s addresses gives a .com page’s national numbers their region', () => {
    const c = captureHtml(page(`<main><p>Head office: 0161 496 0734</p><p>Write to enquiries@hartleyshipping.co.uk</p></main>`), 'https://www.hartleyshipping.com/contact');
    expect(c.organization?.phones).toEqual(['+441614960734']);
  });

  it('"1.800.433.4512" is a number, not a version; a number in a layout <blockquote> is the organisation’s', () => {
    const c = captureHtml(
      page(`<main><p>Call us today at 1.800.433.4512 to learn more.</p><blockquote>By Telephone<br>0117 230 5221<br>(+44 117 230 5221 international)</blockquote></main>`),
      'https://www.cvwriting-bristol.net/',
    );
    expect(c.organization?.phones).toEqual(expect.arrayContaining(['+18004334512', '+441172305221']));
  });

  it('a UK national number on a .co.uk page is +44', () => {
    const c = captureHtml(page(`<main><p>Call us on 01625 856500</p></main>`), 'https://www.cheshire-joinery.co.uk/contact');
    expect(c.organization?.phones).toEqual(['+441625856500']);
  });
});

describe('page chrome and posts are never people', () => {
  it('footer and navigation link texts', () => {
    const c = captureHtml(
      page(`<main><h1>Town Clerk</h1><div class="card"><h3>Ellen Marsh</h3><p>Town Clerk</p><p>emarsh@townofhadley.org</p></div></main>
        <footer><h4>Related Links</h4><ul><li><a href="/a11y">Accessibility Statement</a></li><li><a href="/copyright">Copyright Notice</a></li><li><a href="/jobs">Available Positions</a></li></ul></footer>`),
      'https://www.townofhadley.org/clerk',
    );
    expect(c.people.map((p) => p.name)).toEqual(['Ellen Marsh']);
  });

  it('an h-entry bookmark’s post title is not a person; the h-card beside it is', () => {
    const c = captureHtml(
      page(`<div class="h-card"><a class="u-url p-name" href="https://kim.example/">Kim Navarro</a></div>
        <article class="h-entry"><a class="u-bookmark-of p-name" href="https://other.example/post">Rebecca Solnit Walking</a>
        <div class="e-content">Bookmarked.</div></article>`),
      'https://kim.example/',
    );
    expect(c.people.map((p) => p.name)).toEqual(['Kim Navarro']);
  });

  it('a bookmarked post marked up as an h-card ("u-bookmark-of h-card") is not a person', () => {
    const c = captureHtml(
      page(`<main class="h-feed"><article class="h-entry"><a class="u-bookmark-of h-card" href="https://other.example/x">Notes On Remote Work</a></article></main>
        <footer class="h-card"><a class="p-name u-url" href="https://kim.example/">Kim Navarro</a></footer>`),
      'https://kim.example/',
    );
    expect(c.people.map((p) => p.name)).toEqual(['Kim Navarro']);
  });

  it('related-article teaser bylines are not people; the article’s own author is', () => {
    const c = captureHtml(
      page(`<main><article><h1>City council approves new budget</h1><p class="byline">By <a href="/staff/alicia-moreno">Alicia Moreno</a>, City Hall Reporter</p><p>The council voted 7-2 on Tuesday.</p></article>
        <section class="related"><h2>Related stories</h2>
          <article class="teaser card"><h3><a href="/a">School board names new superintendent</a></h3><p class="byline">By <a href="/staff/tom-becker">Tom Becker</a>, Education Reporter</p></article>
          <article class="teaser card"><h3><a href="/b">Bridge repairs begin next week</a></h3><p class="byline">By <a href="/staff/nora-field">Nora Field</a>, Staff Writer</p><p>nfield@valleygazette.com</p></article></section></main>`,
        '<meta property="og:type" content="article"><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"City council approves new budget","author":{"@type":"Person","name":"Alicia Moreno"}}</script>'),
      'https://www.valleygazette.com/news/budget',
    );
    expect(c.people.map((p) => p.name)).toEqual(['Alicia Moreno']);
  });

  it('a post’s own byline ("Posted by: Name Posted on: date") is its author; "By Appointment Only" is nobody', () => {
    const c = captureHtml(
      page(`<main><article><h2>Home Improvements that Make Things Worse</h2><p>Posted by: Hugh Stearns Posted on: August 21st, 2013 4 Comments</p>
        <p>Considering a major home renovation? Proceed with care.</p></article><aside><p>Showroom visits</p><p>By Appointment Only</p></aside></main>`),
      'https://stearns-build.example/blog/',
    );
    expect(c.people.map((p) => p.name)).toEqual(['Hugh Stearns']);
    expect(c.people[0]!.role).toBe('author');
  });

  it('a list of posts by different authors names none of them by byline alone', () => {
    const c = captureHtml(
      page(`<main><article><h2>Teaching Leadership to Gen Y</h2><p>by Celia Richardson</p><p>Managers ask us every week.</p></article>
        <article><h2>Hello from our new developer</h2><p>by Abby Collins</p><p>A warm hello.</p></article></main>`),
      'https://hr-blog.example/',
    );
    expect(c.people).toEqual([]);
  });

  it('<meta name="author"> naming the web developer, or "Super User", is nobody', () => {
    const c = captureHtml(page(`<main><h1>About us</h1><p>Family owned since 1962.</p></main>`, '<meta name="author" content="Jake Summers"><meta name="generator" content="Joomla">'), 'https://www.millbrookhardware.com/about');
    expect(c.people).toEqual([]);
  });

  it('a microdata author written "by Name" is one person', () => {
    const c = captureHtml(
      page(`<article itemscope itemtype="https://schema.org/BlogPosting"><h1 itemprop="headline">Five spring planting tips</h1>
        <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">by Greta Lindholm</span></span>
        <p>Greta Lindholm</p></article>`),
      'https://www.greenthumbnursery.com/blog/spring',
    );
    expect(c.people.map((p) => p.name)).toEqual(['Greta Lindholm']);
  });
});

describe('values cleaned', () => {
  it('og:title "Name (@handle)" on a profile is the name', () => {
    const c = captureHtml(page('<main></main>', '<meta property="og:type" content="profile"><meta property="og:title" content="Jay Graber (@jay.bsky.team)">'), 'https://bsky.app/profile/jay.bsky.team');
    expect(c.people.map((p) => p.name)).toEqual(['Jay Graber']);
  });

  it('a title cut at a <br> is joined', () => {
    const c = captureHtml(
      page(`<main><div class="bio"><h3>Robert Klein</h3><p>President and<br>Chief Executive Officer</p><p>rklein@klein-mfg.com</p></div></main>`),
      'https://www.klein-mfg.com/leadership',
    );
    expect(person(c, 'Robert Klein')?.jobTitle).toBe('President and Chief Executive Officer');
  });
});

describe('a job post', () => {
  it('the hiring contact is captured, never the job title', () => {
    const c = captureHtml(
      page(
        `<main><h1>Senior Accountant</h1><p>Full-time · Hartford, CT</p><p>We are looking for a Senior Accountant to join our finance team.</p>
        <h2>How to apply</h2><p>Send your résumé to Karen Doyle, HR Manager, at kdoyle@pinecrestgroup.com.</p></main>`,
        `<title>Senior Accountant | Pinecrest Group Careers</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Senior Accountant","hiringOrganization":{"@type":"Organization","name":"Pinecrest Group","sameAs":"https://www.pinecrestgroup.com"},"jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Hartford","addressRegion":"CT","addressCountry":"US"}}}</script>`,
      ),
      'https://www.pinecrestgroup.com/careers/senior-accountant',
    );
    expect(c.people.map((p) => p.name)).toEqual(['Karen Doyle']);
    expect(person(c, 'Karen Doyle')?.jobTitle).toBe('HR Manager');
    expect(c.organization?.name).toBe('Pinecrest Group');
  });
});
