import { describe, expect, it } from 'vitest';
import type { Contact } from '../../utils/model';
import { badgeFor } from '../../entrypoints/background/sync';
import { notificationFor } from '../../entrypoints/background/followups';
import { createRequest, emptyForm, formFromContact, formPatch, formProblems, linesOf } from '../../entrypoints/sidepanel/contact-form';
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
