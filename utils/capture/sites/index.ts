import type { SiteExtractor } from '../types';
import { githubProfile } from './github-profile';
import { gmailThread } from './gmail-thread';
import { linkedinCompany } from './linkedin-company';
import { linkedinList } from './linkedin-list';
import { linkedinProfile } from './linkedin-profile';
import { outlookMessage } from './outlook-message';
import { xProfile } from './x-profile';

/**
 * Every site extractor, one file each. The registry test checks each one's patterns, samples and fixtures, and that
 * no URL is claimed by two extractors (so the order here does not matter).
 */
export const siteExtractors: SiteExtractor[] = [
  linkedinProfile,
  linkedinCompany,
  linkedinList,
  githubProfile,
  xProfile,
  gmailThread,
  outlookMessage,
];

/** The extractor that recognises this URL, if any. */
export function findSite(url: URL): SiteExtractor | undefined {
  return siteExtractors.find((s) => s.matches(url));
}
