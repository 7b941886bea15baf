import type { Capture, CapturedPerson } from '../../utils/model/capture';
import type { PublicSettings } from '../../utils/model/settings';

/** Pure presentation helpers shared by the pages; no extension APIs here. */

/** A stable key for a captured person on one page: first email, else first profile link, else name. */
export function personKey(p: Pick<CapturedPerson, 'emails' | 'links' | 'name'>): string {
  return p.emails[0] ?? p.links[0] ?? p.name.trim().toLowerCase();
}

/** "Title · Company", either part optional. */
export function subtitle(jobTitle?: string, company?: string): string {
  return [jobTitle, company].filter((s) => s && s.trim()).join(' · ');
}

/** 65_000 → "1:05"; 3_725_000 → "1:02:05". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export interface OutboxStatusLike {
  pending: number;
  dead: number;
  lastError?: string;
  /** distinct people behind the pending changes, when the background counted them */
  pendingPeople?: number;
  refused?: readonly { contactId: string; error: string }[];
}

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** The side panel's one-line sync status. */
export function syncStatusText(status: OutboxStatusLike | undefined, destination: PublicSettings['destination']['type'] | undefined): string {
  if (destination === 'none' || destination === undefined) return 'No CRM connected — everything is kept on this device';
  if (!status) return 'Checking sync…';
  const parts: string[] = [];
  // People, not events: one save is a contact, a touchpoint and a note.
  if (status.pending > 0)
    parts.push(
      status.pendingPeople ? `${people(status.pendingPeople)} waiting to sync` : `${status.pending} ${status.pending === 1 ? 'change' : 'changes'} waiting to sync`,
    );
  if (status.dead > 0) parts.push(`${status.refused?.length ? people(status.refused.length) : status.dead} refused by the CRM`);
  if (parts.length === 0) return 'All synced';
  return parts.join(' · ');
}

// Labels of the model's enums live with the model, so exports and CRM connectors use the same words as the pages.
export { CALL_OUTCOME_LABELS, touchpointLabel } from '../../utils/model/labels';

/** "linkedin / social / spring-launch", skipping what is missing. */
export function campaignText(c: NonNullable<Capture['campaign']>): string {
  const clicks = Object.keys(c.clickIds ?? {});
  // An ad click alone is a campaign too: say which platform's click it was.
  if (!c.source && !c.medium && !c.name && clicks.length) return `ad click (${clicks.join(', ')})`;
  return [c.source, c.medium, c.name].map((s) => s || '—').join(' / ');
}

/** "sales, vip ,, Sales" → ["sales", "vip"]: trimmed, de-duplicated case-insensitively, bounded. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const t = raw.trim().slice(0, 64);
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
    if (out.length >= 50) break;
  }
  return out;
}

/** Relative for the last day, else a short local date. */
export function formatWhen(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const diff = now - t;
  if (diff >= 0 && diff < 60_000) return 'just now';
  if (diff >= 0 && diff < 3_600_000) return `${Math.floor(diff / 60_000)} min ago`;
  if (diff >= 0 && diff < 86_400_000) return `${Math.floor(diff / 3_600_000)} h ago`;
  return new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Shows a link without its scheme: "linkedin.com/in/maya". */
export function linkText(url: string): string {
  return url.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '');
}

/** Only http(s) links become clickable: a captured "javascript:" string stays text. */
export function isSafeHref(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

const REASON_TEXT: Record<string, string> = {
  email: 'same email',
  link: 'same profile link',
  'name-company': 'same name and company',
  'name-domain': 'same name and email domain',
  name: 'same name',
};
/** Why two records may be one person, in words: "same name and company, same email". */
export function reasonText(reasons: readonly string[]): string {
  return reasons.map((r) => REASON_TEXT[r] ?? r).join(', ');
}
