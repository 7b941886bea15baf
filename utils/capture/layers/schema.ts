import type { RawOrganization, RawPerson, StructuredItem } from '../types';
import { cleanText, looksLikePersonName } from '../normalize/name';
import { emptyOutput, type LayerOutput } from './context';

/**
 * schema.org people and organisations, whatever syntax carried them (JSON-LD, microdata, RDFa): each syntax is
 * turned into JSON-LD-like plain objects and read here. Only people the page is about are taken: top-level Person
 * nodes, ProfilePage.mainEntity, an organisation's employees/founders/members, an article's authors, list items —
 * not the colleagues, reviewers or people a node merely links to.
 */

type Node = Record<string, unknown>;

const PERSON_CONTAINERS: Record<string, 'employee' | 'author' | 'main' | 'listed' | 'graph'> = {
  mainEntity: 'main', about: 'main', employee: 'employee', employees: 'employee', founder: 'employee', founders: 'employee',
  member: 'employee', members: 'employee', author: 'author', creator: 'author', editor: 'author', contributor: 'author',
  itemListElement: 'listed', item: 'listed', performer: 'listed', performers: 'listed', organizer: 'author',
  '@graph': 'graph', hasPart: 'graph', subEvent: 'graph',
};

export function typesOf(node: Node): string[] {
  const t = node['@type'] ?? node.type;
  const list = Array.isArray(t) ? t : t != null ? [t] : [];
  return list.map((x) => String(x).replace(/^.*[/#:]/, ''));
}

const ORG_TYPES = /^(Organization|Corporation|LocalBusiness|NGO|EducationalOrganization|GovernmentOrganization|NewsMediaOrganization|OnlineBusiness|OnlineStore|Store|ProfessionalService|LegalService|FinancialService|MedicalOrganization|SportsOrganization|Airline|Consortium|ResearchOrganization|WorkersUnion|LibrarySystem|PerformingGroup|MusicGroup|Project|FundingScheme|ResearchProject|Brand)$/;
const isPerson = (n: Node) => typesOf(n).includes('Person');
const isOrg = (n: Node) => typesOf(n).some((t) => ORG_TYPES.test(t));

export function readSchemaNodes(roots: unknown[], layer: string): LayerOutput {
  const out = emptyOutput();
  const ids = new Map<string, Node>();
  const index = (v: unknown, depth: number) => {
    if (depth > 8 || v == null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => index(x, depth + 1));
    const n = v as Node;
    if (typeof n['@id'] === 'string' && Object.keys(n).length > 1) ids.set(n['@id'], n);
    for (const x of Object.values(n)) index(x, depth + 1);
  };
  roots.forEach((r) => index(r, 0));
  const deref = (v: unknown): unknown => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const id = (v as Node)['@id'];
      if (typeof id === 'string' && Object.keys(v).length === 1) return ids.get(id) ?? v;
    }
    return v;
  };
  const seen = new Set<Node>();

  const visit = (v: unknown, ctx: { via?: string; org?: string; related?: unknown; depth: number }) => {
    v = deref(v);
    // "author": "Jane Doe": a person given by name only, where the property can only mean a person
    // ("Michelle Babb, MS, RD - Owner, …": the name is what stands before the credentials or the role)
    const named = typeof v === 'string' && (ctx.via === 'author' || ctx.via === 'employee') ? authorNames(v) : [];
    if (named.length) {
      for (const name of named) {
        const p: RawPerson = { layer, name };
        if (ctx.via === 'author') p.role = 'author';
        else if (ctx.org) p.company = ctx.org;
        out.people.push(p);
      }
      return;
    }
    if (ctx.depth > 6 || v == null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, ctx));
    const n = v as Node;
    if (seen.has(n)) return;
    seen.add(n);
    const types = typesOf(n);
    if (types.includes('ProfilePage')) out.pageKind = 'profile';
    else if (!out.pageKind && types.some((t) => /Article|BlogPosting/.test(t))) out.pageKind = 'article';

    if (isPerson(n)) {
      const p = personOf(n, layer, deref);
      if (p) {
        if (ctx.via === 'main') {
          p.primary = true;
          p.role = 'profile';
          // a profile page's related links are the person's own
          for (const l of strings(ctx.related)) (p.links ??= []).push(l);
        } else if (ctx.via === 'author') p.role = 'author';
        else if (ctx.via === 'listed') p.role = 'listed';
        if (!p.company && ctx.org) p.company = ctx.org;
        out.people.push(p);
      }
      return; // a person's own properties (colleague, knows, spouse) name other people in passing
    }
    let org: string | undefined = ctx.org;
    if (isOrg(n)) {
      const o = orgOf(n, layer, deref);
      if (o) {
        out.organizations.push(o);
        org = o.name ?? org;
      }
    }
    const related = types.includes('ProfilePage') ? n.relatedLink : undefined;
    for (const [key, via] of Object.entries(PERSON_CONTAINERS)) {
      if (n[key] == null) continue;
      visit(n[key], {
        via: via === 'graph' ? ctx.via : via,
        org: via === 'employee' ? org : ctx.org,
        related: via === 'main' ? related : undefined,
        depth: ctx.depth + 1,
      });
    }
    // organisations nested under a page, an article or a job post (publisher, hiringOrganization) describe the site
    for (const key of ['publisher', 'provider', 'sourceOrganization', 'brand', 'parentOrganization', 'hiringOrganization']) {
      const o = deref(n[key]);
      if (o && typeof o === 'object' && !Array.isArray(o) && isOrg(o as Node)) {
        const org2 = orgOf(o as Node, layer, deref);
        if (org2) out.organizations.push(org2);
      }
    }
  };
  for (const r of roots) visit(r, { depth: 0 });
  return out;
}

function personOf(n: Node, layer: string, deref: (v: unknown) => unknown): RawPerson | null {
  const given = first(n.givenName);
  const family = first(n.familyName);
  let name = first(n.name) ?? first(n.alternateName);
  if (!name && (given || family)) name = [first(n.honorificPrefix), given, first(n.additionalName), family].filter(Boolean).join(' ');
  if (!name) return null;
  const p: RawPerson = { layer, name };
  if (given) p.firstName = given;
  if (family) p.lastName = family;
  const title = first(n.jobTitle) ?? nameOf(deref(n.jobTitle)) ?? nameOf(deref(n.hasOccupation)) ?? first(n.roleName);
  if (title) p.jobTitle = title;
  const company = nameOf(deref(n.worksFor)) ?? nameOf(deref(n.affiliation));
  if (company) p.company = company;
  const location = placeOf(deref(n.homeLocation)) ?? placeOf(deref(n.address)) ?? placeOf(deref(n.workLocation));
  if (location) p.location = location;
  const contact = list(deref(n.contactPoint)).map(deref).filter((x): x is Node => !!x && typeof x === 'object');
  const emails = [...strings(n.email), ...contact.flatMap((c) => strings(c.email))];
  const phones = [...strings(n.telephone), ...contact.flatMap((c) => strings(c.telephone))];
  const links = [...strings(n.url), ...strings(n.sameAs), ...strings(n.mainEntityOfPage).filter((u) => /^https?:/.test(u))];
  if (emails.length) p.emails = emails;
  if (phones.length) p.phones = phones;
  if (links.length) p.links = links;
  return p;
}

function orgOf(n: Node, layer: string, deref: (v: unknown) => unknown): RawOrganization | null {
  const name = first(n.name) ?? first(n.legalName) ?? first(n.alternateName);
  if (!name) return null;
  const o: RawOrganization = { layer, name };
  const contact = list(deref(n.contactPoint)).map(deref).filter((x): x is Node => !!x && typeof x === 'object');
  const links = [...strings(n.url), ...strings(n.sameAs)];
  const emails = [...strings(n.email), ...contact.flatMap((c) => strings(c.email))];
  const phones = [...strings(n.telephone), ...contact.flatMap((c) => strings(c.telephone))];
  if (links.length) o.links = links;
  if (emails.length) o.emails = emails;
  if (phones.length) o.phones = phones;
  const url = links[0];
  if (url) {
    try {
      o.domain = new URL(url).hostname.replace(/^www\./, '');
    } catch {
      /* not a URL */
    }
  }
  return o;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v == null ? [] : [v];
}

/** Plain strings of a value that may be a string, a list, a { '@value' } or { '@id' } / { url } object. */
function strings(v: unknown): string[] {
  const out: string[] = [];
  for (const x of list(v)) {
    if (typeof x === 'string' || typeof x === 'number') {
      const t = cleanText(String(x), 2048);
      if (t) out.push(t);
    } else if (x && typeof x === 'object') {
      const o = x as Node;
      const s = o['@value'] ?? o['@id'] ?? o.url ?? o.contentUrl;
      if (typeof s === 'string' && cleanText(s)) out.push(cleanText(s, 2048)!);
    }
  }
  return out;
}

function first(v: unknown): string | undefined {
  for (const x of list(v)) {
    if (typeof x === 'string' || typeof x === 'number') {
      const t = cleanText(String(x));
      if (t) return t;
    } else if (x && typeof x === 'object' && typeof (x as Node)['@value'] === 'string') {
      const t = cleanText((x as Node)['@value'] as string);
      if (t) return t;
    }
  }
  return undefined;
}

function nameOf(v: unknown): string | undefined {
  for (const x of list(v)) {
    if (typeof x === 'string') return cleanText(x);
    if (x && typeof x === 'object') {
      const n = first((x as Node).name);
      if (n) return n;
    }
  }
  return undefined;
}

function placeOf(v: unknown): string | undefined {
  for (const x of list(v)) {
    if (typeof x === 'string') return cleanText(x);
    if (x && typeof x === 'object') {
      const n = x as Node;
      const parts = [first(n.addressLocality), first(n.addressRegion), nameOf(n.addressCountry)].filter(Boolean);
      if (parts.length) return parts.join(', ');
      const name = first(n.name);
      if (name) return name;
      const inner = placeOf(n.address);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** A microdata or RDFa item as a JSON-LD-like object, so one reader serves all three syntaxes. */
export function itemToNode(item: StructuredItem, depth = 0): Node {
  const node: Node = { '@type': item.types.map((t) => t.replace(/^.*[/#:]/, '')) };
  if (depth > 6) return node;
  for (const [k, values] of Object.entries(item.props)) {
    node[k] = values.map((v) => (typeof v === 'string' ? v : itemToNode(v, depth + 1)));
  }
  return node;
}

/** Parse JSON-LD script text, forgiving the usual defects (HTML comments, CDATA, raw newlines in strings). */
export function parseJsonLd(text: string): unknown[] {
  const cleaned = text.replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '').replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '').trim();
  // eslint-disable-next-line no-control-regex -- raw control characters are what breaks JSON.parse here
  for (const attempt of [cleaned, cleaned.replace(/[\u0000-\u001f]+/g, ' ')]) {
    try {
      const v: unknown = JSON.parse(attempt);
      return Array.isArray(v) ? v : [v];
    } catch {
      /* try the next repair */
    }
  }
  return [];
}

export function jsonLdLayer(scripts: string[]): { out: LayerOutput; errors: number } {
  let errors = 0;
  const roots: unknown[] = [];
  for (const s of scripts) {
    const parsed = parseJsonLd(s);
    if (!parsed.length) errors++;
    roots.push(...parsed);
  }
  return { out: readSchemaNodes(roots, 'jsonld'), errors };
}

export function itemsLayer(items: StructuredItem[]): LayerOutput {
  const out = emptyOutput();
  for (const syntax of ['microdata', 'rdfa']) {
    const nodes = items.filter((i) => i.syntax === syntax).map((i) => itemToNode(i));
    if (!nodes.length) continue;
    const r = readSchemaNodes(nodes, syntax);
    out.people.push(...r.people);
    out.organizations.push(...r.organizations);
    out.pageKind ??= r.pageKind;
  }
  return out;
}

/**
 * People given as a string: the whole string; a couple sharing a family name ("Mike & Cindy Ford"); or what stands
 * before the first comma or dash (credentials, a role) — each only when name-shaped.
 */
function authorNames(v: string): string[] {
  const whole = v.trim();
  if (looksLikePersonName(whole)) return [whole];
  const couple = /^(\p{Lu}\p{Ll}+)\s*(?:&|\band\b)\s*(\p{Lu}\p{Ll}+)\s+(\p{Lu}[\p{L}'’-]+)$/u.exec(whole);
  if (couple) {
    const pair = [`${couple[1]} ${couple[3]}`, `${couple[2]} ${couple[3]}`];
    if (pair.every((n) => looksLikePersonName(n))) return pair;
  }
  const head = whole.split(/\s*[,|–—]\s*|\s+-\s+/)[0]!.trim();
  return head !== whole && looksLikePersonName(head) ? [head] : [];
}
