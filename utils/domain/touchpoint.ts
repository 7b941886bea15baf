import { hasCampaign, type CampaignLike } from './campaign';
import { withoutTracking } from './link';

/** The touchpoint types a save from a page can record (a subset of the model's TouchpointType). */
export type PageTouchpointType = 'campaign-response' | 'email-replied' | 'email-received' | 'profile-view' | 'web-visit';

export interface PageLike {
  url?: string;
  campaign?: CampaignLike;
  /** the page is an email (thread) */
  email?: unknown;
  pageKind?: string;
}

/**
 * Which touchpoint saving a person from this page records: a campaign (UTM or click id) makes it a campaign response;
 * in an email thread, the people you wrote to are your reply and the others wrote to you; a profile is a profile view.
 */
export function touchpointTypeFor(page: PageLike, role?: string): PageTouchpointType {
  if (hasCampaign(page.campaign)) return 'campaign-response';
  if (page.email || page.pageKind === 'email') return role === 'recipient' || role === 'cc' ? 'email-replied' : 'email-received';
  if (role === 'profile' || (!role && page.pageKind === 'profile')) return 'profile-view';
  return 'web-visit';
}

/**
 * The timeline entry of a call note: one per note, id derived from it so repeated saves update it (the store writes
 * it; the side panel shows the call and its notes as that one entry).
 */
export function callTouchpointId(noteId: string): string {
  return `call-${noteId}`.slice(0, 64);
}

/**
 * Whether an ended call is worth a timeline entry: something was said in its notes, or the caller chose an outcome
 * ("voicemail" with no words is still a call made). Notes typed and then deleted, with no outcome, are the empty call.
 */
export function callWorthRecording(call: { body: string; outcome?: string }): boolean {
  return call.body.trim() !== '' || !!call.outcome;
}

/** Views of a page: repeating one on the same day adds nothing worth a line of its own. */
const FOLDED_TYPES: ReadonlySet<string> = new Set(['profile-view', 'web-visit']);

/** The local calendar day of a time (the browser's time zone: the day the user lived). */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/**
 * Repeated views of the same page (tracking parameters aside) on one local day are one timeline entry with a count:
 * the store folds them as they are saved, the timeline folds older records the same way. Undefined: never folded
 * (a campaign response, an email, a call …).
 */
export function foldKey(t: { type: string; url?: string; at: string; campaign?: unknown; emailSubject?: string }): string | undefined {
  if (!FOLDED_TYPES.has(t.type) || !t.url || t.campaign || t.emailSubject) return undefined;
  return `${t.type} ${withoutTracking(t.url)} ${localDay(t.at)}`;
}
