import { describe, expect, it } from 'vitest';
import type { Contact } from '../../utils/model';
import { badgeFor } from '../../entrypoints/background/sync';
import { notificationFor } from '../../entrypoints/background/followups';
import { createRequest, emptyForm, formFromContact, formPatch, formProblems, linesOf, normalizedPhones } from '../../entrypoints/sidepanel/contact-form';
import { regionFromPlace, typedPhone } from '../../utils/capture/normalize/phone';
import { dueText } from '../../entrypoints/sidepanel/followup-format';
import { companyIdFromHash } from '../../entrypoints/sidepanel/CompanyView';
import { recordsRouteOf } from '../../entrypoints/sidepanel/RecordsRoute';

const at = '2026-11-27T09:00:00.000Z';
const contact = (over: Partial<Contact> = {}): Contact => ({
  id: 'c1',
  kind: 'prospect',
  stage: 'contacted',
  name: 'Maja Holm',
  company: 'Fjordline',
  location: 'Bergen',
  emails: ['maja@fjordline.example'],
  phones: ['+4791234567'],
  links: ['https://www.linkedin.com/in/majaholm'],
  tags: ['webinar'],
  source: { url: 'touchpoint:side-panel', site: 'manual', capturedAt: at },
  provenance: {},
  history: [],
  createdAt: at,
  updatedAt: at,
  sync: {},
  ...over,
});

describe('contact form (pure)', () => {
  it('a new contact: lists one per line (commas too for emails and phones), bad values named before sending', () => {
    const f = { ...emptyForm('lead'), name: ' Maja Holm ', emails: 'maja@a.example, maja@b.example\nmaja@a.example', phones: '+47 912 34 567', links: 'linkedin.com/in/majaholm\nhttps://x.example/a,b', tags: 'nordics, webinar' };
    expect(formProblems(f)).toEqual([]);
    expect(createRequest(f, 'id1')).toEqual({
      id: 'id1',
      kind: 'lead',
      stage: 'new',
      name: 'Maja Holm',
      emails: ['maja@a.example', 'maja@b.example'],
      phones: ['+47 912 34 567'],
      links: ['linkedin.com/in/majaholm', 'https://x.example/a,b'],
      tags: ['nordics', 'webinar'],
    });
    expect(formProblems({ ...f, name: '', emails: 'maja@', links: 'javascript:alert(1)' })).toEqual([
      'A contact needs a name.',
      '“maja@” is not an email address.',
      '“javascript:alert(1)” is not a web address (http or https).',
    ]);
    expect(linesOf(' a \n\n b \na')).toEqual(['a', 'b']);
  });

  it('typed phones are stored in E.164 by capture\'s rule, the country from the city or the browser', () => {
    expect(regionFromPlace('Stockholm, Sweden')).toBe('SE');
    expect(regionFromPlace('Boston, MA')).toBe('US');
    expect(regionFromPlace('Toronto, Ontario')).toBe('CA');
    expect(regionFromPlace('London, UK')).toBe('GB');
    expect(regionFromPlace('Bergen')).toBeUndefined();
    expect(typedPhone('070-123 45 67', 'Stockholm, Sweden', ['en-US'])).toBe('+46701234567');
    expect(typedPhone('(617) 555-0142', 'Boston, MA', [])).toBe('+16175550142');
    // no place: the browser's locale says where a national number is
    expect(typedPhone('030 1234567', '', ['de-DE', 'en'])).toBe('+49301234567');
    expect(typedPhone('+47 912 34 567', 'Boston, MA', ['en-US'])).toBe('+4791234567');
    for (const bad of ['12345', '2024-01-15', 'call me']) expect(typedPhone(bad, 'Oslo, Norway', ['nb-NO'])).toBeUndefined();

    const norm = (raw: string) => typedPhone(raw, 'Bergen, Norway', ['en-US']);
    const f = { ...emptyForm('lead'), name: 'Maja Holm', phones: '912 34 567\n+47 912 34 567, 55 30 20 10' };
    expect(normalizedPhones(f, [], norm)).toEqual({ phones: '+4791234567\n+4755302010', problems: [] });
    // a number already on the record stays as it is, even if it is not E.164 (edited elsewhere, imported)
    expect(normalizedPhones({ ...f, phones: 'ext 12' }, ['ext 12'], norm).problems).toEqual([]);
    // one bad line: said, and the typed text is kept whole
    const bad = { ...f, phones: '912 34 567\n12345' };
    expect(normalizedPhones(bad, [], norm)).toEqual({ phones: bad.phones, problems: [expect.stringContaining('“12345” cannot be a phone number')] });
  });

  it('an edit is a patch of what changed: scalars with the value seen, every list by added and removed items', () => {
    const c = contact();
    expect(formPatch(c, formFromContact(c))).toEqual({});
    const f = { ...formFromContact(c), location: 'Oslo', stage: 'qualified', emails: 'MAJA@fjordline.example\nmaja@holm.example', phones: '', links: c.links[0]!, tags: 'Webinar, vip' };
    expect(formPatch(c, f)).toEqual({
      set: { location: { from: 'Bergen', to: 'Oslo' }, stage: { from: 'contacted', to: 'qualified' } },
      add: { emails: ['maja@holm.example'], tags: ['vip'] },
      remove: { phones: ['+4791234567'] },
    });
  });
});

describe('follow-ups on screen', () => {
  it('due text: today, tomorrow, a date, overdue', () => {
    const now = new Date(2026, 10, 30, 10, 0).getTime();
    expect(dueText({ due: new Date(2026, 10, 30, 15, 0).toISOString() }, now)).toMatch(/^Today /);
    expect(dueText({ due: new Date(2026, 11, 1, 9, 0).toISOString() }, now)).toMatch(/^Tomorrow /);
    expect(dueText({ due: new Date(2026, 10, 30, 9, 0).toISOString() }, now)).toMatch(/^Overdue · Today /);
    expect(dueText({ due: new Date(2026, 10, 30, 9, 0).toISOString(), snoozedUntil: new Date(2026, 10, 30, 11, 0).toISOString() }, now)).toMatch(/^Today /);
    expect(dueText({ due: new Date(2026, 11, 7, 9, 0).toISOString() }, now)).not.toMatch(/Today|Tomorrow|Overdue/);
  });

  it('the notification names the contact and the follow-up', () => {
    expect(notificationFor({ title: 'Send pricing', contactName: 'Priya Natarajan', due: at })).toEqual({ title: 'Follow up: Priya Natarajan', message: 'Send pricing' });
  });

  it('badge: follow-ups due come first, unless the CRM needs the user', () => {
    const none = { pending: 0, dead: 0 };
    expect(badgeFor(none, false, false, 2)).toMatchObject({ text: '2', title: 'Touchpoint: 2 follow-ups due' });
    expect(badgeFor({ pending: 5, dead: 0 }, true, false, 1)).toMatchObject({ text: '1', title: 'Touchpoint: 1 follow-up due' });
    expect(badgeFor({ pending: 5, dead: 1 }, true, false, 1)).toMatchObject({ text: '6', color: '#dc2626' });
    expect(badgeFor({ pending: 3, dead: 0 }, true, false, 0)).toMatchObject({ text: '3', color: '#6b7280' });
    expect(badgeFor(none, false, false, 0).text).toBe('');
  });
});

describe('side panel routes', () => {
  it('#/company/<id> and #/new', () => {
    expect(companyIdFromHash('#/company/abc%20d')).toBe('abc d');
    expect(recordsRouteOf('#/company/x')).toEqual({ kind: 'company', id: 'x' });
    expect(recordsRouteOf('#/new')).toEqual({ kind: 'new' });
    expect(recordsRouteOf('#/contact/x')).toBeUndefined();
  });
});
