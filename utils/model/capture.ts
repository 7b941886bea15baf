import { z } from 'zod';

// Bounds keep a hostile page from pushing megabytes through messaging or into the database.
export const MAX_TEXT = 500;
export const MAX_LIST = 50;
/** The most people one capture lists; more found on a page are counted in `omitted`, never dropped silently. */
export const MAX_PEOPLE = 5000;

const text = z.string().max(MAX_TEXT);

export const PageKind = z.enum(['profile', 'email', 'directory', 'article', 'company', 'page']);
export type PageKind = z.infer<typeof PageKind>;

export const PersonRole = z.enum(['profile', 'sender', 'recipient', 'cc', 'author', 'contact', 'listed']);
export type PersonRole = z.infer<typeof PersonRole>;

/** Fields of a captured person whose origin is recorded in `sources`. */
export const PersonField = z.enum([
  'name', 'firstName', 'lastName', 'jobTitle', 'company', 'location', 'emails', 'phones', 'links', 'role',
]);
export type PersonField = z.infer<typeof PersonField>;

export const CapturedPerson = z.object({
  name: text.min(1),
  firstName: text.optional(),
  lastName: text.optional(),
  jobTitle: text.optional(),
  company: text.optional(),
  location: text.optional(),
  /** lowercased */
  emails: z.array(text).max(MAX_LIST),
  /** E.164 whenever the country can be known, else as written */
  phones: z.array(text).max(MAX_LIST),
  /** canonical: https, no tracking params, linkedin.com/in/<slug>, github.com/<login>, x.com/<handle> */
  links: z.array(z.string().max(2048)).max(MAX_LIST),
  role: PersonRole.optional(),
  /**
   * The profile links capture judged to be this person's own (the profile page's own URL, a site's own-link field,
   * an h-card's u-url / rel=me): only these are identity evidence when saving. Absent: every profile link in `links`.
   */
  ownLinks: z.array(z.string().max(2048)).max(MAX_LIST).optional(),
  /** provenance: field → id of the layer that supplied it (e.g. "linkedin", "jsonld", "text") */
  sources: z.record(z.string(), z.string().max(64)),
});
export type CapturedPerson = z.infer<typeof CapturedPerson>;

export const Organization = z.object({
  name: text,
  domain: text.optional(),
  links: z.array(z.string().max(2048)).max(MAX_LIST),
  emails: z.array(text).max(MAX_LIST),
  phones: z.array(text).max(MAX_LIST),
});
export type Organization = z.infer<typeof Organization>;

export const EmailMeta = z.object({
  subject: text,
  sentAt: z.string().max(64).optional(),
  threadId: text.optional(),
  messageId: text.optional(),
});
export type EmailMeta = z.infer<typeof EmailMeta>;

export const ClickIdName = z.enum(['gclid', 'fbclid', 'li_fat_id', 'msclkid', 'gbraid', 'wbraid', 'ttclid', 'twclid']);

export const Campaign = z.object({
  source: text.optional(),
  medium: text.optional(),
  name: text.optional(),
  term: text.optional(),
  content: text.optional(),
  /** ad click ids found beside the UTM parameters (gclid, fbclid, li_fat_id, msclkid …) */
  clickIds: z.record(z.string().max(32), text).optional(),
});
export type Campaign = z.infer<typeof Campaign>;

export const Capture = z.object({
  url: z.string().max(8192),
  /** id of the site extractor that recognised the page, or "generic" */
  site: z.string().max(64),
  pageKind: PageKind,
  title: text.optional(),
  people: z.array(CapturedPerson).max(MAX_PEOPLE),
  /** people found beyond MAX_PEOPLE and not listed (a directory of many thousands), so the UI can say so */
  omitted: z.number().int().min(0).optional(),
  organization: Organization.optional(),
  email: EmailMeta.optional(),
  campaign: Campaign.optional(),
  warnings: z.array(z.string().max(1000)).max(100).optional(),
});
export type Capture = z.infer<typeof Capture>;
