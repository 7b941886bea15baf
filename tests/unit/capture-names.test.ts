import { describe, expect, it } from 'vitest';
import { stripSiteSuffix } from '../../utils/capture/layers/meta';
import { looksLikeJobTitle, looksLikeRole } from '../../utils/capture/normalize/name';
import { captureHtml, page } from './capture-helpers';

/**
 * People in lists and prose that the person finder reads (issue 7, classes 2, 6, 7, 8), on pages written for these
 * tests (the webstruct corpus bar is in capture-webstruct.test.ts).
 */

const names = (html: string, url = 'https://builder.example/about') => captureHtml(page(html), url).people.map((p) => p.name).sort();

describe('people the finder reads', () => {
  it('review authors given as strings in microdata: credentials and a role after the name, and a couple', () => {
    const got = names(`<main><h1>Reviews</h1>
      <div itemscope itemtype="https://schema.org/Review" itemprop="reviews"><p itemprop="reviewBody">Great advice on eating well.</p>
        <span itemprop="author">Michelle Babb, MS, RD, CD - Owner, Eat Clean Kitchen</span></div>
      <div itemscope itemtype="https://schema.org/Review" itemprop="reviews"><p itemprop="reviewBody">They fixed our roof in a day.</p>
        <span itemprop="author">Mike &amp; Cindy Ford</span></div>
      <div itemscope itemtype="https://schema.org/Review" itemprop="reviews"><p itemprop="reviewBody">Fine.</p>
        <span itemprop="author">Satisfied Customer - Seattle</span></div></main>`);
    expect(got).toEqual(['Cindy Ford', 'Michelle Babb', 'Mike Ford']);
  });

  it('a page wrapped in one form (ASP.NET) is read like any page', () => {
    const c = captureHtml(
      page(`<form id="aspnetForm" action="/default.aspx"><input type="hidden" name="__VIEWSTATE" value="x">
        <h1>Our team</h1><p>Since 1998 we build homes.</p><p>Call us.</p><p>We love wood.</p><p>And stone.</p>
        <div class="member"><strong>Dana Whitfield</strong><br>Project Manager<br>Phone: (206) 555-0142</div></form>`),
      'https://builder.example/team',
    );
    expect(c.people.map((p) => [p.name, p.jobTitle])).toEqual([['Dana Whitfield', 'Project Manager']]);
  });

  it('testimonials signed under their words, a couple sharing a family name, and a signer with an organisation', () => {
    const got = names(`<main>
      <p>“Working with you was a pleasure and I highly recommend your company to anyone.”</p><p>Linda Kinel, Leonia Recreation</p>
      <div class="t"><p>They finished our kitchen ahead of schedule and kept the house clean every single day, which we did not expect at all.</p></div>
      <div class="t"><p>Jim &amp; Vicki Hanna</p></div></main>`);
    expect(got).toEqual(['Jim Hanna', 'Linda Kinel', 'Vicki Hanna']);
  });

  it('titles before names on one line, roles opening a paragraph, and a name alone after prose that is not a testimonial is still evidence-checked', () => {
    const got = names(`<main>
      <ul><li>Mayor Susan Rohan</li><li>Vice Mayor Carol Garcia</li></ul>
      <p>Lead Carpenter: Rod Robinson has been with the company for 9 years and leads every framing job we do.</p>
      <p>Jan Addams – Practice Manager of the firm who handles all aspects of the office and its clients.</p>
      <h3>Available Positions</h3></main>`);
    expect(got).toEqual(['Carol Garcia', 'Jan Addams', 'Rod Robinson', 'Susan Rohan']);
  });

  it('a title cut by a line break is joined', () => {
    const c = captureHtml(page(`<div class="card"><p>Grace Adeyemi</p><p>President and<br>Chief Executive Officer</p><p>grace@harbor.example</p></div>`), 'https://harbor.example/team');
    expect(c.people[0]?.jobTitle).toBe('President and Chief Executive Officer');
  });

  it('names the given-name lists miss count in a staff list of known names with roles, never alone', () => {
    const list = names(`<table><tr><td>President</td></tr><tr><td>Kanu Patel</td></tr><tr><td>Vice President</td></tr><tr><td>Bill Robertson</td></tr>
      <tr><td>Chief Financial Officer</td></tr><tr><td>Cathy Staley</td></tr></table>`);
    expect(list).toEqual(['Bill Robertson', 'Cathy Staley', 'Kanu Patel']);
    expect(names(`<h3>Project Accounting</h3><p>Improve cash flow and eliminate</p><p>revenue leakage</p>`)).toEqual([]);
  });
});

describe('values cleaned', () => {
  it('og:title "Name (@handle)" with a dotted handle is the name', () => {
    expect(stripSiteSuffix('Jay Graber (@jay.bsky.team)')).toBe('Jay Graber');
    expect(stripSiteSuffix('Kiko Beats (@Kikobeats) / X')).toBe('Kiko Beats');
  });

  it('a microdata author written "by Name" is that name, once', () => {
    const c = captureHtml(
      page(`<article itemscope itemtype="https://schema.org/BlogPosting"><h1 itemprop="headline">Winter hours</h1>
        <p itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">by Dana Whitfield</span></p><p>We close at 4.</p></article>`,
      '<meta property="og:type" content="article"><meta name="author" content="Dana Whitfield">'),
      'https://builder.example/blog/winter-hours',
    );
    expect(c.people.map((p) => p.name)).toEqual(['Dana Whitfield']);
  });

  it('initials do not make a title prose; abbreviated titles are titles', () => {
    expect(looksLikeJobTitle('O.E.M. Markets Manager')).toBe(true);
    expect(looksLikeJobTitle('Box Office Mgr/Accounting Asst')).toBe(true);
    expect(looksLikeRole('revenue leakage')).toBe(false);
  });
});
