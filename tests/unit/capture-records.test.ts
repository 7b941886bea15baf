import { describe, expect, it } from 'vitest';
import { captureHtml, page } from './capture-helpers';
import { personNameOf } from '../../utils/capture/normalize/person';

/** Issue 7's failure classes from real pages, each as a small synthetic page. */

const URL_ = 'https://www.cedarline-outfitters.com/about/team';

describe('people in lists, cards, tables and lines', () => {
  it('reads a name whose details sit in the next cells of a repeated table', () => {
    const row = (n: string, t: string, ph: string, e: string) =>
      `<table class="preview"><tr><td><h4><a href="/brokers/x">${n}</a></h4></td></tr>
       <tr><td><p>${n.split(' ')[0]} grew up hunting in the Rockies and has sold land for twenty years.</p></td>
       <td><p>${t}<br>Phone:${ph}<br><a href="mailto:${e}">${e}</a></p></td></tr></table>`;
    const c = captureHtml(page(row('Mike Callan', 'Broker', '(970) 674-1990', 'mike@cedarline-outfitters.com') + row('Greg Liddle', 'Associate Broker', '(303) 619-6774', 'greg@cedarline-outfitters.com')), URL_);
    const mike = c.people.find((p) => p.name === 'Mike Callan');
    expect(mike?.phones).toEqual(['+19706741990']);
    expect(mike?.emails).toEqual(['mike@cedarline-outfitters.com']);
    expect(c.people.find((p) => p.name === 'Greg Liddle')?.jobTitle).toBe('Associate Broker');
  });

  it('pairs titles written before names with the name after them', () => {
    const html = page(`<h2>Company directory</h2>` + [['President', 'Karen Patel'], ['Vice President', 'Bill Robertson'], ['Chief Financial Officer', 'Cathy Staley']]
      .map(([t, n]) => `<div class="contact_des">${t}</div><div class="contact_per">${n}</div>`).join(''));
    const c = captureHtml(html, URL_);
    expect(c.people.map((p) => [p.name, p.jobTitle]).sort()).toEqual([
      ['Bill Robertson', 'Vice President'], ['Cathy Staley', 'Chief Financial Officer'], ['Karen Patel', 'President'],
    ]);
  });

  it('reads "Name, Title" list items and "Title – Name, credentials (ext. NNN) email" lines', () => {
    const c = captureHtml(page(`<aside><ul><li>Patrick Hiller, CEO</li><li>Joe Corbett, COO</li></ul></aside>
      <p>Clinical Director – Laura Bennett, MD (ext. 204) lbennett@cedarline-outfitters.com<br>
         Practice Manager – Dan Brunk (ext. 210) dbrunk@cedarline-outfitters.com</p>`), URL_);
    const byName = Object.fromEntries(c.people.map((p) => [p.name, p]));
    expect(byName['Patrick Hiller']?.jobTitle).toBe('CEO');
    expect(byName['Joe Corbett']?.jobTitle).toBe('COO');
    expect(byName['Laura Bennett']?.jobTitle).toBe('Clinical Director');
    expect(byName['Laura Bennett']?.emails).toEqual(['lbennett@cedarline-outfitters.com']);
    expect(byName['Dan Brunk']?.emails).toEqual(['dbrunk@cedarline-outfitters.com']);
  });

  it('reads a testimonial attribution and a bio that names a role', () => {
    const c = captureHtml(page(`<p>“They refinished our showroom floor in a weekend.”<br>-Stephen Becker, J. Crew</p>
      <p>Nathalie Seux is the Student Recruitment Coordinator at Lyon Business School and answers your questions.</p>`), URL_);
    expect(c.people.find((p) => p.name === 'Stephen Becker')?.company).toBe('J. Crew');
    expect(c.people.find((p) => p.name === 'Nathalie Seux')?.jobTitle).toBe('Student Recruitment Coordinator');
  });

  it('makes no person of headings, link texts, dealerships or a CMS author', () => {
    const html = page(
      `<div class="card"><h3>Available Positions</h3><p>Sales Manager</p></div>
       <div class="card"><h3>Balise Honda</h3><p>Sales: (413) 306-3034</p><p>Service: (413) 731-8600</p></div>
       <p>Springfield, MA 01104</p>`,
      '<meta name="author" content="Super User"><meta name="author" content="Impala Networks">',
    );
    const c = captureHtml(html, URL_);
    expect(c.people).toEqual([]);
    // the dealership's numbers are the organisation's, in E.164
    expect(c.organization?.phones).toEqual(expect.arrayContaining(['+14133063034', '+14137318600']));
  });
});

describe('numbers and mailboxes that name no one go to the organisation', () => {
  it('keeps an office number under its heading, with the region the address gives, and a department mailbox', () => {
    const c = captureHtml(page(`<h3>Farmington Office</h3><p>4801 N. Butler Ave<br>Farmington, NM 87401<br>Phone: 505-326-1111<br>Fax: 505-326-3130</p>
      <h3>Edmonton Office</h3><p>10180 101 St NW, Edmonton, AB T5J 3S4<br>780-555-0142</p>
      <p>Parts department: <a href="mailto:parts@cedarline-outfitters.com">parts@cedarline-outfitters.com</a></p>`), 'https://www.cedarline-outfitters.com/contact');
    expect(c.people).toEqual([]);
    expect(c.organization?.phones).toContain('+15053261111');
    expect(c.organization?.phones).not.toContain('+15053263130'); // a fax is not a way to reach anyone
    expect(c.organization?.emails).toEqual(['parts@cedarline-outfitters.com']);
  });
});

describe('collapsed content is content, decoys are not', () => {
  it('reads an accordion drawer and a toggled table, not a honeypot or an off-screen trap', () => {
    const c = captureHtml(page(`<div class="accordion"><h4><a href="#">Head office</a></h4>
        <div class="body-toggle" style="overflow: hidden; display: none;"><p>Main line: +1 763 514 4000</p></div></div>
      <a href="javascript:toggleTab(0)">India offices</a><table style="display: none;" id="tab0"><tr><td>Tel: +91 79 6630 4000</td></tr></table>
      <div class="hp-field" style="display:none"><label>Leave empty</label><input name="email2"> trap@cedarline-outfitters.com</div>
      <div style="position:absolute; left:-10000px">spamtrap@cedarline-outfitters.com +1 415 555 0199</div>
      <div style="display: none"><p>ghost@cedarline-outfitters.com</p></div>`), URL_);
    const json = JSON.stringify(c);
    expect(c.organization?.phones).toEqual(expect.arrayContaining(['+17635144000', '+917966304000']));
    for (const leak of ['trap@', 'spamtrap', 'ghost@', '4155550199']) expect(json, leak).not.toContain(leak);
  });
});

describe('person-name judgement', () => {
  it('knows given names, drops honorific noise and credentials, and refuses what only looks like a name', () => {
    expect(personNameOf('Michelle Babb, MS, RD, CD')).toEqual({ name: 'Michelle Babb', strength: 2 });
    expect(personNameOf('STACY HATCHER, M.D')?.strength).toBe(2);
    expect(personNameOf('Dax Hayden')?.strength).toBe(1);
    expect(personNameOf('Balise Honda')?.strength).toBe(1);
    expect(personNameOf('BALISE HONDA')).toBeUndefined();
    expect(personNameOf('Contact Us')).toBeUndefined();
    expect(personNameOf('Jani Daly, Cathy Hooper')).toBeUndefined();
  });
});
