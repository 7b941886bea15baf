import type { Campaign } from '../../model/capture';
import { UTM_PARAMS, isClickId } from '../../domain/campaign';

/**
 * The campaign of a touchpoint: UTM parameters of the page URL, else of the links the site layer named as the
 * campaign's (in an email thread, the links in the mailbox owner's own quoted message). Ad click ids beside them.
 */

const UTM: Record<string, keyof Campaign> = UTM_PARAMS;

export function campaignOf(url: string): Campaign | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const c: Campaign = {};
  // some sites put the parameters after the hash (single-page apps)
  const params = new URLSearchParams(u.search);
  const hashQuery = u.hash.includes('?') ? u.hash.slice(u.hash.indexOf('?') + 1) : u.hash.includes('utm_') ? u.hash.slice(1) : '';
  if (hashQuery) for (const [k, v] of new URLSearchParams(hashQuery)) if (!params.has(k)) params.set(k, v);
  for (const [k, v] of params) {
    const key = UTM[k.toLowerCase()];
    const value = v.trim().slice(0, 500);
    if (key && key !== 'clickIds' && value) (c as Record<string, string>)[key] = value;
    else if (isClickId(k) && value) (c.clickIds ??= {})[k.toLowerCase()] = value;
  }
  return Object.keys(c).length ? c : undefined;
}

export function campaignLayer(pageUrl: string, campaignLinks: string[] = []): Campaign | undefined {
  const fromPage = campaignOf(pageUrl);
  if (fromPage?.source || fromPage?.name) return fromPage;
  for (const link of campaignLinks) {
    const c = campaignOf(link);
    if (c?.source || c?.name) return fromPage?.clickIds ? { ...c, clickIds: { ...c.clickIds, ...fromPage.clickIds } } : c;
  }
  return fromPage;
}
