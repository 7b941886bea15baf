import { describe, expect, it } from 'vitest';
import { collect } from '../../utils/capture/collect';
import { refine } from '../../utils/capture/refine';
import type { SiteExtractor, SiteResult } from '../../utils/capture/types';
import { captureHtml, docOf, page } from './capture-helpers';

/** The judgement rules of the capture issue, each against a page built to tempt the engine into the wrong answer. */

const URL_ = 'https://www.lumenforge.io/about/contact';

describe('never contact data', () => {
  const hostile = page(
    `<script>var support = "ceo.secret@lumenforge.io"; var tel = "+1 415 555 0111";</script>
     <style>.x:after { content: "style.person@lumenforge.io +1 415 555 0112" }</style>
     <template><h2>Tina Template</h2><p>Head of Sales</p><p>tina.template@lumenforge.io</p></template>
     <noscript>noscript.person@lumenforge.io</noscript>
     <div hidden><h2>Hilda Hidden</h2><p>Chief Executive Officer</p><p>hilda.hidden@lumenforge.io</p></div>
     <div style="display: none"><h2>Dora None</h2><p>VP of Sales</p><a href="mailto:dora.none@lumenforge.io">mail</a></div>
     <div style="visibility:hidden">vis.hidden@lumenforge.io</div>
     <div aria-hidden="true">aria.hidden@lumenforge.io</div>
     <pre><code>git config user.email "code.person@lumenforge.io"  # +1 415 555 0113</code></pre>
     <p>Example: <code>you@example.com</code>, jane@example.com, name@example.org, sales@sub.example.net</p>
     <form><input type="email" placeholder="your.name@company.com"><textarea placeholder="+1 555 0100"></textarea></form>
     <img src="/img/logo@2x.png" alt="Logo"> <p>Assets: logo@2x.png icon@3x.webp</p>
     <p>Release 2.14.1.2026 is out. Version 10.2.3 fixes order 4711. Order #1234567890 shipped; invoice no. 0044 1234 5678.</p>
     <p>Registered in England No. 01234567 · VAT GB 123 4567 89 · Build 20261124.1</p>`,
  );

  it('reads nothing from scripts, styles, templates, code, hidden elements, placeholders or image names', () => {
    const c = captureHtml(hostile, URL_);
    const json = JSON.stringify(c);
    expect(c.people).toEqual([]);
    for (const leak of ['secret', 'style.person', 'tina', 'noscript', 'hilda', 'dora', 'vis.hidden', 'aria.hidden', 'code.person', 'example.', 'company.com', '2x.png', '3x.webp']) {
      expect(json, leak).not.toContain(leak);
    }
  });

  it('does not take version numbers, order ids, invoice or registration numbers for phones', () => {
    const c = captureHtml(hostile, URL_);
    expect(c.organization?.phones ?? []).toEqual([]);
    expect(JSON.stringify(c)).not.toMatch(/\+1415555011/);
  });

  it('keeps LinkedIn-style visually hidden text, which screen readers and people read', () => {
    const c = captureHtml(
      page(`<article class="card"><h3><span class="visually-hidden">Nadia Kowalczyk</span></h3><p>Head of Growth</p></article>`),
      URL_,
    );
    expect(c.people.map((p) => p.name)).toEqual(['Nadia Kowalczyk']);
  });
});

describe('role mailboxes', () => {
  it('go to the organisation, not to a person', () => {
    const c = captureHtml(
      page(`<p>Write to <a href="mailto:info@lumenforge.io">info@lumenforge.io</a>, press@lumenforge.io or noreply@lumenforge.io.</p>
            <p>Support: support@lumenforge.io · Sales: sales@lumenforge.io</p>`, '<title>Contact | Lumenforge</title>'),
      URL_,
    );
    expect(c.people).toEqual([]);
    expect(c.organization?.name).toBe('Lumenforge');
    expect(c.organization?.emails.sort()).toEqual(['info@lumenforge.io', 'noreply@lumenforge.io', 'press@lumenforge.io', 'sales@lumenforge.io', 'support@lumenforge.io']);
  });

  it('are taken off a structured person too', () => {
    const ld = { '@context': 'https://schema.org', '@type': 'Person', name: 'Rosa Lindgren', email: ['rosa@lumenforge.io', 'hello@lumenforge.io'] };
    const c = captureHtml(page('', `<script type="application/ld+json">${JSON.stringify(ld)}</script>`), URL_);
    expect(c.people[0]?.emails).toEqual(['rosa@lumenforge.io']);
    expect(c.organization?.emails).toContain('hello@lumenforge.io');
  });
});

describe('the viewer and colleagues', () => {
  const viewerSite = (result: Partial<SiteResult>): SiteExtractor => ({
    id: 'testmail',
    patterns: ['https://mail.test/*'],
    matches: () => true,
    collect: () => ({ pageKind: 'email', people: [], ...result }),
  });
  const thread = page(`<div class="message"><p>Hi Alex,</p><p>Sounds good.</p><p>Best regards,</p>
      <p>Noor Haddad<br>Procurement Manager | Cedarline Foods<br>Tel: +44 20 7946 0321</p></div>
      <div class="message"><p>Thanks,</p><p>Sam Ortiz<br>Account Executive, Our Co<br>sam.ortiz@ourco.test</p></div>`);

  it('are not captures', () => {
    const site = viewerSite({
      viewer: { name: 'Alex Morgan', emails: ['alex.morgan@ourco.test'] },
      people: [
        { layer: 'testmail', name: 'Alex Morgan', emails: ['alex.morgan@ourco.test'], role: 'recipient' },
        { layer: 'testmail', name: 'Noor Haddad', emails: ['noor@cedarline.test'], role: 'sender' },
      ],
    });
    const c = refine(collect(docOf(thread, 'https://mail.test/inbox/1'), 'https://mail.test/inbox/1', { site }));
    expect(c.people.map((p) => p.name)).toEqual(['Noor Haddad']);
    expect(c.people[0]).toMatchObject({ jobTitle: 'Procurement Manager', company: 'Cedarline Foods', phones: ['+442079460321'] });
    expect(c.people[0]!.sources).toMatchObject({ name: 'testmail', jobTitle: 'signature', emails: 'testmail' });
  });

  it('own domains passed as an option mark colleagues too', () => {
    const c = captureHtml(thread, 'https://mail.test/inbox/1', { ownDomains: ['ourco.test'] });
    expect(c.people.map((p) => p.name)).toEqual(['Noor Haddad']);
    const without = captureHtml(thread, 'https://mail.test/inbox/1');
    expect(without.people.map((p) => p.name).sort()).toEqual(['Noor Haddad', 'Sam Ortiz']);
  });
});

describe('markup-looking strings', () => {
  it('stay text: a structured name is returned verbatim, never parsed or executed', () => {
    const evil = '<img src=x onerror="globalThis.__pwned=1">';
    const ld = { '@type': 'Person', name: evil, jobTitle: '<script>alert(1)</script>', email: 'evil.person@lumenforge.io' };
    // escaped as sites escape it, so the JSON stays inside its <script> element
    const json = JSON.stringify(ld).replace(/</g, '\\u003c');
    const c = captureHtml(page('', `<script type="application/ld+json">${json}</script>`), URL_);
    expect(c.people[0]?.name).toBe(evil);
    expect(c.people[0]?.jobTitle).toBe('<script>alert(1)</script>');
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
  });

  it('are not taken for names by the text heuristics', () => {
    const c = captureHtml(page(`<article class="card"><h3>&lt;b onmouseover=alert(1)&gt;Jane&lt;/b&gt;</h3><p>Head of Sales</p><p>jb@lumenforge.io</p></article>`), URL_);
    expect(c.people).toEqual([]);
  });
});

describe('sidebars and people merely linked', () => {
  it('a site extractor can exclude subtrees from the generic layers', () => {
    const html = page(`<main><h1>Priya Raman</h1></main>
      <aside id="also"><article class="card"><h3>Omar Farouk</h3><p>Head of Sales at Elsewhere</p></article></aside>`);
    const site: SiteExtractor = {
      id: 'testsite', patterns: [], matches: () => true,
      collect: (doc) => ({ pageKind: 'profile', people: [{ layer: 'testsite', name: 'Priya Raman', primary: true }], exclude: [doc.getElementById('also')!] }),
    };
    const c = refine(collect(docOf(html), 'https://www.acme-widgets.test/', { site }));
    expect(c.people.map((p) => p.name)).toEqual(['Priya Raman']);
  });
});
