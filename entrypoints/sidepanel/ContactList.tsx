import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../utils/messaging/client';
import type { ContactKind } from '../../utils/model/contact';
import { STAGE_LABELS } from '../../utils/model/stages';
import type { ContactSummary } from '../../utils/model/messages';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { KindChip } from '../../components/KindChip';
import { subtitle } from '../../components/lib/format';
import { errorText } from '../../components/lib/hooks';

type Filter = 'all' | ContactKind;
interface Result {
  items: ContactSummary[];
  total: number;
  counts: { lead: number; prospect: number };
}

const SEARCH_DEBOUNCE_MS = 120;
const PAGE = 200;

/**
 * Contacts with search-as-you-type. The previous results stay on screen until the new ones arrive
 * and answers to older queries are dropped, so typing never flickers or shows stale rows.
 * data-testid: contact-search, kind-filter-all / -lead / -prospect, contact-count, contact-row (data-id),
 * contacts-empty, contacts-no-match, contacts-error
 */
export function ContactList(props: { onOpen: (id: string) => void; refreshMs?: number }) {
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [result, setResult] = useState<Result | undefined>();
  const [error, setError] = useState('');
  const seq = useRef(0);
  const first = useRef(true);

  const load = (q: string, f: Filter) => {
    const mine = ++seq.current;
    const kind = f === 'all' ? {} : { kind: f };
    Promise.all([
      send('contacts.search', { query: q, limit: PAGE, ...kind }),
      send('contacts.search', { query: q, kind: 'lead', limit: 1 }),
      send('contacts.search', { query: q, kind: 'prospect', limit: 1 }),
    ]).then(
      ([main, leads, prospects]) => {
        if (mine !== seq.current) return;
        setResult({ items: main.items, total: main.total, counts: { lead: leads.total, prospect: prospects.total } });
        setError('');
      },
      (e) => mine === seq.current && setError(errorText(e)),
    );
  };

  useEffect(() => {
    // The first load is immediate; typing waits for a short pause.
    if (first.current) {
      first.current = false;
      load(query, filter);
      return;
    }
    const t = setTimeout(() => load(query, filter), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [query, filter]);

  // Contacts saved from the popup while the panel is open appear without a reload.
  useEffect(() => {
    const refresh = () => document.visibilityState === 'visible' && load(queryRef.current, filterRef.current);
    const t = setInterval(refresh, props.refreshMs ?? 5000);
    window.addEventListener('focus', refresh);
    return () => {
      clearInterval(t);
      window.removeEventListener('focus', refresh);
    };
  }, []);
  const queryRef = useRef(query);
  queryRef.current = query;
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const counts = result?.counts;
  const filters: [Filter, string, number | undefined][] = [
    ['all', 'All', counts && counts.lead + counts.prospect],
    ['lead', 'Leads', counts?.lead],
    ['prospect', 'Prospects', counts?.prospect],
  ];
  const nothingSaved = result && !query && counts && counts.lead + counts.prospect === 0;

  return (
    <div class="stack">
      <label class="field" for="contact-search">
        <span class="sr-only">Search contacts</span>
      </label>
      <input
        id="contact-search"
        type="search"
        data-testid="contact-search"
        placeholder="Search name, company, email, tag…"
        value={query}
        autoFocus
        onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
      />
      <div class="row">
        <div class="segmented" role="group" aria-label="Show">
          {filters.map(([f, label, n]) => (
            <button type="button" aria-pressed={filter === f} data-testid={`kind-filter-${f}`} onClick={() => setFilter(f)}>
              {label}
              {n !== undefined && <span class="muted"> {n}</span>}
            </button>
          ))}
        </div>
      </div>
      {error && <ErrorBanner message={error} testid="contacts-error" />}
      {nothingSaved ? (
        <EmptyState title="No contacts yet" testid="contacts-empty">
          <p>
            Open a profile, an email or a team page and click the Touchpoint button in the toolbar (or press Alt+Shift+T)
            to capture the people on it. Everything you save appears here.
          </p>
        </EmptyState>
      ) : result && result.items.length === 0 ? (
        <p class="muted" data-testid="contacts-no-match" role="status">
          No {filter === 'all' ? 'contacts' : filter === 'lead' ? 'leads' : 'prospects'}
          {query ? ` match “${query}”` : ' yet'}.
        </p>
      ) : (
        result && (
          <>
            <p class="status" data-testid="contact-count" role="status">
              {result.items.length < result.total ? `Showing ${result.items.length} of ${result.total}` : `${result.total} ${result.total === 1 ? 'contact' : 'contacts'}`}
            </p>
            <ul class="list">
              {result.items.map((c) => (
                <li key={c.id}>
                  <button type="button" class="list-row" data-testid="contact-row" data-id={c.id} onClick={() => props.onOpen(c.id)}>
                    <span class="who">
                      <span class="name">{c.name}</span>
                      <span class="sub" style={{ display: 'block' }}>
                        {subtitle(c.jobTitle, c.company) || c.email || '\u00a0'}
                      </span>
                    </span>
                    <span class="stack" style={{ textAlign: 'right' }}>
                      <KindChip kind={c.kind} />
                      <span class="small muted" style={{ display: 'block' }}>
                        {STAGE_LABELS[c.stage as keyof typeof STAGE_LABELS] ?? c.stage}
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )
      )}
      {!result && !error && (
        <p class="muted" role="status" data-testid="contacts-loading">
          Loading contacts…
        </p>
      )}
    </div>
  );
}
