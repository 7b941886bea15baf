import type { PageKind, PersonRole } from './capture';
import type { CallOutcome } from './note';
import type { TouchpointType } from './touchpoint';

/** What people read for the model's enums: the side panel, the CSV export and the CRM notes all say the same. */
const TOUCHPOINT_LABELS: Record<TouchpointType, string> = {
  'profile-view': 'Profile viewed',
  'email-received': 'Email received',
  'email-replied': 'Email replied',
  'campaign-response': 'Campaign response',
  call: 'Call',
  meeting: 'Meeting',
  note: 'Note',
  'web-visit': 'Web page visited',
  'stage-change': 'Stage changed',
};
export function touchpointLabel(t: TouchpointType): string {
  return TOUCHPOINT_LABELS[t];
}

export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
  connected: 'Connected',
  voicemail: 'Left voicemail',
  'no-answer': 'No answer',
  busy: 'Busy',
  'wrong-number': 'Wrong number',
  'follow-up': 'Follow-up needed',
};


/** What kind of page the popup is reading, in words: the site's own name when a site file claimed it. */
const SITE_LABELS: Record<string, string> = {
  'linkedin-profile': 'LinkedIn profile',
  'linkedin-list': 'LinkedIn list',
  'linkedin-company': 'LinkedIn company page',
  'github-profile': 'GitHub profile',
  'x-profile': 'X profile',
  'gmail-thread': 'Gmail thread',
  'outlook-message': 'Outlook message',
};
const PAGE_KIND_LABELS: Record<PageKind, string> = {
  profile: 'Profile page',
  email: 'Email thread',
  directory: 'Team page',
  article: 'Article',
  company: 'Company page',
  page: 'Web page',
};

/** "LinkedIn profile", "Team page · 12 people": the popup's header chip. The count is said for lists only. */
export function pageLabel(site: string, pageKind: PageKind, people: number): string {
  const base = SITE_LABELS[site] ?? PAGE_KIND_LABELS[pageKind] ?? 'Web page';
  if (people <= 1 && pageKind !== 'directory') return base;
  return `${base} · ${people.toLocaleString('en-US')} ${people === 1 ? 'person' : 'people'}`;
}

/** Why this person is on the page, in words: the role chip of a captured person. */
export const ROLE_LABELS: Record<PersonRole, string> = {
  profile: 'Profile owner',
  sender: 'Sender',
  recipient: 'Thread participant',
  cc: 'Copied (cc)',
  author: 'Author',
  contact: 'Contact person',
  listed: 'Listed on page',
};
