import { CALL_OUTCOME_LABELS, touchpointLabel } from '../../model/labels';
import type { Campaign, Note, Touchpoint } from '../../model';

/**
 * The words a CRM timeline shows for our notes and touchpoints (HubSpot notes, Pipedrive notes). Plain
 * text, one fact per line; each connector turns it into its own markup. Labels come from the pages'
 * own presentation helpers, so the side panel and the CRM say the same thing.
 */

function campaignLine(c: Campaign | undefined): string | undefined {
  if (!c) return undefined;
  const parts = [c.name && `campaign ${c.name}`, c.source && `source ${c.source}`, c.medium && `medium ${c.medium}`, c.term && `term ${c.term}`, c.content && `content ${c.content}`].filter(Boolean);
  return parts.length ? `Campaign: ${parts.join(', ')}` : undefined;
}

/** "Touchpoint: Profile viewed\nhttps://…\nSummary" */
export function touchpointText(t: Touchpoint): string {
  return [
    `Touchpoint: ${touchpointLabel(t.type)}`,
    t.emailSubject && `Subject: ${t.emailSubject}`,
    t.summary,
    campaignLine(t.campaign),
    t.url,
    '(recorded by Touchpoint)',
  ]
    .filter(Boolean)
    .join('\n');
}

function minutes(from: string, to: string | undefined): string | undefined {
  if (!to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  const m = Math.round(ms / 60_000);
  return m < 1 ? 'under a minute' : `${m} min`;
}

/** A note's body, with a first line for call notes ("Call: Connected, 12 min"). */
export function noteText(n: Note): string {
  if (!n.call) return n.body;
  const facts = [n.call.outcome && CALL_OUTCOME_LABELS[n.call.outcome], minutes(n.call.startedAt, n.call.endedAt)].filter(Boolean);
  return `Call${facts.length ? `: ${facts.join(', ')}` : ''}\n${n.body}`;
}

/** When a note happened: a call when it started, else when it was written. */
export function noteTime(n: Note): string {
  return n.call?.startedAt ?? n.createdAt;
}
