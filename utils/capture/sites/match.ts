import { siteMatchers } from 'virtual:touchpoint/site-matchers';
import { siteClaims, type SiteMatch } from './define';

/**
 * The background's view of the sites: each site file's `match` export (id, patterns, URL test) and none of its DOM
 * code. `virtual:touchpoint/site-matchers` is generated from sites/registry.ts by modules/sites.ts (in the WXT build
 * and in Vitest), so there is no second list to keep in step with the registry.
 */
export function matchSite(url: URL): SiteMatch | undefined {
  return siteMatchers.find((s) => siteClaims(s, url));
}

export { siteMatchers };
export { siteScriptFile, type SiteMatch } from './define';
