/**
 * What makes a page or an email a campaign response: UTM parameters or an ad click id. One rule for the capture
 * (which reads them), the popup (lead suggestion, banner) and the store (touchpoint type).
 */

/** UTM parameter → campaign field. */
export const UTM_PARAMS = {
  utm_source: 'source',
  utm_medium: 'medium',
  utm_campaign: 'name',
  utm_term: 'term',
  utm_content: 'content',
} as const;

/** Ad platforms' click ids: Google (gclid, gbraid, wbraid), Meta, LinkedIn, Microsoft, TikTok, X. */
export const CLICK_IDS = ['gclid', 'fbclid', 'li_fat_id', 'msclkid', 'gbraid', 'wbraid', 'ttclid', 'twclid'] as const;
export type ClickId = (typeof CLICK_IDS)[number];

export function isClickId(param: string): param is ClickId {
  return (CLICK_IDS as readonly string[]).includes(param.toLowerCase());
}

export interface CampaignLike {
  source?: string;
  medium?: string;
  name?: string;
  term?: string;
  content?: string;
  clickIds?: Record<string, string>;
}

/** A campaign is present when any UTM field is set or any ad click id is (an ad click alone is a campaign response). */
export function hasCampaign(c: CampaignLike | undefined | null): boolean {
  if (!c) return false;
  if (c.source || c.medium || c.name || c.term || c.content) return true;
  return !!c.clickIds && Object.values(c.clickIds).some((v) => !!v);
}
