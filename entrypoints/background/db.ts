import { openTouchpointDB, type TouchpointDatabase } from '../../utils/store';

/**
 * One connection per service-worker life, opened on first use. A failed open is not cached (the next
 * message retries); a connection closed for a newer version is dropped so the next use reopens.
 */
let opening: Promise<TouchpointDatabase> | undefined;

export function getDb(): Promise<TouchpointDatabase> {
  if (!opening) {
    opening = openTouchpointDB({ onVersionChange: () => (opening = undefined) });
    opening.catch(() => (opening = undefined));
  }
  return opening;
}

/** For tests: forget the cached connection (each test gets a fresh fake IndexedDB). */
export function resetDbForTests(): void {
  opening = undefined;
}
