import { describe, expect, it } from 'vitest';
import { findEmails, isRoleEmail, normalizeEmail } from '../../utils/capture/normalize/email';
import { normalizePhone, regionFromHost, regionFromLang } from '../../utils/capture/normalize/phone';
import { canonicalLink } from '../../utils/capture/normalize/link';
import { looksLikeJobTitle, looksLikePersonName, nameFromEmail } from '../../utils/capture/normalize/name';
import { campaignLayer } from '../../utils/capture/layers/campaign';

describe('emails', () => {
  it('finds the usual obfuscations', () => {
    expect(findEmails('jordan.blake [at] quarry-tools [dot] example')).toContain('jordan.blake@quarry-tools.example');
    expect(findEmails('write to jane(at)acme(dot)co(dot)uk today')).toContain('jane@acme.co.uk');
    expect(findEmails('mail: jane {at} acme {dot} com')).toContain('jane@acme.com');
    expect(findEmails('jane at acme dot com')).toContain('jane@acme.com');
    expect(findEmails('Plain: Jane.Doe@Acme.io.')).toEqual(['Jane.Doe@Acme.io']);
  });

  it('does not read ordinary prose as an address', () => {
    expect(findEmails('we meet at noon dot zzz and look at things')).toEqual([]);
    expect(findEmails('see you at the office')).toEqual([]);
  });

  it('normalises and validates', () => {
    expect(normalizeEmail('MAILTO:Maya.Lind@Acme.COM?subject=Hi')).toBe('maya.lind@acme.com');
    expect(normalizeEmail('jane.doe@acme.com')).toBeUndefined(); // the stock placeholder
    expect(normalizeEmail('<jane@acme.com>,')).toBe('jane@acme.com');
    expect(normalizeEmail('not an address')).toBeUndefined();
    expect(normalizeEmail('jane@@acme.com')).toBeUndefined();
  });

  it('rejects image file names, example domains and placeholders', () => {
    for (const junk of [
      'logo@2x.png', 'icon@1.5x.webp', 'sprite@3x.jpg', 'hero@2x.avif', 'jane@example.com', 'sales@sub.example.org',
      'x@example.net', 'you@company.com', 'name@domain.com', 'your.name@yourcompany.com', 'john.doe@acme.invalid',
      'firstname.lastname@acme.com', '3c2f0e1a9b8d7c6e5f4a3b2c1d0e9f8a@sentry.io',
    ]) {
      expect(normalizeEmail(junk), junk).toBeUndefined();
    }
    // the reserved .example TLD is what documentation-style fixtures use for real-looking people: kept
    expect(normalizeEmail('jordan.blake@quarry-tools.example')).toBe('jordan.blake@quarry-tools.example');
  });

  it('knows role mailboxes', () => {
    for (const r of ['info@acme.com', 'support@acme.com', 'no-reply@acme.com', 'noreply@acme.com', 'press@acme.com', 'privacy@acme.com', 'hello@acme.com', 'sales@acme.com', 'careers@acme.com']) {
      expect(isRoleEmail(r), r).toBe(true);
    }
    for (const p of ['jane@acme.com', 'j.smith@acme.com', 'marcus.delgado@acme.com']) expect(isRoleEmail(p), p).toBe(false);
  });
});

describe('phones', () => {
  it('parses national numbers with the region guessed from the page', () => {
    expect(normalizePhone('020 7946 0958', { regions: ['GB'] }, false)).toBe('+442079460958');
    expect(normalizePhone('0151 2345 6789', { regions: ['DE', 'US'] }, true)).toBe('+4915123456789');
    expect(normalizePhone('(206) 555-0134', { regions: ['US'] }, false)).toBe('+12065550134');
  });

  it('takes the region from the number itself when it names one', () => {
    expect(normalizePhone('+49 30 901820-17', { regions: ['US'] }, false)).toBe('+493090182017');
    expect(normalizePhone('tel:+233302555019', { regions: [] }, true)).toBe('+233302555019');
    expect(normalizePhone('0044 20 7946 0958', { regions: [] }, true)).toBe('+442079460958');
  });

  it('accepts a merely possible number only when trusted (tel: link, label)', () => {
    expect(normalizePhone('+44 7700 900123', { regions: [] }, true)).toBe('+447700900123');
    expect(normalizePhone('+44 7700 900123', { regions: [] }, false)).toBeUndefined();
  });

  it('version numbers, dates and ids are not phone numbers', () => {
    for (const s of ['1.2.3.4', '10.12.2026', '2026-11-24', '2019-2024', '123456789', '12.0.6099.109', '1111111']) {
      expect(normalizePhone(s, { regions: ['US'] }, true), s).toBeUndefined();
    }
  });

  it('guesses regions from TLDs and languages', () => {
    expect(regionFromHost('www.acme.co.uk')).toBe('GB');
    expect(regionFromHost('shop.acme.de')).toBe('DE');
    expect(regionFromHost('acme.com')).toBeUndefined();
    expect(regionFromLang('en-GB')).toBe('GB');
    expect(regionFromLang('de')).toBe('DE');
    expect(regionFromLang('en')).toBeUndefined();
  });
});

describe('links', () => {
  it('canonicalises profiles', () => {
    expect(canonicalLink('https://twitter.com/JaneDoe?ref_src=twsrc')?.url).toBe('https://x.com/janedoe');
    expect(canonicalLink('http://linkedin.com/in/Jane-Doe-123/details/experience/?trk=public')).toEqual({
      url: 'https://www.linkedin.com/in/jane-doe-123',
      profile: true,
    });
    expect(canonicalLink('https://de.linkedin.com/in/jane')?.url).toBe('https://www.linkedin.com/in/jane');
    expect(canonicalLink('https://github.com/Octo')).toEqual({ url: 'https://github.com/octo', profile: true });
    expect(canonicalLink('https://github.com/octo/repo/issues')).toEqual({ url: 'https://github.com/octo', profile: false });
    expect(canonicalLink('https://github.com/settings/profile')?.profile).toBe(false);
  });

  it('drops tracking parameters and fragments, upgrades to https', () => {
    expect(canonicalLink('http://acme.com/team/?utm_source=x&gclid=1&id=3#top')?.url).toBe('https://acme.com/team?id=3');
    expect(canonicalLink('https://www.acme.com/')?.url).toBe('https://www.acme.com');
  });

  it('refuses what is not a web link', () => {
    expect(canonicalLink('javascript:alert(1)')).toBeUndefined();
    expect(canonicalLink('data:text/html,hi')).toBeUndefined();
  });
});

describe('names and titles', () => {
  it('tells names from headings and markup', () => {
    for (const n of ['Jordan Blake', 'Inès Moreau', 'Mary-Jane O’Neil', 'Ludwig van Beethoven', 'A. N. Other']) expect(looksLikePersonName(n), n).toBe(true);
    for (const n of ['Talk to sales', 'Contact Us', 'Meet The Team', '<img src=x onerror=alert(1)>', 'Jordan', 'OUR TEAM', 'Order 12345', 'jane@acme.com', 'Quarry Tools Ltd']) {
      expect(looksLikePersonName(n), n).toBe(false);
    }
  });

  it('names an address only when it is clearly first.last', () => {
    expect(nameFromEmail('jordan.blake@acme.com')).toBe('Jordan Blake');
    expect(nameFromEmail('jb1987@acme.com')).toBeUndefined();
  });

  it('tells titles from sentences', () => {
    expect(looksLikeJobTitle('Senior Account Executive, Trade Sales')).toBe(true);
    expect(looksLikeJobTitle('Head of Procurement')).toBe(true);
    expect(looksLikeJobTitle('Carla leads lifecycle marketing at Vinhedo Labs and hosts the Pipeline Pod podcast.')).toBe(false);
  });
});

describe('campaign', () => {
  it('reads UTM parameters and click ids from the page URL', () => {
    expect(campaignLayer('https://acme.com/?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=bulk%20tools&gclid=abc')).toEqual({
      source: 'google', medium: 'cpc', name: 'spring', term: 'bulk tools', clickIds: { gclid: 'abc' },
    });
  });

  it('falls back to the campaign links (an email reply to a campaign)', () => {
    expect(campaignLayer('https://mail.google.com/mail/u/0/#inbox/x', ['https://ourco.com/pilot?utm_source=webinar&utm_medium=email&utm_campaign=q4&li_fat_id=7'])).toEqual({
      source: 'webinar', medium: 'email', name: 'q4', clickIds: { li_fat_id: '7' },
    });
    expect(campaignLayer('https://acme.com/', ['https://acme.com/about'])).toBeUndefined();
  });
});
