import { useEffect, useState } from 'preact/hooks';
import { send } from '../../utils/messaging/client';
import type { Contact, MergePick } from '../../utils/model/contact';
import type { ResponseOf } from '../../utils/model/messages';
import { STAGE_LABELS, type Stage } from '../../utils/model/stages';
import { ErrorBanner } from '../../components/ErrorBanner';
import { errorText } from '../../components/lib/hooks';
import { reasonText } from '../../components/lib/format';
import { IconBack } from '../../components/icons';

type Pair = ResponseOf<'contacts.duplicates'>['pairs'][number];

const FIELDS = [
  ['name', 'Name'],
  ['jobTitle', 'Title'],
  ['company', 'Company'],
  ['location', 'Location'],
  ['kind', 'Kind'],
  ['stage', 'Stage'],
] as const;
type PickField = (typeof FIELDS)[number][0];

function shown(c: Contact, f: PickField): string {
  if (f === 'stage') return STAGE_LABELS[c.stage as Stage] ?? c.stage;
  if (f === 'kind') return c.kind === 'lead' ? 'Lead' : 'Prospect';
  return c[f] ?? '';
}

/** The default pick: the first record's value, else the other's; a prospect is never demoted by default. */
export function defaultPick(a: Contact, b: Contact): Required<MergePick> {
  const pick = {} as Required<MergePick>;
  for (const [f] of FIELDS) pick[f] = shown(a, f) || !shown(b, f) ? 'survivor' : 'merged';
  if (a.kind === 'lead' && b.kind === 'prospect') pick.kind = pick.stage = 'merged';
  return pick;
}

/**
 * Records that are possibly one person, side by side: pick per field, merge (every touchpoint, note and history entry
 * kept; the emails, phones, links and tags of both), undo, or say they are not the same.
 * data-testid: duplicates-view, duplicates-back, duplicates-empty, dup-pair, dup-reasons, dup-pick-<field>-a/-b,
 * dup-merge, dup-dismiss, dup-merged, dup-undo, dup-error
 */
export function Duplicates(props: { onBack: () => void; onOpen: (id: string) => void }) {
  const [pairs, setPairs] = useState<Pair[] | undefined>();
  const [picks, setPicks] = useState<Record<string, Required<MergePick>>>({});
  const [error, setError] = useState('');
  const [done, setDone] = useState<{ text: string; undoId?: string; id: string } | undefined>();

  const load = () =>
    send('contacts.duplicates', { limit: 100 }).then(
      (r) => {
        setPairs(r.pairs);
        setPicks(Object.fromEntries(r.pairs.map((p) => [`${p.a.id}|${p.b.id}`, defaultPick(p.a, p.b)])));
      },
      (e) => setError(errorText(e)),
    );
  useEffect(() => void load(), []);

  async function merge(p: Pair) {
    try {
      const pick = picks[`${p.a.id}|${p.b.id}`] ?? defaultPick(p.a, p.b);
      const r = await send('contacts.merge', { survivorId: p.a.id, mergedId: p.b.id, pick });
      setDone({ text: `Merged into ${r.contact.name}: every touchpoint and note kept.`, undoId: r.undoId, id: r.contact.id });
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function undo() {
    if (!done?.undoId) return;
    try {
      const r = await send('contacts.unmerge', { undoId: done.undoId });
      setDone({ text: `Merge undone: ${r.restored.name} and ${r.contact.name} are two records again.`, id: r.contact.id });
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <div class="stack" data-testid="duplicates-view">
      <button type="button" class="link" data-testid="duplicates-back" onClick={props.onBack}>
        <IconBack /> All contacts
      </button>
      <h2>Possible duplicates</h2>
      {error && <ErrorBanner message={error} onDismiss={() => setError('')} testid="dup-error" />}
      {done && (
        <div class="banner row" role="status" data-testid="dup-merged">
          <span class="spacer">{done.text}</span>
          {done.undoId && (
            <button type="button" class="link small" data-testid="dup-undo" onClick={() => void undo()}>
              Undo
            </button>
          )}
          <button type="button" class="link small" onClick={() => props.onOpen(done.id)}>
            Open
          </button>
        </div>
      )}
      {pairs === undefined ? (
        <p class="muted">Looking for records of the same person…</p>
      ) : pairs.length === 0 ? (
        <p class="muted" data-testid="duplicates-empty">
          No possible duplicates: no two records share an email, a profile link, or a name with a company or email domain.
        </p>
      ) : (
        pairs.map((p) => {
          const key = `${p.a.id}|${p.b.id}`;
          const pick = picks[key] ?? defaultPick(p.a, p.b);
          return (
            <section class="card stack" data-testid="dup-pair" aria-label={`${p.a.name} and ${p.b.name}`}>
              <div class="small muted" data-testid="dup-reasons">
                {reasonText(p.reasons)}
              </div>
              <table class="dup-table">
                <tbody>
                  {FIELDS.map(([f, label]) => {
                    const va = shown(p.a, f);
                    const vb = shown(p.b, f);
                    if (!va && !vb) return null;
                    const same = va === vb;
                    return (
                      <tr>
                        <th scope="row">{label}</th>
                        {(['a', 'b'] as const).map((side) => {
                          const v = side === 'a' ? va : vb;
                          const value = side === 'a' ? 'survivor' : 'merged';
                          return (
                            <td>
                              {same || !v ? (
                                v || <span class="muted">—</span>
                              ) : (
                                <label class="row small">
                                  <input
                                    type="radio"
                                    name={`${key}-${f}`}
                                    data-testid={`dup-pick-${f}-${side}`}
                                    checked={pick[f] === value}
                                    onChange={() => setPicks((all) => ({ ...all, [key]: { ...pick, [f]: value, ...(f === 'kind' ? { stage: value } : {}) } }))}
                                  />
                                  {v}
                                </label>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                  <tr>
                    <th scope="row">Emails, links, tags</th>
                    <td colSpan={2} class="small muted">
                      Both kept: {[...new Set([...p.a.emails, ...p.b.emails, ...p.a.links, ...p.b.links, ...p.a.tags, ...p.b.tags])].join(', ') || '—'}
                    </td>
                  </tr>
                </tbody>
              </table>
              <div class="row">
                <button type="button" class="primary" data-testid="dup-merge" onClick={() => void merge(p)}>
                  Merge into one
                </button>
                <button
                  type="button"
                  data-testid="dup-dismiss"
                  onClick={() => void send('contacts.notDuplicate', { a: p.a.id, b: p.b.id }).then(load, (e) => setError(errorText(e)))}
                >
                  Not the same person
                </button>
              </div>
            </section>
          );
        })
      )}
    </div>
  );
}
