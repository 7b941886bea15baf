import { Capture, MAX_LIST, MAX_PEOPLE, MAX_TEXT, type CapturedPerson, type Organization, type PageKind } from '../model/capture';
import type { Collected, RawOrganization, RawPerson } from './types';
import { makeContext, type LayerOutput, type RefineContext } from './layers/context';
import { itemsLayer, jsonLdLayer } from './layers/schema';
import { hcardLayer } from './layers/hcard';
import { metaLayer } from './layers/meta';
import { cardsLayer, COMPANY_SUFFIX, looseTextLayer, parseRoleLine } from './layers/text';
import { signatureLayer } from './layers/signature';
import { recordsLayer } from './layers/records';
import { bylineLayer, legalNoticeLayer } from './layers/byline';
import { campaignLayer } from './layers/campaign';
import { mergePeople, rankOf, type MergedPerson, type NormPerson } from './merge';
import { acceptableName, isViewerOrColleague, splitRoleEmails, viewerKeys } from './judgement';
import { emailDomain, isRoleEmail, normalizeEmail } from './normalize/email';
import { isTollFree, normalizePhone } from './normalize/phone';
import { canonicalLink, isShareOrAppLink, siteDomain } from './normalize/link';
import { cleanText, looksLikePersonName, nameFromEmail, nameKey } from './normalize/name';
import { personNameOf } from './normalize/person';

/**
 * refine(collected): the half of capture that runs outside the page (background, CLI, tests). Interprets the raw
 * material with the heavy parsers, applies the judgement rules, merges, and returns a Capture valid under the zod
 * schema. Never throws: a failing layer becomes a warning.
 */

export interface RefineOptions {
  /** the user's own email domains (their company): people on them are colleagues, not captures */
  ownDomains?: string[];
}

/** the layers that read loose text, not structured data */
const TEXT_LAYERS = new Set(['signature', 'byline', 'card', 'text']);
const GENERIC_LAYERS = new Set(['jsonld', 'microdata', 'rdfa', 'hcard', 'meta', 'signature', 'byline', 'card', 'text']);

export function refine(collected: Collected, options: RefineOptions = {}): Capture {
  const warnings = [...(collected.warnings ?? [])];
  try {
    return refineUnsafe(collected, options, warnings);
  } catch (e) {
    warnings.push(`capture: refine failed (${e instanceof Error ? e.message : String(e)}); nothing captured`);
    return fallbackCapture(collected, warnings);
  }
}

function refineUnsafe(collected: Collected, options: RefineOptions, warnings: string[]): Capture {
  const ctx = makeContext(collected);
  const layers: LayerOutput[] = [];
  const run = (id: string, f: () => LayerOutput) => {
    try {
      layers.push(f());
    } catch (e) {
      warnings.push(`capture: the ${id} layer failed (${e instanceof Error ? e.message : String(e)})`);
    }
  };
  const raw = collected.raw ?? { hcards: [], jsonld: [], textBlocks: [], meta: {} };
  const blocks = raw.textBlocks ?? [];
  run('jsonld', () => {
    const r = jsonLdLayer(raw.jsonld ?? []);
    if (r.errors) warnings.push(`capture: ${r.errors} JSON-LD block(s) could not be parsed`);
    return r.out;
  });
  run('microdata', () => itemsLayer(raw.items ?? []));
  run('hcard', () => hcardLayer(raw.hcards ?? [], raw.baseUrl ?? collected.url));
  run('meta', () => metaLayer(collected));
  ctx.owner = profileOwner(collected, layers);
  // on a profile page the modules beside its subject (an <aside>, a "People also viewed" section) hold no one to capture
  const own = isProfilePage(collected, layers) ? blocks.filter((b) => b.hint !== 'aside') : blocks;
  run('signature', () => signatureLayer(own, ctx));
  run('byline', () => bylineLayer(own, ctx));
  run('card', () => cardsLayer(own, ctx));
  // a mail signature's legal footer names its company's directors, who take no part in the thread
  if (collected.pageKind !== 'email') run('legal notice', () => legalNoticeLayer(own));
  run('records', () => recordsLayer(own, ctx));
  run('text', () => looseTextLayer(blocks, ctx));

  // organisation: the site's, else the structured one on the page's own domain, else any, else the page's name
  // (in a mailbox the page's own name is the mail provider's: only the site extractor knows the organisation)
  // on a site's page (GitHub, LinkedIn, X) the generic layers see the site's own brand (og:site_name, its JSON-LD
  // Organization): that is the host, not the organisation of the people on the page
  const onSite = !!collected.site && collected.site !== 'generic';
  const orgs: RawOrganization[] = [
    ...(collected.organization ? [collected.organization] : []),
    ...(collected.pageKind === 'email' ? [] : layers.flatMap((l) => l.organizations).filter((o) => !onSite || !isSiteOwnOrg(o, collected, ctx))),
  ];
  let organization = pickOrganization(orgs, ctx);

  const rawPeople: RawPerson[] = [...(collected.people ?? []), ...layers.flatMap((l) => l.people)];
  const normalized: NormPerson[] = [];
  const roleEmails: string[] = [];
  const keys = viewerKeys(collected.viewer, options.ownDomains);
  /** display names of role mailboxes ("Sable Freight" <info@…>), by address: the organisation's name in a thread */
  const roleNames = new Map<string, string>();
  for (const r of rawPeople) {
    const p = normalizePerson(r, ctx);
    const hadEmails = p.emails.length > 0;
    const roles = splitRoleEmails(p);
    roleEmails.push(...roles);
    if (roles.length && hadEmails && !p.emails.length && !p.phones.length && !p.profileLinks.length) {
      // a record that was nothing but a role mailbox is the organisation speaking, whatever layer saw it
      if (!GENERIC_LAYERS.has(p.layer) || !p.name || !looksLikePersonName(p.name)) {
        if (p.name) for (const e of roles) if (!roleNames.has(e)) roleNames.set(e, p.name);
        continue;
      }
    }
    if (!p.name) {
      // a site may know someone only by address (a recipient): name them by it
      const email = p.emails[0];
      if (!email || GENERIC_LAYERS.has(p.layer)) continue;
      p.name = nameFromEmail(email) ?? email;
    }
    if (!acceptableName(p)) continue;
    if (organization?.name && nameKey(p.name) === nameKey(organization.name)) continue;
    normalized.push(p);
  }

  if (roleEmails.length && collected.pageKind !== 'email') {
    // a role mailbox names its organisation even when the page names none: call it by its domain
    organization ??= { layer: 'text', name: emailDomain(roleEmails[0]!), links: [], emails: [], phones: [] };
    for (const e of roleEmails) if (!organization.emails.includes(e)) organization.emails.push(e);
  } else if (roleEmails.length && !organization) {
    // in a thread, a role mailbox of the other side (not the mailbox owner's own) is the correspondent organisation
    const theirs = roleEmails.filter((e) => !keys.domains.has(siteDomain(emailDomain(e))));
    const first = theirs[0];
    if (first) {
      const domain = emailDomain(first);
      organization = { layer: 'text', name: roleNames.get(first) ?? domain, domain, links: [], emails: [], phones: [] };
      for (const e of theirs) if (siteDomain(emailDomain(e)) === siteDomain(domain) && !organization.emails.includes(e)) organization.emails.push(e);
    }
  }

  let people = mergePeople(normalized);
  people = people.filter((p) => !isViewerOrColleague(p, keys));
  // on a profile page the capture is its owner, with the owner's own links: side modules ("People also viewed",
  // namesakes, interests, activity) name other people, and their links are never the owner's. Someone the owner's
  // text gives a personal address ("my partner Jordan Blake, jordan.blake@…") is still a person of their own.
  if (isProfilePage(collected, layers) && people.some((p) => p.primary)) {
    people = people.filter((p) => p.primary || p.emails.length > 0);
    for (const p of people) p.links = p.links.filter((l) => p.ownLinks.includes(l));
  }
  // a person only text heuristics saw, with nothing but a name, is not worth a capture (the person finder's records
  // are: it asked for evidence — a title, an address, a testimonial signed with the name)
  // An article's own byline (the byline layer keeps only the page's first) is the page's author: kept with a name
  // alone when it opens with a known given name ("By Appointment Only" does not).
  people = people.filter((p) => p.layers.some((l) => !GENERIC_LAYERS.has(l) || ['jsonld', 'microdata', 'rdfa', 'hcard', 'meta'].includes(l)) || p.jobTitle || p.emails.length || p.phones.length || p.links.length || p.layers.includes('card') || (p.role === 'author' && p.layers.includes('byline') && personNameOf(p.name)?.strength === 2));

  if (organization?.name) fillCompany(people, organization, ctx);
  // a number or address already on a person is theirs, not the switchboard's
  if (organization) {
    const taken = new Set(people.flatMap((p) => [...p.phones, ...p.emails]));
    organization.phones = organization.phones.filter((x) => !taken.has(x));
    organization.emails = organization.emails.filter((x) => !taken.has(x));
  }

  const pageKind = pageKindOf(collected, layers, people);
  const capture: Capture = {
    url: collected.url.slice(0, 8192),
    site: collected.site || 'generic',
    pageKind,
    people: people.slice(0, MAX_PEOPLE).map(toCaptured),
  };
  if (people.length > MAX_PEOPLE) capture.omitted = people.length - MAX_PEOPLE;
  if (collected.title) capture.title = cleanText(collected.title, MAX_TEXT);
  if (organization?.name) capture.organization = boundOrg(organization);
  if (collected.email?.subject != null) {
    capture.email = {
      subject: (cleanText(collected.email.subject, MAX_TEXT) ?? '').slice(0, MAX_TEXT),
      ...(collected.email.sentAt ? { sentAt: collected.email.sentAt.slice(0, 64) } : {}),
      ...(collected.email.threadId ? { threadId: collected.email.threadId.slice(0, MAX_TEXT) } : {}),
      ...(collected.email.messageId ? { messageId: collected.email.messageId.slice(0, MAX_TEXT) } : {}),
    };
  }
  const campaign = campaignLayer(collected.url, collected.campaignLinks);
  if (campaign) capture.campaign = campaign;
  if (warnings.length) capture.warnings = warnings.slice(0, 100).map((w) => w.slice(0, 1000));

  const parsed = Capture.safeParse(capture);
  if (parsed.success) return parsed.data;
  // keep what is valid rather than lose the whole capture to one bad field
  capture.people = capture.people.filter((p) => Capture.shape.people.element.safeParse(p).success);
  if (capture.organization && !Capture.shape.organization.safeParse(capture.organization).success) delete capture.organization;
  if (capture.campaign && !Capture.shape.campaign.safeParse(capture.campaign).success) delete capture.campaign;
  (capture.warnings ??= []).push(`capture: some values failed validation and were dropped (${parsed.error.issues[0]?.message ?? ''})`);
  capture.warnings = capture.warnings.slice(0, 100);
  const second = Capture.safeParse(capture);
  return second.success ? second.data : fallbackCapture(collected, capture.warnings);
}

function normalizePerson(r: RawPerson, ctx: RefineContext): NormPerson {
  const emails: string[] = [];
  for (const e of r.emails ?? []) {
    const n = normalizeEmail(String(e));
    if (n && !emails.includes(n)) emails.push(n);
  }
  const phones: string[] = [];
  for (const ph of r.phones ?? []) {
    const n = normalizePhone(String(ph), { regions: ctx.regions }, true);
    // a toll-free number the text layers found near a name is the business's line (the loose-text layer gives it to
    // the organisation), never one person's
    if (n && TEXT_LAYERS.has(r.layer) && isTollFree(n)) continue;
    if (n && !phones.includes(n)) phones.push(n);
  }
  const links: string[] = [];
  const profileLinks: string[] = [];
  for (const l of r.links ?? []) {
    const c = canonicalLink(String(l), ctx.url?.href);
    if (!c || isShareOrAppLink(c.url) || links.includes(c.url)) continue;
    links.push(c.url);
    if (c.profile) profileLinks.push(c.url);
  }
  const own = ownLinksOf(r, ctx).filter((l) => links.includes(l));
  const p: NormPerson = { layer: r.layer || 'unknown', emails, phones, links, profileLinks, ownLinks: own };
  let name = cleanText(r.name) ?? ([cleanText(r.firstName), cleanText(r.lastName)].filter(Boolean).join(' ') || undefined);
  // "by Dana Whitfield" (a microdata author's visible byline): the name, not a second person beside it
  if (name && /^by\s+\S/i.test(name) && looksLikePersonName(name.slice(3).trim())) name = name.slice(3).trim();
  if (name) p.name = name;
  for (const f of ['firstName', 'lastName', 'jobTitle', 'company', 'location'] as const) {
    const v = cleanText(r[f]);
    if (v) p[f] = v;
  }
  // a headline given as the title ("Procurement Manager at Brightwater Foods"): the title and the company
  if (p.jobTitle && !p.company && /\s(?:at|@)\s/i.test(p.jobTitle)) {
    const r2 = parseRoleLine(p.jobTitle);
    if (r2.jobTitle && r2.company) {
      p.jobTitle = r2.jobTitle;
      p.company = r2.company;
    }
  }
  if (r.role) p.role = r.role;
  if (r.primary) p.primary = true;
  return p;
}

/** Layers that vouch for every link they give a person (refine's default for RawPerson.ownLinks). */
const OWN_LINK_LAYERS = new Set(['jsonld', 'microdata', 'rdfa', 'hcard', 'meta', 'signature']);

/**
 * The links a layer says are the person's own, canonical: what it listed in `ownLinks`; else all its links for a site
 * extractor (it reads the person's own fields), structured data (url, sameAs), meta tags and a signature (the
 * sender's own lines); else none (a byline, a line of text or a list record only finds links near a name).
 */
function ownLinksOf(r: RawPerson, ctx: RefineContext): string[] {
  const raw = r.ownLinks ?? (!GENERIC_LAYERS.has(r.layer) || OWN_LINK_LAYERS.has(r.layer) ? r.links ?? [] : []);
  return raw.map((l) => canonicalLink(String(l), ctx.url?.href)?.url).filter((l): l is string => !!l);
}

interface WorkingOrg extends Organization {
  layer: string;
}

function pickOrganization(orgs: RawOrganization[], ctx: RefineContext): WorkingOrg | undefined {
  const named = orgs.filter((o) => cleanText(o.name));
  const onDomain = (o: RawOrganization) =>
    [...(o.links ?? []), o.domain ? `https://${o.domain}` : ''].some((l) => {
      try {
        return !!ctx.domain && siteDomain(new URL(l).hostname) === ctx.domain;
      } catch {
        return false;
      }
    });
  const rank = (o: RawOrganization) => (GENERIC_LAYERS.has(o.layer) ? (o.layer === 'meta' ? 3 : onDomain(o) ? 1 : 2) : 0);
  const best = [...named].sort((a, b) => rank(a) - rank(b))[0];
  const extra = orgs.filter((o) => o.layer === 'text' || o === best);
  if (!best && !extra.some((o) => o.emails?.length || o.phones?.length)) return undefined;
  // a site's host is never the name of the organisation on its page (github.com on a profile)
  const onSite = !!ctx.collected.site && ctx.collected.site !== 'generic';
  const name = cleanText(best?.name) ?? (onSite ? extra.flatMap((o) => o.emails ?? []).map((e) => emailDomain(normalizeEmail(e) ?? ''))[0] || undefined : ctx.domain);
  if (!name) return undefined;
  const org: WorkingOrg = { layer: best?.layer ?? 'text', name, links: [], emails: [], phones: [] };
  let domain = best?.domain ?? (best && onDomain(best) ? ctx.domain : best?.layer === 'meta' ? ctx.domain : undefined);
  // a site's page (github.com/<org>, linkedin.com/company/…) is not the organisation's own domain
  if (domain && ctx.collected.site && ctx.collected.site !== 'generic' && siteDomain(domain) === ctx.domain) domain = undefined;
  if (domain) org.domain = domain;
  for (const o of extra) {
    for (const l of o.links ?? []) {
      const c = canonicalLink(l, ctx.url?.href);
      if (c && !org.links.includes(c.url)) org.links.push(c.url);
    }
    for (const e of o.emails ?? []) {
      const n = normalizeEmail(e);
      if (n && !org.emails.includes(n)) org.emails.push(n);
    }
    for (const ph of o.phones ?? []) {
      const n = normalizePhone(ph, { regions: ctx.regions }, true);
      if (n && !org.phones.includes(n)) org.phones.push(n);
    }
  }
  return org;
}

/** The page's main person on a profile page (a site's primary record, or structured data's ProfilePage subject). */
function profileOwner(collected: Collected, layers: LayerOutput[]): { name: string } | undefined {
  const profile = collected.pageKind === 'profile' || layers.some((l) => l.pageKind === 'profile');
  if (!profile) return undefined;
  const primary = [...(collected.people ?? []), ...layers.flatMap((l) => l.people)].filter((p) => p.primary);
  const names = [...new Set(primary.map((p) => cleanText(p.name) ?? cleanText([p.firstName, p.lastName].filter(Boolean).join(' '))).filter((n): n is string => !!n))];
  // two different primary people: no single owner to attribute anything to
  if (!names.length || new Set(names.map(nameKey)).size > 1) return undefined;
  return { name: names[0]! };
}

/** The site's own brand as an organisation: named like the site (og:site_name, the host's name) or living on its host. */
function isSiteOwnOrg(o: RawOrganization, collected: Collected, ctx: RefineContext): boolean {
  const label = ctx.domain.split('.')[0] ?? '';
  const brands = new Set([label, nameKey(collected.raw?.meta?.['og:site_name'] ?? ''), ...(label === 'x' ? ['twitter'] : [])].filter(Boolean));
  const key = nameKey(o.name ?? '');
  if (key && (brands.has(key) || brands.has(key.split(' ')[0]!))) return true;
  const hosts = [...(o.links ?? []), o.domain ? `https://${o.domain}` : ''].flatMap((l) => {
    try {
      return [siteDomain(new URL(l).hostname)];
    } catch {
      return [];
    }
  });
  // an organisation known only by links on the site itself (its page there) is still the site's say, keep it only
  // when it has a name of its own
  return !key && hosts.length > 0 && hosts.every((h) => h === ctx.domain);
}

const ORG_PAGE_PATH = /\/(?:team|our-team|the-team|meet-the-team|about|about-us|people|staff|leadership|management|contact|contact-us|company|who-we-are|board|experts|imprint|impressum|ueber-uns|uber-uns|unternehmen|mitarbeiter|ansprechpartner|equipe|l-equipe|qui-sommes-nous|equipo|nosotros|quienes-somos|chi-siamo|over-ons|medewerkers|om-oss|medarbetare|kontakt)(?:[/?#._-]|$)/i;

/** People on the organisation's own pages, or with its email domain, work there unless they say otherwise. */
function fillCompany(people: MergedPerson[], org: WorkingOrg, ctx: RefineContext) {
  const orgDomain = org.domain ? siteDomain(org.domain) : ctx.domain;
  const orgPage = !!ctx.url && ORG_PAGE_PATH.test(ctx.url.pathname);
  const orgKey = nameKey(org.name);
  for (const p of people) {
    if (p.layers.every((l) => !GENERIC_LAYERS.has(l))) continue; // site extractors decide for themselves
    const sameDomain = p.emails.some((e) => {
      const d = siteDomain(emailDomain(e));
      return d === orgDomain || d === ctx.domain;
    });
    const onOrgPage = orgPage && ['card', 'jsonld', 'microdata', 'rdfa', 'hcard'].includes(p.layer) && !p.emails.some((e) => !isRoleEmail(e) && siteDomain(emailDomain(e)) !== ctx.domain);
    if (p.company) {
      // a card's "Title, Payments" on the organisation's own page (or with its address) names a team, not an
      // employer: only a name that reads like a company ("… GmbH", "… Labs") says otherwise
      const fromCard = p.sources.company === 'card' || p.sources.company === 'text';
      const teamLike = !COMPANY_SUFFIX.test(p.company) && p.company.split(/\s+/).length <= 3 && nameKey(p.company) !== orgKey;
      if (!(fromCard && teamLike && (sameDomain || onOrgPage))) continue;
    }
    if (sameDomain || onOrgPage) {
      p.company = org.name;
      p.sources.company = org.layer;
    }
  }
}

function isProfilePage(c: Collected, layers: LayerOutput[]): boolean {
  return c.site && c.site !== 'generic' ? c.pageKind === 'profile' : layers.some((l) => l.pageKind === 'profile');
}

function pageKindOf(c: Collected, layers: LayerOutput[], people: MergedPerson[]): PageKind {
  if (c.site && c.site !== 'generic') return c.pageKind;
  const opinion = layers.map((l) => l.pageKind).find(Boolean);
  if (opinion === 'profile' && people.some((p) => p.primary)) return 'profile';
  if (opinion === 'article') return 'article';
  if (people.length >= 3) return 'directory';
  if (opinion === 'company') return 'company';
  return c.pageKind ?? 'page';
}

function toCaptured(p: MergedPerson): CapturedPerson {
  const out: CapturedPerson = {
    name: (p.name ?? '').slice(0, MAX_TEXT),
    emails: p.emails.slice(0, MAX_LIST).map((e) => e.slice(0, MAX_TEXT)),
    phones: p.phones.slice(0, MAX_LIST).map((e) => e.slice(0, MAX_TEXT)),
    links: p.links.filter((l) => l.length <= 2048).slice(0, MAX_LIST),
    sources: {},
  };
  // identity evidence for the store: only the links capture judged the person's own (may be none)
  out.ownLinks = out.links.filter((l) => p.ownLinks.includes(l));
  for (const f of ['firstName', 'lastName', 'jobTitle', 'company', 'location'] as const) {
    const v = p[f];
    if (v) out[f] = v.slice(0, MAX_TEXT);
  }
  if (p.role) out.role = p.role;
  for (const [k, v] of Object.entries(p.sources)) if (v) out.sources[k] = v.slice(0, 64);
  return out;
}

function boundOrg(o: WorkingOrg): Organization {
  return {
    name: o.name.slice(0, MAX_TEXT),
    ...(o.domain ? { domain: o.domain.slice(0, MAX_TEXT) } : {}),
    links: o.links.filter((l) => l.length <= 2048).slice(0, MAX_LIST),
    emails: o.emails.slice(0, MAX_LIST),
    phones: o.phones.slice(0, MAX_LIST),
  };
}

function fallbackCapture(collected: Collected, warnings: string[]): Capture {
  const pageKinds: PageKind[] = ['profile', 'email', 'directory', 'article', 'company', 'page'];
  return {
    url: String(collected?.url ?? '').slice(0, 8192),
    site: String(collected?.site ?? 'generic').slice(0, 64),
    pageKind: pageKinds.includes(collected?.pageKind) ? collected.pageKind : 'page',
    people: [],
    warnings: warnings.slice(0, 100).map((w) => w.slice(0, 1000)),
  };
}

export { rankOf };
