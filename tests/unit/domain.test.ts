import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  blockingKeys, canonicalLink, emailKey, nameOnlyKey, foldText, hasCampaign, isProfileLink, linkKey, linkVariants, nameCompanyKey, nameDomainKeys,
  nameKey, namesDisagree, storedLink, touchpointTypeFor, GITHUB_RESERVED, X_RESERVED, CLICK_IDS,
} from '../../utils/domain';
import { touchpointTypeFor as storeTouchpointType } from '../../utils/store/contacts';
import { campaignOf } from '../../utils/capture/layers/campaign';
import { canonicalLink as captureCanonicalLink } from '../../utils/capture/normalize/link';
import { canonicalLink as storeCanonicalLink, normalizeEmail as storeEmail } from '../../utils/store/identity';

describe('touchpoint type (defect 10: one home, email-replied recordable)', () => {
  it('is a campaign response with UTM or with an ad click id alone', () => {
    expect(touchpointTypeFor({ pageKind: 'email', campaign: { source: 'newsletter' } })).toBe('campaign-response');
    expect(touchpointTypeFor({ pageKind: 'profile', campaign: { clickIds: { gclid: 'abc' } } }, 'profile')).toBe('campaign-response');
    expect(touchpointTypeFor({ pageKind: 'page', campaign: {} })).toBe('web-visit');
  });
  it('tells the people you wrote to (a reply) from the people who wrote to you', () => {
    expect(touchpointTypeFor({ pageKind: 'email', email: { subject: 'Hi' } }, 'sender')).toBe('email-received');
    expect(touchpointTypeFor({ pageKind: 'email', email: { subject: 'Hi' } }, 'recipient')).toBe('email-replied');
    expect(touchpointTypeFor({ email: { subject: 'Hi' } }, 'cc')).toBe('email-replied');
  });
  it('is a profile view for the profile owner, a web visit for others on the page', () => {
    expect(touchpointTypeFor({ pageKind: 'profile' }, 'profile')).toBe('profile-view');
    expect(touchpointTypeFor({ pageKind: 'profile' })).toBe('profile-view');
    expect(touchpointTypeFor({ pageKind: 'directory' }, 'listed')).toBe('web-visit');
  });
  it('is the rule the store applies', () => {
    const page = { url: 'https://mail.google.com/mail/u/0/#inbox/1', site: 'gmail', email: { subject: 'Re: hi' } };
    expect(storeTouchpointType(page, 'recipient')).toBe('email-replied');
  });
});

describe('has-campaign and click ids', () => {
  it('counts any UTM field or any click id', () => {
    expect(hasCampaign(undefined)).toBe(false);
    expect(hasCampaign({})).toBe(false);
    expect(hasCampaign({ clickIds: {} })).toBe(false);
    expect(hasCampaign({ term: 'crm' })).toBe(true);
    expect(hasCampaign({ clickIds: { msclkid: '1' } })).toBe(true);
  });
  it('is what capture reads from a URL (every click id)', () => {
    for (const id of CLICK_IDS) {
      const c = campaignOf(`https://acme.example/?${id}=X1`);
      expect(c?.clickIds?.[id]).toBe('X1');
      expect(hasCampaign(c)).toBe(true);
      // and a tracking parameter the canonical link drops
      expect(canonicalLink(`https://acme.example/p?${id}=X1&id=4`)?.url).toBe('https://acme.example/p?id=4');
    }
  });
});

describe('canonical link, one spelling', () => {
  it('is the same function in capture and store', () => {
    for (const l of ['https://LinkedIn.com/in/Maya-Chen/?trk=x', 'http://twitter.com/MayaC', 'github.com/MayaC', 'https://acme.example/team/?utm_source=x']) {
      expect(storeCanonicalLink(l)).toBe(captureCanonicalLink(l)!.url);
    }
    expect(storedLink('not a link')).toBe('not a link');
  });
  it('knows profile links, reserved paths excluded', () => {
    expect(isProfileLink('https://www.linkedin.com/in/maya')).toBe(true);
    expect(isProfileLink('https://github.com/maya')).toBe(true);
    expect(isProfileLink('https://github.com/maya/repo')).toBe(false);
    expect(isProfileLink('https://gitlab.com/maya')).toBe(true);
    expect(isProfileLink('https://bsky.app/profile/maya.bsky.social')).toBe(true);
    for (const r of ['pricing', 'settings', 'topics', 'sponsors']) expect(GITHUB_RESERVED.has(r)).toBe(true);
    for (const r of ['pricing', 'settings', 'topics']) expect(isProfileLink(`https://github.com/${r}`)).toBe(false);
    for (const r of ['home', 'explore', 'i', 'intent']) expect(isProfileLink(`https://x.com/${r}`)).toBe(false);
    expect(X_RESERVED.has('explore')).toBe(true);
  });
  it('matches the spellings older records have', () => {
    expect(linkKey('https://linkedin.com/in/maya')).toBe(linkKey('https://www.linkedin.com/in/Maya/'));
    expect(linkVariants('https://www.linkedin.com/in/maya')).toContain('https://linkedin.com/in/maya');
    expect(linkVariants('https://github.com/MayaC')).toContain('https://github.com/MayaC');
  });
});

describe('email key, text folding, names', () => {
  it('keys emails one way in capture and store', () => {
    expect(emailKey(' Maya@Acme.Example ')).toBe('maya@acme.example');
    expect(emailKey('mailto:Maya@Acme.example?subject=hi')).toBe('maya@acme.example');
    expect(storeEmail).toBe(emailKey);
  });
  it('folds accents', () => {
    expect(foldText('Åsa Öberg')).toBe('asa oberg');
    expect(nameKey('Anne-Marie  Dubé')).toBe('anne marie dube');
    expect(nameCompanyKey('José Núñez', 'Acmé')).toBe(nameCompanyKey('jose nunez', 'ACME'));
    expect(nameCompanyKey('José', undefined)).toBeUndefined();
  });
  it('folds plain ASCII the same way as through Unicode normalisation (its fast path)', () => {
    const slow = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    for (const s of ['Maya Lindqvist', 'O\'Brien-Smith, Jr.', '', 'ACME GmbH\t\n', 'Ǆemal', 'ﬁnance', 'Zoë', 'Ｍａｙａ', '①'])
      expect(foldText(s)).toBe(slow(s));
  });
  it('says when names clearly disagree (two people), and only then', () => {
    expect(namesDisagree('Maya Chen', 'Jordan Lee')).toBe(true);
    expect(namesDisagree('Maya Chen', 'M. Chen')).toBe(false);
    expect(namesDisagree('Maya Chen', 'maya')).toBe(false);
    expect(namesDisagree('Maya Chen', 'mayachen')).toBe(false);
    expect(namesDisagree('Dr. Maya Chen', 'Maya Chen-Ortiz')).toBe(false);
    expect(namesDisagree('Zoë Ångström', 'Zoe Angstrom')).toBe(false);
  });
  it('keys name + company domain, never a mailbox provider', () => {
    expect(nameDomainKeys('Maya Chen', ['maya@acme.example', 'mchen@gmail.com'])).toEqual(['maya chen|@acme.example']);
  });
});

describe('one home per rule (grep)', () => {
  const roots = ['utils/capture', 'utils/store', 'utils/export', 'components', 'entrypoints'];
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name)) files.push(p);
    }
  };
  for (const r of roots) walk(r);
  it('accent folding, click-id lists and reserved paths are written only in utils/domain', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      if (/\\u0300-\\u036f/.test(src)) offenders.push(`${f}: accent folding`);
      if (/['"]gclid['"]\s*,\s*['"]fbclid['"]/.test(src)) offenders.push(`${f}: click-id list`);
      if (/const\s+\w*RESERVED\w*\s*=\s*new Set/.test(src)) offenders.push(`${f}: reserved paths`);
      if (/function\s+(touchpointTypeFor|hasCampaign|normalizeEmail|canonicalLink)\b/.test(src) && !/normalize\/email\.ts$/.test(f)) {
        offenders.push(`${f}: a second ${RegExp.$1}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('blocking keys', () => {
  it('give every reason a record can be a duplicate candidate, and the name-only identity key', () => {
    const keys = blockingKeys({ name: 'Dr. Anna Svensson', company: 'Acme AB', emails: ['Anna@Acme.com', 'anna@gmail.com'], links: ['https://www.linkedin.com/in/anna/', 'https://acme.com/'] });
    expect(keys).toEqual(expect.arrayContaining(['e:anna@acme.com', 'e:anna@gmail.com', `l:${linkKey('https://www.linkedin.com/in/anna/')}`, `c:${nameCompanyKey('Dr. Anna Svensson', 'Acme AB')}`, `n:${nameOnlyKey('Dr. Anna Svensson', 'Acme AB')}`]));
    expect(keys.filter((k) => k.startsWith('d:'))).toEqual(nameDomainKeys('Dr. Anna Svensson', ['anna@acme.com']).map((k) => `d:${k}`)); // gmail.com says nothing
    expect(keys.some((k) => k.includes('acme.com/'))).toBe(false); // a company site is not a profile link
  });
  it('name-only identity: same name and company, an empty company only matching an empty one', () => {
    expect(nameOnlyKey('Anna Svensson', 'ACME')).toBe(nameOnlyKey('anna  svensson', 'Acme'));
    expect(nameOnlyKey('Anna Svensson')).not.toBe(nameOnlyKey('Anna Svensson', 'Acme'));
    expect(nameOnlyKey('  ')).toBeUndefined();
  });
});
