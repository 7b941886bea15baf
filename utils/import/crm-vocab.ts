import type { ContactKindName as ContactKind } from '../model/stages';

/**
 * How CRM pipelines map to ours, in one place: import reads these values and export writes them.
 * HubSpot: lifecycle stage and lead status. Salesforce (standard picklists): Lead Status.
 */

const key = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

/** HubSpot lifecycle stage (label or internal name) → kind and stage. */
export function fromHubspotLifecycle(value: string | undefined): { kind: ContactKind; stage: string } | undefined {
  switch (key(value ?? '')) {
    case 'subscriber':
    case 'lead':
      return { kind: 'lead', stage: 'new' };
    case 'marketingqualifiedlead':
      return { kind: 'lead', stage: 'marketing-qualified' };
    case 'salesqualifiedlead':
    case 'opportunity':
      return { kind: 'prospect', stage: 'qualified' };
    case 'customer':
    case 'evangelist':
      return { kind: 'prospect', stage: 'customer' };
    default:
      return undefined;
  }
}

/** HubSpot lead status (label or internal name) → stage, for a contact of the given kind. */
export function fromHubspotLeadStatus(kind: ContactKind, value: string | undefined): string | undefined {
  const k = key(value ?? '');
  if (!k) return undefined;
  if (k === 'new') return 'new';
  if (kind === 'lead') return ['inprogress', 'connected', 'attemptedtocontact', 'opendeal'].includes(k) ? 'engaged' : undefined;
  if (k === 'attemptedtocontact' || k === 'connected') return 'contacted';
  if (k === 'inprogress') return 'meeting-booked';
  if (k === 'opendeal') return 'qualified';
  if (k === 'unqualified' || k === 'badtiming') return 'lost';
  return undefined;
}

export const HUBSPOT_LIFECYCLE: Record<string, string> = {
  'lead/new': 'Lead',
  'lead/engaged': 'Lead',
  'lead/marketing-qualified': 'Marketing Qualified Lead',
  'prospect/new': 'Sales Qualified Lead',
  'prospect/contacted': 'Sales Qualified Lead',
  'prospect/meeting-booked': 'Opportunity',
  'prospect/qualified': 'Opportunity',
  'prospect/customer': 'Customer',
  'prospect/lost': 'Other',
};

export const HUBSPOT_LEAD_STATUS: Record<string, string> = {
  'lead/new': 'New',
  'lead/engaged': 'In Progress',
  'lead/marketing-qualified': 'In Progress',
  'prospect/new': 'New',
  'prospect/contacted': 'Connected',
  'prospect/meeting-booked': 'In Progress',
  'prospect/qualified': 'Open Deal',
  'prospect/customer': 'Open Deal',
  'prospect/lost': 'Unqualified',
};

/** Salesforce Lead Status (the standard picklist) → stage of a lead. */
export function fromSalesforceLeadStatus(value: string | undefined): string | undefined {
  const k = key(value ?? '');
  if (!k) return undefined;
  if (k.startsWith('open')) return 'new';
  if (k.startsWith('working')) return 'engaged';
  if (k === 'closedconverted') return 'marketing-qualified';
  return undefined;
}

export const SALESFORCE_LEAD_STATUS: Record<string, string> = {
  'lead/new': 'Open - Not Contacted',
  'lead/engaged': 'Working - Contacted',
  'lead/marketing-qualified': 'Working - Contacted',
  'prospect/new': 'Open - Not Contacted',
  'prospect/contacted': 'Working - Contacted',
  'prospect/meeting-booked': 'Working - Contacted',
  'prospect/qualified': 'Working - Contacted',
  'prospect/customer': 'Closed - Converted',
  'prospect/lost': 'Closed - Not Converted',
};
