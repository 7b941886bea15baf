// Generated at build time by modules/sites.ts from sites/registry.ts: each registered site's `match` export
// (the SiteMatch of sites/define.ts; written out here because an ambient module cannot import a relative path).
declare module 'virtual:touchpoint/site-matchers' {
  export const siteMatchers: { id: string; patterns: string[]; matches(url: URL): boolean }[];
}
