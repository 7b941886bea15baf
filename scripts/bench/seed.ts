/** Seeding the extension's database through its own store code, from an extension page (same origin, same IndexedDB). */
import type { BenchPerson } from './people';
import type { StoreApi } from './store-bundle';

/** people per page.evaluate call: big enough to keep the browser busy, small enough to report progress */
export const SEED_CHUNK = 2_000;

/**
 * Write people through saveCapturedPerson (one transaction each, with its touchpoint and outbox entries), 16 in flight.
 * Runs in the page, where the store bundle has been evaluated. Returns how many contacts were created.
 */
export async function seedInPage(args: { people: BenchPerson[]; offset: number; global: string }): Promise<number> {
  const g = globalThis as unknown as Record<string, unknown>;
  const store = g[args.global] as StoreApi;
  g.__benchDb ??= await store.openTouchpointDB();
  const db = g.__benchDb;
  let next = 0;
  let created = 0;
  const worker = async () => {
    while (next < args.people.length) {
      const i = next++;
      const p = args.people[i]!;
      const n = args.offset + i;
      const r = await store.saveCapturedPerson(db, {
        person: { ...p, role: 'profile', sources: { name: 'bench', jobTitle: 'bench', company: 'bench', emails: 'bench', links: 'bench' } },
        kind: n % 3 === 0 ? 'lead' : 'prospect',
        page: { url: p.links[0]!, site: 'linkedin' },
      });
      if (r.created) created++;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return created;
}
