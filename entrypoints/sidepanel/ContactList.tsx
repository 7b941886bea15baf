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
import { IconAlert } from '../../components/icons';

type Filter = 'all' | ContactKind;
interface Result {
  items: ContactSummary[];
  total: number;
  query: string;
}
interface Counts {
  lead: number;
  prospect: number;
}

const SEARCH_DEBOUNCE_MS = 60;
/** Rows rendered per page: enough to scan, few enough to render in a frame at any database size. */
const PAGE = 50;
const MAX_ROWS = 500;

/**
 * Contacts with search-as-you-type. One contacts.search per pause in typing; the previous results stay
 * on screen until the new ones arrive and answers to older queries are dropped, so typing never
 * flickers or shows stale rows. The filter counts are of all contacts (cheap; refreshed with the list).
 * data-testid: contact-search, kind-filter-all / -lead / -prospect, contact-count, contact-row (data-id),
 * contacts-more, contacts-empty, contacts-no-match, contacts-error, contacts-loading
 */
export function ContactList(props: { onOpen: (id: string) => void; refreshMs?: number }) {
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [limit, setLimit] = useState(PAGE);
  const [result, setResult] = useState<Result | undefined>();
  const [counts, setCounts] = useState<Counts | undefined>();
  const [error, setError] = useState('');
  /** contacts the CRM refused a change of: marked in the list, with the reason */
  const [refused, setRefused] = useState<ReadonlyMap<string, string>>(new Map());
  const seq = useRef(0);
  const first = useRef(true);

  const load = (q: string, f: Filter, n: number) => {
    const mine = ++seq.current;
    send('contacts.search', { query: q, limit: n, ...(f === 'all' ? {} : { kind: f }) }).then(
      (r) => {
        if (mine !== seq.current) return;
        setResult({ items: r.items, total: r.total, query: q });
        setError('');
      },
      (e) => mine === seq.current && setError(errorText(e)),
    );
  };
  const loadRefused = () =>
    send('sync.status', {}).then(
      (s) => setRefused(new Map((s.refused ?? []).map((r) => [r.contactId, r.error]))),
      () => undefined,
    );
  const loadCounts = () => {
    void loadRefused();
    Promise.all([
      send('contacts.search', { query: '', kind: 'lead', limit: 1 }),
      send('contacts.search', { query: '', kind: 'prospect', limit: 1 }),
    ]).then(
      ([leads, prospects]) => setCounts({ lead: leads.total, prospect: prospects.total }),
      () => undefined,
    );
  };

  useEffect(() => {
    // The first load is immediate; typing waits for a short pause.
    if (first.current) {
      first.current = false;
      load(query, filter, limit);
      loadCounts();
      return;
    }
    const t = setTimeout(() => load(query, filter, limit), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [query, filter, limit]);

  const latest = useRef({ query, filter, limit });
  latest.current = { query, filter, limit };
  // Contacts saved from the popup while the panel is open appear without a reload.
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState !== 'visible') return;
      load(latest.current.query, latest.current.filter, latest.current.limit);
      loadCounts();
    };
    const t = setInterval(refresh, props.refreshMs ?? 5000);
    window.addEventListener('focus', refresh);
    return () => {
      clearInterval(t);
      window.removeEventListener('focus', refresh);
    };
  }, []);

  const filters: [Filter, string, number | undefined][] = [
    ['all', 'All', counts && counts.lead + counts.prospect],
    ['lead', 'Leads', counts?.lead],
    ['prospect', 'Prospects', counts?.prospect],
  ];
  const nothingSaved = counts && counts.lead + counts.prospect === 0 && result && result.items.length === 0;
  const noun = filter === 'all' ? 'contacts' : filter === 'lead' ? 'leads' : 'prospects';

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
        onInput={(e) => {
          setQuery((e.currentTarget as HTMLInputElement).value);
          setLimit(PAGE);
        }}
      />
      <div class="row">
        <div class="segmented" role="group" aria-label="Show">
          {filters.map(([f, label, n]) => (
            <button
              type="button"
              aria-pressed={filter === f}
              data-testid={`kind-filter-${f}`}
              onClick={() => {
                setFilter(f);
                setLimit(PAGE);
              }}
            >
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
          No {noun}
          {result.query ? ` match “${result.query}”` : ' yet'}.
        </p>
      ) : (
        result && (
          <>
            <p class="status" data-testid="contact-count" role="status">
              {result.query
                ? `${result.total} ${result.total === 1 ? 'match' : 'matches'}`
                : `${result.total} ${result.total === 1 ? noun.replace(/s$/, '') : noun}`}
              {result.items.length < result.total && ` · showing ${result.items.length}`}
            </p>
            <ul class="list">
              {result.items.map((c) => (
                <li key={c.id}>
                  <button type="button" class="list-row" data-testid="contact-row" data-id={c.id} onClick={() => props.onOpen(c.id)}>
                    <span class="who">
                      <span class="name">{c.name}</span>
                      <span class="sub">{subtitle(c.jobTitle, c.company) || c.email || '\u00a0'}</span>
                      {refused.has(c.id) && <span class="error-text">CRM refused: {refused.get(c.id)}</span>}
                    </span>
                    <span class="side">
                      <KindChip kind={c.kind} />
                      <span class="small muted">{STAGE_LABELS[c.stage as keyof typeof STAGE_LABELS] ?? c.stage}</span>
                      {refused.has(c.id) && (
                        <span class="chip danger" data-testid="row-sync-refused">
                          <IconAlert />
                          Not synced
                        </span>
                      )}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {result.items.length < result.total && limit < MAX_ROWS && (
              <button type="button" class="link" data-testid="contacts-more" onClick={() => setLimit((n) => Math.min(MAX_ROWS, n + PAGE))}>
                Show more
              </button>
            )}
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
