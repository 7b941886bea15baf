import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureHtml, page } from './capture-helpers';

/**
 * schema.org's own Person examples (tests/fixtures/external/schemaorg/person-examples.txt, copied from the shared fixtures): each example is one
 * person written as plain HTML, microdata, RDFa and JSON-LD. The three structured markups must yield the same person.
 */

const FILE = path.resolve(__dirname, '../fixtures/external/schemaorg/person-examples.txt');
const URL_ = 'https://www.xyz.edu/people/jane';

interface Example {
  id: string;
  markups: Partial<Record<'MICRODATA' | 'RDFA' | 'JSON', string>>;
}

function parseExamples(text: string): Example[] {
  return text
    .split(/^TYPES:/m)
    .slice(1)
    .map((chunk) => {
      const id = /#([\w-]+)/.exec(chunk)?.[1] ?? '?';
      const markups: Example['markups'] = {};
      const parts = chunk.split(/^(PRE-MARKUP|MICRODATA|RDFA|JSON):\s*$/m);
      for (let i = 1; i < parts.length; i += 2) {
        const key = parts[i] as string;
        const body = (parts[i + 1] ?? '').trim();
        // "JSONLD only example": a section with nothing but a comment is absent
        if (key !== 'PRE-MARKUP' && body.replace(/<!--[\s\S]*?-->/g, '').trim()) markups[key as 'JSON'] = body;
      }
      return { id, markups };
    });
}

const examples = parseExamples(readFileSync(FILE, 'utf8'));

describe('schema.org Person examples', () => {
  it('parses the examples file', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.some((e) => Object.keys(e.markups).length === 3)).toBe(true);
  });

  for (const ex of examples) {
    it(`${ex.id}: every markup yields the same person`, () => {
      const results = Object.entries(ex.markups).map(([syntax, html]) => {
        const c = captureHtml(page(html!), URL_);
        return { syntax, people: c.people };
      });
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) expect(r.people, r.syntax).toHaveLength(1);
      const view = (p: (typeof results)[number]['people'][number]) => ({
        name: p.name,
        jobTitle: p.jobTitle,
        location: p.location,
        emails: p.emails,
        phones: p.phones,
        links: p.links,
      });
      const first = view(results[0]!.people[0]!);
      for (const r of results.slice(1)) expect(view(r.people[0]!), r.syntax).toEqual(first);
    });
  }

  it('eg-0001: Jane Doe with her title, address locality, email, phone and home page (not her colleagues)', () => {
    const ex = examples.find((e) => e.id === 'eg-0001')!;
    for (const html of Object.values(ex.markups)) {
      const [p] = captureHtml(page(html!), URL_).people;
      expect(p).toMatchObject({
        name: 'Jane Doe',
        jobTitle: 'Professor',
        location: 'Seattle, WA',
        emails: ['jane-doe@xyz.edu'],
        links: ['https://www.janedoe.com'],
      });
      expect(p!.phones).toHaveLength(1);
      expect(p!.phones[0]!.replace(/\D/g, '')).toMatch(/4251234567$/);
    }
  });

  it('eg-0276: a job title given as a DefinedTerm', () => {
    const ex = examples.find((e) => e.id === 'eg-0276')!;
    const [p] = captureHtml(page(ex.markups.JSON!), URL_).people;
    expect(p).toMatchObject({ name: 'A. N. Other', jobTitle: 'Aid worker/humanitarian worker' });
  });
});
