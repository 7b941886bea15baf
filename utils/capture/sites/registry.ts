/**
 * The site registry: one line per site, `export { default as <name> } from './<site-id>';` (the file is named by the
 * site's id). Order does not matter: the registry test checks no URL is claimed by two sites.
 *
 * modules/sites.ts reads these lines at build time to generate each site's injected script and the background's list
 * of URL matchers, so keep to this exact form.
 */
export { default as githubProfile } from './github-profile';
export { default as gmailThread } from './gmail-thread';
export { default as linkedinCompany } from './linkedin-company';
export { default as linkedinList } from './linkedin-list';
export { default as linkedinProfile } from './linkedin-profile';
export { default as outlookMessage } from './outlook-message';
export { default as xProfile } from './x-profile';
