import type { SiteExtractor } from '../types';
import { githubProfileMatch } from './github-profile';
import { gmailThreadMatch } from './gmail-thread';
import { linkedinCompanyMatch } from './linkedin-company';
import { linkedinListMatch } from './linkedin-list';
import { linkedinProfileMatch } from './linkedin-profile';
import { outlookMessageMatch } from './outlook-message';
import { xProfileMatch } from './x-profile';

/** What the background needs to choose a site script: the extractor's id and URL test, none of its DOM code. */
export type SiteMatch = Pick<SiteExtractor, 'id' | 'patterns' | 'matches'>;

/**
 * Every site's URL matcher, in the same order as `siteExtractors` (sites/index.ts; the registry test checks the two
 * agree). Importing only the `…Match` exports lets the bundler drop each site's DOM code from the background.
 */
export const siteMatchers: SiteMatch[] = [
  linkedinProfileMatch,
  linkedinCompanyMatch,
  linkedinListMatch,
  githubProfileMatch,
  xProfileMatch,
  gmailThreadMatch,
  outlookMessageMatch,
];

/** The site that claims this URL, if any. */
export function matchSite(url: URL): SiteMatch | undefined {
  return siteMatchers.find((s) => s.matches(url));
}

/**
 * The built script that registers a site's extractor in the page: entrypoints/site-<id>.content.ts (runtime
 * registration), which WXT writes to content-scripts/site-<id>.js.
 */
export const siteScriptFile = (id: string): string => `/content-scripts/site-${id}.js`;
