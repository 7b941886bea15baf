import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hcardLayer } from '../../utils/capture/layers/hcard';
import { collectGeneric } from './capture-helpers';
import type { RawPerson } from '../../utils/capture/types';

/**
 * The official microformats h-card suite (tests/fixtures/external/microformats: v1, v2, mixed): every page is
 * read by collect (which hands the outerHTML of each h-card root to refine) and the h-card layer; the people it
 * yields must be the suite's expected person h-cards with their name, emails, phones, urls, org and title.
 */

const SUITE = path.resolve(__dirname, '../fixtures/external/microformats');
const BASE = 'http://example.com/';

type Item = { type?: string[]; properties: Record<string, unknown[]>; children?: Item[] };

const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.replace(/\s+/g, ' ').trim() || undefined;
  if (v && typeof v === 'object') {
    const o = v as { value?: unknown; properties?: Record<string, unknown[]> };
    if (o.properties?.name?.length) return str(o.properties.name[0]);
    if (typeof o.value === 'string') return str(o.value);
  }
  return undefined;
};
const strs = (item: Item, prop: string) => (item.properties[prop] ?? []).map(str).filter((x): x is string => !!x);

/** A card without a formatted name is still a person when it names the parts. */
const composed = (item: Item) =>
  ['given-name', 'additional-name', 'family-name'].map((k) => strs(item, k)[0]).filter(Boolean).join(' ') || undefined;

/** The people an h-card document describes: person h-cards (not h-org, not "name = org") at any depth. */
function expectedPeople(items: Item[]): Item[] {
  const out: Item[] = [];
  const visit = (item: Item) => {
    const isCard = (item.type ?? []).includes('h-card');
    if (isCard) {
      const name = strs(item, 'name')[0] ?? composed(item);
      const org = strs(item, 'org')[0];
      const isOrg = (item.type ?? []).includes('h-org') || (!!name && name === org);
      if (name && !isOrg) out.push(item);
    }
    if (!isCard) for (const vs of Object.values(item.properties)) for (const v of vs) if (v && typeof v === 'object' && 'properties' in v) visit(v as Item);
    for (const c of item.children ?? []) visit(c);
  };
  for (const i of items) visit(i);
  return out;
}

const cases = ['microformats-v1/hcard', 'microformats-v2/h-card', 'microformats-mixed/h-card'].flatMap((dir) =>
  readdirSync(path.join(SUITE, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ dir, name: f.replace(/\.json$/, '') })),
);

describe('h-card layer on the microformats suite', () => {
  it('finds the suite', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  for (const { dir, name } of cases) {
    it(`${dir}/${name}`, () => {
      const html = readFileSync(path.join(SUITE, dir, `${name}.html`), 'utf8');
      const expected = expectedPeople((JSON.parse(readFileSync(path.join(SUITE, dir, `${name}.json`), 'utf8')) as { items: Item[] }).items);
      const collected = collectGeneric(html, BASE);
      const people: RawPerson[] = hcardLayer(collected.raw.hcards, collected.raw.baseUrl ?? BASE).people;
      expect(people.map((p) => p.name)).toEqual(expected.map((e) => strs(e, 'name')[0] ?? composed(e)));
      expected.forEach((e, i) => {
        const p = people[i]!;
        expect(p.emails ?? []).toEqual(strs(e, 'email'));
        expect(p.phones ?? []).toEqual(strs(e, 'tel'));
        expect(p.links ?? []).toEqual([...strs(e, 'url'), ...strs(e, 'uid').filter((u) => /^https?:/.test(u))]);
        expect(p.company).toEqual(strs(e, 'org')[0] ?? strs(e, 'organization-name')[0]);
        expect(p.jobTitle).toEqual(strs(e, 'job-title')[0] ?? strs(e, 'title')[0] ?? strs(e, 'role')[0]);
        if (strs(e, 'given-name')[0]) expect(p.firstName).toEqual(strs(e, 'given-name')[0]);
        if (strs(e, 'family-name')[0]) expect(p.lastName).toEqual(strs(e, 'family-name')[0]);
      });
    });
  }
});
