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

