import { describe, expect, it } from 'vitest';
import { Contact, isStageOf, stagesFor } from '../../utils/model';

describe('contact model', () => {
  it('keeps lead and prospect stages apart', () => {
    expect(stagesFor('lead')).toContain('marketing-qualified');
    expect(isStageOf('lead', 'customer')).toBe(false);
    expect(isStageOf('prospect', 'meeting-booked')).toBe(true);
  });
  it('rejects a stage of the other kind', () => {
    const now = new Date().toISOString();
    const base = {
      id: 'c1', kind: 'lead', stage: 'new', name: 'A', emails: [], phones: [], links: [], tags: [],
      source: { url: 'https://x.test', site: 'generic', capturedAt: now }, provenance: {}, history: [],
      createdAt: now, updatedAt: now, sync: {},
    };
    expect(Contact.safeParse(base).success).toBe(true);
    expect(Contact.safeParse({ ...base, stage: 'customer' }).success).toBe(false);
  });
});
