/**
 * Kinds and stages as plain constants, with no zod: the popup and side panel import these at run time,
 * and keeping zod out of their bundles saves ~34 KB gzip. contact.ts builds the schemas from them.
 */
export type ContactKindName = 'lead' | 'prospect';

export const LEAD_STAGES = ['new', 'engaged', 'marketing-qualified'] as const;
export const PROSPECT_STAGES = ['new', 'contacted', 'meeting-booked', 'qualified', 'customer', 'lost'] as const;
export type Stage = (typeof LEAD_STAGES)[number] | (typeof PROSPECT_STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  new: 'New',
  engaged: 'Engaged',
  'marketing-qualified': 'Marketing-qualified',
  contacted: 'Contacted',
  'meeting-booked': 'Meeting booked',
  qualified: 'Qualified',
  customer: 'Customer',
  lost: 'Lost',
};

export function stagesFor(kind: ContactKindName): readonly Stage[] {
  return kind === 'lead' ? LEAD_STAGES : PROSPECT_STAGES;
}

export function isStageOf(kind: ContactKindName, stage: string): stage is Stage {
  return (stagesFor(kind) as readonly string[]).includes(stage);
}
