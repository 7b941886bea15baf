import { describe, expect, it } from 'vitest';
import { gmailThread } from '../../utils/capture/sites/gmail-thread';
import { outlookMessage } from '../../utils/capture/sites/outlook-message';
import { extract, isExcluded, loadHtml } from './sites-load';

const SHARED = 'tests/fixtures/capture';

describe('gmail-thread', () => {
  it('reads sender and recipients by their email attributes, the subject, the owner and the campaign links', () => {
    const { result, doc } = extract(`${SHARED}/gmail-thread.html`, 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqbXvKlTsPmVnFhRgwDxLzJkB');
    expect(result.pageKind).toBe('email');
    expect(result.people).toEqual([
      { layer: 'gmail', name: 'Priya Natarajan', emails: ['priya.natarajan@fernwood-bio.example'], role: 'sender' },
      { layer: 'gmail', name: 'Daniel Cho', emails: ['dcho@fernwood-bio.example'], role: 'recipient' },
    ]);
    expect(result.viewer).toEqual({ name: 'Alex Morgan', emails: ['alex.morgan@ourco.example'] });
    expect(result.email).toMatchObject({ subject: 'Re: Your webinar on pipeline analytics', threadId: 'thread-f:1786305120933781204', messageId: 'msg-f:1786390318821126531' });
    expect(result.email?.sentAt).toMatch(/^2026-11-25T/);
    expect(result.campaignLinks).toEqual(['https://ourco.example/pilot?utm_source=webinar&utm_medium=email&utm_campaign=pipeline-analytics-q4']);
    // the generic layers read the bodies (signatures), not the left nav or the owner's quoted words
    expect(result.scope?.some((s) => s.querySelector('.gmail_signature'))).toBe(true);
    expect(isExcluded(result, doc.querySelector('[role="navigation"] a'))).toBe(true);
    expect(isExcluded(result, doc.querySelector('blockquote'))).toBe(true);
  });

  it('tells cc from to by the header details, skips the owner, and ignores the hidden message list', () => {
    const { result, doc } = extract('tests/fixtures/sites/gmail-thread-cc.html', 'https://mail.google.com/mail/u/0/#label/Clients/FMfcgzQcqbXvKlTsPmVnFhRgwDxLzJkC');
    expect(result.people.map((p) => [p.name, p.role])).toEqual([
      ['Sam Rivera', 'sender'],
      ['Nora Lind', 'sender'],
      ['Ben Ortiz', 'cc'],
    ]);
    expect(result.people.map((p) => p.name)).not.toContain('Rahim Khan');
    expect(result.campaignLinks?.[0]).toContain('utm_campaign=spring-pricing');
    // Sam's message quoted again in Nora's reply is a copy: excluded so its signature is not read next to Nora
    const quotes = doc.querySelectorAll('.gmail_quote_container');
    expect(isExcluded(result, quotes[1]!)).toBe(true);
  });

  it('claims only thread URLs and returns no one when no message is rendered', () => {
    expect(gmailThread.matches(new URL('https://mail.google.com/mail/u/0/#inbox'))).toBe(false);
    const url = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqbXvKlTsPmVnFhRgwDxLzJkB';
    expect(gmailThread.collect(loadHtml('<div role="main"></div>', url), new URL(url))?.people).toEqual([]);
  });
});

describe('outlook-message', () => {
  it('reads the reading pane: sender with address, a recipient known only by name, not the owner or the list', () => {
    const { result, doc } = extract(`${SHARED}/outlook-message.html`, 'https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS1hNmQ5LTk3MTYtMDACLTAwCgAQAJ4f');
    expect(result.people).toEqual([
      { layer: 'outlook', name: 'Lena Fischer', emails: ['lena.fischer@brightpath.example'], role: 'sender' },
      { layer: 'outlook', name: 'Jonas Weber', emails: [], role: 'recipient' },
    ]);
    expect(result.viewer).toEqual({ name: 'Alex Morgan', emails: ['alex.morgan@ourco.example'] });
    expect(result.email?.subject).toBe('Partnership proposal for Q1');
    expect(result.email?.sentAt).toMatch(/^2026-11-26T/);
    expect(isExcluded(result, doc.querySelector('#MailList [title="ravi.shah@ledgerline.example"]'))).toBe(true);
  });

  it('splits Cc entries of both shapes, and takes campaign links from the quoted original the owner sent', () => {
    const { result, doc } = extract('tests/fixtures/sites/outlook-message-cc.html', 'https://outlook.live.com/mail/0/inbox/id/AQQkADAwATM0MDAwAS1hNmQ5LTk3MTYtMDACLTAwCgAQAKx9');
    expect(result.people).toEqual([
      { layer: 'outlook', name: 'Marco Bianchi', emails: ['marco.bianchi@ferrovia-tech.example'], role: 'sender' },
      { layer: 'outlook', name: 'Giulia Romano', emails: ['giulia.romano@ferrovia-tech.example'], role: 'cc' },
      { layer: 'outlook', name: 'Priya Shah', emails: ['priya@shah-consulting.example'], role: 'cc' },
    ]);
    expect(result.viewer?.emails).toEqual(['alex.morgan@outlook.example']);
    expect(result.email?.sentAt).toMatch(/^2026-11-27T10:14/); // day-first (en-GB)
    expect(result.campaignLinks).toEqual(['https://ourco.example/pilot/rail?utm_source=outbound&utm_medium=email&utm_campaign=emea-rail-q1']);
    expect(isExcluded(result, doc.querySelector('#x_divRplyFwdMsg'))).toBe(true);
  });

  it('does not take a quote sent to the owner for the owner’s own words', () => {
    const html = `<div id="O365_MainLink_Me" aria-label="Account manager for Alex Morgan"></div>
      <div role="main" aria-label="Reading Pane"><div aria-label="From: Kim Ode"><span>Kim Ode</span> <span>&lt;kim@ode.example&gt;</span></div>
      <div aria-label="Message body"><p>Forwarding this.</p><div id="divRplyFwdMsg"><b>From:</b> Lee Park &lt;lee@park.example&gt;<br><b>To:</b> Alex Morgan</div>
      <div><a href="https://park.example/?utm_source=x">link</a></div></div></div>`;
    const url = 'https://outlook.office.com/mail/inbox/id/AAQk1';
    const r = outlookMessage.collect(loadHtml(html, url), new URL(url));
    expect(r?.people).toEqual([{ layer: 'outlook', name: 'Kim Ode', emails: ['kim@ode.example'], role: 'sender' }]);
    expect(r?.campaignLinks).toEqual([]);
  });
});

describe('outlook-message without labelled address lines', () => {
  it('reads "To:"/"Cc:" header text and keeps the quoted header in the body out', () => {
    const html = `<button id="O365_MainLink_Me" aria-label="Account manager for Alex Morgan"></button>
      <div id="ReadingPaneContainerId"><div role="heading" aria-level="2"><span title="Order 77">Order 77</span></div>
      <div><button aria-label="Opens card for Kim Ode"><div>Kim Ode</div></button><span>&lt;kim@ode.example&gt;</span></div>
      <div><span>To:</span> <span>Alex Morgan</span>; <span>Lee Park</span></div>
      <div><span>Cc:</span> <span title="ria@ode.example">Ria Ode</span></div>
      <div aria-label="Message body"><div id="divRplyFwdMsg"><b>From:</b> Alex Morgan<br><b>To:</b> Sam Quinn &lt;sam@q.example&gt;</div></div></div>`;
    const url = 'https://outlook.office.com/mail/inbox/id/AAQk2';
    const r = outlookMessage.collect(loadHtml(html, url), new URL(url));
    expect(r?.people.map((p) => [p.name, p.role, p.emails])).toEqual([
      ['Kim Ode', 'sender', ['kim@ode.example']],
      ['Lee Park', 'recipient', []],
      ['Ria Ode', 'cc', ['ria@ode.example']],
    ]);
  });
});

describe('gmail-thread quote attributions', () => {
  it('reads old-style attributions written as bare text before the blockquote', () => {
    const html = `<header><a aria-label="Google Account: Alex Morgan (alex@ourco.example)" href="https://accounts.google.com/x"></a></header>
      <div role="main"><h2 class="hP" data-thread-perm-id="thread-f:1">Re: Offer</h2>
      <div class="adn" data-message-id="#msg-f:2"><h3><span class="gD" email="kim@ode.example" name="Kim Ode">Kim Ode</span></h3>
      <div class="a3s"><div>Yes please.</div><div class="gmail_extra"><br><div class="gmail_quote">On Mon, Alex Morgan &lt;alex@ourco.example&gt; wrote:<br>
      <blockquote class="gmail_quote"><a href="https://ourco.example/offer?utm_source=mail&amp;utm_campaign=offer">Offer</a></blockquote></div></div></div></div></div>`;
    const url = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqbXvKlTsPmVnFhRgwDxLzJkZ';
    const r = gmailThread.collect(loadHtml(html, url), new URL(url));
    expect(r?.campaignLinks).toEqual(['https://ourco.example/offer?utm_source=mail&utm_campaign=offer']);
    expect(r?.people).toEqual([{ layer: 'gmail', name: 'Kim Ode', emails: ['kim@ode.example'], role: 'sender' }]);
  });
});
