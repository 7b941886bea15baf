import { describe, expect, it } from 'vitest';
import { carryRemoteIds } from '../../utils/sync/carry';
import { contact, ev, note, touchpoint } from './crm-events';

// The remote ids an answer gave, carried into the batch loaded while that request was on the wire (utils/sync/carry.ts).
describe('carryRemoteIds', () => {
  const c = contact({ id: 'c-1' });
  const n = note('c-1', 'first', { id: 'n-1' });
  const sent = [ev('contact.upserted', c), ev('note.created', n)];
  const acks = [{ id: sent[0]!.id, remoteId: 'hs-c' }, { id: sent[1]!.id, remoteId: 'hs-n' }];

  it('gives a note, touchpoint or task its contact’s new id, and an entity the destination just created its own', () => {
    const t = touchpoint('c-1', { id: 't-1' });
    const edited = ev('note.created', { ...n, body: 'second' });
    const out = carryRemoteIds([ev('touchpoint.created', t), edited, ev('contact.upserted', c)], sent, acks);
    expect(out.map((e) => [e.type, e.remote])).toEqual([
      ['touchpoint.created', { contactId: 'hs-c' }],
      // created there a moment ago: an edit, never a second note
      ['note.updated', { id: 'hs-n', contactId: 'hs-c' }],
      ['contact.upserted', { id: 'hs-c' }],
    ]);
    expect(out[1]!.id).toBe(edited.id);
  });

  it('leaves events alone when the answer gave no ids, or they already carry theirs', () => {
    const next = [ev('note.created', note('c-1', 'x', { id: 'n-2' }), { contactId: 'older' })];
    expect(carryRemoteIds(next, sent, [{ id: sent[0]!.id }])).toBe(next);
    expect(carryRemoteIds(next, sent, acks)[0]!.remote).toEqual({ contactId: 'older' });
    const other = [ev('note.created', note('c-9', 'y'))];
    expect(carryRemoteIds(other, sent, acks)).toEqual(other);
  });
});
