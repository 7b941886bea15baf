import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The capture quality bar on real pages nobody on the team wrote: the entity scorer over the in-repo webstruct dev
 * corpus (236 saved business and contact pages, annotated by hand), in its batch mode (one Node process).
 * Bars: entities F1 ≥ 0.80, emails ≥ 0.90, phones ≥ 0.85 (the issue's); names and titles at the level reached
 * (issue 7 asks names ≥ 0.70 and titles ≥ 0.60; both are met, see the floors below).
 */
const SCORER = 'tests/tools/score-entities.mjs';
const CORPUS = 'tests/fixtures/webstruct/dev';

// Names (0.719) and titles (0.669) pass the 0.70 and 0.60; entities reach 0.870, emails 0.995, phones 0.954.
// The floors sit just under what is reached, so a change that loses accuracy fails here.
const BARS = { entities: 0.868, names: 0.715, emails: 0.99, phones: 0.95, titles: 0.665 };

describe('capture on the real webstruct corpus', () => {
  // The corpus is inside the repository: a missing file is a failure, never a skip.
  it('reaches the entity bars', () => {
    const out = execFileSync('node', [SCORER, CORPUS], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const line = /entities F1 ([\d.]+) \(names [\d.]+ [\d.]+ ([\d.]+), emails [\d.]+ [\d.]+ ([\d.]+), phones [\d.]+ [\d.]+ ([\d.]+), titles [\d.]+ [\d.]+ ([\d.]+)\)/.exec(out);
    expect(line, out.slice(-2000)).not.toBeNull();
    const [entities, names, emails, phones, titles] = line!.slice(1).map(Number);
    expect({ entities, names, emails, phones, titles }).toEqual({
      entities: expect.toSatisfy((v: number) => v >= BARS.entities),
      names: expect.toSatisfy((v: number) => v >= BARS.names),
      emails: expect.toSatisfy((v: number) => v >= BARS.emails),
      phones: expect.toSatisfy((v: number) => v >= BARS.phones),
      titles: expect.toSatisfy((v: number) => v >= BARS.titles),
    });
    expect(/0 page\(s\) failed/.test(out), out.slice(-2000)).toBe(true);
  }, 900_000);
});
